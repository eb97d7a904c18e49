// What the provider tells a network's node agent, and what the agent reports back: one JSON file per
// pod, firewall or router in the agent's state volume, written with Docker's archive API (so tcp:// and
// ssh:// engines need nothing more). Each file has one writer: desired/ the provider, status/ the agent.
import * as containers from "../docker/containers";
import { log } from "../log";
import { AgentStatus, CONTRACT_VERSION, DesiredEntry } from "./contract";

/** Where the agent's volume is mounted: desired/ from the provider, status/ from the agent. */
export const STATE_DIR = "/state";

/**
 * How often the provider looks for the agent's answer, by how long it has waited. An idle agent answers
 * within milliseconds of a desired file. While many wait at once (a large destroy) the answers come later,
 * and looks every 2 ms, one Docker call each, would only load the engine that the agent needs too.
 */
export function agentPollMs(waitedMs: number): number {
  return waitedMs < 100 ? 2 : waitedMs < 1000 ? 20 : 200;
}

/** The agent's container, and its state volume. */
export function agentName(network: string): string {
  return `agent.${network}`;
}

export type EntryKind =
  "pod" | "firewall" | "system" | "records" | "cluster" | "netpol" | "policy-firewall" | "deployment";

/** The file name of an object: its kind and a name unique on the network (its container's, or its records'). */
export function entryKey(kind: EntryKind, name: string): string {
  return `${kind}.${name}`;
}

/**
 * Hands the agent on this engine what it must hold true for `key`. A network without one (made before
 * agents, or a cluster node that joined since the last up) has nobody to tell: that is logged, and the
 * object is held true only by `up`.
 */
export async function holdTrue(network: string, key: string, entry: DesiredEntry): Promise<void> {
  const agent = await agentOf(network);
  if (agent) await writeEntry(agent, key, entry);
  else log.debug(`network ${network} has no node agent; ${key} is held true only by pulumi up`);
}

/** The network's agent on this engine: its container ID. */
export async function agentOf(network: string): Promise<string | undefined> {
  return (await containers.inspectContainer(agentName(network)))?.Id;
}

/** Whether the network has an agent on this engine, which then restarts the pods' containers itself. */
export async function hasAgent(network: string): Promise<boolean> {
  return (await agentOf(network)) !== undefined;
}

/** Writes one desired file into the agent's volume. */
export async function writeEntry(agentId: string, key: string, entry: DesiredEntry): Promise<void> {
  // Into the volume's root: Docker makes the desired/ folder the first time.
  await containers.putFiles(agentId, STATE_DIR, [{ name: `desired/${key}.json`, content: JSON.stringify(entry) }]);
}

/**
 * Tells the agent to stop holding `key`: it removes the entry once it has read this. With a token, it
 * first takes the pod out of every service, and says so in the entry's report.
 */
export async function letGo(network: string, key: string, token?: string): Promise<void> {
  await holdTrue(network, key, { version: CONTRACT_VERSION, deleted: true, ...(token ? { token } : {}) });
}

/** The agent's last report on `key`; undefined when it has none (or there is no agent). */
export async function agentReport(network: string, key: string): Promise<AgentStatus | undefined> {
  const files = await containers
    .readFiles(agentName(network), `${STATE_DIR}/status/${key}.json`)
    .catch(() => undefined);
  const text = files?.[0]?.content;
  if (!text) return undefined;
  try {
    return JSON.parse(text) as AgentStatus;
  } catch {
    return undefined;
  }
}
