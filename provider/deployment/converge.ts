// Brings a Deployment's pods to its spec, as the deployment controller's sync loop does: observe the pods,
// ask the pure plan (rollout.ts) for the next step, carry it out, and again, until the plan says done or
// nothing has progressed for progressDeadlineSeconds. Pods are made and removed by the Pod's own code.
import type { DeploymentPod, DeploymentSpec, PodTemplate } from "../../core/types";
import { messageOf } from "../docker/errors";
import { log } from "../log";
import { systemClock } from "../ready/clock";
import { notReadyReason } from "../pod/readiness";
import { removePod } from "../pod/remove-pod";
import { observePod, startPod } from "../pod/sync-pod";
import { podName } from "./pod-names";
import { deploymentPodLabels, podSpecOf, podStateOf } from "./pod-spec";
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
  let pods = [...start];
  const removals: Array<Promise<void>> = [];
  const snapshot = (): Converged => ({
    pods,
    olderTemplates: Object.fromEntries(
      [...new Set(pods.map((p) => p.hash))].filter((h) => h !== hash).map((h) => [h, all[h]]),
    ),
  });
  const fail = async (message: string, stalled = false): Promise<never> => {
    await Promise.allSettled(removals);
    throw new RolloutError(`${label}: ${message}`, snapshot(), stalled);
  };
  let lastProgress = systemClock.now();
  for (;;) {
    const before = pods.filter((p) => isAvailable(p, spec.minReadySeconds, systemClock.now())).length;
    pods = await observe(spec, pods, all);
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
      removals.push(removePod(podStateOf(spec, pod, all[pod.hash])));
    }
    pods = pods.filter((p) => !step.delete.includes(p.name));
    const made = await Promise.allSettled(Array.from({ length: step.create }, () => createOne(spec, hash)));
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

async function createOne(spec: DeploymentSpec, hash: string): Promise<DeploymentPod> {
  const name = podName(spec.name, hash);
  const deadline = systemClock.now() + spec.progressDeadlineSeconds * 1000;
  const state = await startPod(podSpecOf(spec, name, hash), deadline, undefined, deploymentPodLabels(spec, hash));
  return {
    name,
    hash,
    ip: state.podIP,
    ready: false,
    infraContainerId: state.infraContainerId,
    containerIds: state.containerIds,
  };
}

/** Each pod as Docker shows it now: gone ones drop out (the plan makes new ones), readySince starts. */
async function observe(
  spec: DeploymentSpec,
  pods: DeploymentPod[],
  templates: Record<string, PodTemplate>,
): Promise<DeploymentPod[]> {
  const seen = await Promise.all(
    pods.map(async (pod) => ({ pod, now: await observePod(podStateOf(spec, pod, templates[pod.hash])) })),
  );
  return seen.flatMap(({ pod, now }) => {
    if (!now) {
      log.warn(`pod ${spec.namespace}/${pod.name} of deployment ${spec.name} is gone; another takes its place`);
      return [];
    }
    const readySince = now.ready ? (pod.readySince ?? systemClock.now()) : undefined;
    const status = now.ready ? "Running" : `NotReady: ${notReadyReason(now.containerStatuses)}`;
    const { readySince: _was, ...rest } = pod;
    return [{ ...rest, ready: now.ready, status, ...(readySince !== undefined ? { readySince } : {}) }];
  });
}
