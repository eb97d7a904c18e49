// `check` for PodNetwork.
import type { ClusterSpec, PodNetworkSpec } from "../../core/types";
import { MAX_POD_NETWORK_PREFIX, parseCidr, prefixOf } from "../../core/cidr";
import { isClusterSized, MAX_CLUSTER_PREFIX, NODE_BLOCK_PREFIX, nodeBlockCapacity } from "../../core/node-blocks";
import { checkStringMap, compact, isRecord } from "../check/common";
import { CheckFailure, Failures, isUnknown } from "../check/failures";
import { dns1123Label } from "../check/names";

export const DEFAULT_POD_CIDR = "10.244.0.0/16";

export function checkPodNetwork(news: Record<string, unknown>): { inputs: PodNetworkSpec; failures: CheckFailure[] } {
  const f = new Failures();
  const cidr = news.cidr ?? DEFAULT_POD_CIDR;
  if (!isUnknown(cidr)) {
    const parsed = parseCidr(cidr);
    if (!parsed.ok) f.add("cidr", parsed.reason);
    else if (prefixOf(parsed.range) > MAX_POD_NETWORK_PREFIX) f.add("cidr", `${cidr} is too small for pods; use a /${MAX_POD_NETWORK_PREFIX} or larger`);
    else if (prefixOf(parsed.range) < 8) f.add("cidr", `${cidr} is larger than a /8; Docker's bridge driver would reserve it all`);
  }
  if (!isUnknown(news.name)) {
    const problem = dns1123Label(news.name);
    if (problem) f.add("name", problem);
  }
  if (news.internal !== undefined && !isUnknown(news.internal) && typeof news.internal !== "boolean") f.add("internal", "must be true or false");
  checkClusterFit(news.cluster, cidr, f);
  const inputs = compact({
    name: news.name as string,
    cluster: news.cluster as ClusterSpec | undefined,
    cidr: cidr as string,
    labels: checkStringMap(news.labels, "labels", f, "labels"),
    internal: (news.internal as boolean | undefined) ?? false,
  });
  return { inputs, failures: f.list };
}

/** A cluster network needs a /24 per node, one for Swarm's own endpoints, and the service range. */
function checkClusterFit(cluster: unknown, cidr: unknown, f: Failures): void {
  if (cluster === undefined || isUnknown(cluster)) return;
  if (!isRecord(cluster)) return f.add("cluster", "must be a Cluster (pass the Cluster resource)");
  if (isUnknown(cidr) || !parseCidr(cidr).ok) return;
  if (!isClusterSized(cidr as string)) return f.add("cidr", `${cidr} is too small for a cluster network (one /${NODE_BLOCK_PREFIX} per node); use a /${MAX_CLUSTER_PREFIX} or larger`);
  const nodes = cluster.nodes;
  if (Array.isArray(nodes) && nodes.length > nodeBlockCapacity(cidr as string)) {
    f.add("cidr", `${cidr} has room for ${nodeBlockCapacity(cidr as string)} node blocks (/${NODE_BLOCK_PREFIX}) and the cluster has ${nodes.length} nodes; use a larger cidr`);
  }
}
