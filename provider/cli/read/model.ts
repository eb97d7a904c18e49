// What the CLI reads off an engine, before any formatting: pods, their containers and services, as
// plain data. read/ fills it from Docker and the node agent's state volume; view/ turns it into output.
import type { PolicyView } from "../../../core/policy";

export interface ContainerView {
  name: string;
  id: string;
  image: string;
  /** Docker's state: created, running, restarting, exited, ... */
  dockerState: string;
  startedAt?: string;
  finishedAt?: string;
  exitCode?: number;
  oomKilled: boolean;
  /** Docker's error starting it, if any. */
  error?: string;
  /** Docker's restarts plus the node agent's. */
  restartCount: number;
  /** Always, OnFailure or Never, as the pod's agent entry says; unknown without an agent. */
  restartPolicy?: string;
  /** Running, started and passing its readiness probe, as podling-init reports. */
  ready: boolean;
  /** Since when it has been ready (RFC 3339), as podling-init reports; absent when not ready. */
  readySince?: string;
  /** Why not ready (podling-init's probe message), when running but not ready. */
  probeMessage?: string;
  mounts: Array<{ type: string; source: string; destination: string; readOnly: boolean }>;
}

export interface FirewallView {
  /** The policies ("namespace/name") that some rule of the pod's firewall carries out. */
  policies: string[];
  isolatedIngress: boolean;
  isolatedEgress: boolean;
  /** The agent's last error loading it. */
  error?: string;
}

export interface PodView {
  namespace: string;
  name: string;
  network: string;
  node: string;
  ip?: string;
  /** When the sandbox was created (RFC 3339). */
  created: string;
  sandboxId: string;
  /** Docker's state of the sandbox. */
  sandboxState: string;
  /** The owning stack, "organization/project/stack", when labelled. */
  stack?: string;
  /** The pod's labels as its node agent holds them (for services' selectors); absent without an agent entry. */
  labels?: Record<string, string>;
  /** For a Deployment's pod: what its sandbox's labels say of the Deployment (provider/labels.ts). */
  deployment?: PodDeploymentView;
  initContainers: ContainerView[];
  containers: ContainerView[];
  /** What the node agent could not do for the pod. */
  agentError?: string;
  firewall?: FirewallView;
}

/** What a Deployment's pod was made for: labels cannot change, so these are as of the pod's creation. */
export interface PodDeploymentView {
  name: string;
  templateHash: string;
  /** Absent on pods made before the provider labelled them. */
  replicas?: number;
  /** kubectl's selector text (core/selector-text.ts). */
  selector?: string;
}

/**
 * A Deployment as the node agent's record of it says (read/deployments.ts), or else as its pods show it:
 * the newest pod says which template and how many replicas are current.
 */
export interface DeploymentView {
  namespace: string;
  name: string;
  network: string;
  /** Desired replicas: the record's, else the newest pod's label; absent when neither says. */
  replicas?: number;
  templateHash: string;
  selector?: string;
  /** The pod template's labels (a Podling Deployment has none of its own); absent without an agent entry. */
  labels?: Record<string, string>;
  /** The record's creation, else the oldest pod's. */
  created: string;
  /** How long a pod must be ready to count as available: the record's; absent without one. */
  minReadySeconds?: number;
  pods: PodView[];
}

export interface ServicePortView {
  name?: string;
  port: number;
  targetPort: number | string;
  protocol: string;
  nodePort?: number;
}

export interface ServiceView {
  namespace: string;
  name: string;
  network: string;
  type: "ClusterIP" | "NodePort" | "LoadBalancer" | "Headless";
  /** Absent for a headless service. */
  clusterIP?: string;
  /** A LoadBalancer's loopback address on the engine's host (EXTERNAL-IP). */
  externalIP?: string;
  /** Absent where the engine does not record them (a headless service's ports live only in the Pulumi state). */
  ports?: ServicePortView[];
  /** The endpoints that get traffic now, as the router's loaded rules (or the DNS records) have them. */
  readyEndpoints: EndpointAddress[];
  /** Endpoints the program declared that get no traffic now. */
  notReadyEndpoints: EndpointAddress[];
  /** RFC 3339; absent when the engine does not record it. */
  created?: string;
}

/** A NetworkPolicy as the network's node agent holds it (one engine only: on a cluster no agent does). */
export interface NetworkPolicyView extends PolicyView {
  network: string;
  /** The NetPol entry's revision: a hash of the policy and the namespace labels it reads. */
  revision: string;
  /** RFC 3339; absent on entries written before the provider recorded it. */
  created?: string;
  /** The agent's error putting this revision in force, when it reported one. */
  error?: string;
}

/** One endpoint of one service port; a headless service's records hold addresses only. */
export interface EndpointAddress {
  ip: string;
  /** The pod's port that `servicePort` leads to. */
  port?: number | string;
  servicePort?: number;
}
