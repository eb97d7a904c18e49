// On a cluster network a service lives on every node: each node's agent translates it in the node's own
// pods, and each node's DNS answers its name, so that no node is the others' home.
import type { ServiceSpec } from "../../core/types";
import { onEngineUnlessLost } from "../docker/client";
import { messageOf } from "../docker/errors";
import { log } from "../log";

/**
 * Runs `work` on every node of the service's cluster (on one engine, once). A node that does not answer
 * is skipped with a warning; the next up that changes the service, or its nodes, reaches it.
 */
export async function onEveryNode(
  spec: Pick<ServiceSpec, "namespace" | "name" | "clusterNodes">,
  work: () => Promise<void>,
): Promise<void> {
  if (!spec.clusterNodes?.length) return work();
  await Promise.all(
    spec.clusterNodes.map((node) =>
      onEngineUnlessLost(node, work, (err) =>
        log.warn(
          `service ${spec.namespace}/${spec.name}: node "${node.name}" does not answer (${messageOf(err)}); it gets the service at a later up`,
        ),
      ),
    ),
  );
}
