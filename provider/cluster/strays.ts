// A pod lives on one node, but a node that was lost while its pods moved elsewhere comes back with their
// old containers, which Docker's restart policy starts again. Those strays carry the pod's labels, so
// whenever Podling creates, refreshes or deletes a cluster pod, it removes them from every other node.
import type { ClusterLayout } from "../../sdk/types/output";
import { onEngine } from "../docker/client";
import * as containers from "../docker/containers";
import { isEngineUnreachable } from "../docker/errors";
import { PodIdentity, podFilter } from "../labels";
import { log } from "../log";
import { removePodVolumes } from "../runtime/pod-volumes";

export async function removeStrays(identity: PodIdentity, layout: ClusterLayout, home: string | undefined): Promise<void> {
  await Promise.all(
    layout.nodes
      .filter((node) => node.name !== home)
      .map((node) =>
        onEngine(node, async () => {
          const strays = await containers.listContainers(podFilter(identity));
          if (strays.length === 0) return;
          log.warn(`pod ${identity.namespace}/${identity.pod}: removing ${strays.length} stray container(s) from node "${node.name}", left there when the pod moved`);
          for (const c of strays) await containers.removeContainer(c.Id);
          await removePodVolumes(identity);
        }).catch((err) => {
          if (!isEngineUnreachable(err)) throw err; // a lost node is cleaned when it answers again
        }),
      ),
  );
}
