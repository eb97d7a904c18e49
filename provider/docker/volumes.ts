// Narrow volume operations over dockerode. "Already gone" is success for remove.
import type Dockerode from "dockerode";
import { docker } from "./client";
import { isNotFound } from "./errors";
import { logged, VERB } from "./logged";

export type VolumeInfo = Pick<Dockerode.VolumeInspectInfo, "Name" | "Labels">;

/** Creating a volume that exists returns it: Docker treats the call as idempotent. */
export async function createVolume(options: Dockerode.VolumeCreateOptions): Promise<void> {
  await logged(VERB.create, `volume "${options.Name}"`, () => docker().createVolume(options));
}

export async function removeVolume(name: string): Promise<void> {
  try {
    await logged(VERB.remove, `volume ${name}`, () => docker().getVolume(name).remove());
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

export async function listVolumes(labelFilters: string[]): Promise<VolumeInfo[]> {
  const result = await docker().listVolumes({ filters: { label: labelFilters } });
  return (result.Volumes ?? []).map((v) => ({ Name: v.Name, Labels: v.Labels ?? {} }));
}
