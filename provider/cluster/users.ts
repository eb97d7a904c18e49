// Which stacks use a Swarm, kept in the Swarm's own labels, so that no stack's Cluster delete dissolves a
// Swarm that another stack still uses, whichever of them formed it. The Swarm also remembers which of its
// nodes Podling made join: the last Cluster to stop using it makes those leave, and no other node.
import type { Owner } from "../../core/owner";
import type { ClusterNode } from "../../core/types";
import { onEngine } from "../docker/client";
import { inspectSwarm, updateSwarm } from "../docker/swarm";
import { messageOf } from "../docker/errors";

/** One label per using Cluster resource: podling.io/user.<URN hash> = its stack. */
const USER_PREFIX = "podling.io/user.";
/** The Swarm node ids of the nodes Podling made join, comma-separated. */
const JOINED = "podling.io/joined";
const ATTEMPTS = 5;

export interface SwarmUse {
  users: Owner[];
  /** Swarm node ids. */
  joined: string[];
}

export interface UseChange {
  add?: Owner;
  remove?: Owner;
  /** Swarm node ids Podling just made join, or that just left. */
  joined?: string[];
  left?: string[];
}

export function useIn(labels: Record<string, string> | undefined): SwarmUse {
  const entries = Object.entries(labels ?? {});
  return {
    users: entries
      .filter(([k]) => k.startsWith(USER_PREFIX))
      .map(([k, stack]) => ({ stack, resource: k.slice(USER_PREFIX.length) })),
    joined: (labels?.[JOINED] ?? "").split(",").filter(Boolean),
  };
}

/** The Swarm's labels after a change of its users. */
export function withUse(labels: Record<string, string> | undefined, change: UseChange): Record<string, string> {
  const out = { ...labels };
  if (change.remove && change.remove.resource !== change.add?.resource)
    delete out[USER_PREFIX + change.remove.resource];
  if (change.add) out[USER_PREFIX + change.add.resource] = change.add.stack;
  const left = new Set(change.left ?? []);
  const joined = [...new Set([...useIn(labels).joined, ...(change.joined ?? [])])].filter((id) => !left.has(id)).sort();
  if (joined.length > 0) out[JOINED] = joined.join(",");
  else delete out[JOINED];
  return out;
}

/**
 * Applies a change to the Swarm's users through a manager, and returns the use after it. Two stacks may
 * change it at once: Docker refuses an update of a stale version, and the change is read and made again.
 */
export async function changeUse(manager: ClusterNode, change: UseChange): Promise<SwarmUse> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await onEngine(manager, async () => {
        const swarm = await inspectSwarm();
        const labels = withUse(swarm.Spec.Labels, change);
        await updateSwarm(swarm.Version.Index, { ...swarm.Spec, Labels: labels });
        return useIn(labels);
      });
    } catch (err) {
      if (attempt < ATTEMPTS && /out of sequence/i.test(messageOf(err))) continue;
      throw new Error(`node "${manager.name}": cannot record the Swarm's users: ${messageOf(err)}`);
    }
  }
}
