export { Cluster, ClusterArgs, ClusterNodeArgs } from "./cluster";
export { PodNetwork, PodNetworkArgs } from "./pod-network";
export { Pod, PodArgs } from "./pod";
export * from "./types/input";
export * from "./types/output";
export { Service, ServiceArgs, ServicePortArgs } from "./service";
export { NetworkPolicy, NetworkPolicyArgs } from "./network-policy";
export { Namespace, NamespaceArgs } from "./namespace";
export * as yaml from "./yaml";
