// A Deployment's pod as the Pod code observes and removes it, on its own node's engine. A pod whose node
// does not answer is lost: as in Kubernetes, it stops counting as a replica and is kept as terminating
// until its node answers again, when it is removed in full (containers, agent entry, records).
import type { DeploymentPod, DeploymentSpec, PodState, PodTemplate } from "../../core/types";
import { releasePlacement } from "../cluster/placement";
import * as containers from "../docker/containers";
import { onEngine, onEngineUnlessLost } from "../docker/client";
import { messageOf } from "../docker/errors";
import { removePod, withdrawFromServices } from "../pod/remove-pod";
import { observePod } from "../pod/sync-pod";
import { podStateOf } from "./pod-spec";

export type Observed = Pick<PodState, "status" | "ready" | "containerStatuses">;

/** What Docker shows of the pod now: undefined when it is gone, `lost` when its node does not answer. */
export async function observeDeploymentPod(
  spec: DeploymentSpec,
  pod: DeploymentPod,
  template: PodTemplate,
): Promise<Observed | undefined | { lost: string }> {
  const state = podStateOf(spec, pod, template);
  return onEngineUnlessLost<Observed | undefined | { lost: string }>(
    state.node,
    () => observePod(state),
    async (err) => {
      // As for a Pod of a lost node: it leaves its services at once.
      if (state.podIP)
        await onEngine(state.clusterLayout?.home, () => withdrawFromServices(state.network, state.podIP));
      return { lost: `node "${state.node!.name}" does not answer (${messageOf(err)})` };
    },
  );
}

/** Takes the pod out of its services, then removes it; gone is fine. */
export async function removeDeploymentPod(spec: DeploymentSpec, pod: DeploymentPod, template: PodTemplate) {
  const state = podStateOf(spec, pod, template);
  await removePod(state);
  if (state.node) await releasePlacement(state.node, state.containers);
}

/** A terminating pod of a lost node: removed in full once the node answers (true), else kept (false). */
export async function removeOnceReachable(
  spec: DeploymentSpec,
  pod: DeploymentPod,
  template: PodTemplate,
): Promise<boolean> {
  const state = podStateOf(spec, pod, template);
  const answers = await onEngineUnlessLost(
    state.node,
    async () => (await containers.inspectContainer(pod.infraContainerId), true),
    () => false,
  );
  if (answers) await removeDeploymentPod(spec, pod, template);
  return answers;
}
