// A pod lives on one node, but a node that was lost while its pods moved elsewhere comes back with their
// old containers, which Docker's restart policy starts again. Those strays carry the pod's owner, so
// whenever Podling creates, refreshes or deletes a cluster pod, it removes them from every other node.
// What another owner holds under the same pod identity is theirs: it fails a create and is never removed.
import type { ClusterLayout } from "../../core/types";
import { onEngineUnlessLost } from "../docker/client";
import { PodIdentity } from "../labels";
import { log } from "../log";
import { claimIdentity, ownObjects, podObjects, removeObjects } from "../pod/ownership";

/** Refresh and delete: this pod's strays on the other nodes go. A lost node is cleaned when it answers again. */
export async function removeStrays(identity: PodIdentity, layout: ClusterLayout, podNode: string): Promise<void> {
  await onOtherNodes(layout, podNode, async (node) => {
    const strays = ownObjects(await podObjects(identity), identity.owner);
    if (strays.containers.length === 0 && strays.volumes.length === 0) return;
    log.warn(
      `pod ${identity.namespace}/${identity.pod}: removing ${strays.containers.length} stray container(s) from node "${node}", left there when the pod moved`,
    );
    await removeObjects(strays);
  });
}

/**
 * Create: one pod identity is one pod on the whole network, so anything of it that another owner holds on
 * any other node fails the create (PodClashError); this pod's own strays there go.
 */
export async function claimOnOtherNodes(identity: PodIdentity, layout: ClusterLayout, podNode: string): Promise<void> {
  await onOtherNodes(layout, podNode, async (node) => {
    const removed = await claimIdentity(identity, ` (node "${node}")`);
    if (removed > 0)
      log.warn(
        `pod ${identity.namespace}/${identity.pod}: removed ${removed} stray container(s) from node "${node}", left there when the pod moved`,
      );
  });
}

async function onOtherNodes(
  layout: ClusterLayout,
  podNode: string,
  work: (node: string) => Promise<void>,
): Promise<void> {
  const others = layout.nodes.filter((node) => node.name !== podNode);
  await Promise.all(
    others.map((node) =>
      onEngineUnlessLost(
        node,
        () => work(node.name),
        () => undefined,
      ),
    ),
  );
}
