// A headless service's DNS name, held by the network's node agent: it keeps the hosts file to the
// addresses of the endpoints ready now, as the EndpointSlice controller keeps a headless service's
// records in Kubernetes. The provider still writes the file at create and update.
import type { ServiceSpec } from "../../core/types";
import type { RecordsEntry } from "../agent/contract";
import { entryKey, holdTrue, letGo } from "../agent/desired-state";
import { existingDnsName, recordsPath } from "../pod-network/cluster-dns";
import { recordsFileName, serviceDnsName } from "../rules/dns-records";
import { selectorOf } from "./router";
import { onEveryNode } from "./every-node";

/** Pure: the agent's entry for the service's records in the DNS container `dns`. */
export function recordsEntry(spec: ServiceSpec, dns: string): RecordsEntry {
  return {
    version: 1,
    kind: "records",
    namespace: spec.namespace,
    name: spec.name,
    container: dns,
    path: recordsPath(recordsFileName(spec.namespace, spec.name)),
    hostname: serviceDnsName(spec.namespace, spec.name),
    endpoints: spec.endpoints.map(({ pod, ip, ready, hostname }) => ({
      pod,
      ip,
      ready,
      ...(hostname ? { hostname } : {}),
    })),
    ...selectorOf(spec),
  };
}

/** To the agent of every node, which keeps its own DNS's copy of the records. */
export async function handRecordsToAgent(spec: ServiceSpec): Promise<void> {
  await onEveryNode(spec, async () =>
    holdTrue(spec.network, recordsKey(spec), recordsEntry(spec, await existingDnsName(spec.network))),
  );
}

export async function takeRecordsFromAgent(
  spec: Pick<ServiceSpec, "network" | "namespace" | "name" | "clusterNodes">,
): Promise<void> {
  await onEveryNode(spec, () => letGo(spec.network, recordsKey(spec)));
}

function recordsKey(spec: Pick<ServiceSpec, "network" | "namespace" | "name">): string {
  return entryKey("records", recordsFileName(spec.namespace, spec.name));
}
