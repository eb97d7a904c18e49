// A pod lives on one node, but a node that was lost while its pods moved elsewhere comes back with their
// old containers, which Docker's restart policy starts again. Those strays carry the pod's labels, so
// whenever Podling creates, refreshes or deletes a cluster pod, it removes them from every other node.
import type { ClusterLayout } from "../../core/types";
import { onEngineUnlessLost } from "../docker/client";
import * as containers from "../docker/containers";
import { PodIdentity, podFilter } from "../labels";
import { log } from "../log";
import { removePodVolumes } from "../pod/volumes";

export async function removeStrays(identity: PodIdentity, layout: ClusterLayout, podNode: string): Promise<void> {
  const removeFrom = async (node: string) => {
    const strays = await containers.listContainers(podFilter(identity));
    if (strays.length === 0) return;
    log.warn(`pod ${identity.namespace}/${identity.pod}: removing ${strays.length} stray container(s) from node "${node}", left there when the pod moved`);
    for (const c of strays) await containers.removeContainer(c.Id);
    await removePodVolumes(identity);
  };
  // A lost node is cleaned when it answers again.
  const others = layout.nodes.filter((node) => node.name !== podNode);
  await Promise.all(others.map((node) => onEngineUnlessLost(node, () => removeFrom(node.name), () => undefined)));
}
