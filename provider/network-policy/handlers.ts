// NetworkPolicy. On one engine the network's node agent enforces it: the policy goes to the agent as a
// NetPol entry, and the agent renders every pod's firewall from all of them and from the pods it holds
// (Deployments' too). create, update and delete return once the agent reports the change in force. On a
// cluster, whose agents each know only their node's pods, the SDK's PodFirewall resources enforce it,
// and the policy holds declarations only.
import { createHash, randomBytes } from "crypto";
import type { NetworkPolicySpec } from "../../core/types";
import { CONTRACT_VERSION, EVERY_POD, NetPolEntry } from "../agent/contract";
import { awaitLoaded, LOAD_TIMEOUT_MS } from "../agent/await-loaded";
import { agentPollMs, agentName, agentReport, entryKey, hasAgent, holdTrue, letGo } from "../agent/desired-state";
import { inspectNetwork } from "../docker/networks";
import { diffByTable } from "../diff/field-table";
import { pick, ResourceHandlers } from "../handler";
import { waitFor } from "../ready/wait";
import { messageOf } from "../docker/errors";
import { log } from "../log";
import { checkNetworkPolicy } from "./check";
import { NETWORK_POLICY_INPUTS, NETWORK_POLICY_RULES } from "./diff-table";

type Enforced = NetworkPolicySpec & {
  enforcement?: "node-agent" | "pod-firewalls";
  namespaceLabels?: Record<string, Record<string, string>>;
  /** When the policy was created (an output, kept by updates): `podling get networkpolicies` shows its age. */
  createdAt?: string;
};

/** Pure: the agent's entry for the policy; its revision is a hash of the rest. */
export function netPolEntry(spec: Enforced): NetPolEntry {
  const body = {
    namespace: spec.namespace,
    name: spec.name,
    podSelector: spec.podSelector,
    policyTypes: spec.policyTypes,
    ingress: spec.ingress ?? [],
    egress: spec.egress ?? [],
    namespaces: spec.namespaceLabels ?? {},
  };
  const revision = createHash("sha256").update(JSON.stringify(body)).digest("hex").slice(0, 16);
  return {
    version: CONTRACT_VERSION,
    kind: "netpol",
    ...body,
    revision,
    ...(spec.createdAt ? { created: spec.createdAt } : {}),
  };
}

function keyOf(spec: Enforced): string {
  return entryKey("netpol", `${spec.network}_${spec.namespace}_${spec.name}`);
}

/** Hands the policy to the agent and waits until every pod's firewall has it. */
async function enforce(spec: Enforced): Promise<void> {
  if (spec.enforcement !== "node-agent") return;
  if ((await inspectNetwork(spec.network))?.Driver === "overlay")
    throw new Error(
      `network ${spec.network} spans a cluster, whose node agents do not enforce policies: declare the PodNetwork with its cluster in this program, so that the SDK gives its pods firewalls`,
    );
  if (!(await hasAgent(spec.network)))
    throw new Error(
      `network ${spec.network} has no node agent (${agentName(spec.network)}) to enforce the policy: run pulumi up again, which starts it with the network`,
    );
  const entry = netPolEntry(spec);
  await holdTrue(spec.network, keyOf(spec), entry);
  await awaitLoaded(
    spec.network,
    keyOf(spec),
    entry.revision,
    EVERY_POD,
    `NetworkPolicy ${spec.namespace}/${spec.name}`,
  );
}

/**
 * Takes the policy from the agent, and waits until no firewall has it. An agent that does not answer in
 * time still holds the tombstone and carries it out when it runs again: the delete is logged, not failed.
 */
async function withdraw(spec: Enforced): Promise<void> {
  if (spec.enforcement !== "node-agent" || !(await hasAgent(spec.network))) return;
  const key = keyOf(spec);
  const token = randomBytes(8).toString("hex");
  await letGo(spec.network, key, token);
  const answered = waitFor(
    () => agentReport(spec.network, key),
    (report) => [
      report?.withdrawn === token
        ? { ok: true }
        : { ok: false, reason: `${agentName(spec.network)} has not taken the policy out of the firewalls yet` },
    ],
    {
      what: `NetworkPolicy ${spec.namespace}/${spec.name}`,
      deadline: Date.now() + LOAD_TIMEOUT_MS,
      pollMs: agentPollMs,
    },
  );
  await answered.catch((err) =>
    log.warn(`${messageOf(err)}; it takes the policy out of the firewalls once it runs again`),
  );
}

export const networkPolicyHandlers: ResourceHandlers = {
  check: async (_olds, news) => checkNetworkPolicy(news),

  async diff(_id, olds, news) {
    const result = diffByTable(olds, news, NETWORK_POLICY_INPUTS, NETWORK_POLICY_RULES);
    return { changes: result.changes, replaces: result.replaces };
  },

  async create(news) {
    const spec = { ...pick(news, NETWORK_POLICY_INPUTS), createdAt: new Date().toISOString() } as unknown as Enforced;
    await enforce(spec);
    return { id: `${spec.network}/${spec.namespace}/${spec.name}`, outs: spec };
  },

  async read(id, props) {
    return { id, props };
  },

  async update(_id, olds, news) {
    const createdAt = (olds.createdAt as string | undefined) ?? new Date().toISOString();
    const spec = { ...pick(news, NETWORK_POLICY_INPUTS), createdAt } as unknown as Enforced;
    await enforce(spec);
    return { outs: spec };
  },

  async delete(_id, props) {
    await withdraw(props as unknown as Enforced);
  },
};
