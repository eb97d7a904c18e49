// Where a Deployment's new pods go on a Cluster: one after another through the scheduler, each seeing
// where the Deployment's other pods already are, so the replicas spread over the nodes. Off a cluster
// every pod goes to the one engine.
import type { DeploymentPod, DeploymentSpec, NodeBlock, PodSpec } from "../../core/types";
import { placePod, releasePlacement } from "../cluster/placement";

/** A node for each of `count` new pods (undefined off a cluster); all or none are reserved. */
export async function placeReplicas(
  spec: DeploymentSpec,
  pod: PodSpec,
  pods: readonly DeploymentPod[],
  count: number,
): Promise<Array<NodeBlock | undefined>> {
  const layout = spec.clusterLayout;
  if (!layout) return Array.from({ length: count }, () => undefined);
  const spread: Record<string, number> = {};
  for (const p of pods) if (p.node) spread[p.node.name] = (spread[p.node.name] ?? 0) + 1;
  const placed: NodeBlock[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const node = await placePod(pod, layout, spread);
      spread[node.name] = (spread[node.name] ?? 0) + 1;
      placed.push(node);
    }
  } catch (err) {
    await Promise.all(placed.map((node) => releasePlacement(node, pod.containers)));
    throw err;
  }
  return placed;
}
