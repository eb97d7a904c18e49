// What a pod's node agent holds true: after every new start of the sandbox, its firewall, then the init
// containers again in order, then the app containers (see tools/agent). The startup firewall goes to the
// sandbox before anything runs in it; the pod entry once the provider has brought the pod up.
import type { ContainerStatus, PodSpec } from "../../core/types";
import type { PodEntry } from "../agent/contract";
import { createHash, randomBytes } from "crypto";
import { awaitLoaded } from "../agent/await-loaded";
import { agentPollMs, agentName, agentReport, entryKey, hasAgent, holdTrue, letGo } from "../agent/desired-state";
import { messageOf } from "../docker/errors";
import { log } from "../log";
import { waitFor } from "../ready/wait";
import * as containers from "../docker/containers";
import type { PodIdentity } from "../labels";
import { appContainerName, sandboxName } from "../names";
import { identityOf } from "./sandbox-config";
import { applyFirewallRules } from "../pod-firewall/apply";
import { renderFirewall } from "../rules/policy-rules";
import { dockerRestartPolicy } from "./container-config";

/** The agent answers a tombstone within milliseconds; this only bounds the wait on one that is down. */
const WITHDRAW_TIMEOUT_MS = 10_000;

/**
 * Pure: the agent's entry for a pod whose containers the provider brought up in the sandbox start
 * `syncedStart`. Its address, labels and named ports let the agent's services select it by label.
 */
export function podEntry(
  spec: PodSpec,
  sandboxId: string,
  containerIds: Record<string, string>,
  syncedStart: string,
  podIP: string,
): PodEntry {
  const id = identityOf(spec);
  const declared = spec.containers.flatMap((c) => c.ports ?? []);
  const namedPorts = Object.fromEntries(declared.flatMap((p) => (p.name ? [[p.name, p.containerPort]] : [])));
  const ports = declared.map((p) => ({
    ...(p.name ? { name: p.name } : {}),
    containerPort: p.containerPort,
    protocol: p.protocol ?? "TCP",
  }));
  const labels = spec.labels ?? {};
  return {
    version: 1,
    kind: "pod",
    namespace: spec.namespace,
    name: spec.name,
    sandbox: sandboxId,
    // An init container's last attempt keeps its name (init-containers.ts), and Docker resolves names.
    initContainers: (spec.initContainers ?? []).map((c) => appContainerName(id, c.name)),
    containers: spec.containers.map((c) => ({
      name: c.name,
      id: containerIds[c.name],
      restartPolicy: spec.restartPolicy,
    })),
    syncedStart,
    ip: podIP,
    labels,
    ...(Object.keys(namedPorts).length > 0 ? { namedPorts } : {}),
    ...(ports.length > 0 ? { ports } : {}),
    ...(enforcesPolicies(spec) ? { policyRevision: policyRevisionOf(podIP, labels, ports) } : {}),
  };
}

/**
 * Whether the network's node agent renders the pod's firewall: on one engine, where it knows every pod.
 * A cluster node's agent knows only its node's pods, so there the SDK's PodFirewall resources do it.
 */
export function enforcesPolicies(spec: Pick<PodSpec, "clusterLayout">): boolean {
  return !spec.clusterLayout;
}

/** Names what the pod's firewalls depend on of the pod itself: its address, labels and ports. */
function policyRevisionOf(ip: string, labels: Record<string, string>, ports: PodEntry["ports"]): string {
  return createHash("sha256")
    .update(JSON.stringify([ip, Object.entries(labels).sort(), ports]))
    .digest("hex")
    .slice(0, 16);
}

/** Hands the pod to the agent as it runs now. */
export async function handPodToAgent(
  spec: PodSpec,
  sandboxId: string,
  containerIds: Record<string, string>,
  podIP: string,
): Promise<void> {
  const sandbox = await containers.inspectContainer(sandboxId);
  if (!sandbox) return;
  await holdTrue(
    spec.network,
    podKey(identityOf(spec)),
    podEntry(spec, sandboxId, containerIds, sandbox.State.StartedAt, podIP),
  );
}

/**
 * The pod's firewall, before anything runs in its sandbox. Where the agent enforces policies, the pod's
 * entry (with no containers yet) goes to it, and it renders the firewall from every policy and pod of the
 * network; the provider waits for it. Elsewhere (a cluster), the startup firewall, if a policy isolates
 * the pod; the agent holds it until the pod's PodFirewall comes.
 */
export async function firewallFirst(spec: PodSpec, sandboxId: string, podIP: string): Promise<void> {
  const id = identityOf(spec);
  if (enforcesPolicies(spec) && (await hasAgent(spec.network))) {
    const sandbox = await containers.inspectContainer(sandboxId);
    if (!sandbox) throw new Error(`the pod's sandbox ${sandboxId.slice(0, 12)} is gone`);
    const start = sandbox.State.StartedAt;
    const entry = { ...podEntry(spec, sandboxId, {}, start, podIP), initContainers: [], containers: [] };
    await holdTrue(spec.network, podKey(id), entry);
    await awaitLoaded(spec.network, policyFirewallKey(id), entry.policyRevision ?? "", start, "the pod's firewall");
    return;
  }
  if (!spec.startupFirewall?.ingress) return;
  await applyFirewallRules({ ...id, sandboxId, key: firewallKey(id) }, renderFirewall(spec.startupFirewall));
}

/**
 * First in a delete: the agent must not start what is being stopped, nor hold rules for a pod that is
 * gone, and it takes the pod out of every service, in the routers and in the client pods. True once it
 * reports that done; false where the network has no agent, or it did not answer in time (it still will).
 */
export async function takePodFromAgent(id: PodIdentity): Promise<boolean> {
  if (!(await hasAgent(id.network))) return false;
  const token = randomBytes(8).toString("hex");
  await letGo(id.network, podKey(id), token);
  await letGo(id.network, firewallKey(id));
  try {
    await waitFor(
      () => agentReport(id.network, podKey(id)),
      (report) => [
        report?.withdrawn === token
          ? { ok: true }
          : { ok: false, reason: `${agentName(id.network)} has not taken the pod out of its services yet` },
      ],
      { what: `pod ${id.namespace}/${id.pod}`, deadline: Date.now() + WITHDRAW_TIMEOUT_MS, pollMs: agentPollMs },
    );
    return true;
  } catch (err) {
    log.warn(`${messageOf(err)}; the provider takes it out of the routers itself`);
    return false;
  }
}

/** The same entry as the pod's PodFirewall writes: that one replaces this one. */
export function firewallKey(id: Pick<PodIdentity, "network" | "namespace" | "pod">): string {
  return entryKey("firewall", sandboxName(id));
}

function podKey(id: PodIdentity): string {
  return entryKey("pod", sandboxName(id));
}

/** After a failed create: the agent lets go of the entry that firewallFirst gave it. */
export async function forgetFailedPod(spec: PodSpec): Promise<void> {
  if (enforcesPolicies(spec)) await letGo(spec.network, podKey(identityOf(spec)));
}

/** Where the agent reports the firewall it renders for the pod. */
function policyFirewallKey(id: PodIdentity): string {
  return entryKey("policy-firewall", sandboxName(id));
}

/**
 * Docker's restart policy for the pod's app containers: none where the network's agent restarts them (it
 * starts them after the sandbox and its firewall, which Docker's parallel start on a daemon restart does
 * not), else the pod's restartPolicy in Docker's words.
 */
export async function restartPolicyOf(spec: PodSpec): Promise<{ Name: string }> {
  return (await hasAgent(spec.network)) ? { Name: "no" } : dockerRestartPolicy(spec.restartPolicy);
}

/** What the agent last reported of the pod: its restarts, which restartCount adds, and its last failure. */
export async function agentView(
  id: PodIdentity,
  statuses: ContainerStatus[],
): Promise<{ statuses: ContainerStatus[]; error?: string }> {
  const report = await agentReport(id.network, podKey(id));
  const restarts = report?.restarts ?? {};
  return {
    statuses: statuses.map((s) => (restarts[s.name] ? { ...s, restartCount: s.restartCount + restarts[s.name] } : s)),
    error: report?.error,
  };
}
