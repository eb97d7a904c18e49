// Docker labels carry identity only: which Podling object a container or network is, and who owns it.
// User labels and annotations live in the Pulumi state, where they can change without recreating anything.
import type { Owner } from "../core/owner";
import { sameOwner } from "../core/owner";

export const LABEL = {
  managed: "podling.io/managed",
  /** The owner's stack, "organization/project/stack". */
  stack: "podling.io/stack",
  /** The owner resource: a hash of its URN (core/owner.ts). */
  owner: "podling.io/owner",
  network: "podling.io/network",
  namespace: "podling.io/namespace",
  pod: "podling.io/pod",
  role: "podling.io/role",
  container: "podling.io/container",
  service: "podling.io/service",
  podIP: "podling.io/pod-ip",
  /** On a LoadBalancer service's router: the loopback address it publishes on. */
  loadBalancerIP: "podling.io/load-balancer-ip",
  tools: "podling.io/tools",
  cluster: "podling.io/cluster",
  node: "podling.io/node",
  /** On a cluster pod's sandbox: what the scheduler counts against its node. */
  cpuRequest: "podling.io/cpu-request-millis",
  memoryRequest: "podling.io/memory-request-bytes",
  /**
   * On a Deployment's pod sandbox, for the CLI: the Deployment, its pod-template-hash, and the replicas and
   * selector (as kubectl's text) the Deployment had when it made the pod. Labels cannot change, so a later
   * scale shows only in pods made after it.
   */
  deployment: "podling.io/deployment",
  templateHash: "podling.io/pod-template-hash",
  replicas: "podling.io/deployment-replicas",
  selector: "podling.io/deployment-selector",
  /** An engine label (dockerd --label): the engine's own socket on its host, where it is not Docker's default. */
  engineSocket: "podling.io/engine-socket",
} as const;

export type Role = "infra" | "app" | "init" | "volume" | "service" | "dns" | "firewall" | "agent";

/** The owner labels; none for an owner that is not known (a state written before owners existed). */
export function ownerLabels(owner: Owner | undefined): Record<string, string> {
  return owner ? { [LABEL.stack]: owner.stack, [LABEL.owner]: owner.resource } : {};
}

/** The owner an object's labels name, if they name one. */
export function ownerIn(labels: Record<string, string> | undefined): Owner | undefined {
  const stack = labels?.[LABEL.stack];
  const resource = labels?.[LABEL.owner];
  return stack && resource ? { stack, resource } : undefined;
}

/**
 * Whose an object is, seen by the resource that owns `ours`: "ours" when its labels name exactly that
 * owner, "theirs" when they name another, "unowned" when they name none (made before owner labels
 * existed, or outside Podling). Podling removes "ours" by label; anything else only when the object is
 * the exact one the resource's own state records.
 */
export type Ownership = { kind: "ours" } | { kind: "theirs"; owner: Owner } | { kind: "unowned" };

export function ownershipOf(labels: Record<string, string> | undefined, ours: Owner | undefined): Ownership {
  const owner = ownerIn(labels);
  if (!owner) return { kind: "unowned" };
  return sameOwner(owner, ours) ? { kind: "ours" } : { kind: "theirs", owner };
}

export function networkLabels(networkName: string, owner: Owner | undefined): Record<string, string> {
  return { [LABEL.managed]: "true", [LABEL.network]: networkName, ...ownerLabels(owner) };
}

export interface PodIdentity {
  network: string;
  namespace: string;
  pod: string;
  /** The pod resource's owner; absent in a state written before owners existed. */
  owner?: Owner;
}

export function podLabels(id: PodIdentity, role: Role, extra: Record<string, string> = {}): Record<string, string> {
  return {
    [LABEL.managed]: "true",
    ...ownerLabels(id.owner),
    [LABEL.network]: id.network,
    [LABEL.namespace]: id.namespace,
    [LABEL.pod]: id.pod,
    [LABEL.role]: role,
    ...extra,
  };
}

/** Docker label filters that find every container of one pod identity, whoever owns it. */
export function podFilter(id: PodIdentity): string[] {
  return [
    `${LABEL.managed}=true`,
    `${LABEL.network}=${id.network}`,
    `${LABEL.namespace}=${id.namespace}`,
    `${LABEL.pod}=${id.pod}`,
  ];
}
