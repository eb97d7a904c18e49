// A pod's status line, from what Docker shows of its sandbox and what its containers report.
// Deterministic, so that a refresh of a healthy pod shows no change.
import type { ContainerStatus } from "../../core/types";
import type { ContainerInfo } from "../docker/containers";
import { notReadyReason } from "./readiness";

export function describePodStatus(sandbox: ContainerInfo, statuses: ContainerStatus[]): string {
  if (!sandbox.State.Running) return `Stopped: the pod sandbox is ${sandbox.State.Status}`;
  if (statuses.every((s) => s.ready)) return "Running";
  const stopped = statuses.filter((s) => s.state !== "running");
  return stopped.length > 0 ? `Stopped: ${notReadyReason(stopped)}` : `NotReady: ${notReadyReason(statuses)}`;
}
