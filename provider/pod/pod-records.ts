// A pod's A record in the cluster DNS, `a-b-c-d.<namespace>.pod.cluster.local`, written when its sandbox
// has an address and removed with the pod. Kubernetes' CoreDNS answers that name only for a pod of that
// namespace with that address ("pods verified"); one hosts file per pod does the same.
import type { PodSpec } from "../../core/types";
import type { NetworkLayout } from "../../core/cidr";
import { onEngine } from "../docker/client";
import * as containers from "../docker/containers";
import { log } from "../log";
import { existingDnsName, removeRecords, writeRecords } from "../pod-network/cluster-dns";
import { podRecordsFileName, renderPodRecords } from "../rules/dns-records";

type PodKey = Pick<PodSpec, "network" | "namespace" | "name" | "clusterLayout">;

/**
 * Into the network's DNS (on a cluster, the first node's); a network too small for one has none. A DNS
 * container that is missing (being started again by the node agent) leaves the pod without a name, with
 * a warning, rather than failing the pod.
 */
export async function publishPodRecords(pod: PodKey, podIP: string, layout: NetworkLayout): Promise<void> {
  if (!layout.dnsIP) return;
  await onEngine(pod.clusterLayout?.home, async () => {
    const dns = await existingDnsName(pod.network);
    if (!(await containers.inspectContainer(dns))) {
      log.warn(
        `pod ${pod.namespace}/${pod.name}: the network's DNS container ${dns} is missing; the pod gets no DNS name`,
      );
      return;
    }
    await writeRecords(
      pod.network,
      podRecordsFileName(pod.namespace, pod.name),
      renderPodRecords(pod.namespace, podIP),
    );
  });
}

/** Gone is fine: a network without a DNS, or a pod made before pods had records. */
export async function withdrawPodRecords(pod: PodKey): Promise<void> {
  await onEngine(pod.clusterLayout?.home, () =>
    removeRecords(pod.network, podRecordsFileName(pod.namespace, pod.name)),
  );
}
