// The engines the CLI reads: the one DOCKER_HOST (or the default socket) names, or each --docker-host,
// or with --cluster every node of the Cluster's Swarm (cluster-nodes.ts). Every engine is one node; a
// pod's node is its sandbox's node label, else its engine's name.
import { configureDocker, Engine, onEngine } from "../docker/client";
import { listSwarmNodes } from "../docker/swarm";
import { engineInfo } from "../docker/system";
import { clusterTargets } from "./cluster-nodes";
import { UserError } from "./messages";

export interface Scope {
  dockerHosts: string[];
  network?: string;
  /** Read every node of the Swarm that the (one) engine given belongs to. */
  cluster?: boolean;
}

export interface Node {
  /** Undefined for the default engine. */
  engine?: Engine;
  name: string;
}

/** No timeout on calls: a followed log or an exec session lasts as long as the user wants. */
export function connect(): void {
  configureDocker({ timeoutMs: 0 });
}

/** Runs `work` on every engine of the scope, each with its node's name, and concatenates the results. */
export async function onEveryNode<T>(scope: Scope, work: (node: Node) => Promise<T[]>): Promise<T[]> {
  const targets = scope.cluster
    ? await clusterNodes(scope)
    : scope.dockerHosts.length > 0
      ? scope.dockerHosts.map((h) => ({ engine: { name: h, dockerHost: h }, name: undefined }))
      : [{ engine: undefined, name: undefined }];
  const results = await Promise.all(
    targets.map(({ engine, name }) =>
      onEngine(engine, async () =>
        work({ engine, name: name ?? (await engineInfo()).Name ?? engine?.dockerHost ?? "local" }),
      ),
    ),
  );
  return results.flat();
}

/** Asked once per command: the scope is the same for every read. */
const clusterCache = new WeakMap<Scope, Promise<Array<{ engine?: Engine; name: string }>>>();

function clusterNodes(scope: Scope): Promise<Array<{ engine?: Engine; name: string }>> {
  if (!clusterCache.has(scope)) clusterCache.set(scope, findClusterNodes(scope));
  return clusterCache.get(scope)!;
}

async function findClusterNodes(scope: Scope): Promise<Array<{ engine?: Engine; name: string }>> {
  if (scope.dockerHosts.length > 1)
    throw new UserError(
      "--cluster reads every node from one engine of the cluster; give at most one --docker-host (a manager node)",
    );
  const host = scope.dockerHosts[0];
  const engine = host ? { name: host, dockerHost: host } : undefined;
  const where = host ?? "the engine DOCKER_HOST or the local socket names";
  const { info, nodes } = await onEngine(engine, async () => {
    const info = await engineInfo();
    if (info.Swarm.LocalNodeState !== "active")
      throw new UserError(
        `${where} is in no Swarm, so in no Cluster; drop --cluster, or name a node with --docker-host`,
      );
    if (!info.Swarm.ControlAvailable)
      throw new UserError(
        `${where} is not a manager of its Swarm, and only managers list the nodes; point --docker-host at a manager node`,
      );
    return { info, nodes: await listSwarmNodes() };
  });
  const found = clusterTargets(nodes, { nodeId: info.Swarm.NodeID, engine });
  for (const name of found.down) process.stderr.write(`node "${name}" is down in the Swarm; its pods are not listed\n`);
  if (found.unreachable.length > 0)
    throw new UserError(
      `the engines of node(s) ${found.unreachable.join(", ")} name no socket (dockerd --label podling.io/engine-socket=PATH); ` +
        `list every node's engine with --docker-host URL instead of --cluster`,
    );
  return found.targets;
}
