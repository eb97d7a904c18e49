// Init containers: each runs to completion, in order, before the next starts, in the pod's network
// namespace and with its volumes. A failure is retried with a growing pause, as kubelet does, unless the
// pod's restartPolicy is Never; the deadline bounds it all.
import type { Container, PodSpec } from "../../core/types";
import * as containers from "../docker/containers";
import { messageOf } from "../docker/errors";
import { initContainerConfig, Sandbox } from "./container-config";
import { systemClock } from "../ready/clock";
import type { Verdict } from "../ready/condition";
import { waitFor, WaitTimeoutError } from "../ready/wait";

// Kubelet's backoff (10 s, doubling up to 5 min) scaled down: here readyTimeoutSeconds bounds the whole pod.
const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 10_000;
/** An inspect is cheap, and a short init container should not hold the pod up for long after it ends. */
const EXIT_POLL_MS = 200;

export class InitContainerError extends Error {}

/**
 * Runs every init container; `made` receives each container id as soon as it exists, for rollback.
 * A retry, not a wait: each attempt makes a new container, and one is tried only if its backoff ends
 * before the deadline.
 */
export async function runInitContainers(
  spec: PodSpec,
  sandbox: Sandbox,
  deadline: number,
  made: string[],
): Promise<void> {
  for (const container of spec.initContainers ?? []) {
    let backoff = FIRST_BACKOFF_MS;
    for (let attempt = 1; ; attempt++) {
      const failure = await runOnce(spec, container, sandbox, deadline, made);
      if (!failure) break;
      const retry = spec.restartPolicy !== "Never" && systemClock.now() + backoff < deadline;
      if (!retry) {
        const tries =
          attempt > 1
            ? ` (after ${attempt} attempts)`
            : spec.restartPolicy === "Never"
              ? " (restartPolicy Never: not retried)"
              : "";
        throw new InitContainerError(`init container "${container.name}" ${failure}${tries}`);
      }
      await systemClock.sleep(backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  }
}

/** undefined on success, else what went wrong, with the tail of the container's log. */
async function runOnce(
  spec: PodSpec,
  container: Container,
  sandbox: Sandbox,
  deadline: number,
  made: string[],
): Promise<string | undefined> {
  const config = initContainerConfig(spec, container, sandbox);
  // A retry replaces the previous attempt, whose name it reuses.
  await containers.removeContainer(config.name!);
  const id = await containers.createContainer(config).catch((err) => {
    throw new InitContainerError(`cannot create init container "${container.name}": ${messageOf(err)}`);
  });
  made.push(id);
  try {
    await containers.startContainer(id, container.name);
  } catch (err) {
    return `did not start: ${messageOf(err)}`;
  }
  const exit = await awaitExit(id, container.name, deadline);
  if (exit === undefined) return `was still running when readyTimeoutSeconds ran out`;
  if (exit.exitCode === 0) return undefined;
  const tail = await containers.logTail(id);
  return `exited with code ${exit.exitCode}${exit.oomKilled ? " (OOM-killed)" : ""}${tail ? `; its last log lines:\n${tail}` : " and logged nothing"}`;
}

/** How the container ended; undefined if it still runs at the deadline. Polls, because a long-lived
 * wait request would outlast the Docker client's per-call timeout. */
async function awaitExit(
  id: string,
  name: string,
  deadline: number,
): Promise<{ exitCode: number; oomKilled: boolean } | undefined> {
  try {
    const info = await waitFor(
      () => containers.inspectContainer(id),
      (observed) => [exited(observed)],
      { what: `init container "${name}"`, deadline, pollMs: EXIT_POLL_MS },
    );
    return info
      ? { exitCode: info.State.ExitCode, oomKilled: info.State.OOMKilled }
      : { exitCode: -1, oomKilled: false };
  } catch (err) {
    if (err instanceof WaitTimeoutError) return undefined;
    throw err;
  }
}

/** A container that is gone counts as ended; one just created, running or restarting does not. */
function exited(info: containers.ContainerInfo | undefined): Verdict {
  if (!info || (!info.State.Running && !info.State.Restarting && info.State.Status !== "created")) return { ok: true };
  return { ok: false, reason: `still ${info.State.Status}` };
}
