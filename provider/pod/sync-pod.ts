// Runs a pod in numbered steps, CRI style: (1) images and podling-init, (2) volumes, (3) sandbox with its
// address and startup firewall, (4) init containers in order, (5) app containers, (6) a check that they
// stay up. A failure at any of those steps removes everything made so far, then reports which container
// failed and why. (7) Readiness is awaited last; a pod that runs but is not ready in time is kept and
// reported as created but not ready.
import type { Container, NodeBlock, PodSpec, PodState } from "../../core/types";
import { placementLabels } from "../cluster/placement";
import { podRequest } from "../../core/scheduler";
import * as containers from "../docker/containers";
import { isConflict, isHostPortConflict, isNotModified, messageOf } from "../docker/errors";
import { ensureImage, imageCommand, PullPolicy } from "../docker/images";
import { ensureImageOnNode } from "../cluster/image-copy";
import { log } from "../log";
import { appContainerConfig, commandLine, resourceSettings } from "./container-config";
import { ensureInitTools, INIT_IMAGE } from "./init-tools";
import { NETUTIL_IMAGE } from "../docker/netutil";
import { runInitContainers } from "./init-containers";
import { AddressSpace, networkLayout, releaseAddress, startOnFreeAddress } from "../pod-network/ipam";
import { nodeLayout } from "../../core/node-blocks";
import { createPodVolumes, removePodVolumes } from "./volumes";
import { claimIdentity, clashOf, ownObjects, PodClashError, podObjects, removeObjects } from "./ownership";
import type { PodUpdateStep } from "./plan";
import { describePodStatus } from "./status";
import { awaitReady, GONE, notReadyReason, podContainerStatuses } from "./readiness";
import { identityOf, PAUSE_IMAGE, sandboxConfig } from "./sandbox-config";
import { publishPodRecords, withdrawPodRecords } from "./pod-records";
import { systemClock } from "../ready/clock";
import { firewallFirst, forgetFailedPod, handPodToAgent, restartPolicyOf, agentView } from "./agent-entry";

/**
 * How long a just-started container must keep running before the pod counts as started: long enough for
 * a command that fails at once (a missing binary or file) to exit, short enough to cost every create little.
 */
const SETTLE_MS = 400;

export class PodCreateError extends Error {}

/** The pod runs but did not become ready in time: `state` is what exists, for the engine to record. */
export class PodNotReadyError extends Error {
  constructor(
    message: string,
    readonly state: PodState,
  ) {
    super(message);
  }
}

/** Creates the pod on the current engine and awaits its readiness; on a cluster, `node` is that engine's node. */
export async function createPod(spec: PodSpec, node?: NodeBlock): Promise<PodState> {
  const deadline = systemClock.now() + spec.readyTimeoutSeconds * 1000;
  return awaitPodReady(await startPod(spec, deadline, node), deadline);
}

/**
 * Steps 1 to 6: the pod runs, handed to the node agent, not yet ready. Init containers must finish by
 * `deadline`. A Deployment watches readiness itself, with its own deadline, and names itself in
 * `sandboxLabels`.
 */
export async function startPod(
  spec: PodSpec,
  deadline: number,
  node?: NodeBlock,
  sandboxLabels: Record<string, string> = {},
): Promise<PodState> {
  const label = `pod ${spec.namespace}/${spec.name}`;
  const space = addressSpaceOf(spec, node);
  const made: string[] = [];
  let podIP: string | undefined;
  let started: PodState;
  try {
    // 1. Images, all at once, and the volume that carries podling-init. A cluster node may first need
    // Podling's own images, copied from another node.
    const ensure = imageEnsurer(spec, node);
    if (node) await Promise.all([INIT_IMAGE, NETUTIL_IMAGE].map((ref) => ensure(ref, "IfNotPresent")));
    const [toolsVolume] = await Promise.all([ensureInitTools(), ensureImages(spec, label, ensure)]);
    await removeLeftovers(spec, node);

    // 2. The pod's emptyDir volumes.
    await createPodVolumes(spec);

    // 3. The sandbox, on the lowest free address.
    const sandbox = await runSandbox(spec, space, node, made, label, sandboxLabels);
    podIP = sandbox.podIP;
    await publishPodRecords(spec, sandbox.podIP, await networkLayout(space)).catch((err) => {
      throw new PodCreateError(`${label}: cannot publish its DNS record: ${messageOf(err)}`);
    });

    // 3b. The pod's firewall, before anything in it runs: a pod that a policy isolates is closed from
    // its first packet.
    await firewallFirst(spec, sandbox.id, sandbox.podIP);

    // 4. Init containers, each to completion.
    await runInitContainers(spec, sandbox, deadline, made).catch((err) => {
      throw new PodCreateError(`${label}: ${messageOf(err)}`);
    });

    // 5. App containers, each under podling-init: created in declared order, then started together,
    // since a start waits for runc (about half a second each here) and nothing orders them further.
    const containerIds: Record<string, string> = {};
    for (const container of spec.containers) {
      const argv = commandLine(container, await imageCommand(container.image));
      if (argv.length === 0)
        throw new PodCreateError(
          `${label}: container "${container.name}": its image sets no ENTRYPOINT or CMD; give it a command`,
        );
      const id = await containers
        .createContainer(appContainerConfig(spec, container, sandbox, argv, toolsVolume))
        .catch((err) => {
          throw new PodCreateError(`${label}: cannot create container "${container.name}": ${messageOf(err)}`);
        });
      made.push(id);
      containerIds[container.name] = id;
    }
    await Promise.all(
      spec.containers.map((container) =>
        containers.startContainer(containerIds[container.name], container.name).catch((err) => {
          throw new PodCreateError(`${label}: container "${container.name}" did not start: ${messageOf(err)}`);
        }),
      ),
    );

    // 6. Everything still running after a moment: catches commands that exit at once. Then the
    // pod's restart policy, which would otherwise hide such an exit behind restarts.
    await systemClock.sleep(SETTLE_MS);
    await assertRunning(spec.containers, containerIds, label);
    await applyRestartPolicy(spec, containerIds);
    await handPodToAgent(spec, sandbox.id, containerIds, sandbox.podIP);
    const placement = node ? { nodeName: node.name, pinned: spec.nodeName !== undefined, node } : {};
    started = {
      ...spec,
      ...placement,
      podIP,
      podName: spec.name,
      infraContainerId: sandbox.id,
      containerIds,
      status: "Starting",
      ready: false,
      containerStatuses: [],
    };
  } catch (err) {
    log.debug(`${label}: create failed, removing ${made.length} container(s) and the pod's volumes`);
    await removeAll([...made].reverse());
    await removePodVolumes(identityOf(spec));
    if (podIP) await withdrawPodRecords(spec).catch((e) => log.debug(`${label}: ${messageOf(e)}`));
    // Best effort, as the rest of this clean-up: the create's own error is what the user must see.
    if (podIP)
      await forgetFailedPod(spec).catch((e) =>
        log.warn(`${label}: the node agent may still hold the pod's entry: ${messageOf(e)}`),
      );
    if (podIP) await releaseAddress(space, podIP);
    throw err instanceof PodCreateError || err instanceof PodClashError
      ? err
      : new PodCreateError(`${label}: ${messageOf(err)}`);
  }
  return started;
}

/** The pod's state once every container is ready; PodNotReadyError with that state when the deadline passes first. */
export async function awaitPodReady(state: PodState, deadline: number): Promise<PodState> {
  const awaited = await awaitReady(state, state.containerIds, deadline);
  const { notReady } = awaited;
  const { statuses } = await agentView(identityOf(state), awaited.statuses);
  if (!notReady) return { ...state, ready: true, containerStatuses: statuses, status: "Running" };
  log.debug(notReady.message); // the wait's own account, with how long it waited
  // Every container that is not ready, the first pending one first.
  const reason = notReadyReason(statuses);
  const next: PodState = { ...state, ready: false, containerStatuses: statuses, status: `NotReady: ${reason}` };
  throw new PodNotReadyError(
    `pod ${state.namespace}/${state.name} is not ready (readyTimeoutSeconds is ${state.readyTimeoutSeconds}): ${reason}`,
    next,
  );
}

type ImageEnsurer = (ref: string, policy: PullPolicy) => Promise<void>;

/** On a cluster node, an image no registry provides is copied from another node that has it. */
function imageEnsurer(spec: PodSpec, node: NodeBlock | undefined): ImageEnsurer {
  const layout = spec.clusterLayout;
  return node && layout ? (ref, policy) => ensureImageOnNode(ref, policy, node, layout) : ensureImage;
}

async function ensureImages(spec: PodSpec, label: string, ensure: ImageEnsurer): Promise<void> {
  await Promise.all([
    ensure(PAUSE_IMAGE, "IfNotPresent").catch((err) => {
      throw new PodCreateError(
        `${label}: the pod sandbox image is missing: ${messageOf(err)}. Run scripts/setup/images.sh to build it`,
      );
    }),
    ...[...(spec.initContainers ?? []), ...spec.containers].map((c) =>
      ensure(c.image, c.imagePullPolicy ?? spec.imagePullPolicy ?? defaultPullPolicy(c.image)).catch((err) => {
        throw new PodCreateError(`${label}: container "${c.name}": ${messageOf(err)}`);
      }),
    ),
  ]);
}

async function applyRestartPolicy(spec: PodSpec, ids: Record<string, string>): Promise<void> {
  const policy = await restartPolicyOf(spec);
  if (policy.Name === "no") return; // as created
  await Promise.all(Object.values(ids).map((id) => containers.updateContainer(id, { RestartPolicy: policy })));
}

/** A cluster pod takes its address from its node's block of the network. */
function addressSpaceOf(spec: PodSpec, node: NodeBlock | undefined): AddressSpace {
  return {
    network: spec.network,
    nodeLayout: node && spec.clusterLayout ? nodeLayout(spec.clusterLayout.cidr, node.podCidr) : undefined,
  };
}

async function runSandbox(
  spec: PodSpec,
  space: AddressSpace,
  node: NodeBlock | undefined,
  made: string[],
  label: string,
  sandboxLabels: Record<string, string>,
): Promise<{ id: string; podIP: string }> {
  const layout = await networkLayout(space);
  const extraLabels = { ...sandboxLabels, ...(node ? placementLabels(node, podRequest(spec.containers)) : {}) };
  try {
    const { id, address } = await startOnFreeAddress(
      space,
      "pod",
      (podIP) => containers.createContainer(sandboxConfig(spec, podIP, layout, extraLabels)),
      (id) => containers.startContainer(id, "sandbox"),
      containers.removeContainer,
    );
    made.push(id);
    return { id, podIP: address };
  } catch (err) {
    const message = messageOf(err);
    // Another stack created the same pod since this one looked: name its owner, as the first look would have.
    const clash = isConflict(err) ? clashOf(await podObjects(identityOf(spec)), identityOf(spec)) : undefined;
    if (clash) throw new PodClashError(clash);
    if (isHostPortConflict(err)) {
      const ports = spec.containers.flatMap((c) => c.ports ?? []).filter((p) => p.hostPort !== undefined);
      throw new PodCreateError(
        `${label}: a hostPort is already taken on the Docker host (${ports.map((p) => `${p.hostPort}/${p.protocol}`).join(", ")}): ${message}`,
      );
    }
    throw new PodCreateError(`${label}: the pod sandbox did not start: ${message}`);
  }
}

async function assertRunning(specs: Container[], ids: Record<string, string>, label: string): Promise<void> {
  for (const c of specs) {
    const info = await containers.inspectContainer(ids[c.name]);
    if (info?.State?.Running) continue;
    const tail = await containers.logTail(ids[c.name]);
    const how = info
      ? `exited with code ${info.State.ExitCode}${info.State.OOMKilled ? " (OOM-killed)" : ""}${info.State.Error ? `: ${info.State.Error}` : ""}`
      : "disappeared";
    throw new PodCreateError(
      `${label}: container "${c.name}" ${how} right after it started${tail ? `; its last log lines:\n${tail}` : " and logged nothing"}`,
    );
  }
}

// A pod of this identity that Pulumi no longer tracks (partly removed outside Pulumi, or left by an
// interrupted run of this resource) would block the names: it carries this resource's owner, so it goes.
// Anything of the identity that another stack or resource holds fails the create, untouched.
async function removeLeftovers(spec: PodSpec, node: NodeBlock | undefined): Promise<void> {
  const removed = await claimIdentity(identityOf(spec), node ? ` (node "${node.name}")` : "");
  if (removed > 0)
    log.debug(`pod ${spec.namespace}/${spec.name}: removed ${removed} leftover container(s) of an earlier run`);
}

async function removeAll(ids: string[]): Promise<void> {
  for (const id of ids) await containers.removeContainer(id);
}

/** For containers that no longer run, or whose order does not matter: none joins another's namespace. */
async function removeTogether(ids: string[]): Promise<void> {
  await Promise.all(ids.map((id) => containers.removeContainer(id)));
}

/** Kubernetes' default: Always for :latest or untagged images, IfNotPresent otherwise. */
export function defaultPullPolicy(image: string): "Always" | "IfNotPresent" {
  if (image.includes("@")) return "IfNotPresent";
  const lastPart = image.slice(image.lastIndexOf("/") + 1);
  const tag = lastPart.includes(":") ? lastPart.slice(lastPart.indexOf(":") + 1) : "latest";
  return tag === "latest" ? "Always" : "IfNotPresent";
}

/**
 * StopPodSandbox then RemovePodSandbox: app containers first, with their grace period, then whatever
 * else is the pod's own (init containers, leftovers; ownership.ts says which), the sandbox, and its
 * volumes. Objects of the same identity that another owner holds stay. Gone is fine.
 */
export async function deletePod(
  state: Pick<PodState, "network" | "namespace" | "name" | "owner" | "infraContainerId" | "containerIds" | "podIP">,
  graceSeconds: number,
): Promise<void> {
  // Found first: the mounts of an unlabelled pod's containers prove which volumes are its own.
  const own = ownObjects(await podObjects(identityOf(state)), state.owner, state.infraContainerId);
  const apps = Object.values(state.containerIds ?? {});
  // Together: each stop waits for its container's exit, up to the grace period, and nothing orders them.
  await Promise.all(apps.map((id) => containers.stopContainer(id, graceSeconds)));
  await removeTogether(apps);
  await removeTogether(own.containers.filter((c) => c !== state.infraContainerId && !apps.includes(c)));
  if (state.infraContainerId) await containers.removeContainer(state.infraContainerId);
  // Only now that the sandbox is gone: a pod created later in this process may take the address.
  if (state.podIP) await releaseAddress({ network: state.network }, state.podIP);
  await removeObjects({ containers: [], volumes: own.volumes });
}

/** What Docker shows of a pod now; undefined when the sandbox or any container is gone. */
export async function observePod(
  state: PodState,
): Promise<Pick<PodState, "status" | "ready" | "containerStatuses"> | undefined> {
  const sandbox = await containers.inspectContainer(state.infraContainerId);
  if (!sandbox) return undefined;
  const { statuses, error } = await agentView(
    identityOf(state),
    await podContainerStatuses(state, state.containerIds ?? {}),
  );
  if (statuses.some((s) => s.message === GONE)) return undefined;
  const ready = sandbox.State.Running && statuses.every((s) => s.ready);
  // What the node agent could not do (an init container that failed in a new sandbox, a container that
  // will not start) is part of the pod's status, naming the container and why.
  const status = describePodStatus(sandbox, statuses) + (error ? `; the node agent: ${error}` : "");
  return { status, ready, containerStatuses: statuses };
}

/**
 * Carries out an update's plan on a running pod, in steps: (1) stopped containers started again, the
 * sandbox first; (2) the planned in-place changes, cpu and memory settings and the restart policy, in one
 * `docker update` per container; (3) readiness, which is also where a pod recorded as not ready gets
 * another chance (the engine retries it with an update).
 */
export async function syncPodUpdate(
  state: PodState,
  spec: PodSpec,
  inPlace: readonly PodUpdateStep[],
): Promise<PodState> {
  if (inPlace.includes("start")) await startStopped(state);
  if (inPlace.includes("resources") || inPlace.includes("restartPolicy")) {
    const policy = await restartPolicyOf(spec);
    for (const c of spec.containers) {
      const update = {
        ...(inPlace.includes("resources") ? resourceSettings(c) : {}),
        ...(inPlace.includes("restartPolicy") ? { RestartPolicy: policy } : {}),
      };
      await containers.updateContainer(state.containerIds[c.name], update).catch((err) => {
        throw new Error(
          `pod ${spec.namespace}/${spec.name}: cannot update container "${c.name}" in place: ${messageOf(err)}`,
        );
      });
    }
  }
  await handPodToAgent(spec, state.infraContainerId, state.containerIds, state.podIP);
  return awaitPodReady(state, Date.now() + spec.readyTimeoutSeconds * 1000);
}

/** The sandbox first, then the app containers, as the kubelet orders them; running ones are left alone. */
async function startStopped(state: PodState): Promise<void> {
  const all: Array<[string, string]> = [
    ["sandbox", state.infraContainerId],
    ...Object.entries(state.containerIds ?? {}),
  ];
  for (const [name, id] of all) {
    const info = await containers.inspectContainer(id);
    if (!info || info.State.Running || info.State.Restarting) continue;
    await containers.startContainer(id, name).catch((err) => {
      // Docker's own restart policy may have started it since the look: that is as good.
      if (isNotModified(err)) return;
      throw new Error(
        `pod ${state.namespace}/${state.name}: cannot start container "${name}" again: ${messageOf(err)}`,
      );
    });
  }
}
