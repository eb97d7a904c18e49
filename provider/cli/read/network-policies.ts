// NetworkPolicies as the engine holds them: on one engine, each policy is a NetPol entry in its network's
// node agent state, and the agent's status of it says whether its revision is in force. A cluster
// network's agents hold none (each pod's PodFirewall enforces the policies there), so such a network is
// reported as such rather than listed as having no policies.
import type { NetPolEntry } from "../../agent/contract";
import { AgentState, readAgentStates } from "./agent-state";
import type { NetworkPolicyView } from "./model";

export interface NetworkPoliciesRead {
  policies: NetworkPolicyView[];
  /** Networks whose agents run on a cluster's nodes: their policies are not on the engine. */
  clusterNetworks: string[];
  /** Networks whose agent could hold policies (one engine), whether or not it holds any. */
  agentNetworks: string[];
}

/** The policies of every network that has a node agent on the current engine, or of `network` only. */
export async function readNetworkPolicies(network?: string): Promise<NetworkPoliciesRead> {
  const states = await readAgentStates(network);
  const read: NetworkPoliciesRead = { policies: [], clusterNetworks: [], agentNetworks: [] };
  for (const [net, state] of states) {
    if (onCluster(state)) read.clusterNetworks.push(net);
    else {
      read.agentNetworks.push(net);
      read.policies.push(...policiesOf(net, state));
    }
  }
  return read;
}

/** Pure: whether the agent is one node's agent of a cluster network (its desired state says which node). */
export function onCluster(state: AgentState): boolean {
  return [...state.desired.values()].some((e) => "kind" in e && e.kind === "cluster");
}

/** Pure: the network's policies from its agent's NetPol entries and their reports, by namespace and name. */
export function policiesOf(network: string, state: AgentState): NetworkPolicyView[] {
  const policies: NetworkPolicyView[] = [];
  for (const [key, entry] of state.desired) {
    if (!("kind" in entry) || entry.kind !== "netpol") continue;
    const np: NetPolEntry = entry;
    const report = state.reports.get(key);
    // A failure of an earlier revision says nothing of this one: the agent reports each revision anew.
    const error = report?.error && report.failedRevision === np.revision ? report.error : undefined;
    policies.push({
      network,
      namespace: np.namespace,
      name: np.name,
      podSelector: np.podSelector,
      policyTypes: np.policyTypes,
      ingress: np.ingress,
      egress: np.egress,
      revision: np.revision,
      ...(np.created ? { created: np.created } : {}),
      ...(error ? { error } : {}),
    });
  }
  return policies.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}
