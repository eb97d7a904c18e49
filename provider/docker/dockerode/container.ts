// ContainerClient over dockerode.
import type Dockerode from "dockerode";
import type { ContainerClient } from "../clients";
import { collect, splitStreams } from "./streams";

export function dockerodeContainers(docker: Dockerode): ContainerClient {
  const get = (id: string) => docker.getContainer(id);
  return {
    create: async (options) => (await docker.createContainer(options)).id,
    start: async (id) => void (await get(id).start()),
    inspect: (id) => get(id).inspect(),
    stop: async (id, graceSeconds) => void (await get(id).stop({ t: graceSeconds })),
    remove: async (id) => void (await get(id).remove({ force: true, v: true })),
    list: (labelFilters) => docker.listContainers({ all: true, filters: { label: labelFilters } }),
    update: async (id, update) => void (await get(id).update(update)),
    async logs(id, lines) {
      const buffer = (await get(id).logs({
        stdout: true,
        stderr: true,
        tail: lines,
        follow: false,
      })) as unknown as Buffer;
      return splitStreams(buffer).both;
    },
    putArchive: async (id, path, archive) => void (await get(id).putArchive(archive, { path })),
    getArchive: async (id, path) => collect(await get(id).getArchive({ path })),
    // A HEAD request: the answer is its headers, and the stream is only drained.
    statPath: async (id, path) => void (await get(id).infoArchive({ path })).resume(),
    async exec(id, cmd, options) {
      const exec = await get(id).exec({
        Cmd: cmd,
        AttachStdout: true,
        AttachStderr: true,
        AttachStdin: options.stdin !== undefined,
        Privileged: options.privileged ?? false,
      });
      const stream = await exec.start({ hijack: true, stdin: options.stdin !== undefined });
      const output = collect(stream);
      if (options.stdin !== undefined) stream.end(options.stdin);
      const { stdout, stderr } = splitStreams(await output);
      const info = await exec.inspect();
      return { exitCode: info.ExitCode ?? -1, stdout, stderr };
    },
  };
}
