// Shared by the bench scripts: create through check as the engine does, and remove by label afterwards.
import Docker from "dockerode";
import type { ResourceHandlers } from "../provider/handler";
import { Owner, ownerOf } from "../core/owner";

const docker = new Docker();

/** As the SDK would: every resource carries an owner, here one bench stack's. */
export function benchOwner(resourceName: string): Owner {
  return ownerOf("organization", {
    project: "podling-bench",
    stack: "bench",
    type: "pulumi-nodejs:dynamic/podling:Bench",
    name: resourceName,
  });
}

export async function create(h: ResourceHandlers, news: Record<string, unknown>) {
  const checked = await h.check({}, { owner: benchOwner(String(news.name ?? "unnamed")), ...news });
  if (checked.failures?.length) throw new Error(JSON.stringify(checked.failures));
  return h.create(checked.inputs!);
}

export async function removeNetworkAndContainers(network: string): Promise<void> {
  const left = await docker.listContainers({ all: true, filters: { label: [`podling.io/network=${network}`] } });
  await Promise.all(left.map((c) => docker.getContainer(c.Id).remove({ force: true })));
  await docker
    .getNetwork(network)
    .remove()
    .catch(() => undefined);
  // The node agent's state volume carries the network's label too.
  const { Volumes: volumes } = await docker.listVolumes({ filters: { label: [`podling.io/network=${network}`] } });
  await Promise.all((volumes ?? []).map((v) => docker.getVolume(v.Name).remove()));
}

export function run(main: () => Promise<void>): void {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

/** A container's memory (without page cache) and its CPU over 10 s of nothing to do, as one line. */
export async function idleCost(name: string): Promise<string> {
  const sample = async () => (await docker.getContainer(name).stats({ stream: false })) as any;
  const first = await sample();
  await new Promise((r) => setTimeout(r, 10_000));
  const last = await sample();
  const cpu = last.cpu_stats.cpu_usage.total_usage - first.cpu_stats.cpu_usage.total_usage;
  const system = last.cpu_stats.system_cpu_usage - first.cpu_stats.system_cpu_usage;
  const cores = last.cpu_stats.online_cpus ?? 1;
  const memory =
    last.memory_stats.usage - (last.memory_stats.stats?.inactive_file ?? last.memory_stats.stats?.cache ?? 0);
  return `${name}: memory ${(memory / 2 ** 20).toFixed(1)} MiB, idle CPU ${((cpu / system) * cores * 100).toFixed(2)}% of one core over 10 s`;
}
