// A Deployment's kubectl columns (READY, UP-TO-DATE, AVAILABLE; -o wide: CONTAINERS, IMAGES, SELECTOR)
// from its pods as the engine shows them. Pure.
import { ageOf } from "./age";
import { podReady, podReadySince } from "./pod-rows";
import type { DeploymentView, PodView } from "../read/model";

export const DEPLOYMENT_HEADERS = ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"];
export const DEPLOYMENT_WIDE_HEADERS = [...DEPLOYMENT_HEADERS, "CONTAINERS", "IMAGES", "SELECTOR"];

export interface DeploymentCounts {
  /** Desired; "<unknown>" when no pod's label says. */
  replicas?: number;
  /** Every pod, of any template. */
  current: number;
  ready: number;
  updated: number;
  /**
   * Ready pods that have been ready for minReadySeconds, by their containers' latest readySince. Without a
   * record that says minReadySeconds (a Deployment made before records kept it), every ready pod.
   */
  available: number;
}

export function deploymentCounts(d: DeploymentView, now: number): DeploymentCounts {
  const ready = d.pods.filter(podReady);
  return {
    ...(d.replicas !== undefined ? { replicas: d.replicas } : {}),
    current: d.pods.length,
    ready: ready.length,
    updated: d.pods.filter((p) => p.deployment?.templateHash === d.templateHash).length,
    available: ready.filter((p) => availableAt(p, d.minReadySeconds ?? 0) <= now).length,
  };
}

/** When a ready pod counts as available: minReadySeconds after it became ready. */
function availableAt(pod: PodView, minReadySeconds: number): number {
  const since = podReadySince(pod);
  // A podling-init from before readySince says nothing: such a pod counts as it did, available when ready.
  return minReadySeconds === 0 || since === undefined ? -Infinity : since + minReadySeconds * 1000;
}

export function deploymentRow(d: DeploymentView, now: number, wide: boolean): string[] {
  const counts = deploymentCounts(d, now);
  const row = [
    d.name,
    `${counts.ready}/${counts.replicas ?? "<unknown>"}`,
    String(counts.updated),
    String(counts.available),
    ageOf(d.created, now),
  ];
  if (!wide) return row;
  const template = templateContainers(d);
  const column = (values: string[]) => (values.length ? values.join(",") : "<unknown>");
  return [...row, column(template.map((c) => c.name)), column(template.map((c) => c.image)), d.selector ?? "<unknown>"];
}

/**
 * The current template's containers, as the newest of its pods that has them runs them (a pod being made
 * may have its sandbox and no container yet).
 */
export function templateContainers(d: DeploymentView): Array<{ name: string; image: string }> {
  const pod = [...d.pods]
    .reverse()
    .find((p) => p.deployment?.templateHash === d.templateHash && p.containers.length > 0);
  return (pod?.containers ?? []).map((c) => ({ name: c.name, image: c.image }));
}
