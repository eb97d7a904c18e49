// With no registry between the nodes, an image that one node has and another lacks is copied over,
// as `docker save | docker load` would: the stream goes from one engine to the other through the
// provider. Kubernetes would pull it; this is what a registry-less cluster can do instead.
import type { ClusterLayout, NodeBlock } from "../../core/types";
import { onEngine } from "../docker/client";
import { copyImage, ensureImage, imageExists, PullPolicy } from "../docker/images";

/** ensureImage on `node`, falling back to a copy from the first other node that has the image. */
export async function ensureImageOnNode(
  ref: string,
  policy: PullPolicy,
  node: NodeBlock,
  layout: ClusterLayout,
): Promise<void> {
  await onEngine(node, () => ensureImage(ref, policy)).catch(async (err) => {
    if (policy === "Always" || !(await copyFromPeer(ref, node, layout.nodes))) throw err;
  });
}

async function copyFromPeer(ref: string, node: NodeBlock, nodes: readonly NodeBlock[]): Promise<boolean> {
  for (const peer of nodes) {
    if (peer.name === node.name || !(await onEngine(peer, () => imageExists(ref)).catch(() => false))) continue;
    await copyImage(ref, peer, node);
    return onEngine(node, () => imageExists(ref));
  }
  return false;
}
