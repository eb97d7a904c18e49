// A service as the provider stores it: ports, endpoints, and what its router enforces.
import type { NodeBlock } from "./cluster";
import type { Owner } from "../owner";
import type { Protocol } from "./pod";
import type { FirewallAllow } from "./network-policy";

export type ServiceType = "ClusterIP" | "NodePort" | "LoadBalancer" | "Headless";
export type SessionAffinity = "None" | "ClientIP";

export interface ServicePort {
  /** Required when a service has more than one port. */
  name?: string;
  /** The port on the service's virtual IP. */
  port: number;
  /** The pods' port: a number, or the name of a container port. Defaults to `port`. */
  targetPort: number | string;
  protocol: Protocol;
  /** With type NodePort: the port published on the Docker host (optional with LoadBalancer). */
  nodePort?: number;
}

/** A pod a service sends traffic to. */
export interface ServiceEndpoint {
  /** "namespace/name" of the pod. */
  pod: string;
  ip: string;
  /** Ready pods get traffic; others are listed but skipped. */
  ready: boolean;
  /** The pod's named container ports, to resolve a named targetPort. */
  namedPorts?: Record<string, number>;
  /**
   * The pod's hostname, when its subdomain is this service's name (as Kubernetes' endpoints carry it): a
   * headless service then also resolves `<hostname>.<service>.<namespace>.svc.cluster.local` to it.
   */
  hostname?: string;
}

export interface ServiceSpec {
  network: string;
  namespace: string;
  name: string;
  selector: Record<string, string>;
  type: ServiceType;
  ports: ServicePort[];
  sessionAffinity: SessionAffinity;
  /** With ClientIP affinity: how long a client stays with its backend. Default 10800 (3 hours). */
  sessionAffinityTimeoutSeconds?: number;
  /** Computed by the SDK from the pods whose labels match the selector; sorted by pod. */
  endpoints: ServiceEndpoint[];
  /** Computed by the SDK while the network has network policies: what the router lets through. */
  policyFilter?: ServiceFilter;
  /** On a cluster network: the network's home node, where the router runs. */
  routerNode?: NodeBlock;
  /** On a cluster network: every node, whose agent translates the service in its own pods and whose DNS names it. */
  clusterNodes?: NodeBlock[];
  /** From the PodNetwork: the range nodePorts must lie in. Check fills in the default. */
  serviceNodePortRange?: string;
  /** From the PodNetwork: the host addresses nodePorts are published on. Check fills in the default. */
  nodePortAddresses?: string[];
  /** With type LoadBalancer: the loopback address asked for; without it, the lowest free one is given. */
  loadBalancerIP?: string;
  /**
   * Computed by the SDK: the stack and resource the router belongs to. Absent in a state written before owners existed.
   */
  owner?: Owner;
}

/** What a service's router enforces for traffic it forwards: the real client and backend are visible there. */
export interface ServiceFilter {
  /** Backends isolated for ingress, with what they accept. */
  backends: Array<{ ip: string; ingress: FirewallAllow[] }>;
  /** Pods of the network isolated for egress, with where they may go. */
  clients: Array<{ ip: string; egress: FirewallAllow[] }>;
}

export interface ServiceState extends ServiceSpec {
  /** The stable virtual IP, or "None" for a Headless service. */
  clusterIP: string;
  /** "<name>.<namespace>.svc.cluster.local". */
  dnsName: string;
  /** The container that holds the virtual IP and the forwarding rules (none when Headless). */
  routerContainerId?: string;
  /**
   * As `refresh` last read them from the router: the endpoints with `ready` as the node agent decided it
   * from the pods' readiness now (which get traffic), where `endpoints` has what the program passed.
   */
  liveEndpoints?: ServiceEndpoint[];
  /** What the node agent could not load for this service, and why; absent when nothing failed. */
  agentError?: string;
  /** With type LoadBalancer, as Kubernetes reports it: the address the host reaches the service at. */
  status?: ServiceStatus;
}

export interface ServiceStatus {
  loadBalancer: { ingress: Array<{ ip: string }> };
}
