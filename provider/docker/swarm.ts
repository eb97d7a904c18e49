// Swarm operations on the current engine (see onEngine), mutations logged (logged.ts). Podling uses
// Swarm only for its attachable overlay networks; provider/cluster/swarm.ts decides what to call.
import { clients } from "./client";
import { logged, VERB } from "./logged";
import type { SwarmInitOptions, SwarmInspectInfo, SwarmJoinOptions, SwarmNodeInfo, SwarmNodeSpec } from "./types";

export async function initSwarm(options: SwarmInitOptions): Promise<void> {
  await logged(VERB.init, `swarm listening on ${options.ListenAddr}`, () => clients().swarm.init(options));
}

export async function joinSwarm(options: SwarmJoinOptions): Promise<void> {
  await logged(VERB.join, `swarm at ${options.RemoteAddrs.join(", ")}`, () => clients().swarm.join(options));
}

/** Forced, so that a manager leaves too. */
export async function leaveSwarm(): Promise<void> {
  await logged(VERB.leave, "swarm", () => clients().swarm.leave());
}

/** The Swarm's id and join tokens; managers only. */
export async function inspectSwarm(): Promise<SwarmInspectInfo> {
  return clients().swarm.inspect();
}

export async function listSwarmNodes(): Promise<SwarmNodeInfo[]> {
  return clients().swarm.listNodes();
}

export async function inspectSwarmNode(id: string): Promise<SwarmNodeInfo> {
  return clients().swarm.inspectNode(id);
}

/** `version` is the node's Version.Index as inspected: Swarm refuses an update based on a stale read. */
export async function updateSwarmNode(id: string, version: number, spec: SwarmNodeSpec): Promise<void> {
  await logged(VERB.update, `swarm node ${id}`, () => clients().swarm.updateNode(id, version, spec));
}

/** `version` is the Swarm's Version.Index as inspected: Swarm refuses an update based on a stale read. */
export async function updateSwarm(version: number, spec: SwarmInspectInfo["Spec"]): Promise<void> {
  await logged(VERB.update, "swarm", () => clients().swarm.update(version, spec));
}

export async function removeSwarmNode(id: string): Promise<void> {
  await logged(VERB.remove, `swarm node ${id}`, () => clients().swarm.removeNode(id));
}
