// An in-memory NetworkClient. A network's endpoints are the running containers that joined it.
import type { NetworkClient } from "../../../provider/docker/clients";
import type { NetworkCreateOptions, NetworkInspectInfo } from "../../../provider/docker/types";
import type { FakeContainers } from "./containers";
import { dockerError, notFound } from "./errors";

export class FakeNetworks implements NetworkClient {
  private readonly byName = new Map<string, NetworkCreateOptions>();

  constructor(private readonly containers: FakeContainers) {}

  async create(options: NetworkCreateOptions): Promise<string> {
    if (this.byName.has(options.Name)) throw dockerError(409, `network with name ${options.Name} already exists`);
    this.byName.set(options.Name, options);
    return options.Name;
  }

  async inspect(idOrName: string): Promise<NetworkInspectInfo> {
    const options = this.byName.get(idOrName);
    if (!options) throw notFound(`network: ${idOrName}`);
    const prefix = options.IPAM?.Config?.[0]?.Subnet?.split("/")[1] ?? "32";
    const endpoints = [...this.containers.byId.values()]
      .filter((c) => c.running)
      .map((c) => [c.id, c.options.NetworkingConfig?.EndpointsConfig?.[idOrName]?.IPAMConfig?.IPv4Address] as const)
      .filter(([, ip]) => ip)
      .map(([id, ip]) => [id, { IPv4Address: `${ip}/${prefix}` }]);
    return {
      Name: options.Name,
      Id: options.Name,
      Driver: options.Driver ?? "bridge",
      Labels: options.Labels ?? {},
      Options: options.Options ?? {},
      IPAM: options.IPAM,
      Containers: Object.fromEntries(endpoints),
    } as unknown as NetworkInspectInfo;
  }

  async remove(idOrName: string): Promise<void> {
    if (!this.byName.delete(idOrName)) throw notFound(`network: ${idOrName}`);
  }

  async list(): Promise<NetworkInspectInfo[]> {
    return Promise.all([...this.byName.keys()].map((name) => this.inspect(name)));
  }
}
