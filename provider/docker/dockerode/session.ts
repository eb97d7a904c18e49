// SessionClient over dockerode: followed logs, an attached exec, and the engine's event history.
import type Dockerode from "dockerode";
import type { SessionClient } from "../clients";
import type { EngineEvent } from "../types";
import { collect, forEachFrame } from "./streams";

/** How often the exit code of an exec whose stream has ended is asked for, until Docker has it. */
const EXEC_EXIT_POLL_MS = 20;

export function dockerodeSession(docker: Dockerode): SessionClient {
  return {
    async logs(id, options, stdout, stderr) {
      const container = docker.getContainer(id);
      const tty = (await container.inspect()).Config.Tty;
      const query = {
        stdout: true,
        stderr: true,
        ...(options.tail !== undefined ? { tail: options.tail } : {}),
        ...(options.since !== undefined ? { since: options.since } : {}),
        ...(options.until !== undefined ? { until: options.until } : {}),
      };
      if (!options.follow) {
        // Without follow, dockerode hands back the whole log at once.
        const log = (await container.logs({ ...query, follow: false })) as unknown as Buffer;
        if (tty) stdout.write(log);
        else forEachFrame(log, (fromStderr, payload) => (fromStderr ? stderr : stdout).write(payload));
        return { done: Promise.resolve(), stop: () => undefined };
      }
      const stream = (await container.logs({ ...query, follow: true })) as NodeJS.ReadableStream & {
        destroy(): void;
      };
      if (tty) stream.pipe(stdout, { end: false });
      else docker.modem.demuxStream(stream, stdout, stderr);
      const done = new Promise<void>((resolve, reject) => {
        stream.on("end", resolve);
        stream.on("close", resolve);
        stream.on("error", reject);
      });
      return { done, stop: () => stream.destroy() };
    },
    async execAttached(id, cmd, io) {
      const exec = await docker.getContainer(id).exec({
        Cmd: cmd,
        AttachStdin: io.stdin !== undefined,
        AttachStdout: true,
        AttachStderr: true,
        Tty: io.tty !== undefined,
      });
      const stream = await exec.start({ hijack: true, stdin: io.stdin !== undefined, Tty: io.tty !== undefined });
      if (io.tty) {
        const resize = (w: number, h: number) => void exec.resize({ w, h }).catch(() => undefined);
        resize(io.tty.columns, io.tty.rows);
        io.tty.onResize(resize);
        stream.pipe(io.stdout, { end: false });
      } else docker.modem.demuxStream(stream, io.stdout, io.stderr);
      if (io.stdin) io.stdin.pipe(stream);
      await new Promise<void>((resolve, reject) => {
        stream.on("end", resolve);
        stream.on("close", resolve);
        stream.on("error", reject);
      });
      if (io.stdin) io.stdin.unpipe(stream);
      for (;;) {
        const info = await exec.inspect();
        if (!info.Running) return info.ExitCode ?? -1;
        await new Promise((r) => setTimeout(r, EXEC_EXIT_POLL_MS));
      }
    },
    async events(containerIds, since, until) {
      if (containerIds.length === 0) return [];
      const stream = await docker.getEvents({
        since,
        until,
        filters: { type: ["container"], container: containerIds },
      });
      const text = (await collect(stream)).toString("utf8");
      return text
        .split("\n")
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as EngineEvent);
    },
  };
}
