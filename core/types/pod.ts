// A pod as the provider stores it: containers, probes, volumes, and the state Docker and the probes show.
import type { ClusterLayout, NodeBlock } from "./cluster";
import type { Owner } from "../owner";
import type { FirewallRules } from "./network-policy";
import type { ConfigMapVolumeSource, ConfigSources, EnvFromSource, EnvVarSource, SecretVolumeSource } from "./config";

export type PullPolicy = "Always" | "IfNotPresent" | "Never";
export type Protocol = "TCP" | "UDP" | "SCTP";

export interface ContainerPort {
  /** Port the container listens on inside the pod's network namespace. */
  containerPort: number;
  /** Kubernetes-style port name, usable by services and policies. */
  name?: string;
  /** Publishes the port on the Docker host. */
  hostPort?: number;
  /** Host address to bind a hostPort to (default all addresses). */
  hostIP?: string;
  protocol: Protocol;
}

export interface ResourceList {
  /** Kubernetes CPU quantity: "500m", "0.5", "2". */
  cpu?: string;
  /** Kubernetes memory quantity: "64Mi", "1Gi", "128M", "1000000". */
  memory?: string;
}

export interface ResourceRequirements {
  limits?: ResourceList;
  requests?: ResourceList;
}

/** How Docker restarts a pod's app containers, as Kubernetes' pod restartPolicy. */
export type RestartPolicy = "Always" | "OnFailure" | "Never";

export interface ExecAction {
  /** Run in the container, without a shell; exit code 0 passes. */
  command: string[];
}

export interface HTTPGetAction {
  /** Default "/". */
  path: string;
  /** A number, or the name of one of this container's ports. */
  port: number | string;
  /** Default "HTTP"; HTTPS does not verify the certificate, as kubelet does. */
  scheme: "HTTP" | "HTTPS";
}

export interface TCPSocketAction {
  port: number | string;
}

/** Exactly one of exec, httpGet and tcpSocket. http and tcp probes go to localhost in the pod. */
export interface Probe {
  exec?: ExecAction;
  httpGet?: HTTPGetAction;
  tcpSocket?: TCPSocketAction;
  /** Default 0. */
  initialDelaySeconds: number;
  /** Default 10. */
  periodSeconds: number;
  /** Default 1. */
  timeoutSeconds: number;
  /** Failures in a row that count as failed. Default 3. */
  failureThreshold: number;
  /** Successes in a row that count as passed. Default 1, and must be 1 for liveness and startup probes. */
  successThreshold: number;
}

export interface VolumeMount {
  /** The name of one of the pod's volumes. */
  name: string;
  /** Absolute path in the container. */
  mountPath: string;
  /** Default false. */
  readOnly: boolean;
}

export interface EmptyDirVolumeSource {
  /** "" (default): a Docker volume on the host's disk; "Memory": a tmpfs. */
  medium?: "" | "Memory";
  /** Memory quantity; with medium Memory, the size of the tmpfs. */
  sizeLimit?: string;
}

export type HostPathType = "" | "DirectoryOrCreate" | "Directory" | "File" | "Socket";

export interface HostPathVolumeSource {
  /** Absolute path on the Docker host. */
  path: string;
  /** "" or DirectoryOrCreate: created as a directory when missing; the others: must already exist as that. */
  type?: HostPathType;
}

/** Exactly one source. configMap and secret volumes are always mounted read-only, as in Kubernetes. */
export interface Volume {
  name: string;
  emptyDir?: EmptyDirVolumeSource;
  hostPath?: HostPathVolumeSource;
  configMap?: ConfigMapVolumeSource;
  secret?: SecretVolumeSource;
}

export interface PodDNSConfigOption {
  name: string;
  value?: string;
}

/** Merged into what the pod gets from the cluster DNS, as Kubernetes' dnsConfig with dnsPolicy ClusterFirst. */
export interface PodDNSConfig {
  nameservers?: string[];
  searches?: string[];
  options?: PodDNSConfigOption[];
}

/** One variable of Kubernetes' list form of env: a value, or where to take it from. */
export interface EnvVar {
  name: string;
  /** Default "". */
  value?: string;
  valueFrom?: EnvVarSource;
}

export interface Container {
  name: string;
  image: string;
  /** Replaces the image's ENTRYPOINT, as in Kubernetes. */
  command?: string[];
  /** Replaces the image's CMD, as in Kubernetes. */
  args?: string[];
  workingDir?: string;
  /** A map of name to value, or Kubernetes' list; in the list a repeated name takes its last value. */
  env?: Record<string, string> | EnvVar[];
  /** Every key of a ConfigMap or Secret as a variable; env wins over it for the same name, as in Kubernetes. */
  envFrom?: EnvFromSource[];
  ports?: ContainerPort[];
  resources?: ResourceRequirements;
  /** Overrides the pod's imagePullPolicy for this container. */
  imagePullPolicy?: PullPolicy;
  volumeMounts?: VolumeMount[];
  /** Failing it stops the container, and restartPolicy decides whether it comes back. Not for init containers. */
  livenessProbe?: Probe;
  /** Until it passes, the pod is not ready: `up` waits, and services leave the pod out. Not for init containers. */
  readinessProbe?: Probe;
  /**
   * Holds back liveness and readiness probes until it passes; failing it stops the container. Not for init
   * containers.
   */
  startupProbe?: Probe;
  /** Capabilities beyond Docker's defaults, or fewer. NET_RAW is dropped unless added here. */
  securityContext?: SecurityContext;
}

export interface SecurityContext {
  capabilities?: { add?: string[]; drop?: string[] };
}

/** What Docker and the container's probes show of one app container. */
export interface ContainerStatus {
  name: string;
  ready: boolean;
  restartCount: number;
  state: "running" | "waiting" | "terminated";
  /** Why it is not ready, when it is not. */
  message?: string;
}

/** A pod's declared state, as the provider stores it (defaults filled in by `check`). */
export interface PodSpec {
  /** Name of the PodNetwork's Docker network. */
  network: string;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  imagePullPolicy?: PullPolicy;
  /** Seconds between SIGTERM and SIGKILL when the pod is deleted or a probe stops a container. Default 30. */
  terminationGracePeriodSeconds: number;
  /** Default "Always". Init containers are retried unless it is "Never". */
  restartPolicy: RestartPolicy;
  /** Default: the pod's name. */
  hostname?: string;
  /**
   * With a headless service of this name in the pod's namespace, the pod is also
   * `<hostname>.<subdomain>.<namespace>.svc.cluster.local`, as in Kubernetes.
   */
  subdomain?: string;
  dnsConfig?: PodDNSConfig;
  /** How long `up` waits for the pod to be ready before it records the pod as created but failed. Default 300. */
  readyTimeoutSeconds: number;
  volumes?: Volume[];
  /** Run in order, each to completion, before the app containers start. */
  initContainers?: Container[];
  containers: Container[];
  /** On a cluster network: as input, the node the pod is pinned to; in the state, the node it runs on. */
  nodeName?: string;
  /** The network's cluster layout (from the PodNetwork), when the network spans a cluster. */
  clusterLayout?: ClusterLayout;
  /** Computed by the SDK for a pod without nodeName: the nodes in the order the scheduler tries them. */
  nodePreference?: string[];
  /** The pod's ingress rules that need no other pod, loaded before anything in it runs (core/policy.ts). */
  startupFirewall?: FirewallRules;
  /** Computed by the SDK: the values of the ConfigMaps the pod names, "namespace/name" -> keys. */
  configMaps?: ConfigSources;
  /** Computed by the SDK, a Pulumi secret: the values of the Secrets the pod names, base64 in data. */
  secrets?: ConfigSources;
  /**
   * Computed by the SDK: the stack and resource the pod's Docker objects belong to. Absent in a state written before
   * owners existed.
   */
  owner?: Owner;
}

export interface PodState extends PodSpec {
  /** The pod was pinned to its node with nodeName; a lost node then fails it instead of moving it. */
  pinned?: boolean;
  /** On a cluster network: its node's engine and pod CIDR, for every later call on the pod. */
  node?: NodeBlock;
  podIP: string;
  podName: string;
  infraContainerId: string;
  /** Container name -> Docker container id. */
  containerIds: Record<string, string>;
  /** "Running", or what is wrong: "NotReady: ...", "Stopped: container server exited with code 1". */
  status: string;
  /** Every app container runs and passes its readiness probe. */
  ready: boolean;
  containerStatuses: ContainerStatus[];
}
