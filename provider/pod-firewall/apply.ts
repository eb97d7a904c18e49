// Applies a pod's firewall inside the pod's own network namespace, with a short-lived helper container
// that joins the sandbox's namespace with NET_ADMIN, runs iptables-restore and goes. Neither the sandbox
// nor the app containers ever hold NET_ADMIN, so no process of the pod can change its rules.
import * as containers from "../docker/containers";
import { LABEL } from "../labels";
import { NETUTIL_IMAGE, restoreRules } from "../docker/netutil";
import { withTimeout } from "../ready/timeout";

/** iptables-restore of a pod's rules takes well under a second; a minute only catches a hung helper. */
const APPLY_TIMEOUT_MS = 60_000;

export async function applyFirewallRules(
  sandboxId: string,
  labels: Record<string, string>,
  rules: string,
): Promise<void> {
  const id = await containers.createContainer({
    Image: NETUTIL_IMAGE,
    // The helper only waits; the rules go to iptables-restore on stdin, which has no size limit (an
    // environment variable stops at 128 KiB, about 1,000 peers).
    Entrypoint: ["sleep", "infinity"],
    Labels: { ...labels, [LABEL.role]: "firewall" },
    HostConfig: { NetworkMode: `container:${sandboxId}`, CapAdd: ["NET_ADMIN"] },
  });
  try {
    await containers.startContainer(id, "firewall helper");
    await withTimeout(
      restoreRules(id, rules, true).then(() => forgetUdpFlows(id)),
      APPLY_TIMEOUT_MS,
      () => new Error(`iptables-restore did not finish within ${APPLY_TIMEOUT_MS} ms`),
    );
  } finally {
    await containers.removeContainer(id);
  }
}

/**
 * Drops the pod's tracked UDP flows, so the next datagram of each is checked against the new rules: a UDP
 * flow has no end, and without this one that the old rules allowed stays allowed for as long as it keeps
 * talking (and for 30 s after, so a new socket that reuses its port would pass too). TCP connections that
 * were allowed keep going, as with most Kubernetes network plugins.
 */
async function forgetUdpFlows(helper: string): Promise<void> {
  const result = await containers.execIn(helper, ["conntrack", "-D", "-p", "udp"]);
  // conntrack exits 1 when there was nothing to delete, and says so on stderr
  if (result.exitCode !== 0 && !/0 flow entries/.test(result.stderr))
    throw new Error(`conntrack -D failed: ${result.stderr.trim()}`);
}
