export { PodNetwork, PodNetworkArgs } from "./pod-network";
export { Pod, PodArgs } from "./pod";
export * from "./types/input";
export * from "./types/output";
export { Service, ServiceArgs, ServicePortArgs } from "./service";
