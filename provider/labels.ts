// Docker labels carry identity only: which Podling object a container or network is. User labels and
// annotations live in the Pulumi state, where they can change without recreating anything.
export const LABEL = {
  managed: "podling.io/managed",
  network: "podling.io/network",
  namespace: "podling.io/namespace",
  pod: "podling.io/pod",
  role: "podling.io/role",
  container: "podling.io/container",
  service: "podling.io/service",
  podIP: "podling.io/pod-ip",
  tools: "podling.io/tools",
  cluster: "podling.io/cluster",
  node: "podling.io/node",
  /** On a cluster pod's sandbox: what the scheduler counts against its node. */
  cpuRequest: "podling.io/cpu-request-millis",
  memoryRequest: "podling.io/memory-request-bytes",
} as const;

export type Role = "infra" | "app" | "init" | "volume" | "service" | "dns";

export function networkLabels(networkName: string): Record<string, string> {
  return { [LABEL.managed]: "true", [LABEL.network]: networkName };
}

export interface PodIdentity {
  network: string;
  namespace: string;
  pod: string;
}

export function podLabels(id: PodIdentity, role: Role, extra: Record<string, string> = {}): Record<string, string> {
  return {
    [LABEL.managed]: "true",
    [LABEL.network]: id.network,
    [LABEL.namespace]: id.namespace,
    [LABEL.pod]: id.pod,
    [LABEL.role]: role,
    ...extra,
  };
}

/** Docker label filters that find every container of one pod. */
export function podFilter(id: PodIdentity): string[] {
  return [`${LABEL.managed}=true`, `${LABEL.network}=${id.network}`, `${LABEL.namespace}=${id.namespace}`, `${LABEL.pod}=${id.pod}`];
}
