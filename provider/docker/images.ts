// Images, with Kubernetes' imagePullPolicy deciding when to pull.
import { docker } from "./client";
import { isNotFound, messageOf } from "./errors";
import { logged, VERB } from "./logged";

export type PullPolicy = "Always" | "IfNotPresent" | "Never";

export async function imageExists(ref: string): Promise<boolean> {
  try {
    await docker().getImage(ref).inspect();
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

/** The image's own ENTRYPOINT and CMD, which a container's command and args replace. */
export async function imageCommand(ref: string): Promise<{ entrypoint: string[]; cmd: string[] }> {
  const config = (await docker().getImage(ref).inspect()).Config ?? {};
  const list = (v: unknown): string[] => (Array.isArray(v) ? v : typeof v === "string" ? [v] : []);
  return { entrypoint: list(config.Entrypoint), cmd: list(config.Cmd) };
}

/** The image's id, which names what it holds. */
export async function imageId(ref: string): Promise<string> {
  return (await docker().getImage(ref).inspect()).Id;
}

async function pull(ref: string): Promise<void> {
  await logged(VERB.pull, `image ${ref}`, async () => {
    const stream = await docker().pull(ref);
    await new Promise<void>((resolve, reject) =>
      docker().modem.followProgress(stream, (err: Error | null, events: Array<{ error?: string }>) => {
        const failed = err ?? events.find((e) => e.error)?.error;
        failed ? reject(new Error(String(failed))) : resolve();
      }),
    );
  });
}

/** Makes `ref` present according to `policy`; the error says which image and why. */
export async function ensureImage(ref: string, policy: PullPolicy): Promise<void> {
  if (policy !== "Always" && (await imageExists(ref))) return;
  if (policy === "Never") {
    throw new Error(`image "${ref}" is not present on the Docker host and imagePullPolicy is Never; build or load it first (docker build/docker load)`);
  }
  try {
    await pull(ref);
  } catch (err) {
    if (policy === "Always" && (await imageExists(ref))) {
      throw new Error(`image "${ref}": imagePullPolicy is Always but the pull failed (${messageOf(err)}); use IfNotPresent to run the local copy`);
    }
    throw new Error(`image "${ref}" is not present and could not be pulled: ${messageOf(err)}`);
  }
}
