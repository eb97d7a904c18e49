// ImageClient over dockerode: pulls and loads are streams that end when the engine is done.
import type Dockerode from "dockerode";
import type { Readable } from "stream";
import type { ImageClient } from "../clients";

export function dockerodeImages(docker: Dockerode): ImageClient {
  return {
    inspect: (ref) => docker.getImage(ref).inspect(),
    async pull(ref) {
      const stream = await docker.pull(ref);
      await new Promise<void>((resolve, reject) =>
        docker.modem.followProgress(stream, (err: Error | null, events: Array<{ error?: string }>) => {
          const failed = err ?? events.find((e) => e.error)?.error;
          failed ? reject(new Error(String(failed))) : resolve();
        }),
      );
    },
    save: async (ref) => (await docker.getImage(ref).get()) as unknown as Readable,
    async load(archive) {
      const loading = await docker.loadImage(archive, { quiet: true });
      await new Promise<void>((resolve, reject) => {
        loading.on("error", reject);
        loading.on("end", resolve);
        loading.resume();
      });
    },
  };
}
