// `--cluster`: the engines of every node of the Swarm a Cluster formed, from the Swarm's node list on
// one manager. A node is named by its Podling node label (the Cluster sets it); its engine is reached on
// the socket its dockerd names in the engine label podling.io/engine-socket (scripts/lab-nodes.sh sets
// it), or, for the engine asked, the way the user reached it. Pure.
import type { Engine } from "../docker/client";
import type { SwarmNodeInfo } from "../docker/types";
import { LABEL } from "../labels";

export interface ClusterTarget {
  name: string;
  /** Undefined: the engine the user pointed podling at (DOCKER_HOST or the local socket). */
  engine?: Engine;
}

export interface ClusterTargets {
  targets: ClusterTarget[];
  /** Nodes the Swarm reports down: their engines are not asked. */
  down: string[];
  /** Nodes whose engine the CLI cannot tell how to reach. */
  unreachable: string[];
}

export function clusterTargets(nodes: SwarmNodeInfo[], self: { nodeId?: string; engine?: Engine }): ClusterTargets {
  const result: ClusterTargets = { targets: [], down: [], unreachable: [] };
  for (const node of [...nodes].sort((a, b) => nameOf(a).localeCompare(nameOf(b)))) {
    const name = nameOf(node);
    const socket = node.Description?.Engine?.Labels?.[LABEL.engineSocket];
    if (node.Status.State !== "ready") result.down.push(name);
    else if (node.ID === self.nodeId) result.targets.push({ name, ...(self.engine ? { engine: self.engine } : {}) });
    else if (socket) result.targets.push({ name, engine: { name, dockerHost: `unix://${socket}` } });
    else result.unreachable.push(name);
  }
  return result;
}

const nameOf = (node: SwarmNodeInfo) =>
  node.Spec.Labels?.[LABEL.node] ?? node.Description?.Hostname ?? node.ID.slice(0, 12);
