// A pod's volumes as Docker sees them: an emptyDir is a Docker volume owned by the pod (a tmpfs-backed
// one for medium Memory), a hostPath is a bind mount, and a configMap or secret volume is a Docker
// volume owned by the pod, filled with its files once, when the pod is created, and mounted read-only.
// Mount settings are pure; the rest makes and removes the pod's own volumes.
import type { MountSettings, VolumeCreateOptions } from "../docker/types";
import type { Container, PodSpec, Volume } from "../../core/types";
import { createVolume, listVolumes, removeVolume } from "../docker/volumes";
import { ownershipOf, PodIdentity, podFilter, podLabels } from "../labels";
import { sandboxName } from "../names";
import { memoryToBytes } from "../../core/quantity";
import { identityOf, PAUSE_IMAGE } from "./sandbox-config";
import { lookupIn, volumeFiles } from "../../core/config-values";
import { createContainer, putFiles, removeContainer } from "../docker/containers";

/** Where a filler container mounts the volume it fills. */
const FILL_MOUNT = "/fill";

export function podVolumeName(id: PodIdentity, volume: string): string {
  return `${sandboxName(id)}_${volume}`;
}

export async function createPodVolumes(spec: PodSpec): Promise<void> {
  const id = identityOf(spec);
  for (const volume of spec.volumes ?? []) {
    if (volume.hostPath) continue;
    const name = podVolumeName(id, volume.name);
    const labels = podLabels(id, "volume", { "podling.io/volume": volume.name });
    if (volume.emptyDir) await createVolume({ Name: name, Labels: labels, ...tmpfsOptions(volume) });
    else await fillConfigVolume(spec, volume, name, labels);
  }
}

/**
 * Writes a configMap or secret volume's files into a new volume through a container that mounts it and
 * never runs: Docker's archive API reaches a created container's volumes. A volume of that name left by
 * an interrupted run (the pod's own: check and claimIdentity saw to that) may hold stale files, so it goes first.
 */
async function fillConfigVolume(spec: PodSpec, volume: Volume, name: string, labels: Record<string, string>) {
  const { files, problems } = volumeFiles(volume, lookupIn(spec), { name: spec.name, namespace: spec.namespace });
  if (problems.length > 0)
    throw new Error(problems.map((p) => `volumes "${volume.name}" ${p.at}: ${p.reason}`).join("; "));
  await removeVolume(name);
  await createVolume({ Name: name, Labels: labels });
  const filler = await createContainer({
    name: `${name}-fill`,
    Image: PAUSE_IMAGE,
    Labels: labels,
    HostConfig: { Mounts: [{ Type: "volume", Source: name, Target: FILL_MOUNT }], NetworkMode: "none" },
  });
  try {
    await putFiles(
      filler,
      FILL_MOUNT,
      files!.map((file) => ({ name: file.path, content: file.content, mode: file.mode })),
    );
  } finally {
    await removeContainer(filler);
  }
}

function tmpfsOptions(volume: Volume): Partial<VolumeCreateOptions> {
  if (volume.emptyDir?.medium !== "Memory") return {};
  const size = volume.emptyDir.sizeLimit ? `,size=${memoryToBytes(volume.emptyDir.sizeLimit)}` : "";
  return { Driver: "local", DriverOpts: { type: "tmpfs", device: "tmpfs", o: `mode=1777${size}` } };
}

/** The pod's emptyDir volumes that carry its owner, found by label, so that one left by an interrupted run goes too. */
export async function removePodVolumes(id: PodIdentity): Promise<void> {
  for (const volume of await listVolumes(podFilter(id))) {
    if (ownershipOf(volume.Labels, id.owner).kind === "ours") await removeVolume(volume.Name);
  }
}

/** Docker mounts for a container's volumeMounts. */
export function mountsOf(spec: PodSpec, container: Container): { Mounts: MountSettings[]; Binds: string[] } {
  const id = identityOf(spec);
  const byName = new Map((spec.volumes ?? []).map((v) => [v.name, v]));
  const Mounts: MountSettings[] = [];
  const Binds: string[] = [];
  for (const mount of container.volumeMounts ?? []) {
    const volume = byName.get(mount.name)!;
    if (volume.emptyDir || volume.configMap || volume.secret) {
      Mounts.push({
        Type: "volume",
        Source: podVolumeName(id, volume.name),
        Target: mount.mountPath,
        // The kubelet mounts configMap and secret volumes read-only whatever the mount says.
        ReadOnly: mount.readOnly || !volume.emptyDir,
      });
    } else if (volume.hostPath) {
      const type = volume.hostPath.type ?? "";
      // Binds create a missing source directory, as Kubernetes' "" and DirectoryOrCreate do; a bind
      // Mount refuses a missing source, as the checked types want.
      if (type === "" || type === "DirectoryOrCreate")
        Binds.push(`${volume.hostPath.path}:${mount.mountPath}${mount.readOnly ? ":ro" : ""}`);
      else
        Mounts.push({ Type: "bind", Source: volume.hostPath.path, Target: mount.mountPath, ReadOnly: mount.readOnly });
    }
  }
  return { Mounts, Binds };
}
