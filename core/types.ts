// Plain shapes: what the provider receives after `check`, and what a resource's outputs hold.
// The input types in ./input.ts mirror these field for field, optional and Input-wrapped.

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

/** Exactly one of emptyDir and hostPath. */
export interface Volume {
  name: string;
  emptyDir?: EmptyDirVolumeSource;
  hostPath?: HostPathVolumeSource;
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

export interface Container {
  name: string;
  image: string;
  /** Replaces the image's ENTRYPOINT, as in Kubernetes. */
  command?: string[];
  /** Replaces the image's CMD, as in Kubernetes. */
  args?: string[];
  workingDir?: string;
  env?: Record<string, string>;
  ports?: ContainerPort[];
  resources?: ResourceRequirements;
  /** Overrides the pod's imagePullPolicy for this container. */
  imagePullPolicy?: PullPolicy;
  volumeMounts?: VolumeMount[];
  /** Failing it stops the container, and restartPolicy decides whether it comes back. Not for init containers. */
  livenessProbe?: Probe;
  /** Until it passes, the pod is not ready: `up` waits, and services leave the pod out. Not for init containers. */
  readinessProbe?: Probe;
  /** Holds back liveness and readiness probes until it passes; failing it stops the container. Not for init containers. */
  startupProbe?: Probe;
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

/** A Docker engine of a cluster. */
export interface ClusterNode {
  name: string;
  /** unix:///path, tcp://host:port or ssh://user@host, as the docker CLI accepts in DOCKER_HOST. */
  dockerHost: string;
  /** The address other nodes reach this one at (Swarm's advertise address); Docker picks one when absent. */
  advertiseAddr?: string;
}

export interface ClusterSpec {
  name: string;
  nodes: ClusterNode[];
  /** How many nodes (the first ones) are Swarm managers. Default 3, or 1 under three nodes. */
  managers: number;
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

/** How a cluster network is spread: one /24 of the pod CIDR per node, and the node that runs DNS and service routers. */
export interface ClusterLayout {
  cluster: string;
  /** The network's whole pod CIDR. */
  cidr: string;
  home: NodeBlock;
  nodes: NodeBlock[];
}

export interface PodNetworkSpec {
  /** Docker network name. */
  name: string;
  /** The cluster the network spans (a Swarm overlay network); absent for a single-host bridge network. */
  cluster?: ClusterSpec;
  cidr: string;
  labels: Record<string, string>;
  /** No route to the outside world. */
  internal: boolean;
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
}

export type ServiceType = "ClusterIP" | "NodePort" | "Headless";
export type SessionAffinity = "None" | "ClientIP";

export interface ServicePort {
  /** Required when a service has more than one port. */
  name?: string;
  /** The port on the service's virtual IP. */
  port: number;
  /** The pods' port: a number, or the name of a container port. Defaults to `port`. */
  targetPort: number | string;
  protocol: Protocol;
  /** With type NodePort: the port published on the Docker host. */
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
}

export type PolicyType = "Ingress" | "Egress";

/** Labels a selected object must all carry; `{}` selects everything. */
export type LabelMap = Record<string, string>;

export interface IPBlock {
  cidr: string;
  except?: string[];
}

/** podSelector and namespaceSelector together mean AND; two peers in a list mean OR. */
export interface NetworkPolicyPeer {
  podSelector?: LabelMap;
  namespaceSelector?: LabelMap;
  ipBlock?: IPBlock;
}

export interface NetworkPolicyPort {
  /** A number, or the name of a container port (of the destination pod). Absent: every port. */
  port?: number | string;
  /** With a numeric port: the last port of a range. */
  endPort?: number;
  protocol: Protocol;
}

export interface NetworkPolicyIngressRule {
  /** Absent or empty: every source. */
  from?: NetworkPolicyPeer[];
  /** Absent or empty: every port. */
  ports?: NetworkPolicyPort[];
}

export interface NetworkPolicyEgressRule {
  to?: NetworkPolicyPeer[];
  ports?: NetworkPolicyPort[];
}

export interface NetworkPolicySpec {
  network: string;
  namespace: string;
  name: string;
  podSelector: LabelMap;
  policyTypes: PolicyType[];
  ingress: NetworkPolicyIngressRule[];
  egress: NetworkPolicyEgressRule[];
}

export interface NamespaceSpec {
  name: string;
  /** Always includes kubernetes.io/metadata.name=<name>. */
  labels: LabelMap;
}

/** One allow entry of a pod's firewall: traffic from (ingress) or to (egress) `peer` on `ports`. */
export interface FirewallAllow {
  /** "namespace/name" of the policy that allows it. */
  policy: string;
  /** Absent: any address. */
  peer?: IPBlock;
  /** Absent: any port and protocol. */
  ports?: Array<{ protocol: Protocol; port?: number; endPort?: number }>;
}

/** What the network policies of a network say about one pod; a direction that is absent is not isolated. */
export interface FirewallRules {
  ingress?: FirewallAllow[];
  egress?: FirewallAllow[];
}
