// The node agent's state files, as tools/agent/schema/desired.schema.json and status.schema.json define
// them; test/unit/agent-contract.test.ts holds these types to those schemas.

import type { PolicyView } from "../../core/policy";

export const CONTRACT_VERSION = 1;

export interface PodEntry {
  version: 1;
  kind: "pod";
  namespace: string;
  name: string;
  sandbox: string;
  /** IDs or names of the init containers, in the order they run. */
  initContainers: string[];
  containers: AppContainerEntry[];
  /** The sandbox start for which the provider itself brought the containers up. */
  syncedStart: string;
  /** With the address, services select the pod by its labels in the agent (ServiceEntry.selector). */
  ip?: string;
  labels?: Record<string, string>;
  namedPorts?: Record<string, number>;
  /** Every declared port, against which network policies resolve named ports. */
  ports?: Array<{ name?: string; containerPort: number; protocol: "TCP" | "UDP" | "SCTP" }>;
  /**
   * Set where the agent enforces network policies for the pod: it renders the pod's firewall and reports
   * it under policyFirewallKey with this revision, which names the pod's address, labels and ports.
   */
  policyRevision?: string;
}

export interface AppContainerEntry {
  name: string;
  id: string;
  restartPolicy: "Always" | "OnFailure" | "Never";
}

export interface FirewallEntry {
  version: 1;
  kind: "firewall";
  namespace: string;
  name: string;
  sandbox: string;
  /** iptables-restore input; the tables it names are replaced whole. */
  rules: string;
  /** Names the rules; the agent loads them again whenever it changes. */
  revision: string;
}

/** A container of Podling's own that must run (a service router, the cluster DNS, the agent's guard). */
export interface SystemEntry {
  version: 1;
  kind: "system";
  namespace: string;
  name: string;
  container: string;
  restore: Array<{ rules: string; noflush: boolean }>;
  /** On a service router: the agent renders its NAT rules after `restore`, over the pods ready now. */
  service?: ServiceEntry;
  syncedStart: string;
}

/** A service as the agent renders it (provider/rules/service-rules.ts renders the same text). */
export interface ServiceEntry {
  namespace: string;
  name: string;
  clusterIP: string;
  sessionAffinity: "None" | "ClientIP";
  sessionAffinityTimeoutSeconds?: number;
  ports: Array<{ name?: string; port: number; targetPort: number | string; protocol: "TCP" | "UDP" | "SCTP" }>;
  /** `ready` as the provider last saw it: the agent decides readiness itself. */
  endpoints: Array<{ pod: string; ip: string; ready: boolean; namedPorts?: Record<string, number> }>;
  /** The agent adds the pods of `namespace` this selects (a Deployment's, which the program never lists). */
  selector?: Record<string, string>;
}

/** A headless service's DNS name, which the agent keeps to the addresses of the endpoints ready now. */
export interface RecordsEntry {
  version: 1;
  kind: "records";
  namespace: string;
  name: string;
  /** The cluster DNS container. */
  container: string;
  /** The hosts file inside it. */
  path: string;
  hostname: string;
  endpoints: ServiceEntry["endpoints"];
  selector?: ServiceEntry["selector"];
}

/**
 * On a cluster's overlay network, one node agent's view of it: which node it is on, every node's pod block,
 * advertise address (the overlay's peers say which answer) and DNS address (where its agent tells the others
 * its pods' readiness), and its node's own DNS.
 */
export interface ClusterEntry {
  version: 1;
  kind: "cluster";
  network: string;
  node: string;
  nodes: Array<{ name: string; podCidr: string; address: string; dns?: string }>;
  /** The address pods have as their nameserver, and this node's DNS container: its address and name. */
  dns?: { clusterIP: string; local: string; container?: string };
}

/** A NetworkPolicy of the network, with the program's namespace labels that its namespaceSelectors read. */
export interface NetPolEntry extends PolicyView {
  version: 1;
  kind: "netpol";
  namespaces: Record<string, Record<string, string>>;
  revision: string;
  /** When the policy was created (RFC 3339): not part of the revision. */
  created?: string;
}

/** A Deployment as the provider last declared it: the agent keeps it for the CLI and does not act on it. */
export interface DeploymentEntry {
  version: 1;
  kind: "deployment";
  namespace: string;
  name: string;
  replicas: number;
  templateHash: string;
  /** kubectl's selector text (core/selector-text.ts). */
  selector: string;
  /** When the Deployment was created (RFC 3339). */
  created: string;
  /** How long a pod must be ready to count as available; absent in records written before it was kept. */
  minReadySeconds?: number;
}

export interface DeletedEntry {
  version: 1;
  deleted: true;
  /** On a pod's tombstone: the agent takes the pod out of every service, then reports this as `withdrawn`. */
  token?: string;
}

export type DesiredEntry =
  PodEntry | FirewallEntry | SystemEntry | RecordsEntry | ClusterEntry | NetPolEntry | DeploymentEntry | DeletedEntry;

/** A NetPol status's handledStart: its revision is in force in every running enforced pod. */
export const EVERY_POD = "every pod";

export interface AgentStatus {
  version: 1;
  /** The start of the sandbox or router that the agent last brought in line. */
  handledStart?: string;
  /** For a firewall: the revision of the rules it loaded in handledStart. */
  handledRevision?: string;
  /** Why its last attempt failed. */
  error?: string;
  /** For a firewall: the revision whose rules that attempt could not load. */
  failedRevision?: string;
  /** Per app container: how often the agent started it again after it exited. */
  restarts?: Record<string, number>;
  /** On a pod's tombstone: its token, once the pod is out of every service. */
  withdrawn?: string;
  at: string;
}
