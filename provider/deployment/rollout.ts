// What a Deployment does next, decided before anything is done (the deployment controller's
// rolloutRolling and rolloutRecreate, with the ReplicaSet's choice of which pods go): pure, from the
// spec and the pods as observed. The handler carries a step out, waits for the pods to change, and asks again.
import type { DeploymentStrategy, IntOrPercent } from "../../core/types";

/** A pod as the plan sees it. */
export interface ObservedPod {
  name: string;
  /** Its pod-template-hash. */
  hash: string;
  ready: boolean;
  /** When it was first seen ready, in ms; with minReadySeconds, says whether it counts as available. */
  readySince?: number;
}

export interface RolloutInput {
  replicas: number;
  strategy: DeploymentStrategy;
  minReadySeconds: number;
  /** The hash of the current template. */
  hash: string;
  pods: readonly ObservedPod[];
  now: number;
}

export interface RolloutStep {
  /** How many pods of the current template to create. */
  create: number;
  /** Pods to delete, in order. */
  delete: string[];
  /** The Deployment is complete: `replicas` pods of the current template, all available, and no other. */
  done: boolean;
  /** Pods of the current template that are not available yet, which the rollout waits for. */
  waitingFor: string[];
}

/** Kubernetes' defaults for a RollingUpdate. */
export const DEFAULT_MAX_SURGE = "25%";
export const DEFAULT_MAX_UNAVAILABLE = "25%";

/**
 * Kubernetes' GetScaledValueFromIntOrPercent: a percentage of `total`, rounded up for maxSurge and down
 * for maxUnavailable, so that a small Deployment can still surge by one and keeps every pod available.
 */
export function scaledValue(value: IntOrPercent, total: number, roundUp: boolean): number {
  if (typeof value === "number") return value;
  const percent = Number(value.slice(0, -1));
  const exact = (percent * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** Kubernetes' ResolveFenceposts: maxSurge and maxUnavailable as pod counts, never both zero. */
export function fenceposts(strategy: DeploymentStrategy, replicas: number): { surge: number; unavailable: number } {
  const rolling = strategy.rollingUpdate ?? { maxSurge: DEFAULT_MAX_SURGE, maxUnavailable: DEFAULT_MAX_UNAVAILABLE };
  const surge = scaledValue(rolling.maxSurge, replicas, true);
  const unavailable = scaledValue(rolling.maxUnavailable, replicas, false);
  return { surge, unavailable: surge === 0 && unavailable === 0 ? 1 : unavailable };
}

export function isAvailable(pod: ObservedPod, minReadySeconds: number, now: number): boolean {
  return pod.ready && pod.readySince !== undefined && now - pod.readySince >= minReadySeconds * 1000;
}

export function computeRolloutStep(input: RolloutInput): RolloutStep {
  const { replicas, hash, pods } = input;
  const available = (p: ObservedPod) => isAvailable(p, input.minReadySeconds, input.now);
  const fresh = pods.filter((p) => p.hash === hash);
  const old = pods.filter((p) => p.hash !== hash);
  const waitingFor = fresh.filter((p) => !available(p)).map((p) => p.name);
  const byPriority = deletionOrder(available);

  // Too many of the current template (a scale-down, or surge pods left over): the extra ones go.
  const extraFresh = Math.max(0, fresh.length - replicas);
  const dropFresh = byPriority(fresh).slice(0, extraFresh);

  if (old.length === 0) {
    const create = Math.max(0, replicas - fresh.length);
    const done = create === 0 && extraFresh === 0 && waitingFor.length === 0;
    return { create, delete: dropFresh.map((p) => p.name), done, waitingFor };
  }

  // Recreate: every old pod goes before any new one comes.
  if (input.strategy.type === "Recreate") return { create: 0, delete: old.map((p) => p.name), done: false, waitingFor };

  const { surge, unavailable } = fenceposts(input.strategy, replicas);
  // reconcileNewReplicaSet: new pods up to replicas + maxSurge in all.
  const create = Math.max(0, Math.min(replicas + surge - pods.length, replicas - fresh.length));

  // reconcileOldReplicaSets: never below replicas - maxUnavailable available pods. Unavailable old pods go
  // first (cleanupUnhealthyReplicas), then available ones while enough others are available.
  const minAvailable = replicas - unavailable;
  const freshUnavailable = waitingFor.length;
  let budget = Math.max(0, pods.length - minAvailable - freshUnavailable);
  const unhealthy = byPriority(old.filter((p) => !available(p))).slice(0, budget);
  budget -= unhealthy.length;
  const healthyOld = byPriority(old.filter((p) => available(p)));
  const availableCount = pods.filter(available).length;
  const scaleDown = Math.min(budget, Math.max(0, availableCount - minAvailable), healthyOld.length);
  const drop = [...unhealthy, ...healthyOld.slice(0, scaleDown), ...dropFresh].map((p) => p.name);
  return { create, delete: drop, done: false, waitingFor };
}

/**
 * The ReplicaSet's order for deleting pods (controller.ActivePods): unavailable before available, then the
 * ones ready for the shortest time, then by name so that the plan is deterministic.
 */
function deletionOrder(available: (p: ObservedPod) => boolean) {
  return (pods: readonly ObservedPod[]): ObservedPod[] =>
    [...pods].sort(
      (a, b) =>
        Number(available(a)) - Number(available(b)) ||
        Number(a.ready) - Number(b.ready) ||
        (b.readySince ?? 0) - (a.readySince ?? 0) ||
        a.name.localeCompare(b.name),
    );
}
