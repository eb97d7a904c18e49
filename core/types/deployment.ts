// A Deployment's wire and state types: the checked spec the provider receives, and what its state holds.
import type { LabelSelector } from "./network-policy";
import type { Container, PodDNSConfig, PullPolicy, RestartPolicy, Volume } from "./pod";
import type { Owner } from "../owner";
import type { ClusterLayout, NodeBlock } from "./cluster";

/** An absolute count, or a percentage of replicas ("25%"), as in Kubernetes' IntOrString. */
export type IntOrPercent = number | string;

export interface DeploymentStrategy {
  type: "RollingUpdate" | "Recreate";
  rollingUpdate?: { maxSurge: IntOrPercent; maxUnavailable: IntOrPercent };
}

/** The pod spec of the template: a Pod's spec without the fields a Deployment decides itself. */
export interface PodTemplateSpec {
  imagePullPolicy?: PullPolicy;
  terminationGracePeriodSeconds: number;
  restartPolicy: RestartPolicy;
  dnsConfig?: PodDNSConfig;
  volumes?: Volume[];
  initContainers?: Container[];
  containers: Container[];
}

export interface PodTemplate {
  metadata: { labels: Record<string, string>; annotations?: Record<string, string> };
  spec: PodTemplateSpec;
}

export interface DeploymentSpec {
  network: string;
  namespace: string;
  name: string;
  replicas: number;
  selector: LabelSelector;
  template: PodTemplate;
  strategy: DeploymentStrategy;
  minReadySeconds: number;
  /** How long a rollout may go without progress before `up` fails it. Default 600, as in Kubernetes. */
  progressDeadlineSeconds: number;
  /** Set by the SDK when the PodNetwork spans a Cluster: the pods are spread over its nodes. */
  clusterLayout?: ClusterLayout;
  /** Set by the SDK: why NetworkPolicies of the network refuse the template's pods (checked only). */
  policyConflicts?: string[];
  owner?: Owner;
}

/** One pod of a Deployment, as its state keeps it. */
export interface DeploymentPod {
  name: string;
  /** The pod-template-hash of the template it was made from. */
  hash: string;
  ip: string;
  ready: boolean;
  /** When the provider first saw it ready (ms since the epoch); minReadySeconds counts from here. */
  readySince?: number;
  infraContainerId: string;
  containerIds: Record<string, string>;
  /** On a cluster: the node it runs on, as the layout described it when the pod was made. */
  node?: NodeBlock;
  /** Why it is not ready, when it is not. */
  status?: string;
  /**
   * Why it no longer counts as a replica though it still exists: its node does not answer. It is removed
   * once the node answers again.
   */
  terminating?: string;
}

export interface DeploymentState extends DeploymentSpec {
  templateHash: string;
  /** The templates of pods still running from an earlier template, by hash (a stalled rollout has some). */
  olderTemplates?: Record<string, PodTemplate>;
  /** Pods as `pulumi up` last left them. */
  pods: DeploymentPod[];
  readyReplicas: number;
  updatedReplicas: number;
  /** When the Deployment was created (RFC 3339); absent in states from before it was kept. */
  createdAt?: string;
}
