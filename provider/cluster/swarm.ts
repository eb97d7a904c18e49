// The Swarm under a Cluster: formed from the nodes' engines (init on the first, joins for the rest) or
// adopted when they already form one. Podling uses Swarm only for its attachable overlay networks;
// it places pods itself and runs no Swarm services.
import type { ClusterNode, ClusterSpec } from "../../core/types";
import { Engine, onEngine } from "../docker/client";
import { isEngineUnreachable, messageOf } from "../docker/errors";
import {
  initSwarm,
  inspectSwarm,
  inspectSwarmNode,
  joinSwarm,
  leaveSwarm,
  listSwarmNodes,
  removeSwarmNode,
  updateSwarmNode,
} from "../docker/swarm";
import { engineInfo, pingEngine } from "../docker/system";
import { LABEL } from "../labels";
import { log } from "../log";
import { withTimeout as bounded } from "../ready/timeout";
import { changeUse, UseChange } from "./users";

/** Docker's Swarm management port. */
const SWARM_PORT = 2377;
/** An engine that answers at all answers these small calls in well under a second; a lost node never does. */
const PING_TIMEOUT_MS = 5_000;

export interface SwarmInfo {
  nodeId: string;
  state: string;
  /** Known to managers only. */
  clusterId?: string;
  isManager: boolean;
  nodeAddr?: string;
}

export class NodeUnreachableError extends Error {}

/** What a node's engine says of its Swarm membership; NodeUnreachableError when it does not answer. */
export async function swarmInfo(node: ClusterNode): Promise<SwarmInfo> {
  const info = await onEngine(node, () => withTimeout(engineInfo(), PING_TIMEOUT_MS)).catch((err) => {
    throw new NodeUnreachableError(`node "${node.name}" (${node.dockerHost}) does not answer: ${messageOf(err)}`);
  });
  const s = info.Swarm;
  return {
    nodeId: String(s.NodeID ?? ""),
    state: String(s.LocalNodeState ?? "inactive"),
    clusterId: s.Cluster?.ID,
    isManager: s.ControlAvailable === true,
    nodeAddr: s.NodeAddr,
  };
}

/** True when the node's engine answers within a few seconds. */
export async function isReachable(node: Engine): Promise<boolean> {
  return onEngine(node, () => withTimeout(pingEngine(), PING_TIMEOUT_MS)).then(
    () => true,
    () => false,
  );
}

export interface SwarmMembership {
  swarmId: string;
  formed: boolean;
  swarmNodeIds: Record<string, string>;
  /** Nodes that Podling made join, which it makes leave again on delete. */
  joined: string[];
}

/**
 * Forms the Swarm, or adopts the one the nodes form, joining nodes that are in none, and records the
 * cluster's owner among the Swarm's users (users.ts), with `change` (an update's earlier owner, the nodes
 * it made join before, the nodes that left). A failure undoes every join made here, so nothing is left
 * half-formed; its message names the cluster.
 */
export async function formSwarm(spec: ClusterSpec, change: Omit<UseChange, "add"> = {}): Promise<SwarmMembership> {
  const joined: string[] = [];
  try {
    return await formOrAdopt(spec, joined, change);
  } catch (err) {
    await leaveAll(spec.nodes.filter((n) => joined.includes(n.name)).reverse());
    throw new Error(`cluster ${spec.name}: ${messageOf(err)}`);
  }
}

/** formSwarm's work; `joined` collects the nodes it made join, for the caller to undo. */
async function formOrAdopt(
  spec: ClusterSpec,
  joined: string[],
  change: Omit<UseChange, "add">,
): Promise<SwarmMembership> {
  const infos = await Promise.all(spec.nodes.map(swarmInfo));
  // Only managers know the Swarm's id; a worker reports none.
  const foreign = new Set(infos.filter((i) => i.state === "active" && i.clusterId).map((i) => i.clusterId));
  if (foreign.size > 1)
    throw new Error(
      `the nodes belong to ${foreign.size} different Swarms (${[...foreign].join(", ")}); a cluster is one Swarm`,
    );
  for (const [i, info] of infos.entries()) {
    if (info.state !== "active" && info.state !== "inactive")
      throw new Error(
        `node "${spec.nodes[i].name}": its Swarm state is "${info.state}"; run docker swarm leave --force on it, or fix it`,
      );
  }
  const swarmNodeIds: Record<string, string> = {};
  let formed = false;
  let managerIndex = infos.findIndex((i) => i.state === "active" && i.isManager);
  if (managerIndex < 0) {
    if (infos.some((i) => i.state === "active"))
      throw new Error("the nodes' Swarm has no manager among them; list a manager node first");
    managerIndex = 0;
    await init(spec.nodes[0], spec.name);
    formed = true;
    joined.push(spec.nodes[0].name);
  }
  const manager = spec.nodes[managerIndex];
  // A node just made manager knows its address only now.
  const managerInfo = formed ? await swarmInfo(manager) : infos[managerIndex];
  const tokens = await onEngine(manager, inspectSwarm);
  let managers = infos.filter((i) => i.state === "active" && i.isManager).length + (formed ? 1 : 0);
  for (const [i, node] of spec.nodes.entries()) {
    if (i === managerIndex || infos[i].state === "active") continue;
    const asManager = managers < spec.managers;
    await join(
      node,
      `${managerInfo.nodeAddr}:${SWARM_PORT}`,
      asManager ? tokens.JoinTokens.Manager : tokens.JoinTokens.Worker,
    );
    if (asManager) managers++;
    joined.push(node.name);
  }
  for (const [i, node] of spec.nodes.entries())
    swarmNodeIds[node.name] = joined.includes(node.name) ? (await swarmInfo(node)).nodeId : infos[i].nodeId;
  await labelSwarmNodes(manager, spec.name, swarmNodeIds);
  await changeUse(manager, {
    ...change,
    add: spec.owner,
    joined: [...(change.joined ?? []), ...joined.map((name) => swarmNodeIds[name])],
  });
  return { swarmId: tokens.ID, formed, swarmNodeIds, joined };
}

async function init(node: ClusterNode, clusterName: string): Promise<void> {
  log.debug(`cluster ${clusterName}: swarm init on node "${node.name}"`);
  await onEngine(node, () =>
    initSwarm({
      ...swarmAddresses(node),
      Spec: { Labels: { [LABEL.managed]: "true", [LABEL.cluster]: clusterName } },
    }),
  ).catch((err) => {
    throw new Error(`node "${node.name}": docker swarm init failed: ${messageOf(err)}`);
  });
}

async function join(node: ClusterNode, remote: string, token: string): Promise<void> {
  await onEngine(node, () => joinSwarm({ ...swarmAddresses(node), RemoteAddrs: [remote], JoinToken: token })).catch(
    (err) => {
      throw new Error(
        `node "${node.name}": joining the Swarm at ${remote} failed: ${messageOf(err)} (it must reach TCP ${SWARM_PORT}; the nodes also need TCP/UDP 7946 and UDP 4789 between them)`,
      );
    },
  );
}

/**
 * Swarm listens on the node's advertise address alone, as `--listen-addr ADDR:2377`: Docker's default,
 * 0.0.0.0, would take join and Raft connections on every interface the node has.
 */
function swarmAddresses(node: ClusterNode): { ListenAddr: string; AdvertiseAddr: string } {
  return { ListenAddr: `${node.advertiseAddr}:${SWARM_PORT}`, AdvertiseAddr: node.advertiseAddr };
}

/** Swarm node labels name the Podling node, so `docker node ls -f label=...` finds them. */
async function labelSwarmNodes(manager: ClusterNode, clusterName: string, ids: Record<string, string>): Promise<void> {
  await onEngine(manager, async () => {
    for (const [name, id] of Object.entries(ids)) {
      const info = await inspectSwarmNode(id);
      await updateSwarmNode(id, info.Version.Index, {
        ...info.Spec,
        Labels: { ...info.Spec.Labels, [LABEL.cluster]: clusterName, [LABEL.node]: name },
      });
    }
  });
}

/** Makes nodes leave, in the order given; an unreachable node is skipped (it is gone already). */
export async function leaveAll(nodes: ClusterNode[]): Promise<void> {
  for (const node of nodes) {
    await onEngine(node, leaveSwarm).catch((err) => {
      if (isEngineUnreachable(err) || /not part of a swarm/i.test(messageOf(err))) return;
      throw new Error(`node "${node.name}": docker swarm leave failed: ${messageOf(err)}`);
    });
  }
}

/** Takes nodes out of the Swarm: demoted, made to leave, then removed from the manager's node list. */
export async function removeFromSwarm(
  manager: ClusterNode,
  nodes: Array<{ node: ClusterNode; swarmNodeId?: string }>,
): Promise<void> {
  for (const { node, swarmNodeId } of nodes) {
    if (swarmNodeId) {
      await onEngine(manager, async () => {
        const info = await inspectSwarmNode(swarmNodeId);
        if (info.Spec.Role === "manager")
          await updateSwarmNode(swarmNodeId, info.Version.Index, { ...info.Spec, Role: "worker" });
      }).catch((err) => log.debug(`could not demote ${node.name}: ${messageOf(err)}`));
    }
    await leaveAll([node]);
    if (swarmNodeId)
      await onEngine(manager, () => removeSwarmNode(swarmNodeId)).catch((err) =>
        log.debug(`could not remove swarm node ${node.name}: ${messageOf(err)}`),
      );
  }
}

/** Each node's status as a manager sees it ("ready", "down"), or "unreachable" when no manager answers. */
export async function nodeStatuses(spec: ClusterSpec, ids: Record<string, string>): Promise<Record<string, string>> {
  for (const manager of spec.nodes.slice(0, spec.managers)) {
    const listed = await onEngine(manager, () => withTimeout(listSwarmNodes(), PING_TIMEOUT_MS)).catch(() => undefined);
    if (!listed) continue;
    const byId = new Map(
      listed.map((n) => [
        n.ID,
        n.Spec.Availability === "active" ? n.Status.State : `${n.Status.State}, ${n.Spec.Availability}`,
      ]),
    );
    return Object.fromEntries(spec.nodes.map((n) => [n.name, byId.get(ids[n.name]) ?? "not in the Swarm"]));
  }
  return Object.fromEntries(spec.nodes.map((n) => [n.name, "unreachable"]));
}

/** The first manager whose engine answers. */
export async function reachableManager(spec: ClusterSpec): Promise<ClusterNode> {
  for (const node of spec.nodes) {
    const info = await swarmInfo(node).catch(() => undefined);
    if (info?.state === "active" && info.isManager) return node;
  }
  throw new Error(`cluster "${spec.name}": no manager node answers (${spec.nodes.map((n) => n.name).join(", ")})`);
}

/** ETIMEDOUT, so that isEngineUnreachable counts a silent engine as a lost node. */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return bounded(work, ms, () => Object.assign(new Error(`no answer within ${ms} ms`), { code: "ETIMEDOUT" }));
}
