// `check` for PodNetwork.
import type { ClusterSpec, PodNetworkSpec } from "../../core/types";
import { MAX_POD_NETWORK_PREFIX, parseCidr, prefixOf } from "../../core/cidr";
import { isClusterSized, MAX_CLUSTER_PREFIX, NODE_BLOCK_PREFIX, nodeBlockCapacity } from "../../core/node-blocks";
import { checkStringMap, compact, isRecord } from "../check/common";
import { CheckFailure, Failures, isUnknown } from "../check/failures";
import { dns1123Label } from "../check/names";
import {
  DEFAULT_NODE_PORT_ADDRESSES,
  DEFAULT_NODE_PORT_RANGE,
  EVERY_ADDRESS,
  hostIpOf,
  nodePortAddressProblem,
  parsePortRange,
} from "../../core/node-ports";

export const DEFAULT_POD_CIDR = "10.244.0.0/16";

export function checkPodNetwork(news: Record<string, unknown>): { inputs: PodNetworkSpec; failures: CheckFailure[] } {
  const f = new Failures();
  const cidr = news.cidr ?? DEFAULT_POD_CIDR;
  if (!isUnknown(cidr)) {
    const parsed = parseCidr(cidr);
    if (!parsed.ok) f.add("cidr", parsed.reason);
    else if (prefixOf(parsed.range) > MAX_POD_NETWORK_PREFIX)
      f.add("cidr", `${cidr} is too small for pods; use a /${MAX_POD_NETWORK_PREFIX} or larger`);
    else if (prefixOf(parsed.range) < 8)
      f.add("cidr", `${cidr} is larger than a /8; Docker's bridge driver would reserve it all`);
  }
  if (!isUnknown(news.name)) {
    const problem = dns1123Label(news.name);
    if (problem) f.add("name", problem);
  }
  if (news.internal !== undefined && !isUnknown(news.internal) && typeof news.internal !== "boolean")
    f.add("internal", "must be true or false");
  checkEncrypted(news.encrypted, news.cluster, f);
  checkClusterFit(news.cluster, cidr, f);
  const serviceNodePortRange = news.serviceNodePortRange ?? DEFAULT_NODE_PORT_RANGE;
  if (!isUnknown(serviceNodePortRange)) {
    const range = parsePortRange(serviceNodePortRange);
    if ("reason" in range) f.add("serviceNodePortRange", range.reason);
  }
  const nodePortAddresses = news.nodePortAddresses ?? [...DEFAULT_NODE_PORT_ADDRESSES];
  checkNodePortAddresses(nodePortAddresses, f);
  const inputs = compact({
    name: news.name as string,
    cluster: news.cluster as ClusterSpec | undefined,
    cidr: cidr as string,
    labels: checkStringMap(news.labels, "labels", f, "labels"),
    internal: (news.internal as boolean | undefined) ?? false,
    // false and absent are one: stored states from before the field carry neither, and must not differ.
    encrypted: news.encrypted === true ? (true as const) : undefined,
    serviceNodePortRange: serviceNodePortRange as string,
    nodePortAddresses: nodePortAddresses as string[],
  });
  return { inputs, failures: f.list };
}

/** Docker's overlay encrypts traffic between nodes; a bridge's traffic never leaves its host. */
function checkEncrypted(encrypted: unknown, cluster: unknown, f: Failures): void {
  if (encrypted === undefined || isUnknown(encrypted)) return;
  if (typeof encrypted !== "boolean") return f.add("encrypted", "must be true or false");
  if (encrypted && cluster === undefined) {
    f.add(
      "encrypted",
      "applies only to a PodNetwork given a cluster, whose overlay carries traffic between nodes (IPsec ESP); a single-host network's traffic never leaves its host. Remove encrypted, or give the network a cluster",
    );
  }
}

/** A cluster network needs a /24 per node, one for Swarm's own endpoints, and the service range. */
function checkClusterFit(cluster: unknown, cidr: unknown, f: Failures): void {
  if (cluster === undefined || isUnknown(cluster)) return;
  if (!isRecord(cluster)) return f.add("cluster", "must be a Cluster (pass the Cluster resource)");
  if (isUnknown(cidr) || !parseCidr(cidr).ok) return;
  if (!isClusterSized(cidr as string))
    return f.add(
      "cidr",
      `${cidr} is too small for a cluster network (one /${NODE_BLOCK_PREFIX} per node); use a /${MAX_CLUSTER_PREFIX} or larger`,
    );
  const nodes = cluster.nodes;
  if (Array.isArray(nodes) && nodes.length > nodeBlockCapacity(cidr as string)) {
    f.add(
      "cidr",
      `${cidr} has room for ${nodeBlockCapacity(cidr as string)} node blocks (/${NODE_BLOCK_PREFIX}) and the cluster has ${nodes.length} nodes; use a larger cidr`,
    );
  }
}

/** Each entry one host address Docker can bind; an empty list would publish nothing. */
function checkNodePortAddresses(value: unknown, f: Failures): void {
  if (isUnknown(value)) return;
  if (!Array.isArray(value) || value.length === 0)
    return f.add(
      "nodePortAddresses",
      `must list at least one host IPv4 address, e.g. ["127.0.0.1"], or ["${EVERY_ADDRESS}"] for every address`,
    );
  const seen = new Set<string>();
  value.forEach((entry, i) => {
    if (isUnknown(entry)) return;
    const problem = nodePortAddressProblem(entry);
    if (problem) return f.add(`nodePortAddresses[${i}]`, problem);
    const hostIp = hostIpOf(entry as string);
    if (seen.has(hostIp)) f.add(`nodePortAddresses[${i}]`, `${JSON.stringify(entry)} is listed twice`);
    seen.add(hostIp);
  });
  // Docker cannot bind one port to 0.0.0.0 and to one of the host's addresses at once.
  if (seen.has("0.0.0.0") && seen.size > 1)
    f.add("nodePortAddresses", `${EVERY_ADDRESS} already covers every address; list it alone`);
}
