// An in-memory VolumeClient. As Docker does, it refuses to remove a volume that a container mounts.
import type { VolumeClient } from "../../../provider/docker/clients";
import type { VolumeCreateOptions, VolumeInfo } from "../../../provider/docker/types";
import type { FakeContainers } from "./containers";
import { dockerError, matchesLabels, notFound } from "./errors";

export class FakeVolumes implements VolumeClient {
  readonly byName = new Map<string, VolumeCreateOptions>();

  constructor(private readonly containers: FakeContainers) {}

  async create(options: VolumeCreateOptions): Promise<void> {
    if (!this.byName.has(options.Name!)) this.byName.set(options.Name!, options);
  }

  async remove(name: string): Promise<void> {
    if (!this.byName.has(name)) throw notFound(`volume: ${name}`);
    const user = [...this.containers.byId.values()].find((c) =>
      (c.options.HostConfig?.Mounts ?? []).some((m) => m.Type === "volume" && m.Source === name),
    );
    if (user) throw dockerError(409, `remove ${name}: volume is in use - [${user.id}]`);
    this.byName.delete(name);
  }

  async list(labelFilters: string[]): Promise<VolumeInfo[]> {
    return [...this.byName.entries()]
      .filter(([, v]) => matchesLabels(v.Labels ?? {}, labelFilters))
      .map(([Name, v]) => ({ Name, Labels: v.Labels ?? {} }));
  }
}
