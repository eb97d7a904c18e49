// "Nothing leaks": every Docker object labelled podling.io/managed on a test's networks must belong to a
// resource the stack's state knows. Returns what does not, described, so a failure names it.
import type { Stack } from "@pulumi/pulumi/automation";
import { LABEL } from "../../provider/labels";
import { docker } from "./docker";

export async function objectsUnknownToState(stack: Stack, networks: string[]): Promise<string[]> {
  const resources = (await stack.exportStack()).deployment.resources ?? [];
  const outputsOf = (type: string) =>
    resources.filter((r: { type: string }) => r.type.endsWith(type)).map((r: { outputs: any }) => r.outputs ?? {});
  const pods = new Set(outputsOf("podling:Pod").map((o: any) => `${o.network}/${o.namespace}/${o.name}`));
  const services = new Set(outputsOf("podling:Service").map((o: any) => `${o.network}/${o.namespace}/${o.name}`));
  const nets = new Set(outputsOf("podling:PodNetwork").map((o: any) => o.networkName));
  const unknown: string[] = [];
  for (const network of networks) {
    const filters = { label: [`${LABEL.managed}=true`, `${LABEL.network}=${network}`] };
    for (const c of await docker.listContainers({ all: true, filters })) {
      const l = c.Labels;
      const owner =
        l[LABEL.role] === "dns" || l[LABEL.role] === "agent"
          ? nets.has(network)
          : l[LABEL.role] === "service"
            ? services.has(`${network}/${l[LABEL.namespace]}/${l[LABEL.service]}`)
            : pods.has(`${network}/${l[LABEL.namespace]}/${l[LABEL.pod]}`);
      if (!owner) unknown.push(`container ${c.Names[0]} (${l[LABEL.role]})`);
    }
    for (const v of (await docker.listVolumes({ filters })).Volumes ?? []) {
      const known =
        v.Labels[LABEL.role] === "agent"
          ? nets.has(network)
          : pods.has(`${network}/${v.Labels[LABEL.namespace]}/${v.Labels[LABEL.pod]}`);
      if (!known) unknown.push(`volume ${v.Name}`);
    }
    for (const n of await docker.listNetworks({ filters })) if (!nets.has(n.Name)) unknown.push(`network ${n.Name}`);
  }
  return unknown;
}
