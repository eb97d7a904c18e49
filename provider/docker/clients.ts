// The narrow interfaces behind which Docker sits. dockerode/ implements them for a real engine; unit tests
// install an in-memory fake (test/support/fake-docker/). Failures carry Docker's own shape ({ statusCode,
// json.message }), so errors.ts decides on them the same way for both.
import type { Readable, Writable } from "stream";
import type * as T from "./types";

export interface ContainerClient {
  create(options: T.ContainerCreateOptions): Promise<string>;
  start(id: string): Promise<void>;
  inspect(idOrName: string): Promise<T.ContainerInspectInfo>;
  stop(id: string, graceSeconds: number): Promise<void>;
  /** Forced, with the container's anonymous volumes. */
  remove(idOrName: string): Promise<void>;
  list(labelFilters: string[]): Promise<T.ContainerSummary[]>;
  update(id: string, update: Record<string, unknown>): Promise<void>;
  /** The last lines it wrote, stdout and stderr interleaved. */
  logs(id: string, lines: number): Promise<string>;
  exec(id: string, cmd: string[], options: T.ExecOptions): Promise<T.ExecResult>;
  /** Unpacks a tar archive into the folder `path` of the container (its volumes included). */
  putArchive(id: string, path: string, archive: Buffer): Promise<void>;
  /** The tar archive of `path` in the container. */
  getArchive(id: string, path: string): Promise<Buffer>;
  /** Resolves when `path` exists in the container (a stat: no archive is made); rejects with a 404 when not. */
  statPath(id: string, path: string): Promise<void>;
}

export interface NetworkClient {
  create(options: T.NetworkCreateOptions): Promise<string>;
  inspect(idOrName: string): Promise<T.NetworkInspectInfo>;
  remove(idOrName: string): Promise<void>;
  list(): Promise<T.NetworkInspectInfo[]>;
}

export interface VolumeClient {
  create(options: T.VolumeCreateOptions): Promise<void>;
  remove(name: string): Promise<void>;
  /** The volumes carrying every label filter. */
  list(labelFilters: string[]): Promise<T.VolumeInfo[]>;
}

export interface ImageClient {
  inspect(ref: string): Promise<T.ImageInspectInfo>;
  /** Resolves once the pull finished; rejects with the registry's error. */
  pull(ref: string): Promise<void>;
  /** The image as `docker save` writes it. */
  save(ref: string): Promise<Readable>;
  /** Resolves once the engine has read the whole archive, as `docker load`. */
  load(archive: Readable): Promise<void>;
}

export interface SwarmClient {
  init(options: T.SwarmInitOptions): Promise<void>;
  join(options: T.SwarmJoinOptions): Promise<void>;
  /** Forced, as `docker swarm leave --force`: a manager leaves too. */
  leave(): Promise<void>;
  inspect(): Promise<T.SwarmInspectInfo>;
  listNodes(): Promise<T.SwarmNodeInfo[]>;
  inspectNode(id: string): Promise<T.SwarmNodeInfo>;
  updateNode(id: string, version: number, spec: T.SwarmNodeSpec): Promise<void>;
  update(version: number, spec: T.SwarmInspectInfo["Spec"]): Promise<void>;
  removeNode(id: string): Promise<void>;
}

export interface SystemClient {
  info(): Promise<T.EngineInfo>;
  ping(): Promise<void>;
}

/** What a person at a terminal watches or drives: a container's log as it grows, a command they type in. */
export interface SessionClient {
  /** Copies a container's log to `stdout` and `stderr` as Docker streams it; `stop` ends a followed log. */
  logs(id: string, options: T.LogOptions, stdout: Writable, stderr: Writable): Promise<T.Session>;
  /** Runs `cmd` in the container wired to the caller's streams; resolves with its exit code. */
  execAttached(id: string, cmd: string[], io: T.AttachedIO): Promise<number>;
  /** The events Docker recorded for some containers between two times (Unix seconds). */
  events(containerIds: string[], since: number, until: number): Promise<T.EngineEvent[]>;
}

/** Everything Podling asks of one engine. */
export interface DockerClients {
  container: ContainerClient;
  network: NetworkClient;
  volume: VolumeClient;
  image: ImageClient;
  swarm: SwarmClient;
  system: SystemClient;
  session: SessionClient;
}
