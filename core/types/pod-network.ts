// A pod network as the provider stores it.
import type { ClusterLayout, ClusterSpec } from "./cluster";
import type { Owner } from "../owner";

export interface PodNetworkSpec {
  /** Docker network name. */
  name: string;
  /** The cluster the network spans (a Swarm overlay network); absent for a single-host bridge network. */
  cluster?: ClusterSpec;
  cidr: string;
  labels: Record<string, string>;
  /** No route to the outside world. */
  internal: boolean;
  /** A cluster network's traffic between nodes is encrypted (IPsec ESP); absent means not. */
  encrypted?: true;
  /** The ports NodePort services may publish, as kube-proxy's --service-node-port-range ("30000-32767"). */
  serviceNodePortRange: string;
  /** Host addresses NodePorts are published on (IPv4, a /32, or 0.0.0.0/0 for all); default loopback only. */
  nodePortAddresses: string[];
  /**
   * Computed by the SDK: the stack and resource the network and its DNS belong to. Absent in a state written before
   * owners existed.
   */
  owner?: Owner;
}

export interface PodNetworkState extends PodNetworkSpec {
  networkName: string;
  networkId: string;
  gateway: string;
  /** Addresses kept for service virtual IPs; pods never get one. Absent on networks smaller than a /26. */
  serviceCidr?: string;
  /** The cluster DNS server that pods use (first address of serviceCidr). */
  dnsIP?: string;
  /** On a cluster: the nodes' pod CIDRs and the home node of DNS and service routers. */
  clusterLayout?: ClusterLayout;
  /** The image of the network's node agent while it runs current; absent when it is missing or stale. */
  agent?: string;
}
