// A cluster of Docker engines, and how a network's pod CIDR is spread over its nodes.
import type { Owner } from "../owner";

/** A Docker engine of a cluster. */
export interface ClusterNode {
  name: string;
  /** unix:///path, tcp://host:port or ssh://user@host, as the docker CLI accepts in DOCKER_HOST. */
  dockerHost: string;
  /** The address other nodes reach this one at (Swarm's advertise address); Swarm listens on it alone. */
  advertiseAddr: string;
  /** Accept a tcp:// engine without TLS client authentication: anyone who reaches its port controls it. */
  insecure?: boolean;
}

export interface ClusterSpec {
  name: string;
  nodes: ClusterNode[];
  /** How many nodes (the first ones) are Swarm managers. Default 3, or 1 under three nodes. */
  managers: number;
  /**
   * Computed by the SDK: the stack and resource that use the Swarm. Absent in a state written before owners existed.
   */
  owner?: Owner;
}

export interface ClusterState extends ClusterSpec {
  swarmId: string;
  /** Podling formed the Swarm (and dissolves it on delete), rather than adopting one. */
  formed: boolean;
  /** Node name -> Swarm node id. */
  swarmNodeIds: Record<string, string>;
  /** Node name -> "ready", "down", "unreachable"..., as last seen by up or refresh. */
  nodeStatus: Record<string, string>;
  /** Seconds the Swarm took to form (init and joins), when Podling formed it. */
  formationSeconds?: number;
}

/** A node with the block of the network's pod CIDR that its pods take their addresses from. */
export interface NodeBlock {
  name: string;
  dockerHost: string;
  podCidr: string;
}

/**
 * How a cluster network is spread: one /24 of the pod CIDR per node, and the node that runs DNS and service
 * routers.
 */
export interface ClusterLayout {
  cluster: string;
  /** The network's whole pod CIDR. */
  cidr: string;
  home: NodeBlock;
  nodes: NodeBlock[];
}
