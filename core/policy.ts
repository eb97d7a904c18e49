// Kubernetes NetworkPolicy semantics, computed per pod into allow lists. Pure.
//  - A pod is isolated for a direction once any policy of its namespace with that policy type selects it;
//    it then allows the union of the matching rules.
//  - In a peer, podSelector and namespaceSelector together mean AND; peers in a list mean OR.
//  - A named port means the port of that name on the destination pod.
import type {
  FirewallAllow,
  FirewallRules,
  ServiceFilter,
  IPBlock,
  LabelMap,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicySpec,
  Protocol,
} from "./types";
import { matchesSelector } from "./selector";

export interface PodView {
  namespace: string;
  name: string;
  ip: string;
  labels: LabelMap;
  ports: Array<{ name?: string; containerPort: number; protocol: Protocol }>;
}

export interface PolicyWorld {
  pods: PodView[];
  /** Namespace labels, the implicit kubernetes.io/metadata.name included. */
  namespaces: Record<string, LabelMap>;
  policies: PolicyView[];
  /** Service routers: traffic through a ClusterIP arrives from the router, which enforces policies itself. */
  routers?: Array<{ ip: string; endpoints: string[] }>;
}

/** What semantics need of a policy: everything but the network it belongs to. */
export type PolicyView = Omit<NetworkPolicySpec, "network">;

export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

export function namespaceLabels(world: PolicyWorld, namespace: string): LabelMap {
  return { ...(world.namespaces[namespace] ?? {}), [NAMESPACE_NAME_LABEL]: namespace };
}

/**
 * The pod's own firewall. Service routers are let through: each checks the real client against the
 * backend's ingress and the client's egress (see serviceFilterFor).
 */
export function firewallFor(pod: PodView, world: PolicyWorld): FirewallRules {
  const rules = policyRulesFor(pod, world);
  const id = `${pod.namespace}/${pod.name}`;
  const routers = world.routers ?? [];
  const viaRouter = (ip: string): FirewallAllow => ({ policy: "service router", peer: { cidr: `${ip}/32` } });
  if (rules.ingress) rules.ingress.push(...routers.filter((r) => r.endpoints.includes(id)).map((r) => viaRouter(r.ip)));
  if (rules.egress) rules.egress.push(...routers.map((r) => viaRouter(r.ip)));
  return rules;
}

/**
 * The pod's ingress rules that need no other pod's address (ipBlock peers, any peer), for the moment its
 * sandbox starts: a subset of what firewallFor allows later, so a pod that a policy isolates is never open
 * while it waits for the rest. Egress stays open until then: an init container that must reach a peer
 * pod would otherwise never finish, and the pod's full rules wait on it.
 */
export function startupFirewallFor(
  pod: Omit<PodView, "ip">,
  world: Omit<PolicyWorld, "pods" | "routers">,
): FirewallRules {
  const { ingress } = policyRulesFor({ ...pod, ip: "" }, { ...world, pods: [] });
  return ingress ? { ingress } : {};
}

export function serviceFilterFor(endpoints: string[], world: PolicyWorld): ServiceFilter {
  const plain: PolicyWorld = { ...world, routers: [] };
  const backends = world.pods.filter((p) => endpoints.includes(`${p.namespace}/${p.name}`));
  return {
    backends: backends.flatMap((p) => {
      const ingress = policyRulesFor(p, plain).ingress;
      return ingress ? [{ ip: p.ip, ingress }] : [];
    }),
    clients: world.pods.flatMap((p) => {
      const egress = policyRulesFor(p, plain).egress;
      return egress ? [{ ip: p.ip, egress }] : [];
    }),
  };
}

function policyRulesFor(pod: PodView, world: PolicyWorld): FirewallRules {
  const selecting = world.policies.filter(
    (p) => p.namespace === pod.namespace && matchesSelector(p.podSelector, pod.labels),
  );
  const ingress = selecting.filter((p) => p.policyTypes.includes("Ingress"));
  const egress = selecting.filter((p) => p.policyTypes.includes("Egress"));
  const rules: FirewallRules = {};
  if (ingress.length > 0) {
    rules.ingress = ingress.flatMap((policy) =>
      policy.ingress.flatMap((rule) => {
        const ports = resolvePorts(rule.ports, pod);
        if (ports?.length === 0) return []; // only named ports this pod lacks: allows nothing
        return peersOf(rule.from, policy, world).map((peer) => allow(policy, peer, ports));
      }),
    );
  }
  if (egress.length > 0) {
    rules.egress = egress.flatMap((policy) =>
      policy.egress.flatMap((rule) => egressAllows(rule.to, rule.ports, policy, world)),
    );
  }
  return rules;
}

function allow(policy: PolicyView, peer: IPBlock | undefined, ports: FirewallAllow["ports"]): FirewallAllow {
  const entry: FirewallAllow = { policy: `${policy.namespace}/${policy.name}` };
  if (peer) entry.peer = peer;
  if (ports) entry.ports = ports;
  return entry;
}

/** Every peer as an address block; [undefined] means any address. */
function peersOf(
  peers: NetworkPolicyPeer[] | undefined,
  policy: PolicyView,
  world: PolicyWorld,
): Array<IPBlock | undefined> {
  if (!peers || peers.length === 0) return [undefined];
  return peers.flatMap((peer) =>
    peer.ipBlock ? [peer.ipBlock] : podsOf(peer, policy, world).map((p) => ({ cidr: `${p.ip}/32` })),
  );
}

function podsOf(peer: NetworkPolicyPeer, policy: PolicyView, world: PolicyWorld): PodView[] {
  return world.pods.filter((p) => {
    const inNamespace = peer.namespaceSelector
      ? matchesSelector(peer.namespaceSelector, namespaceLabels(world, p.namespace))
      : p.namespace === policy.namespace;
    return inNamespace && matchesSelector(peer.podSelector, p.labels);
  });
}

/** Ports of a rule resolved against the destination pod; undefined means every port. */
function resolvePorts(
  ports: NetworkPolicyPort[] | undefined,
  destination: PodView | undefined,
): FirewallAllow["ports"] {
  if (!ports || ports.length === 0) return undefined;
  return ports.flatMap((p) => {
    if (p.port === undefined) return [{ protocol: p.protocol }];
    if (typeof p.port === "number")
      return [
        p.endPort !== undefined
          ? { protocol: p.protocol, port: p.port, endPort: p.endPort }
          : { protocol: p.protocol, port: p.port },
      ];
    const named = destination?.ports.find((c) => c.name === p.port && c.protocol === p.protocol);
    return named ? [{ protocol: p.protocol, port: named.containerPort }] : [];
  });
}

// Named ports in egress depend on each destination pod, so those destinations are listed one by one.
function egressAllows(
  to: NetworkPolicyPeer[] | undefined,
  ports: NetworkPolicyPort[] | undefined,
  policy: PolicyView,
  world: PolicyWorld,
): FirewallAllow[] {
  const named = (ports ?? []).filter((p) => typeof p.port === "string");
  const plain = (ports ?? []).filter((p) => typeof p.port !== "string");
  const out: FirewallAllow[] = [];
  if (!ports || ports.length === 0 || plain.length > 0) {
    const resolved = resolvePorts(plain.length > 0 ? plain : undefined, undefined);
    out.push(...peersOf(to, policy, world).map((peer) => allow(policy, peer, resolved)));
  }
  if (named.length > 0) {
    const destinations =
      !to || to.length === 0 ? world.pods : to.flatMap((peer) => (peer.ipBlock ? [] : podsOf(peer, policy, world)));
    for (const pod of destinations) {
      const resolved = resolvePorts(named, pod);
      if (resolved && resolved.length > 0) out.push(allow(policy, { cidr: `${pod.ip}/32` }, resolved));
    }
  }
  return out;
}
