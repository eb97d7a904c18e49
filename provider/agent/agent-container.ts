// The node agent of a pod network: one container per network on its engine, which holds the pods,
// firewalls and service routers true between Pulumi runs (tools/agent). The PodNetwork resource owns it:
// the agent serves exactly that network's objects, lives as long as the network, and carries the
// network's owner, so two stacks never share one. Its state lives in a volume of the same name.
import type { ContainerCreateOptions } from "../docker/types";
import * as containers from "../docker/containers";
import { createVolume, removeVolume } from "../docker/volumes";
import { imageExists, imageId } from "../docker/images";
import { engineInfo } from "../docker/system";
import { LABEL, networkLabels, ownershipOf } from "../labels";
import type { Owner } from "../../core/owner";
import { describeOtherOwner } from "../../core/owner";
import { agentName, entryKey, holdTrue, STATE_DIR } from "./desired-state";

export const AGENT_IMAGE = process.env.PODLING_AGENT_IMAGE ?? "podling/agent:1";
/** Docker's own socket on the engine's host, unless the engine names another (engineSocket). */
const DOCKER_SOCKET = "/var/run/docker.sock";

/**
 * The socket of the current engine on its own host, which the agent mounts to drive the engine it runs on.
 * Engines that share one host's filesystem (as the lab's several dockerd do) each say theirs with the
 * engine label podling.io/engine-socket; otherwise Docker's default.
 */
export async function engineSocket(): Promise<string> {
  const prefix = `${LABEL.engineSocket}=`;
  const label = (await engineInfo()).Labels?.find((l) => l.startsWith(prefix));
  return label ? label.slice(prefix.length) : DOCKER_SOCKET;
}

export function agentConfig(network: string, owner: Owner | undefined, socket: string): ContainerCreateOptions {
  return {
    name: agentName(network),
    Image: AGENT_IMAGE,
    Labels: { ...networkLabels(network, owner), [LABEL.role]: "agent" },
    HostConfig: {
      // It enters the pods' and routers' network namespaces (setns needs SYS_ADMIN, and /proc/PID/ns of
      // other containers the host's PID namespace and SYS_PTRACE) and loads iptables rules there. Not
      // Privileged: an engine that itself lacks a capability (as rootless or nested ones do) refuses that.
      CapAdd: ["NET_ADMIN", "SYS_ADMIN", "SYS_PTRACE"],
      PidMode: "host",
      NetworkMode: "none",
      Binds: [`${socket}:${DOCKER_SOCKET}`, `${agentName(network)}:${STATE_DIR}`],
      RestartPolicy: { Name: "always" },
    },
  };
}

/** The agent's guard: Docker does not restart a container stopped with `docker kill`, so the agent and
 * its guard start each other (the agent holds the guard as a system entry). It needs only the socket. */
export function guardConfig(network: string, owner: Owner | undefined, socket: string): ContainerCreateOptions {
  return {
    name: guardName(network),
    Image: AGENT_IMAGE,
    Cmd: ["-guard", agentName(network)],
    Labels: { ...networkLabels(network, owner), [LABEL.role]: "agent" },
    HostConfig: {
      NetworkMode: "none",
      Binds: [`${socket}:${DOCKER_SOCKET}`],
      RestartPolicy: { Name: "always" },
    },
  };
}

export function guardName(network: string): string {
  return `agent-guard.${network}`;
}

export type AgentChange = "current" | "started" | "upgraded";

/**
 * Makes the network's agent and guard run the current image, and has the agent keep the guard and the
 * cluster DNS (`dnsName`, when the network has one) running; says what it had to do.
 */
export async function ensureAgent(
  network: string,
  owner: Owner | undefined,
  dnsName: string | undefined,
): Promise<AgentChange> {
  if (!(await imageExists(AGENT_IMAGE)))
    throw new Error(`the node agent's image ${AGENT_IMAGE} is missing; run scripts/setup/images.sh to build it`);
  const wanted = await imageId(AGENT_IMAGE);
  await createVolume({ Name: agentName(network), Labels: { ...networkLabels(network, owner), [LABEL.role]: "agent" } });
  const socket = await engineSocket();
  const changes = [
    await ensureRunning(agentConfig(network, owner, socket), wanted, network, owner),
    await ensureRunning(guardConfig(network, owner, socket), wanted, network, owner),
  ];
  for (const name of [guardName(network), dnsName]) if (name) await keepRunning(network, name);
  return changes.includes("upgraded") ? "upgraded" : changes.includes("started") ? "started" : "current";
}

async function ensureRunning(
  config: ContainerCreateOptions,
  wanted: string,
  network: string,
  owner: Owner | undefined,
): Promise<AgentChange> {
  const name = config.name!;
  const existing = await containers.inspectContainer(name);
  if (existing) {
    assertOurs(network, name, existing.Config.Labels, owner);
    if (existing.Image === wanted) {
      if (existing.State.Running) return "current";
      // Stopped, on the current image: started again as it is, not made anew.
      await containers.startContainer(existing.Id, name);
      return "started";
    }
    await containers.removeContainer(existing.Id);
  }
  const id = await containers.createContainer(config);
  try {
    await containers.startContainer(id, name);
  } catch (err) {
    await containers.removeContainer(id);
    throw err;
  }
  return existing ? "upgraded" : "started";
}

/** A system entry without rules: the agent starts the container whenever it is not running. */
async function keepRunning(network: string, name: string): Promise<void> {
  const info = await containers.inspectContainer(name);
  if (!info) return;
  await holdTrue(network, entryKey("system", name), {
    version: 1,
    kind: "system",
    namespace: "podling-system",
    name,
    container: name,
    restore: [],
    syncedStart: info.State.StartedAt,
  });
}

/** Whether the agent and its guard run the current image: what `up` would have to do, without doing it. */
export async function agentDrift(network: string): Promise<AgentChange> {
  const wanted = (await imageExists(AGENT_IMAGE)) ? await imageId(AGENT_IMAGE) : undefined;
  const found = await Promise.all([agentName(network), guardName(network)].map((n) => containers.inspectContainer(n)));
  if (found.some((c) => !c)) return "started";
  if (found.some((c) => c!.Image !== wanted)) return "upgraded";
  return found.every((c) => c!.State.Running) ? "current" : "started";
}

/** Removes the agent, its guard and its state, if they are this network's own. Gone is fine. */
export async function removeAgent(network: string, owner: Owner | undefined): Promise<void> {
  const existing = await containers.inspectContainer(agentName(network));
  if (existing && !isOurs(existing.Config.Labels, owner)) return;
  // The agent first: it would start its guard again.
  await containers.removeContainer(agentName(network));
  await containers.removeContainer(guardName(network));
  await removeVolume(agentName(network));
}

/** A network recorded before owners existed made an agent without owner labels too. */
function isOurs(labels: Record<string, string>, owner: Owner | undefined): boolean {
  const kind = ownershipOf(labels, owner).kind;
  return kind === "ours" || (kind === "unowned" && owner === undefined);
}

function assertOurs(network: string, name: string, labels: Record<string, string>, owner: Owner | undefined): void {
  if (isOurs(labels, owner)) return;
  const ownership = ownershipOf(labels, owner);
  const whose =
    ownership.kind === "theirs" ? `belongs to ${describeOtherOwner(ownership.owner, owner)}` : "has no Podling owner";
  throw new Error(
    `PodNetwork "${network}": the container ${name} ${whose}; Podling touched none of it: remove it or give the network another name`,
  );
}
