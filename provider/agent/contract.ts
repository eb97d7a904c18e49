// The node agent's state files, as tools/agent/schema/desired.schema.json and status.schema.json define
// them; test/unit/agent-contract.test.ts holds these types to those schemas.

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
  syncedStart: string;
}

export interface DeletedEntry {
  version: 1;
  deleted: true;
}

export type DesiredEntry = PodEntry | FirewallEntry | SystemEntry | DeletedEntry;

export interface AgentStatus {
  version: 1;
  /** The start of the sandbox or router that the agent last brought in line. */
  handledStart?: string;
  /** For a firewall: the revision of the rules it loaded in handledStart. */
  handledRevision?: string;
  /** Why its last attempt failed. */
  error?: string;
  /** Per app container: how often the agent started it again after it exited. */
  restarts?: Record<string, number>;
  at: string;
}
