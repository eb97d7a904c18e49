export { Cluster, ClusterArgs, ClusterNodeArgs } from "./cluster";
export { PodNetwork, PodNetworkArgs } from "./pod-network";
export { Pod, PodArgs } from "./pod";
export * from "./types/input";
export * from "./types/output";
export { Service, ServiceArgs, ServicePortArgs } from "./service";
export { NetworkPolicy, NetworkPolicyArgs } from "./network-policy";
export { Namespace, NamespaceArgs } from "./namespace";
export { ConfigMap, ConfigMapArgs } from "./config-map";
export { Secret, SecretArgs } from "./secret";
export {
  Deployment,
  DeploymentArgs,
  DeploymentStrategyArgs,
  PodTemplateArgs,
  PodTemplateSpecArgs,
  IntOrPercentArgs,
} from "./deployment";
export * as yaml from "./yaml";
