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
}

export function run(main: () => Promise<void>): void {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
