// What a pod's node agent holds true: after every new start of the sandbox, the init containers again in
// order and then the app containers (see tools/agent). Written once the provider has brought the pod up.
import type { PodSpec } from "../../core/types";
import type { PodEntry } from "../agent/contract";
import { entryKey, holdTrue, letGo } from "../agent/desired-state";
import * as containers from "../docker/containers";
import type { PodIdentity } from "../labels";
import { appContainerName, sandboxName } from "../names";
import { identityOf } from "./sandbox-config";

/** Pure: the agent's entry for a pod whose containers the provider brought up in the sandbox start `syncedStart`. */
export function podEntry(
  spec: PodSpec,
  sandboxId: string,
  containerIds: Record<string, string>,
  syncedStart: string,
): PodEntry {
  const id = identityOf(spec);
  return {
    version: 1,
    kind: "pod",
    namespace: spec.namespace,
    name: spec.name,
    sandbox: sandboxId,
    // An init container's last attempt keeps its name (init-containers.ts), and Docker resolves names.
    initContainers: (spec.initContainers ?? []).map((c) => appContainerName(id, c.name)),
    containers: spec.containers.map((c) => ({
      name: c.name,
      id: containerIds[c.name],
      restartPolicy: spec.restartPolicy,
    })),
    syncedStart,
  };
}

/** Hands the pod to the agent as it runs now. */
export async function handPodToAgent(
  spec: PodSpec,
  sandboxId: string,
  containerIds: Record<string, string>,
): Promise<void> {
  const sandbox = await containers.inspectContainer(sandboxId);
  if (!sandbox) return;
  await holdTrue(
    spec.network,
    podKey(identityOf(spec)),
    podEntry(spec, sandboxId, containerIds, sandbox.State.StartedAt),
  );
}

/** First in a delete: the agent must not start what is being stopped. */
export async function takePodFromAgent(id: PodIdentity): Promise<void> {
  await letGo(id.network, podKey(id));
}

function podKey(id: PodIdentity): string {
  return entryKey("pod", sandboxName(id));
}
