// Which NetworkPolicies could select a pod with given labels, as their podSelector or as a peer: the
// policies that a Deployment's pods would need firewalls for. Pure.
import type { LabelMap, NetworkPolicyPeer } from "./types";
import { namespaceLabels, PolicyView } from "./policy";
import { matchesSelector } from "./selector";

export interface TemplatePods {
  namespace: string;
  labels: LabelMap;
}

/** "namespace/name" of every policy that selects such pods, in the order given. */
export function policiesSelecting(
  pods: TemplatePods,
  policies: readonly PolicyView[],
  namespaces: Record<string, LabelMap>,
): string[] {
  const world = { pods: [], policies: [...policies], namespaces };
  const asPeer = (peer: NetworkPolicyPeer, policy: PolicyView) =>
    !peer.ipBlock &&
    (peer.namespaceSelector
      ? matchesSelector(peer.namespaceSelector, namespaceLabels(world, pods.namespace))
      : pods.namespace === policy.namespace) &&
    matchesSelector(peer.podSelector, pods.labels);
  return policies
    .filter(
      (policy) =>
        (policy.namespace === pods.namespace && matchesSelector(policy.podSelector, pods.labels)) ||
        policy.ingress.some((rule) => (rule.from ?? []).some((peer) => asPeer(peer, policy))) ||
        policy.egress.some((rule) => (rule.to ?? []).some((peer) => asPeer(peer, policy))),
    )
    .map((p) => `${p.namespace}/${p.name}`);
}
