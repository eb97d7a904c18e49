// Whether a pod's app containers run and pass their probes, as Docker and podling-init report it, and
// the wait for that which `up` does (pulumi-kubernetes' await logic: on timeout, say why not).
import type { Container, ContainerStatus, PodSpec } from "../../core/types";
import * as containers from "../docker/containers";
import type * as init from "./init-contract";
import { INIT_BINARY } from "./init-tools";

const POLL_MS = 250;
/** The message of a container that no longer exists in Docker. */
export const GONE = "the container is gone";

export async function containerStatus(container: Container, id: string | undefined): Promise<ContainerStatus> {
  const info = id ? await containers.inspectContainer(id) : undefined;
  if (!info) return { name: container.name, ready: false, restartCount: 0, state: "terminated", message: GONE };
  const { State: state, RestartCount: restartCount } = info;
  if (state.Restarting) return { name: container.name, ready: false, restartCount, state: "waiting", message: `restarting after exit code ${state.ExitCode}${state.OOMKilled ? " (OOM-killed)" : ""}` };
  if (!state.Running) {
    const how = state.OOMKilled ? "was OOM-killed" : `exited with code ${state.ExitCode}`;
    return { name: container.name, ready: false, restartCount, state: "terminated", message: `${how}${state.Error ? `: ${state.Error}` : ""}` };
  }
  if (!container.readinessProbe && !container.startupProbe) return { name: container.name, ready: true, restartCount, state: "running" };
  const probes = await probeState(id!);
  const ready = probes.ready && probes.started;
  const message = ready ? undefined : (probes.reason ?? (probes.started ? "not ready" : "the startup probe has not passed yet"));
  return { name: container.name, ready, restartCount, state: "running", ...(message ? { message } : {}) };
}

async function probeState(id: string): Promise<init.State> {
  const result = await containers.execIn(id, [INIT_BINARY, "status"]).catch((err: Error) => ({ exitCode: -1, stdout: "", stderr: err.message }));
  return parseInitState(result);
}

/** What `podling-init status` printed (tools/podinit/schema/state.schema.json), or why there is nothing. */
export function parseInitState(result: { exitCode: number; stdout: string; stderr: string }): init.State {
  try {
    return JSON.parse(result.stdout) as init.State;
  } catch {
    return { started: false, ready: false, reason: `podling-init did not report (${result.stderr.trim() || `exit code ${result.exitCode}`})` };
  }
}

export async function podContainerStatuses(spec: PodSpec, ids: Record<string, string>): Promise<ContainerStatus[]> {
  return Promise.all(spec.containers.map((c) => containerStatus(c, ids[c.name])));
}

/** One line on what keeps the pod from being ready, naming each container that is not. */
export function notReadyReason(statuses: ContainerStatus[]): string {
  return statuses
    .filter((s) => !s.ready)
    .map((s) => `container ${s.name}${s.restartCount > 0 ? ` (${s.restartCount} restarts)` : ""}: ${s.message ?? "not ready"}`)
    .join("; ");
}

/**
 * Polls until every container is ready or the deadline passes. Unless restartPolicy is Always, Docker
 * may leave a stopped container stopped, so that ends the wait at once.
 */
export async function awaitReady(spec: PodSpec, ids: Record<string, string>, deadline: number): Promise<{ ready: boolean; statuses: ContainerStatus[] }> {
  for (;;) {
    const statuses = await podContainerStatuses(spec, ids);
    if (statuses.every((s) => s.ready)) return { ready: true, statuses };
    const hopeless = spec.restartPolicy !== "Always" && statuses.some((s) => s.state === "terminated");
    if (hopeless || Date.now() + POLL_MS > deadline) return { ready: false, statuses };
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
