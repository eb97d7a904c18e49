// Container operations, each logged (logged.ts). "Already there" is success for start, stop and remove:
// the node agent may have started a container between its create and the provider's start.
import { clients } from "./client";
import { isNotFound, isNotModified } from "./errors";
import { logged, VERB } from "./logged";
import { filesOfTar, TarEntry, TarFile, tarOf } from "./tar";
import type { ContainerCreateOptions, ContainerInspectInfo, ContainerSummary, ExecOptions, ExecResult } from "./types";

export type ContainerInfo = ContainerInspectInfo;

export async function createContainer(options: ContainerCreateOptions): Promise<string> {
  return logged(VERB.create, `container "${options.name}"`, () => clients().container.create(options));
}

export async function startContainer(id: string, name: string): Promise<void> {
  try {
    await logged(VERB.start, `container "${name}"`, () => clients().container.start(id));
  } catch (err) {
    if (!isNotModified(err)) throw err;
  }
}

export async function inspectContainer(idOrName: string): Promise<ContainerInfo | undefined> {
  try {
    return await clients().container.inspect(idOrName);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function stopContainer(id: string, graceSeconds: number): Promise<void> {
  try {
    await logged(VERB.stop, `container ${id.slice(0, 12)}`, () => clients().container.stop(id, graceSeconds));
  } catch (err) {
    if (!isNotFound(err) && !isNotModified(err)) throw err;
  }
}

export async function removeContainer(idOrName: string): Promise<void> {
  try {
    await logged(VERB.remove, `container ${idOrName}`, () => clients().container.remove(idOrName));
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

export async function listContainers(labelFilters: string[]): Promise<ContainerSummary[]> {
  return clients().container.list(labelFilters);
}

export async function updateContainer(id: string, update: Record<string, unknown>): Promise<void> {
  await logged(VERB.update, `container ${id.slice(0, 12)}`, () => clients().container.update(id, update));
}

/** The last lines a container wrote, stdout and stderr interleaved, for error messages. */
export async function logTail(id: string, lines = 20): Promise<string> {
  try {
    return (await clients().container.logs(id, lines)).trimEnd();
  } catch {
    return "";
  }
}

/** Runs a command in a running container and collects its output; no shell is involved. */
export async function execIn(id: string, cmd: string[], options: ExecOptions = {}): Promise<ExecResult> {
  return logged(VERB.exec, `container ${id.slice(0, 12)}: ${cmd[0]}`, () => clients().container.exec(id, cmd, options));
}

/** Writes files into the folder `dir` of a container, or of a volume it mounts, with the archive API. */
export async function putFiles(id: string, dir: string, files: TarEntry[]): Promise<void> {
  await logged(VERB.copy, `${files.map((f) => f.name).join(", ")} into ${id.slice(0, 12)}:${dir}`, () =>
    clients().container.putArchive(id, dir, tarOf(files)),
  );
}

/** Whether `path` exists in a container; it costs Docker a stat, where readFiles costs it a tar. */
export async function pathExists(id: string, path: string): Promise<boolean> {
  try {
    await clients().container.statPath(id, path);
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

/** The files under `path` in a container, named from its parent folder on; undefined when the path is missing. */
export async function readFiles(id: string, path: string): Promise<TarFile[] | undefined> {
  try {
    return filesOfTar(await clients().container.getArchive(id, path));
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}
