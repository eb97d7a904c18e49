// The image that carries the network tools (iptables, dnsmasq) for service routers and cluster DNS,
// and file access inside such containers without a shell: `tee` and `cat` take the path as an argument.
import { execIn } from "./containers";

export const NETUTIL_IMAGE = process.env.PODLING_NETUTIL_IMAGE ?? "podling/netutil:1";

export async function writeFileIn(container: string, path: string, content: string): Promise<void> {
  const result = await execIn(container, ["tee", path], { stdin: content });
  if (result.exitCode !== 0) throw new Error(`cannot write ${path} in ${container}: ${result.stderr.trim()}`);
}

export async function readFileIn(container: string, path: string): Promise<string | undefined> {
  const result = await execIn(container, ["cat", path]);
  return result.exitCode === 0 ? result.stdout : undefined;
}

/**
 * Runs iptables-restore with `rules` on stdin; the error carries iptables' own message. By default only
 * the chains the rules declare are replaced (--noflush); `replaceTables` replaces the named tables whole.
 */
export async function restoreRules(container: string, rules: string, replaceTables = false): Promise<void> {
  const result = await execIn(container, replaceTables ? ["iptables-restore"] : ["iptables-restore", "--noflush"], {
    stdin: rules,
  });
  if (result.exitCode !== 0)
    throw new Error(`iptables-restore failed in ${container}: ${result.stderr.trim()}\n${rules}`);
}
