// A pod's volumes as Docker sees them: an emptyDir is a Docker volume owned by the pod (a tmpfs-backed
// one for medium Memory), a hostPath is a bind mount. Mount settings are pure; the rest makes and
// removes the pod's own volumes.
import type { MountSettings, VolumeCreateOptions } from "../docker/types";
import type { Container, PodSpec, Volume } from "../../core/types";
import { createVolume, listVolumes, removeVolume } from "../docker/volumes";
import { ownershipOf, PodIdentity, podFilter, podLabels } from "../labels";
import { sandboxName } from "../names";
import { memoryToBytes } from "../../core/quantity";
import { identityOf } from "./sandbox-config";

export function emptyDirName(id: PodIdentity, volume: string): string {
  return `${sandboxName(id)}_${volume}`;
}

export async function createPodVolumes(spec: PodSpec): Promise<void> {
  const id = identityOf(spec);
  for (const volume of spec.volumes ?? []) {
    if (!volume.emptyDir) continue;
    await createVolume({
      Name: emptyDirName(id, volume.name),
      Labels: podLabels(id, "volume", { "podling.io/volume": volume.name }),
      ...tmpfsOptions(volume),
    });
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
    if (volume.emptyDir) {
      Mounts.push({
        Type: "volume",
        Source: emptyDirName(id, volume.name),
        Target: mount.mountPath,
        ReadOnly: mount.readOnly,
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
