// Images, with Kubernetes' imagePullPolicy deciding when to pull, and copies between engines.
import { clients, Engine, onEngine } from "./client";
import { isNotFound, messageOf } from "./errors";
import { logged, VERB } from "./logged";

export type PullPolicy = "Always" | "IfNotPresent" | "Never";

export async function imageExists(ref: string): Promise<boolean> {
  try {
    await clients().image.inspect(ref);
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

/** The image's own ENTRYPOINT and CMD, which a container's command and args replace. */
export async function imageCommand(ref: string): Promise<{ entrypoint: string[]; cmd: string[] }> {
  const config = (await clients().image.inspect(ref)).Config ?? {};
  const list = (v: unknown): string[] => (Array.isArray(v) ? v : typeof v === "string" ? [v] : []);
  return { entrypoint: list(config.Entrypoint), cmd: list(config.Cmd) };
}

/** The image's id, which names what it holds. */
export async function imageId(ref: string): Promise<string> {
  return (await clients().image.inspect(ref)).Id;
}

async function pull(ref: string): Promise<void> {
  await logged(VERB.pull, `image ${ref}`, () => clients().image.pull(ref));
}

/** `docker save | docker load` from one engine to another, streamed through this process. */
export async function copyImage(ref: string, from: Engine, to: Engine): Promise<void> {
  await logged(VERB.copy, `image ${ref} from node ${from.name} to node ${to.name}`, async () => {
    const archive = await onEngine(from, () => clients().image.save(ref));
    await onEngine(to, () => clients().image.load(archive));
  });
}

/** Makes `ref` present according to `policy`; the error says which image and why. */
export async function ensureImage(ref: string, policy: PullPolicy): Promise<void> {
  if (policy !== "Always" && (await imageExists(ref))) return;
  if (policy === "Never") {
    throw new Error(
      `image "${ref}" is not present on the Docker host and imagePullPolicy is Never; build or load it first (docker build/docker load)`,
    );
  }
  try {
    await pull(ref);
  } catch (err) {
    if (policy === "Always" && (await imageExists(ref))) {
      throw new Error(
        `image "${ref}": imagePullPolicy is Always but the pull failed (${messageOf(err)}); use IfNotPresent to run the local copy`,
      );
    }
    throw new Error(`image "${ref}" is not present and could not be pulled: ${messageOf(err)}`);
  }
}
