// Cluster: Docker engines joined into one Swarm, whose attachable overlay networks carry pod traffic
// between them. Formed by Podling or adopted as it is. Every Cluster resource that uses the Swarm is
// recorded in the Swarm's labels (users.ts); a delete makes nodes leave only when no other one is left,
// and then only the nodes Podling made join.
import type { ClusterNode, ClusterSpec, ClusterState } from "../../core/types";
import {
  formSwarm,
  leaveAll,
  nodeStatuses,
  reachableManager,
  removeFromSwarm,
  SwarmMembership,
  swarmInfo,
} from "./swarm";
import { diffByTable } from "../diff/field-table";
import { onEngine } from "../docker/client";
import { removeUnusedToolsVolumes } from "../pod/init-tools";
import { CLUSTER_INPUTS, CLUSTER_RULES } from "./diff-table";
import { checkCluster } from "./check";
import { checkOwned, pick, ResourceHandlers } from "../handler";
import { changeUse } from "./users";
import { log } from "../log";

/** Kept in the state beside ClusterState: which nodes Podling made join, so delete undoes only that. */
type StoredCluster = ClusterState & { joined: string[] };

export const clusterHandlers: ResourceHandlers = {
  check: checkOwned(async (_olds, news) => checkCluster(news)),

  async diff(_id, olds, news) {
    const result = diffByTable(olds, news, CLUSTER_INPUTS, CLUSTER_RULES);
    return { changes: result.changes, replaces: result.replaces, deleteBeforeReplace: true };
  },

  async create(inputs) {
    const spec = pick(inputs, CLUSTER_INPUTS) as unknown as ClusterSpec;
    const started = Date.now();
    const membership = await formSwarm(spec);
    const formationSeconds = (Date.now() - started) / 1000;
    return { id: membership.swarmId, outs: await stateOf(spec, membership, formationSeconds) };
  },

  async read(id, props) {
    const state = props as unknown as StoredCluster;
    const infos = await Promise.all(state.nodes.map((n) => swarmInfo(n).catch(() => undefined)));
    if (!infos.some((i) => i?.state === "active" && i.clusterId === id)) return {}; // no manager of this Swarm answers: gone
    return { id, props: { ...state, nodeStatus: await nodeStatuses(state, state.swarmNodeIds) } };
  },

  async update(id, olds, news) {
    const state = olds as unknown as StoredCluster;
    const spec = pick(news, CLUSTER_INPUTS) as unknown as ClusterSpec;
    const staying = new Set(spec.nodes.map((n) => n.name));
    const leaving = state.nodes.filter((n) => !staying.has(n.name));
    if (leaving.length > 0) {
      const manager = await reachableManager(spec);
      await removeFromSwarm(
        manager,
        leaving.map((node) => ({ node, swarmNodeId: state.swarmNodeIds[node.name] })),
      );
      await Promise.all(leaving.map((node) => onEngine(node, removeUnusedToolsVolumes).catch(() => undefined)));
    }
    // formSwarm adopts the Swarm the staying nodes form, joins the new ones to it, and records this
    // cluster's owner among the Swarm's users in place of the one the state had (a state written before
    // owners existed records its owner and its joined nodes here, for the first time).
    const idsOf = (names: string[]) => names.flatMap((name) => state.swarmNodeIds[name] ?? []);
    const membership = await formSwarm(spec, {
      remove: state.owner,
      joined: idsOf(state.joined),
      left: idsOf(leaving.map((n) => n.name)),
    });
    const joined = [...state.joined.filter((n) => staying.has(n)), ...membership.joined];
    return {
      outs: await stateOf(spec, { ...membership, swarmId: id, formed: state.formed, joined }, state.formationSeconds),
    };
  },

  async delete(_id, props) {
    const state = props as unknown as StoredCluster;
    const manager = await reachableManager(state).catch(() => undefined);
    if (!manager) {
      log.warn(
        `cluster ${state.name}: no manager node answers, so whether another stack uses the Swarm is unknown; its nodes are left as they are (docker swarm leave --force on each, if nothing uses them)`,
      );
      return;
    }
    const use = await changeUse(manager, { remove: state.owner });
    if (use.users.length > 0) {
      const stacks = [...new Set(use.users.map((u) => u.stack))].join(", ");
      log.warn(
        `cluster ${state.name}: the Swarm stays formed, since ${use.users.length} other Cluster resource(s) use it (stack ${stacks}); the last of them dissolves it`,
      );
      return;
    }
    // Only the nodes Podling made join (this cluster, or another one that used the Swarm before); workers
    // first, the first manager last, so the Swarm never loses its quorum on the way.
    const joinedIds = new Set(use.joined);
    const order = [...state.nodes]
      .reverse()
      .filter((n) => state.joined.includes(n.name) || joinedIds.has(state.swarmNodeIds[n.name]));
    await leaveAll(order as ClusterNode[]);
    // The podling-init cache Podling put on each node goes with the cluster, unless pods still use it.
    await Promise.all(order.map((node) => onEngine(node, removeUnusedToolsVolumes).catch(() => undefined)));
  },
};

async function stateOf(
  spec: ClusterSpec,
  membership: SwarmMembership,
  formationSeconds: number | undefined,
): Promise<StoredCluster> {
  const nodeStatus = await nodeStatuses(spec, membership.swarmNodeIds);
  return {
    ...spec,
    swarmId: membership.swarmId,
    formed: membership.formed,
    swarmNodeIds: membership.swarmNodeIds,
    nodeStatus,
    joined: membership.joined,
    ...(formationSeconds !== undefined && membership.formed ? { formationSeconds } : {}),
  };
}
