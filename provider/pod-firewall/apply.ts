// Applies a pod's firewall inside the pod's own network namespace, with a short-lived helper container
// that joins the sandbox's namespace with NET_ADMIN, runs iptables-restore and goes. Neither the sandbox
// nor the app containers ever hold NET_ADMIN, so no process of the pod can change its rules.
import * as containers from "../docker/containers";
import { LABEL } from "../labels";
import { NETUTIL_IMAGE } from "../docker/netutil";
import { withTimeout } from "../ready/timeout";

/** iptables-restore of a pod's rules takes well under a second; a minute only catches a hung helper. */
const APPLY_TIMEOUT_MS = 60_000;

export async function applyFirewallRules(sandboxId: string, labels: Record<string, string>, rules: string): Promise<void> {
  const id = await containers.createContainer({
    Image: NETUTIL_IMAGE,
    // The rules arrive in an environment variable: the shell only pipes it, it never parses it.
    Entrypoint: ["sh", "-c", 'printf "%s" "$PODLING_RULES" | iptables-restore'],
    Env: [`PODLING_RULES=${rules}`],
    Labels: { ...labels, [LABEL.role]: "firewall" },
    HostConfig: { NetworkMode: `container:${sandboxId}`, CapAdd: ["NET_ADMIN"] },
  });
  try {
    await containers.startContainer(id, "firewall helper");
    const exitCode = await withTimeout(containers.waitContainer(id), APPLY_TIMEOUT_MS, () => new Error(`iptables-restore did not finish within ${APPLY_TIMEOUT_MS} ms`));
    if (exitCode !== 0) throw new Error(`iptables-restore failed (exit ${exitCode}): ${await containers.logTail(id)}`);
  } finally {
    await containers.removeContainer(id);
  }
}
