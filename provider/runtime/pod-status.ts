// A pod's status line, from what Docker shows of its containers. Deterministic, so that a refresh of a
// healthy pod shows no change.
import type { ContainerInfo } from "../docker/containers";

export function describePodStatus(sandbox: ContainerInfo, apps: Array<{ name: string; info: ContainerInfo }>): string {
  if (!sandbox.State.Running) return `Stopped: the pod sandbox is ${sandbox.State.Status}`;
  const problems = apps.filter((a) => !a.info.State.Running).map((a) => describeStopped(a.name, a.info));
  return problems.length === 0 ? "Running" : `Stopped: ${problems.join("; ")}`;
}

function describeStopped(name: string, info: ContainerInfo): string {
  const state = info.State;
  if (state.Restarting) return `container ${name} is restarting (exit code ${state.ExitCode})`;
  if (state.OOMKilled) return `container ${name} was OOM-killed`;
  return `container ${name} is ${state.Status} (exit code ${state.ExitCode})`;
}
