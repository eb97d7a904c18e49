// Removing a pod the way Kubernetes does: it leaves its services first (the node agent takes it out of
// every router, client pod and headless record, answering the tombstone), and only then do its containers
// get SIGTERM. Shared by Pod and Deployment.
import type { PodState } from "../../core/types";
import { onEngine, onEngineUnlessLost } from "../docker/client";
import { messageOf } from "../docker/errors";
import { log } from "../log";
import { withdrawFromRecords } from "../pod-network/cluster-dns";
import { withdrawFromRouters } from "../service/router";
import { takePodFromAgent } from "./agent-entry";
import { identityOf } from "./sandbox-config";
import { deletePod } from "./sync-pod";
import { withdrawPodRecords } from "./pod-records";

export type RemovablePod = Pick<
  PodState,
  | "network"
  | "namespace"
  | "name"
  | "owner"
  | "infraContainerId"
  | "containerIds"
  | "podIP"
  | "terminationGracePeriodSeconds"
  | "clusterLayout"
  | "node"
>;

/** Withdraws the pod from its services, then stops and removes it; gone is fine. */
export async function removePod(state: RemovablePod): Promise<void> {
  // The agent lets go first: it must not start what is being stopped, nor count the pod as a ready
  // endpoint again, and it takes the pod out of its services. On a cluster that is its own node's agent,
  // for that node's pods; the routers on the home are changed here, and other nodes' pods follow the
  // service's own update.
  const withdrawn = await onEngineUnlessLost(
    state.node,
    () => takePodFromAgent(identityOf(state)),
    () => false,
  );
  // As in Kubernetes, a deleted pod leaves its services before its containers get SIGTERM.
  if (state.podIP && (!withdrawn || state.clusterLayout))
    await onEngine(state.clusterLayout?.home, () => withdrawFromServices(state.network, state.podIP));
  // Its name goes with it; best effort, as its services' records (the DNS may be gone with its network).
  await withdrawPodRecords(state).catch((err) =>
    log.warn(`pod ${state.namespace}/${state.name}: could not remove its DNS record: ${messageOf(err)}`),
  );
  await onEngineUnlessLost(
    state.node,
    () => deletePod(state, state.terminationGracePeriodSeconds ?? 30),
    (err) => {
      log.warn(
        `pod ${state.namespace}/${state.name}: node "${state.node!.name}" does not answer (${messageOf(err)}); the pod is dropped from the state, and its containers stay on that engine until it is cleaned up`,
      );
    },
  );
}

/** Takes the pod's address out of the service routers and headless records, where the agent has not. */
export async function withdrawFromServices(network: string, podIP: string): Promise<void> {
  // Best effort: a pod leaves even when its services' node does not answer.
  await withdrawFromRouters(network, podIP).catch((err) =>
    log.warn(`could not withdraw ${podIP} from service routers: ${messageOf(err)}`),
  );
  await withdrawFromRecords(network, podIP).catch((err) =>
    log.debug(`could not withdraw ${podIP} from DNS records: ${String(err)}`),
  );
}
