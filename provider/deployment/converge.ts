// Brings a Deployment's pods to its spec, as the deployment controller's sync loop does: observe the pods,
// ask the pure plan (rollout.ts) for the next step, carry it out, and again, until the plan says done or
// nothing has progressed for progressDeadlineSeconds. Pods are made and removed by the Pod's own code.
import type { DeploymentPod, DeploymentSpec, NodeBlock, PodTemplate } from "../../core/types";
import { messageOf } from "../docker/errors";
import { log } from "../log";
import { systemClock } from "../ready/clock";
import { notReadyReason } from "../pod/readiness";
import { startPod } from "../pod/sync-pod";
import { onEngine } from "../docker/client";
import { releasePlacement } from "../cluster/placement";
import { podName } from "./pod-names";
import { deploymentPodLabels, podSpecOf } from "./pod-spec";
import { observeDeploymentPod, removeDeploymentPod, removeOnceReachable } from "./pod-ops";
import { placeReplicas } from "./placement";
import { computeRolloutStep, isAvailable } from "./rollout";

/** How often the pods' readiness is looked at while a step waits. */
const OBSERVE_MS = 500;

export interface Converged {
  pods: DeploymentPod[];
  /** Templates of the pods still running from earlier ones. */
  olderTemplates: Record<string, PodTemplate>;
}

/** The rollout could not finish: `state` is where it stopped, for the engine to record; the old pods serve on. */
export class RolloutError extends Error {
  constructor(
    message: string,
    readonly state: Converged,
    /** True when pods run but do not become available; false when a pod could not be made or removed. */
    readonly stalled: boolean,
  ) {
    super(message);
  }
}

export async function converge(
  spec: DeploymentSpec,
  hash: string,
  start: DeploymentPod[],
  templates: Record<string, PodTemplate>,
): Promise<Converged> {
  const label = `deployment ${spec.namespace}/${spec.name}`;
  const all = { ...templates, [hash]: spec.template };
  let pods = start.filter((p) => !p.terminating);
  let terminating = await stillTerminating(spec, start, all);
  const removals: Array<Promise<void>> = [];
  const snapshot = (): Converged => {
    const kept = [...pods, ...terminating];
    return {
      pods: kept,
      olderTemplates: Object.fromEntries(
        [...new Set(kept.map((p) => p.hash))].filter((h) => h !== hash).map((h) => [h, all[h]]),
      ),
    };
  };
  const fail = async (message: string, stalled = false): Promise<never> => {
    await Promise.allSettled(removals);
    throw new RolloutError(`${label}: ${message}`, snapshot(), stalled);
  };
  let lastProgress = systemClock.now();
  for (;;) {
    const before = pods.filter((p) => isAvailable(p, spec.minReadySeconds, systemClock.now())).length;
    const seen = await observe(spec, pods, all);
    pods = seen.filter((p) => !p.terminating);
    terminating = [...terminating, ...seen.filter((p) => p.terminating)];
    const now = systemClock.now();
    if (pods.filter((p) => isAvailable(p, spec.minReadySeconds, now)).length > before) lastProgress = now;
    const step = computeRolloutStep({ ...spec, hash, pods, now });
    if (step.done) break;
    if (step.delete.length > 0 || step.create > 0) {
      lastProgress = now;
      log.debug(`${label}: ${step.create} to create, deleting ${step.delete.join(", ") || "none"}`);
    }
    // Leaving pods are out of the count at once; they leave their services, then stop, in the background.
    for (const name of step.delete) {
      const pod = pods.find((p) => p.name === name)!;
      removals.push(removeDeploymentPod(spec, pod, all[pod.hash]));
    }
    pods = pods.filter((p) => !step.delete.includes(p.name));
    const nodes = await placeReplicas(spec, podSpecOf(spec, spec.name, hash), pods, step.create).catch((err) =>
      fail(messageOf(err)),
    );
    const made = await Promise.allSettled(nodes.map((node) => createOne(spec, hash, node)));
    pods = [...pods, ...made.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []))];
    const failed = made.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) await fail(messageOf(failed.reason));
    if (systemClock.now() - lastProgress > spec.progressDeadlineSeconds * 1000) {
      const waiting = pods.find((p) => step.waitingFor.includes(p.name));
      const why = waiting ? `pod ${waiting.name}: ${waiting.status ?? "not available yet"}` : "no pod became available";
      await fail(
        `the rollout made no progress for progressDeadlineSeconds (${spec.progressDeadlineSeconds}); it stopped, and the pods of the earlier template keep serving. First pending: ${why}`,
        true,
      );
    }
    if (step.delete.length === 0 && step.create === 0) await systemClock.sleep(OBSERVE_MS);
  }
  const results = await Promise.allSettled(removals);
  const lost = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (lost) await fail(`a replaced pod could not be removed: ${messageOf(lost.reason)}`);
  return snapshot();
}

/** One new pod of the current template, on its node (undefined off a cluster). */
async function createOne(spec: DeploymentSpec, hash: string, node: NodeBlock | undefined): Promise<DeploymentPod> {
  const name = podName(spec.name, hash);
  const deadline = systemClock.now() + spec.progressDeadlineSeconds * 1000;
  const pod = podSpecOf(spec, name, hash);
  const state = await onEngine(node, () => startPod(pod, deadline, node, deploymentPodLabels(spec, hash))).catch(
    async (err) => {
      if (node) await releasePlacement(node, pod.containers);
      throw err;
    },
  );
  return {
    name,
    hash,
    ip: state.podIP,
    ready: false,
    infraContainerId: state.infraContainerId,
    containerIds: state.containerIds,
    ...(node ? { node } : {}),
  };
}

/** Each pod as Docker shows it now: gone ones drop out (the plan makes new ones), readySince starts. */
async function observe(
  spec: DeploymentSpec,
  pods: DeploymentPod[],
  templates: Record<string, PodTemplate>,
): Promise<DeploymentPod[]> {
  const seen = await Promise.all(
    pods.map(async (pod) => ({ pod, now: await observeDeploymentPod(spec, pod, templates[pod.hash]) })),
  );
  return seen.flatMap(({ pod, now }) => {
    if (!now) {
      log.warn(`pod ${spec.namespace}/${pod.name} of deployment ${spec.name} is gone; another takes its place`);
      return [];
    }
    if ("lost" in now) {
      log.warn(
        `pod ${spec.namespace}/${pod.name} of deployment ${spec.name}: ${now.lost}; another takes its place, and it is removed once its node answers`,
      );
      return [{ ...pod, ready: false, status: `Terminating: ${now.lost}`, terminating: now.lost }];
    }
    const readySince = now.ready ? (pod.readySince ?? systemClock.now()) : undefined;
    const status = now.ready ? "Running" : `NotReady: ${notReadyReason(now.containerStatuses)}`;
    const { readySince: _was, ...rest } = pod;
    return [{ ...rest, ready: now.ready, status, ...(readySince !== undefined ? { readySince } : {}) }];
  });
}

/**
 * The pods kept as terminating (their node was lost) that still cannot be removed: each is removed in full
 * now if its node answers again.
 */
async function stillTerminating(
  spec: DeploymentSpec,
  pods: DeploymentPod[],
  templates: Record<string, PodTemplate>,
): Promise<DeploymentPod[]> {
  const kept = await Promise.all(
    pods
      .filter((p) => p.terminating)
      .map(async (p) => ((await removeOnceReachable(spec, p, templates[p.hash])) ? [] : [p])),
  );
  return kept.flat();
}
