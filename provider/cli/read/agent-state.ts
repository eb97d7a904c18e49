// The node agent's state volume as the CLI reads it: what the provider declared (desired/) and what the
// agent reports (status/), each one archive read through the agent's container, as `refresh` reads them.
import type { AgentStatus, DesiredEntry, PodEntry, RecordsEntry, SystemEntry } from "../../agent/contract";
import { agentName, STATE_DIR } from "../../agent/desired-state";
import { listContainers, readFiles } from "../../docker/containers";
import { LABEL } from "../../labels";

export interface AgentState {
  /** Desired entries by file key (e.g. "pod.net_default_web"). */
  desired: Map<string, DesiredEntry>;
  reports: Map<string, AgentStatus>;
}

const EMPTY: AgentState = { desired: new Map(), reports: new Map() };

/** The network's agent state on the current engine; empty where the network has no agent. */
export async function readAgentState(network: string): Promise<AgentState> {
  const agent = agentName(network);
  const [desired, reports] = await Promise.all([
    readFolder<DesiredEntry>(agent, "desired"),
    readFolder<AgentStatus>(agent, "status"),
  ]);
  return desired || reports ? { desired: desired ?? new Map(), reports: reports ?? new Map() } : EMPTY;
}

/** The agent state of every network that has a node agent on the current engine, or of `network` only. */
export async function readAgentStates(network?: string): Promise<Array<readonly [string, AgentState]>> {
  const agents = await listContainers([
    `${LABEL.managed}=true`,
    `${LABEL.role}=agent`,
    ...(network ? [`${LABEL.network}=${network}`] : []),
  ]);
  const networks = [...new Set(agents.map((a) => a.Labels[LABEL.network]).filter((n): n is string => !!n))];
  return Promise.all(networks.map(async (n) => [n, await readAgentState(n)] as const));
}

async function readFolder<T>(agent: string, folder: string): Promise<Map<string, T> | undefined> {
  const files = await readFiles(agent, `${STATE_DIR}/${folder}`).catch(() => undefined);
  if (!files) return undefined;
  const entries = new Map<string, T>();
  for (const file of files) {
    const match = /^[^/]+\/([^/]+)\.json$/.exec(file.name);
    if (!match) continue;
    try {
      entries.set(match[1], JSON.parse(file.content) as T);
    } catch {
      // a file being written: the next read sees it whole
    }
  }
  return entries;
}

export function podEntryOf(state: AgentState, key: string): PodEntry | undefined {
  const entry = state.desired.get(key);
  return entry && "kind" in entry && entry.kind === "pod" ? entry : undefined;
}

export function serviceEntries(
  state: AgentState,
): Array<SystemEntry & { service: NonNullable<SystemEntry["service"]> }> {
  return [...state.desired.values()].filter(
    (e): e is SystemEntry & { service: NonNullable<SystemEntry["service"]> } =>
      "kind" in e && e.kind === "system" && e.service !== undefined,
  );
}

export function recordsEntries(state: AgentState): RecordsEntry[] {
  return [...state.desired.values()].filter((e): e is RecordsEntry => "kind" in e && e.kind === "records");
}
