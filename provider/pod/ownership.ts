// Which Docker objects of a pod identity (network, namespace, name) are this pod resource's own. Another
// stack, or another resource of this stack, may hold the same identity; their objects are never removed.
// Deciding is pure (ownObjects, clashOf); finding and removing is the rest.
import { describeOtherOwner, Owner } from "../../core/owner";
import * as containers from "../docker/containers";
import { listVolumes, removeVolume, VolumeInfo } from "../docker/volumes";
import type { ContainerSummary } from "../docker/types";
import { ownershipOf, PodIdentity, podFilter } from "../labels";

/** What an engine holds of one pod identity, whoever owns it. */
export interface PodObjects {
  containers: Array<Pick<ContainerSummary, "Id" | "Names" | "Labels" | "HostConfig" | "Mounts">>;
  volumes: VolumeInfo[];
}

export class PodClashError extends Error {}

export async function podObjects(id: PodIdentity): Promise<PodObjects> {
  const filter = podFilter(id);
  const [found, volumes] = await Promise.all([containers.listContainers(filter), listVolumes(filter)]);
  return { containers: found, volumes };
}

/**
 * The objects that are the resource's own: those labelled with its owner; and, when they carry no owner
 * (made before owner labels existed), those the state's exact sandbox id proves: the sandbox itself, the
 * containers that joined its network namespace, and the emptyDir volumes those containers mount.
 */
export function ownObjects(
  found: PodObjects,
  owner: Owner | undefined,
  sandboxId?: string,
): { containers: string[]; volumes: string[] } {
  const proven = (c: PodObjects["containers"][number]) =>
    !!sandboxId && (c.Id === sandboxId || c.HostConfig?.NetworkMode === `container:${sandboxId}`);
  const own = found.containers.filter((c) => {
    const ownership = ownershipOf(c.Labels, owner);
    return ownership.kind === "ours" || (ownership.kind === "unowned" && proven(c));
  });
  const mounted = new Set(own.flatMap((c) => (c.Mounts ?? []).map((m) => m.Name).filter((n): n is string => !!n)));
  const volumes = found.volumes.filter((v) => {
    const ownership = ownershipOf(v.Labels, owner);
    return ownership.kind === "ours" || (ownership.kind === "unowned" && mounted.has(v.Name));
  });
  return { containers: own.map((c) => c.Id), volumes: volumes.map((v) => v.Name) };
}

/** Why a create of the identity must not go on, or undefined: every object found is the creator's own. */
export function clashOf(found: PodObjects, id: PodIdentity, where = ""): string | undefined {
  const others = [
    ...found.containers.map((c) => ({
      labels: c.Labels,
      what: `container ${c.Names?.[0]?.replace(/^\//, "") ?? c.Id.slice(0, 12)}`,
    })),
    ...found.volumes.map((v) => ({ labels: v.Labels, what: `volume ${v.Name}` })),
  ].flatMap((o) => {
    const ownership = ownershipOf(o.labels, id.owner);
    return ownership.kind === "ours" ? [] : [{ ...o, ownership }];
  });
  if (others.length === 0) return undefined;
  const pod = `pod ${id.namespace}/${id.pod} on network "${id.network}"${where}`;
  const names = others.map((o) => o.what).join(", ");
  const theirs = others.find((o) => o.ownership.kind === "theirs")?.ownership;
  if (theirs?.kind === "theirs") {
    const sameStack = theirs.owner.stack === id.owner?.stack;
    const hint = sameStack
      ? 'If the pod resource was renamed, give it an alias (opts.aliases: [{ name: "<old name>" }]) so that Pulumi keeps it as the same resource'
      : "Give this pod another name or namespace, or delete it from that stack first";
    return `${pod} already belongs to ${describeOtherOwner(theirs.owner, id.owner)} (${names}); Podling touched none of it. ${hint}`;
  }
  return `${pod} already exists without an owner label (${names}): an older Podling made it, and no resource of this stack records it, so Podling touched none of it. If no stack manages it any more, remove it (docker rm -f / docker volume rm) and run up again`;
}

/**
 * Before a create on this engine: anything of the identity that another owner holds (or that carries no
 * owner) fails the create with PodClashError; what is the creator's own (an interrupted run of this very
 * resource left it) is removed.
 */
export async function claimIdentity(id: PodIdentity, where = ""): Promise<number> {
  const found = await podObjects(id);
  const clash = clashOf(found, id, where);
  if (clash) throw new PodClashError(clash);
  await removeObjects(ownObjects(found, id.owner));
  return found.containers.length;
}

export async function removeObjects(objects: { containers: string[]; volumes: string[] }): Promise<void> {
  for (const id of objects.containers) await containers.removeContainer(id);
  for (const name of objects.volumes) await removeVolume(name);
}
