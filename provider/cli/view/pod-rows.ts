// A pod's kubectl columns (READY, STATUS, RESTARTS) from what the engine shows of it. Pure.
import { humanDuration, ageOf } from "./age";
import type { ContainerView, PodView } from "../read/model";

export const POD_HEADERS = ["NAME", "READY", "STATUS", "RESTARTS", "AGE"];
export const POD_WIDE_HEADERS = [...POD_HEADERS, "IP", "NODE", "NOMINATED NODE", "READINESS GATES"];

export function podRow(pod: PodView, now: number, wide: boolean): string[] {
  const row = [
    pod.name,
    readyColumn(pod),
    podStatus(pod),
    restartsColumn(pod.containers, now),
    ageOf(pod.created, now),
  ];
  return wide ? [...row, pod.ip ?? "<none>", pod.node, "<none>", "<none>"] : row;
}

export function readyColumn(pod: PodView): string {
  return `${pod.containers.filter((c) => c.ready).length}/${pod.containers.length}`;
}

/** The pod's Ready condition: its sandbox runs and every app container is ready. */
export function podReady(pod: PodView): boolean {
  return pod.sandboxState === "running" && pod.containers.every((c) => c.ready);
}

/**
 * Since when a ready pod has been ready: its containers' latest readySince (ms since the epoch). Undefined
 * when a container does not say (a podling-init from before it reported that).
 */
export function podReadySince(pod: PodView): number | undefined {
  const since = pod.containers.map((c) => (c.readySince ? Date.parse(c.readySince) : NaN));
  return since.length > 0 && !since.some(Number.isNaN) ? Math.max(...since) : undefined;
}

/** kubectl's restart count, with how long ago the latest restart was ("3 (2m ago)"). */
export function restartsColumn(containers: ContainerView[], now: number): string {
  const total = containers.reduce((sum, c) => sum + c.restartCount, 0);
  const latest = containers
    .filter((c) => c.restartCount > 0 && c.startedAt)
    .map((c) => Date.parse(c.startedAt!))
    .sort((a, b) => b - a)[0];
  return latest === undefined ? String(total) : `${total} (${humanDuration(now - latest)} ago)`;
}

/**
 * kubectl's STATUS: the phase, or the reason of the first container that is not running (CrashLoopBackOff,
 * Completed, Error, OOMKilled), or Init:n/m while init containers run. A pod whose sandbox (which holds
 * its network namespace) is down shows SandboxNotRunning, which Kubernetes has no word for.
 */
export function podStatus(pod: PodView): string {
  if (pod.sandboxState !== "running") return "SandboxNotRunning";
  const init = pod.initContainers;
  const failedInit = init.find((c) => c.dockerState === "exited" && c.exitCode !== 0);
  if (failedInit) return "Init:Error";
  if (init.some((c) => c.dockerState === "running" || c.dockerState === "created"))
    return `Init:${init.filter((c) => c.dockerState === "exited").length}/${init.length}`;
  for (const c of pod.containers) {
    const reason = containerReason(c);
    if (reason) return reason;
  }
  return "Running";
}

/** Why a container is not running, in kubectl's words; undefined while it runs. */
export function containerReason(c: ContainerView): string | undefined {
  switch (c.dockerState) {
    case "running":
      return undefined;
    case "restarting":
      return "CrashLoopBackOff";
    case "created":
      return "ContainerCreating";
    case "exited":
    case "dead": {
      if (c.oomKilled) return "OOMKilled";
      const restarts = c.restartPolicy === "Always" || (c.restartPolicy === "OnFailure" && c.exitCode !== 0);
      if (restarts && c.restartCount > 0) return "CrashLoopBackOff";
      return c.exitCode === 0 ? "Completed" : "Error";
    }
    default:
      return c.dockerState.charAt(0).toUpperCase() + c.dockerState.slice(1);
  }
}
