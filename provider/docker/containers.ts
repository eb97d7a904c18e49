// Narrow container operations over dockerode. "Already gone" is success for stop and remove.
import type Dockerode from "dockerode";
import { docker } from "./client";
import { isNotFound, isNotModified } from "./errors";
import { logged, VERB } from "./logged";

export type ContainerInfo = Dockerode.ContainerInspectInfo;

export async function createContainer(options: Dockerode.ContainerCreateOptions): Promise<string> {
  const container = await logged(VERB.create, `container "${options.name}"`, () => docker().createContainer(options));
  return container.id;
}

export async function startContainer(id: string, name: string): Promise<void> {
  await logged(VERB.start, `container "${name}"`, () => docker().getContainer(id).start());
}

export async function inspectContainer(idOrName: string): Promise<ContainerInfo | undefined> {
  try {
    return await docker().getContainer(idOrName).inspect();
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function stopContainer(id: string, graceSeconds: number): Promise<void> {
  try {
    await logged(VERB.stop, `container ${id.slice(0, 12)}`, () => docker().getContainer(id).stop({ t: graceSeconds }));
  } catch (err) {
    if (!isNotFound(err) && !isNotModified(err)) throw err;
  }
}

export async function removeContainer(idOrName: string): Promise<void> {
  try {
    await logged(VERB.remove, `container ${idOrName}`, () => docker().getContainer(idOrName).remove({ force: true, v: true }));
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

export async function listContainers(labelFilters: string[]): Promise<Dockerode.ContainerInfo[]> {
  return docker().listContainers({ all: true, filters: { label: labelFilters } });
}

export async function updateContainer(id: string, update: Record<string, unknown>): Promise<void> {
  await logged(VERB.update, `container ${id.slice(0, 12)}`, () => docker().getContainer(id).update(update));
}

/** The last lines a container wrote, stdout and stderr interleaved, for error messages. */
export async function logTail(id: string, lines = 20): Promise<string> {
  try {
    const buffer = (await docker().getContainer(id).logs({ stdout: true, stderr: true, tail: lines, follow: false })) as unknown as Buffer;
    return demultiplex(buffer).trimEnd();
  } catch {
    return "";
  }
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs a command in a running container and collects its output; no shell is involved. */
export async function execIn(id: string, cmd: string[], options: { privileged?: boolean; stdin?: string } = {}): Promise<ExecResult> {
  return logged(VERB.exec, `container ${id.slice(0, 12)}: ${cmd[0]}`, async () => {
    const exec = await docker().getContainer(id).exec({
      Cmd: cmd,
      AttachStdout: true,
      AttachStderr: true,
      AttachStdin: options.stdin !== undefined,
      Privileged: options.privileged ?? false,
    });
    const stream = await exec.start({ hijack: true, stdin: options.stdin !== undefined });
    const chunks: Buffer[] = [];
    const done = new Promise<void>((resolve, reject) => {
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", resolve);
      stream.on("error", reject);
    });
    if (options.stdin !== undefined) stream.end(options.stdin);
    await done;
    const { stdout, stderr } = splitStreams(Buffer.concat(chunks));
    const info = await exec.inspect();
    return { exitCode: info.ExitCode ?? -1, stdout, stderr };
  });
}

// Docker multiplexes stdout and stderr of a non-TTY container into frames: [stream, 0, 0, 0, size(4)] + payload.
function splitStreams(buffer: Buffer): { stdout: string; stderr: string; both: string } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const both: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    const payload = buffer.subarray(offset + 8, offset + 8 + size);
    (buffer[offset] === 2 ? err : out).push(payload);
    both.push(payload);
    offset += 8 + size;
  }
  const text = (parts: Buffer[]) => Buffer.concat(parts).toString("utf8");
  return { stdout: text(out), stderr: text(err), both: text(both) };
}

function demultiplex(buffer: Buffer): string {
  return splitStreams(buffer).both;
}
