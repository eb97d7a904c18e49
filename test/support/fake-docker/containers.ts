// An in-memory ContainerClient: containers are records that start, run and stop on command. Starts can be
// told to fail, by container name, as a real engine fails them (a bad mount, a taken port).
import type { ContainerClient } from "../../../provider/docker/clients";
import type { ContainerCreateOptions, ContainerInspectInfo, ContainerSummary } from "../../../provider/docker/types";
import { dockerError, matchesLabels, notFound } from "./errors";
import { filesOfTar, TarFile, tarOf } from "../../../provider/docker/tar";

export interface FakeContainer {
  id: string;
  name: string;
  options: ContainerCreateOptions;
  running: boolean;
  started: boolean;
  exitCode: number;
  created: number;
}

export class FakeContainers implements ContainerClient {
  readonly byId = new Map<string, FakeContainer>();
  private readonly startFailures = new Map<string, string>();
  private nextId = 1;

  constructor(private readonly imageExists: (ref: string) => boolean) {}

  /** The next start of the container called `name` fails with `message`. */
  failStart(name: string, message: string): void {
    this.startFailures.set(name, message);
  }

  /** Containers by name, to let tests look at what exists. */
  names(): string[] {
    return [...this.byId.values()].map((c) => c.name);
  }

  async create(options: ContainerCreateOptions): Promise<string> {
    const name = options.name ?? `fake_${this.nextId}`;
    if (this.find(name)) throw dockerError(409, `Conflict. The container name "/${name}" is already in use`);
    if (!options.Image || !this.imageExists(options.Image)) throw notFound(`image: ${options.Image}`);
    const id = (this.nextId++).toString(16).padStart(64, "0");
    this.byId.set(id, {
      id,
      name,
      options,
      running: false,
      started: false,
      exitCode: 0,
      created: Math.floor(Date.now() / 1000),
    });
    return id;
  }

  async start(id: string): Promise<void> {
    const c = this.get(id);
    const failure = this.startFailures.get(c.name);
    if (failure !== undefined) {
      this.startFailures.delete(c.name);
      throw dockerError(500, failure);
    }
    if (c.running) throw dockerError(304, "container already started");
    Object.assign(c, { running: true, started: true });
  }

  async inspect(idOrName: string): Promise<ContainerInspectInfo> {
    const c = this.get(idOrName);
    const state = {
      Status: c.running ? "running" : c.started ? "exited" : "created",
      Running: c.running,
      Restarting: false,
      OOMKilled: false,
      ExitCode: c.exitCode,
      Error: "",
    };
    return {
      Id: c.id,
      Name: `/${c.name}`,
      State: state,
      RestartCount: 0,
      Config: { Image: c.options.Image, Labels: c.options.Labels ?? {} },
      HostConfig: c.options.HostConfig ?? {},
    } as unknown as ContainerInspectInfo;
  }

  async stop(id: string): Promise<void> {
    const c = this.get(id);
    if (!c.running) throw dockerError(304, "container already stopped");
    c.running = false;
  }

  async remove(idOrName: string): Promise<void> {
    this.byId.delete(this.get(idOrName).id);
  }

  async list(labelFilters: string[]): Promise<ContainerSummary[]> {
    return [...this.byId.values()]
      .filter((c) => matchesLabels(c.options.Labels ?? {}, labelFilters))
      .map(
        (c) =>
          ({
            Id: c.id,
            Names: [`/${c.name}`],
            Labels: c.options.Labels ?? {},
            Created: c.created,
            State: c.running ? "running" : "exited",
            NetworkSettings: { Networks: c.options.NetworkingConfig?.EndpointsConfig ?? {} },
          }) as unknown as ContainerSummary,
      );
  }

  async update(id: string): Promise<void> {
    this.get(id);
  }

  async logs(id: string): Promise<string> {
    this.get(id);
    return "";
  }

  async exec(id: string): Promise<{ exitCode: number; stdout: string; stderr: string }> {
    if (!this.get(id).running) throw dockerError(409, `Container ${id} is not running`);
    return { exitCode: 0, stdout: "", stderr: "" };
  }

  /** Files put into containers, by "id:folder". */
  readonly files = new Map<string, TarFile[]>();

  async putArchive(id: string, path: string, archive: Buffer): Promise<void> {
    const key = `${this.get(id).id}:${path}`;
    const names = new Set(filesOfTar(archive).map((f) => f.name));
    this.files.set(key, [...(this.files.get(key) ?? []).filter((f) => !names.has(f.name)), ...filesOfTar(archive)]);
  }

  async getArchive(id: string, path: string): Promise<Buffer> {
    const files = this.files.get(`${this.get(id).id}:${path}`);
    if (!files) throw notFound(`path ${path}`);
    const folder = path.split("/").pop();
    return tarOf(files.map((f) => ({ name: `${folder}/${f.name}`, content: f.content })));
  }

  async statPath(id: string, path: string): Promise<void> {
    const c = this.get(id);
    const exists = [...this.files].some(
      ([key, files]) => key === `${c.id}:${path}` || files.some((f) => `${key}/${f.name}` === `${c.id}:${path}`),
    );
    if (!exists) throw notFound(`path ${path}`);
  }

  /** By id, id prefix or name, as Docker resolves them. */
  private find(idOrName: string): FakeContainer | undefined {
    return [...this.byId.values()].find((c) => c.id.startsWith(idOrName) || c.name === idOrName.replace(/^\//, ""));
  }

  private get(idOrName: string): FakeContainer {
    const c = this.find(idOrName);
    if (!c) throw notFound(`container: ${idOrName}`);
    return c;
  }
}
