// Volume operations, mutations logged (logged.ts). "Already gone" is success for remove.
import { clients } from "./client";
import { isNotFound } from "./errors";
import { logged, VERB } from "./logged";
import type { VolumeCreateOptions, VolumeInfo } from "./types";

export type { VolumeInfo };

/** Creating a volume that exists returns it: Docker treats the call as idempotent. */
export async function createVolume(options: VolumeCreateOptions): Promise<void> {
  await logged(VERB.create, `volume "${options.Name}"`, () => clients().volume.create(options));
}

export async function removeVolume(name: string): Promise<void> {
  try {
    await logged(VERB.remove, `volume ${name}`, () => clients().volume.remove(name));
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

export async function listVolumes(labelFilters: string[]): Promise<VolumeInfo[]> {
  return clients().volume.list(labelFilters);
}
