// Where a cluster pod runs: its pinned node, or the scheduler's choice. What each node already runs is
// read from its engine once per provider process and then kept here, so that the pods of one `up`,
// created in parallel, see each other's placements (as the IPAM book does for addresses).
import type { ClusterLayout, Container, NodeBlock, PodSpec } from "../../core/types";
import { onEngine } from "../docker/client";
import { listContainers } from "../docker/containers";
import { messageOf } from "../docker/errors";
import { engineInfo } from "../docker/system";
import { LABEL } from "../labels";
import { choose, NodeUsage, PodRequest, podRequest } from "../../core/scheduler";
import { isReachable } from "./swarm";

const books = new Map<string, Promise<NodeUsage>>();

export class PlacementError extends Error {}

/**
 * The node for a new pod; reserves its share there until releasePlacement. `spread` counts the pods of the
 * pod's Deployment on each node, for the scheduler to spread them.
 */
export async function placePod(
  spec: PodSpec,
  layout: ClusterLayout,
  spread: Readonly<Record<string, number>> = {},
): Promise<NodeBlock> {
  const label = `pod ${spec.namespace}/${spec.name}`;
  const request = podRequest(spec.containers);
  if (spec.nodeName !== undefined) {
    const node = layout.nodes.find((n) => n.name === spec.nodeName);
    if (!node)
      throw new PlacementError(
        `${label}: nodeName "${spec.nodeName}" is not a node of cluster ${layout.cluster} (nodes: ${layout.nodes.map((n) => n.name).join(", ")})`,
      );
    const usage = await usageOf(node);
    if (usage.unavailable)
      throw new PlacementError(
        `${label} is pinned to node "${node.name}" with nodeName, and that node is lost (${usage.unavailable}); it is not moved. Bring the node back, or pin the pod elsewhere`,
      );
    reserve(usage, request);
    return node;
  }
  const usages = await Promise.all(layout.nodes.map(usageOf));
  // Synchronous from here: parallel creates in this process see each other's reservations.
  const choice = choose(usages, request, spec.nodePreference, spread);
  if ("reason" in choice) throw new PlacementError(`${label} cannot be scheduled: ${choice.reason}`);
  reserve(
    usages.find((u) => u.name === choice.node)!,
    request,
  );
  return layout.nodes.find((n) => n.name === choice.node)!;
}

/** Gives back what a pod held on its node: it was deleted, or its create failed. */
export async function releasePlacement(node: NodeBlock, containers: readonly Container[]): Promise<void> {
  const loaded = books.get(node.dockerHost);
  if (!loaded) return;
  const usage = await loaded;
  const request = podRequest(containers);
  usage.pods = Math.max(0, usage.pods - 1);
  usage.requested = {
    cpuMillis: usage.requested.cpuMillis - request.cpuMillis,
    memoryBytes: usage.requested.memoryBytes - request.memoryBytes,
  };
}

/** Sandbox labels that let a later process count this pod against its node. */
export function placementLabels(node: NodeBlock, request: PodRequest): Record<string, string> {
  return {
    [LABEL.node]: node.name,
    [LABEL.cpuRequest]: String(request.cpuMillis),
    [LABEL.memoryRequest]: String(request.memoryBytes),
  };
}

function reserve(usage: NodeUsage, request: PodRequest): void {
  usage.pods += 1;
  usage.requested = {
    cpuMillis: usage.requested.cpuMillis + request.cpuMillis,
    memoryBytes: usage.requested.memoryBytes + request.memoryBytes,
  };
}

function usageOf(node: NodeBlock): Promise<NodeUsage> {
  let loaded = books.get(node.dockerHost);
  if (!loaded) books.set(node.dockerHost, (loaded = loadUsage(node)));
  return loaded;
}

async function loadUsage(node: NodeBlock): Promise<NodeUsage> {
  const empty = { pods: 0, requested: { cpuMillis: 0, memoryBytes: 0 }, allocatable: { cpuMillis: 0, memoryBytes: 0 } };
  if (!(await isReachable(node)))
    return { name: node.name, unavailable: `engine ${node.dockerHost} does not answer`, ...empty };
  return onEngine(node, async () => {
    try {
      const info = await engineInfo();
      const sandboxes = await listContainers([`${LABEL.managed}=true`, `${LABEL.role}=infra`]);
      const requested = { cpuMillis: 0, memoryBytes: 0 };
      for (const s of sandboxes) {
        requested.cpuMillis += Number(s.Labels[LABEL.cpuRequest] ?? 0);
        requested.memoryBytes += Number(s.Labels[LABEL.memoryRequest] ?? 0);
      }
      return {
        name: node.name,
        pods: sandboxes.length,
        requested,
        allocatable: { cpuMillis: info.NCPU * 1000, memoryBytes: info.MemTotal },
      };
    } catch (err) {
      return { name: node.name, unavailable: `engine ${node.dockerHost} failed: ${messageOf(err)}`, ...empty };
    }
  });
}
