// Runs a pod in numbered steps, CRI style: (1) images, (2) sandbox with its address, (3) app containers
// in declared order, (4) wait until they run. A failure at any step removes everything made so far,
// then reports which container failed and why.
import type { Container, PodSpec, PodState } from "../../sdk/types/output";
import * as containers from "../docker/containers";
import { messageOf } from "../docker/errors";
import { ensureImage } from "../docker/images";
import { podFilter } from "../labels";
import { log } from "../log";
import { appContainerConfig, resourceSettings, RESTART_POLICY } from "./container-config";
import { networkLayout, releaseAddress, startOnFreeAddress } from "./ipam";
import { describePodStatus } from "./pod-status";
import { identityOf, PAUSE_IMAGE, sandboxConfig } from "./sandbox-config";

/** How long a just-started container must keep running before the pod counts as started. */
const SETTLE_MS = 400;

export class PodCreateError extends Error {}

export async function createPod(spec: PodSpec): Promise<PodState> {
  const label = `pod ${spec.namespace}/${spec.name}`;
  const made: string[] = [];
  let podIP: string | undefined;
  try {
    // 1. Images, all at once.
    await Promise.all([
      ensureImage(PAUSE_IMAGE, "IfNotPresent").catch((err) => {
        throw new PodCreateError(`${label}: the pod sandbox image is missing: ${messageOf(err)}. Run scripts/setup/images.sh to build it`);
      }),
      ...spec.containers.map((c) =>
        ensureImage(c.image, c.imagePullPolicy ?? spec.imagePullPolicy ?? defaultPullPolicy(c.image)).catch((err) => {
          throw new PodCreateError(`${label}: container "${c.name}": ${messageOf(err)}`);
        }),
      ),
    ]);
    await removeLeftovers(spec);

    // 2. The sandbox, on the lowest free address.
    const sandbox = await runSandbox(spec, made, label);
    podIP = sandbox.podIP;

    // 3. App containers, in declared order.
    const containerIds: Record<string, string> = {};
    for (const container of spec.containers) {
      const id = await containers.createContainer(appContainerConfig(spec, container, sandbox.id)).catch((err) => {
        throw new PodCreateError(`${label}: cannot create container "${container.name}": ${messageOf(err)}`);
      });
      made.push(id);
      containerIds[container.name] = id;
      await containers.startContainer(id, container.name).catch((err) => {
        throw new PodCreateError(`${label}: container "${container.name}" did not start: ${messageOf(err)}`);
      });
    }

    // 4. Everything still running after a moment: catches commands that exit at once.
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    await assertRunning(spec.containers, containerIds, label);
    await Promise.all(Object.values(containerIds).map((id) => containers.updateContainer(id, { RestartPolicy: RESTART_POLICY })));

    return { ...spec, podIP, podName: spec.name, infraContainerId: sandbox.id, containerIds, status: "Running" };
  } catch (err) {
    log.debug(`${label}: create failed, removing ${made.length} container(s)`);
    await removeAll([...made].reverse());
    if (podIP) await releaseAddress(spec.network, podIP);
    throw err instanceof PodCreateError ? err : new PodCreateError(`${label}: ${messageOf(err)}`);
  }
}

async function runSandbox(spec: PodSpec, made: string[], label: string): Promise<{ id: string; podIP: string }> {
  const layout = await networkLayout(spec.network);
  try {
    const { id, address } = await startOnFreeAddress(
      spec.network,
      "pod",
      (podIP) => containers.createContainer(sandboxConfig(spec, podIP, layout)),
      (id) => containers.startContainer(id, "sandbox"),
      containers.removeContainer,
    );
    made.push(id);
    return { id, podIP: address };
  } catch (err) {
    const message = messageOf(err);
    if (/port is already allocated|address already in use/i.test(message)) {
      const ports = spec.containers.flatMap((c) => c.ports ?? []).filter((p) => p.hostPort !== undefined);
      throw new PodCreateError(`${label}: a hostPort is already taken on the Docker host (${ports.map((p) => `${p.hostPort}/${p.protocol}`).join(", ")}): ${message}`);
    }
    throw new PodCreateError(`${label}: the pod sandbox did not start: ${message}`);
  }
}

async function assertRunning(specs: Container[], ids: Record<string, string>, label: string): Promise<void> {
  for (const c of specs) {
    const info = await containers.inspectContainer(ids[c.name]);
    if (info?.State?.Running) continue;
    const tail = await containers.logTail(ids[c.name]);
    const how = info ? `exited with code ${info.State.ExitCode}${info.State.OOMKilled ? " (OOM-killed)" : ""}${info.State.Error ? `: ${info.State.Error}` : ""}` : "disappeared";
    throw new PodCreateError(`${label}: container "${c.name}" ${how} right after it started${tail ? `; its last log lines:\n${tail}` : " and logged nothing"}`);
  }
}

// A pod of this identity that Pulumi no longer tracks (partly removed outside Pulumi, or left by an
// interrupted run) would block the names; it is ours by its labels, so clear it first.
async function removeLeftovers(spec: PodSpec): Promise<void> {
  const leftovers = await containers.listContainers(podFilter(identityOf(spec)));
  if (leftovers.length > 0) log.debug(`pod ${spec.namespace}/${spec.name}: removing ${leftovers.length} leftover container(s)`);
  await removeAll(leftovers.map((c) => c.Id));
}

async function removeAll(ids: string[]): Promise<void> {
  for (const id of ids) await containers.removeContainer(id);
}

/** Kubernetes' default: Always for :latest or untagged images, IfNotPresent otherwise. */
export function defaultPullPolicy(image: string): "Always" | "IfNotPresent" {
  if (image.includes("@")) return "IfNotPresent";
  const lastPart = image.slice(image.lastIndexOf("/") + 1);
  const tag = lastPart.includes(":") ? lastPart.slice(lastPart.indexOf(":") + 1) : "latest";
  return tag === "latest" ? "Always" : "IfNotPresent";
}

/** StopPodSandbox then RemovePodSandbox: app containers first, with their grace period. Gone is fine. */
export async function deletePod(state: Pick<PodState, "infraContainerId" | "containerIds">, graceSeconds: number): Promise<void> {
  const apps = Object.values(state.containerIds ?? {});
  await Promise.all(apps.map((id) => containers.stopContainer(id, graceSeconds)));
  await removeAll(apps);
  if (state.infraContainerId) await containers.removeContainer(state.infraContainerId);
}

/** What Docker shows of a pod now; undefined when the sandbox or any container is gone. */
export async function observePod(state: PodState): Promise<{ status: string } | undefined> {
  const sandbox = await containers.inspectContainer(state.infraContainerId);
  if (!sandbox) return undefined;
  const apps = await Promise.all(Object.entries(state.containerIds ?? {}).map(async ([name, id]) => ({ name, info: await containers.inspectContainer(id) })));
  if (apps.some((a) => !a.info)) return undefined;
  return { status: describePodStatus(sandbox, apps as Array<{ name: string; info: containers.ContainerInfo }>) };
}

/** Applies the in-place part of a change: cpu and memory settings of each app container. */
export async function updatePodResources(state: PodState, spec: PodSpec): Promise<void> {
  for (const c of spec.containers) {
    const id = state.containerIds[c.name];
    await containers.updateContainer(id, resourceSettings(c)).catch((err) => {
      throw new Error(`pod ${spec.namespace}/${spec.name}: cannot update resources of container "${c.name}" in place: ${messageOf(err)}`);
    });
  }
}
