// podling-init reaches app containers through a read-only Docker volume, filled once per engine and per
// build from the podling/init image: Docker copies an image's files into an empty volume mounted over
// them. Nothing is read from the provider's own disk, so a remote engine works the same.
import * as containers from "../docker/containers";
import { messageOf } from "../docker/errors";
import { engineNode } from "../docker/client";
import { imageId } from "../docker/images";
import { createVolume, listVolumes, removeVolume } from "../docker/volumes";
import { LABEL } from "../labels";

export const INIT_IMAGE = process.env.PODLING_INIT_IMAGE ?? "podling/init:1";
/** Where the volume appears in app containers, and the binary in it. */
export const INIT_MOUNT = "/.podling/bin";
export const INIT_BINARY = `${INIT_MOUNT}/podling-init`;
/** A small tmpfs per app container where podling-init keeps its probe state. */
export const INIT_STATE_MOUNT = "/.podling/run";

/** The label value of the volume and of its filler containers (the only containers that carry it). */
const FILLER = "podling-init";
/** A filler lives for one create and one remove; an older one was left by a provider process that was killed. */
const STALE_FILLER_SECONDS = 60;

/** Per engine (each cluster node has its own volume). */
const pending = new Map<string, Promise<string>>();

/** The name of the volume holding podling-init, made if missing. Shared by every pod on the engine. */
export function ensureInitTools(): Promise<string> {
  const engine = engineNode()?.dockerHost ?? "";
  let filling = pending.get(engine);
  if (!filling) {
    pending.set(engine, (filling = fillToolsVolume()));
    filling.catch(() => pending.delete(engine));
  }
  return filling;
}

async function fillToolsVolume(): Promise<string> {
  const id = await imageId(INIT_IMAGE).catch((err) => {
    throw new Error(
      `the podling-init image ${INIT_IMAGE} is missing (${messageOf(err)}); run scripts/setup/images.sh to build it`,
    );
  });
  const volume = `podling-init-${id.replace(/^sha256:/, "").slice(0, 12)}`;
  await createVolume({ Name: volume, Labels: { [LABEL.tools]: FILLER } });
  await removeStaleFillers();
  // Creating (not starting) a container that mounts the empty volume over /podling makes Docker copy
  // the image's /podling into it; a volume that already holds files is left as it is.
  const filler = await containers.createContainer({
    name: `${volume}-fill-${process.pid}-${Date.now()}`,
    Image: INIT_IMAGE,
    Labels: { [LABEL.tools]: FILLER },
    HostConfig: { Mounts: [{ Type: "volume", Source: volume, Target: "/podling" }] },
  });
  await containers.removeContainer(filler);
  return volume;
}

async function removeStaleFillers(): Promise<void> {
  const cutoff = Date.now() / 1000 - STALE_FILLER_SECONDS;
  const stale = (await containers.listContainers([`${LABEL.tools}=${FILLER}`])).filter((c) => c.Created < cutoff);
  for (const c of stale) await containers.removeContainer(c.Id);
}

/** Removes the engine's podling-init volumes that no container uses (Docker refuses the others). */
export async function removeUnusedToolsVolumes(): Promise<void> {
  for (const volume of await listVolumes([`${LABEL.tools}=${FILLER}`])) {
    await removeVolume(volume.Name).catch(() => undefined); // in use by another stack's pods: kept
  }
  pending.delete(engineNode()?.dockerHost ?? "");
}
