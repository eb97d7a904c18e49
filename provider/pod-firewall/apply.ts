// Loads a pod's firewall into the pod's own network namespace. Where the network has a node agent, the
// agent does it (it already holds the rules for every later start of the sandbox): the provider writes
// the rules to it and waits for its report. Elsewhere (a cluster's overlay), a short-lived helper
// container joins the sandbox's namespace with NET_ADMIN, runs iptables-restore and goes. Neither the
// sandbox nor the app containers ever hold NET_ADMIN, so no process of the pod can change its rules.
import { createHash } from "crypto";
import * as containers from "../docker/containers";
import { LABEL, networkLabels } from "../labels";
import { NETUTIL_IMAGE, restoreRules } from "../docker/netutil";
import { withTimeout } from "../ready/timeout";
import { agentOf, writeEntry } from "../agent/desired-state";
import type { FirewallEntry } from "../agent/contract";
import { awaitLoaded, LOAD_TIMEOUT_MS } from "../agent/await-loaded";
import type { Owner } from "../../core/owner";

export interface FirewallTarget {
  network: string;
  namespace: string;
  pod: string;
  sandboxId: string;
  owner?: Owner;
  /** The agent's entry for the pod's firewall. */
  key: string;
}

/** Loads `rules` (iptables-restore text) into the sandbox; returns the sandbox start they are in. */
export async function applyFirewallRules(target: FirewallTarget, rules: string): Promise<string | undefined> {
  const [sandbox, agent] = await Promise.all([containers.inspectContainer(target.sandboxId), agentOf(target.network)]);
  if (!sandbox) throw new Error(`the pod's sandbox ${target.sandboxId.slice(0, 12)} is gone`);
  if (agent) await throughAgent(agent, target, rules, sandbox.State.StartedAt);
  else await throughHelper(target, rules);
  return sandbox.State.StartedAt;
}

/** Pure: the agent's entry for the rules; the revision is a hash of them. */
export function firewallEntry(target: FirewallTarget, rules: string): FirewallEntry {
  return {
    version: 1,
    kind: "firewall",
    namespace: target.namespace,
    name: target.pod,
    sandbox: target.sandboxId,
    rules,
    revision: createHash("sha256").update(rules).digest("hex").slice(0, 16),
  };
}

async function throughAgent(agent: string, target: FirewallTarget, rules: string, startedAt: string): Promise<void> {
  const entry = firewallEntry(target, rules);
  await writeEntry(agent, target.key, entry);
  await awaitLoaded(target.network, target.key, entry.revision, startedAt, "the pod's firewall");
}

async function throughHelper(target: FirewallTarget, rules: string): Promise<void> {
  // Not the pod's labels: the short-lived helper is the firewall's, and no part of the pod.
  const labels = { ...networkLabels(target.network, target.owner), [LABEL.namespace]: target.namespace };
  const id = await containers.createContainer({
    Image: NETUTIL_IMAGE,
    // The helper only waits; the rules go to iptables-restore on stdin, which has no size limit (an
    // environment variable stops at 128 KiB, about 1,000 peers).
    Entrypoint: ["sleep", "infinity"],
    Labels: { ...labels, [LABEL.role]: "firewall" },
    HostConfig: { NetworkMode: `container:${target.sandboxId}`, CapAdd: ["NET_ADMIN"] },
  });
  try {
    await containers.startContainer(id, "firewall helper");
    await withTimeout(
      restoreRules(id, rules, true).then(() => forgetUdpFlows(id)),
      LOAD_TIMEOUT_MS,
      () => new Error(`iptables-restore did not finish within ${LOAD_TIMEOUT_MS} ms`),
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
  // conntrack exits 1 when there was nothing to delete, and when a flow it listed ended before it could
  // delete it; either way nothing is left to forget (the agent's Go side reads the same two messages)
  if (result.exitCode !== 0 && !/0 flow entries|such conntrack doesn't exist/.test(result.stderr))
    throw new Error(`conntrack -D failed: ${result.stderr.trim()}`);
}
