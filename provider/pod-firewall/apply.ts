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
      restoreRules(id, rules, true),
      APPLY_TIMEOUT_MS,
      () => new Error(`iptables-restore did not finish within ${APPLY_TIMEOUT_MS} ms`),
    );
  } finally {
    await containers.removeContainer(id);
  }
}
