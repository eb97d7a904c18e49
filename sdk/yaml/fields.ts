// Which Kubernetes fields Podling reads, per object shape: the one table the validator walks and the
// README's "Kubernetes manifests" table is rendered from. A field that is not here is refused, so nothing a
// manifest declares is dropped silently. Data only.

/** Pod-spec features that arrive with other resource kinds; refused until they are wired (./wiring.ts). */
export type Feature = "configMapRefs" | "secretRefs" | "fieldRefs";

export interface FieldSpec {
  /** The shape of the value (an object), or of each item when `list`: a key of SHAPES. */
  shape?: string;
  /** The value is a list. */
  list?: true;
  /** The value is a map of the user's own keys (labels, data): its entries are not fields. */
  map?: true;
  /** The only values Podling can honour. */
  values?: readonly (string | number)[];
  /** Accepted, with no effect: why the field means nothing on a Docker engine. */
  noEffect?: string;
  /** Available once this feature is wired. */
  needs?: Feature;
}

export type Shape = Readonly<Record<string, FieldSpec>>;

const scalar: FieldSpec = {};
const list: FieldSpec = { list: true };
const map: FieldSpec = { map: true };
const NOT_SELECTED = "nothing in Podling selects or reads this kind by label or annotation";

export const SHAPES = {
  Namespace: { apiVersion: { values: ["v1"] }, kind: scalar, metadata: { shape: "NamespaceMeta" } },
  Pod: { apiVersion: { values: ["v1"] }, kind: scalar, metadata: { shape: "PodMeta" }, spec: { shape: "PodSpec" } },
  Deployment: {
    apiVersion: { values: ["apps/v1"] },
    kind: scalar,
    metadata: { shape: "ObjectMeta" },
    spec: { shape: "DeploymentSpec" },
  },
  Service: {
    apiVersion: { values: ["v1"] },
    kind: scalar,
    metadata: { shape: "ObjectMeta" },
    spec: { shape: "ServiceSpec" },
  },
  NetworkPolicy: {
    apiVersion: { values: ["networking.k8s.io/v1"] },
    kind: scalar,
    metadata: { shape: "ObjectMeta" },
    spec: { shape: "NetworkPolicySpec" },
  },
  ConfigMap: {
    apiVersion: { values: ["v1"] },
    kind: scalar,
    metadata: { shape: "ObjectMeta" },
    data: map,
    binaryData: map,
  },
  Secret: {
    apiVersion: { values: ["v1"] },
    kind: scalar,
    metadata: { shape: "ObjectMeta" },
    type: { values: ["Opaque"] },
    data: map,
    stringData: map,
  },

  NamespaceMeta: { name: scalar, labels: map, annotations: { map: true, noEffect: NOT_SELECTED } },
  ObjectMeta: {
    name: scalar,
    namespace: scalar,
    labels: { map: true, noEffect: NOT_SELECTED },
    annotations: { map: true, noEffect: NOT_SELECTED },
  },
  PodMeta: { name: scalar, namespace: scalar, labels: map, annotations: map },
  PodTemplateMeta: { labels: map, annotations: map },

  PodSpec: {
    containers: { list: true, shape: "Container" },
    initContainers: { list: true, shape: "Container" },
    volumes: { list: true, shape: "Volume" },
    restartPolicy: scalar,
    terminationGracePeriodSeconds: scalar,
    hostname: scalar,
    subdomain: scalar,
    dnsConfig: { shape: "PodDNSConfig" },
    dnsPolicy: { values: ["ClusterFirst"], noEffect: "ClusterFirst is what every Podling pod gets" },
    nodeName: scalar,
    nodeSelector: {
      map: true,
      noEffect: "node labels are not modelled: one engine runs every pod, and a Cluster's scheduler ignores them",
    },
    tolerations: { list: true, noEffect: "Docker engines have no taints" },
  },
  Container: {
    name: scalar,
    image: scalar,
    command: list,
    args: list,
    workingDir: scalar,
    env: { list: true, shape: "EnvVar" },
    envFrom: { list: true, shape: "EnvFromSource" },
    ports: { list: true, shape: "ContainerPort" },
    resources: { shape: "ResourceRequirements" },
    imagePullPolicy: scalar,
    volumeMounts: { list: true, shape: "VolumeMount" },
    livenessProbe: { shape: "Probe" },
    readinessProbe: { shape: "Probe" },
    startupProbe: { shape: "Probe" },
    securityContext: { shape: "SecurityContext" },
  },
  EnvVar: { name: scalar, value: scalar, valueFrom: { shape: "EnvVarSource" } },
  EnvVarSource: {
    configMapKeyRef: { shape: "KeySelector", needs: "configMapRefs" },
    secretKeyRef: { shape: "KeySelector", needs: "secretRefs" },
    fieldRef: { shape: "ObjectFieldSelector", needs: "fieldRefs" },
  },
  KeySelector: { name: scalar, key: scalar, optional: scalar },
  ObjectFieldSelector: {
    fieldPath: { values: ["metadata.name", "metadata.namespace", "status.podIP"] },
    apiVersion: { values: ["v1"] },
  },
  EnvFromSource: {
    configMapRef: { shape: "LocalObjectReference", needs: "configMapRefs" },
    secretRef: { shape: "LocalObjectReference", needs: "secretRefs" },
    prefix: scalar,
  },
  LocalObjectReference: { name: scalar, optional: scalar },
  ContainerPort: { containerPort: scalar, name: scalar, protocol: scalar, hostPort: scalar, hostIP: scalar },
  ResourceRequirements: { limits: { shape: "ResourceList" }, requests: { shape: "ResourceList" } },
  ResourceList: { cpu: scalar, memory: scalar },
  VolumeMount: { name: scalar, mountPath: scalar, readOnly: scalar },
  Probe: {
    exec: { shape: "ExecAction" },
    httpGet: { shape: "HTTPGetAction" },
    tcpSocket: { shape: "TCPSocketAction" },
    initialDelaySeconds: scalar,
    periodSeconds: scalar,
    timeoutSeconds: scalar,
    failureThreshold: scalar,
    successThreshold: scalar,
  },
  ExecAction: { command: list },
  HTTPGetAction: { path: scalar, port: scalar, scheme: scalar },
  TCPSocketAction: { port: scalar },
  SecurityContext: { capabilities: { shape: "Capabilities" } },
  Capabilities: { add: list, drop: list },
  Volume: {
    name: scalar,
    emptyDir: { shape: "EmptyDirVolumeSource" },
    hostPath: { shape: "HostPathVolumeSource" },
    configMap: { shape: "ConfigMapVolumeSource", needs: "configMapRefs" },
    secret: { shape: "SecretVolumeSource", needs: "secretRefs" },
  },
  EmptyDirVolumeSource: { medium: scalar, sizeLimit: scalar },
  HostPathVolumeSource: { path: scalar, type: scalar },
  ConfigMapVolumeSource: {
    name: scalar,
    items: { list: true, shape: "KeyToPath" },
    defaultMode: scalar,
    optional: scalar,
  },
  SecretVolumeSource: {
    secretName: scalar,
    items: { list: true, shape: "KeyToPath" },
    defaultMode: scalar,
    optional: scalar,
  },
  KeyToPath: { key: scalar, path: scalar, mode: scalar },
  PodDNSConfig: { nameservers: list, searches: list, options: { list: true, shape: "PodDNSConfigOption" } },
  PodDNSConfigOption: { name: scalar, value: scalar },

  DeploymentSpec: {
    replicas: scalar,
    selector: { shape: "LabelSelector" },
    template: { shape: "PodTemplateSpec" },
    strategy: { shape: "DeploymentStrategy" },
    minReadySeconds: scalar,
    progressDeadlineSeconds: scalar,
    revisionHistoryLimit: { noEffect: "Podling keeps no old ReplicaSets to roll back to" },
  },
  PodTemplateSpec: { metadata: { shape: "PodTemplateMeta" }, spec: { shape: "PodSpec" } },
  DeploymentStrategy: { type: { values: ["RollingUpdate", "Recreate"] }, rollingUpdate: { shape: "RollingUpdate" } },
  RollingUpdate: { maxSurge: scalar, maxUnavailable: scalar },
  LabelSelector: { matchLabels: map, matchExpressions: { list: true, shape: "LabelSelectorRequirement" } },
  LabelSelectorRequirement: { key: scalar, operator: scalar, values: list },

  ServiceSpec: {
    type: { values: ["ClusterIP", "NodePort", "LoadBalancer"] },
    clusterIP: { values: ["None", ""] },
    loadBalancerIP: scalar,
    selector: map,
    ports: { list: true, shape: "ServicePort" },
    sessionAffinity: scalar,
    sessionAffinityConfig: { shape: "SessionAffinityConfig" },
  },
  ServicePort: { name: scalar, port: scalar, targetPort: scalar, protocol: scalar, nodePort: scalar },
  SessionAffinityConfig: { clientIP: { shape: "ClientIPConfig" } },
  ClientIPConfig: { timeoutSeconds: scalar },

  NetworkPolicySpec: {
    podSelector: { shape: "LabelSelector" },
    policyTypes: list,
    ingress: { list: true, shape: "NetworkPolicyIngressRule" },
    egress: { list: true, shape: "NetworkPolicyEgressRule" },
  },
  NetworkPolicyIngressRule: {
    from: { list: true, shape: "NetworkPolicyPeer" },
    ports: { list: true, shape: "NetworkPolicyPort" },
  },
  NetworkPolicyEgressRule: {
    to: { list: true, shape: "NetworkPolicyPeer" },
    ports: { list: true, shape: "NetworkPolicyPort" },
  },
  NetworkPolicyPeer: {
    podSelector: { shape: "LabelSelector" },
    namespaceSelector: { shape: "LabelSelector" },
    ipBlock: { shape: "IPBlock" },
  },
  IPBlock: { cidr: scalar, except: list },
  NetworkPolicyPort: { port: scalar, endPort: scalar, protocol: scalar },
} satisfies Record<string, Shape>;

export type ShapeName = keyof typeof SHAPES;

export const shapeOf = (name: string): Shape | undefined => (SHAPES as Record<string, Shape>)[name];

/** The kinds a manifest may hold, in the order pulumi-kubernetes' yaml/v2 registers them (see ./order.ts). */
export const KINDS = ["Namespace", "ConfigMap", "Secret", "Pod", "Deployment", "Service", "NetworkPolicy"] as const;

export type Kind = (typeof KINDS)[number];

export const isKind = (kind: unknown): kind is Kind => KINDS.includes(kind as Kind);

/** Namespace is the one cluster-scoped kind: no metadata.namespace. */
export const isNamespaced = (kind: Kind): boolean => kind !== "Namespace";
