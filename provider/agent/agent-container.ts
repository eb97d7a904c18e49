// The node agent of a pod network: one container per network on its engine, which holds the pods,
// firewalls and service routers true between Pulumi runs (tools/agent). The PodNetwork resource owns it:
// the agent serves exactly that network's objects, lives as long as the network, and carries the
// network's owner, so two stacks never share one. Its state lives in a volume of the same name.
import type { ContainerCreateOptions } from "../docker/types";
import * as containers from "../docker/containers";
import { createVolume, removeVolume } from "../docker/volumes";
import { imageExists, imageId } from "../docker/images";
import { LABEL, networkLabels, ownershipOf } from "../labels";
import type { Owner } from "../../core/owner";
import { describeOtherOwner } from "../../core/owner";

export const AGENT_IMAGE = process.env.PODLING_AGENT_IMAGE ?? "podling/agent:1";
/** Where the agent's volume is mounted: desired/ from the provider, status/ from the agent. */
export const STATE_DIR = "/state";
/** The engine's own socket, on the engine's host: the agent drives the engine it runs on. */
const DOCKER_SOCKET = "/var/run/docker.sock";

export function agentName(network: string): string {
  return `agent.${network}`;
}

export function agentConfig(network: string, owner: Owner | undefined): ContainerCreateOptions {
  return {
    name: agentName(network),
    Image: AGENT_IMAGE,
    Labels: { ...networkLabels(network, owner), [LABEL.role]: "agent" },
    HostConfig: {
      // It enters the pods' and routers' network namespaces (setns needs SYS_ADMIN, and /proc/PID/ns of
      // other containers needs the host's PID namespace) and loads iptables rules there.
      Privileged: true,
      PidMode: "host",
      NetworkMode: "none",
      Binds: [`${DOCKER_SOCKET}:${DOCKER_SOCKET}`, `${agentName(network)}:${STATE_DIR}`],
      RestartPolicy: { Name: "always" },
    },
  };
}

export type AgentChange = "current" | "started" | "upgraded";

/** Makes the network's agent run the current image; says what it had to do. */
export async function ensureAgent(network: string, owner: Owner | undefined): Promise<AgentChange> {
  if (!(await imageExists(AGENT_IMAGE)))
    throw new Error(`the node agent's image ${AGENT_IMAGE} is missing; run scripts/setup/images.sh to build it`);
  const wanted = await imageId(AGENT_IMAGE);
  const existing = await containers.inspectContainer(agentName(network));
  if (existing) {
    assertOurs(network, existing.Config.Labels, owner);
    if (existing.Image === wanted && existing.State.Running) return "current";
    await containers.removeContainer(existing.Id);
  }
  await createVolume({ Name: agentName(network), Labels: { ...networkLabels(network, owner), [LABEL.role]: "agent" } });
  const id = await containers.createContainer(agentConfig(network, owner));
  try {
    await containers.startContainer(id, agentName(network));
  } catch (err) {
    await containers.removeContainer(id);
    throw err;
  }
  return existing ? "upgraded" : "started";
}

/** Whether the agent runs the current image: what `up` would have to do, without doing it. */
export async function agentDrift(network: string): Promise<AgentChange> {
  const existing = await containers.inspectContainer(agentName(network));
  if (!existing) return "started";
  const current = (await imageExists(AGENT_IMAGE)) && existing.Image === (await imageId(AGENT_IMAGE));
  return current && existing.State.Running ? "current" : "upgraded";
}

/** Removes the agent and its state, if they are this network's own. Gone is fine. */
export async function removeAgent(network: string, owner: Owner | undefined): Promise<void> {
  const existing = await containers.inspectContainer(agentName(network));
  if (existing && !isOurs(existing.Config.Labels, owner)) return;
  await containers.removeContainer(agentName(network));
  await removeVolume(agentName(network));
}

/** A network recorded before owners existed made an agent without owner labels too. */
function isOurs(labels: Record<string, string>, owner: Owner | undefined): boolean {
  const kind = ownershipOf(labels, owner).kind;
  return kind === "ours" || (kind === "unowned" && owner === undefined);
}

function assertOurs(network: string, labels: Record<string, string>, owner: Owner | undefined): void {
  if (isOurs(labels, owner)) return;
  const ownership = ownershipOf(labels, owner);
  const whose =
    ownership.kind === "theirs" ? `belongs to ${describeOtherOwner(ownership.owner, owner)}` : "has no Podling owner";
  throw new Error(
    `PodNetwork "${network}": the container ${agentName(network)} ${whose}; Podling touched none of it: remove it or give the network another name`,
  );
}
