// The scheduler, pure, in two halves.
//  - planPreferences runs in the program over every pod it declares, in name order: pinned pods count
//    first, then each other pod ranks the nodes by fewest pods, then least requested cpu and memory,
//    then the cluster's node order, and counts against its first choice. The ranking depends only on
//    the program, never on the order in which the engine happens to create pods.
//  - choose runs in the provider when a pod is created: the first node of the pod's ranking that
//    answers and still has room for the pod's requests (against what the node's engine reports).
// A placed pod keeps its node, so a no-op `up` never moves anything.
import type { Container } from "./types";
import { cpuToNanoCpus, memoryToBytes } from "./quantity";

export interface PodRequest {
  cpuMillis: number;
  memoryBytes: number;
}

export interface NodeUsage {
  name: string;
  /** Why the node cannot take pods (unreachable engine); undefined when it can. */
  unavailable?: string;
  pods: number;
  requested: PodRequest;
  allocatable: PodRequest;
}

export type Choice = { node: string } | { reason: string };

/**
 * What a pod asks of its node: the sum of its containers' requests (a limit alone counts as the request, as in
 * Kubernetes).
 */
export function podRequest(containers: readonly Container[]): PodRequest {
  let cpuMillis = 0;
  let memoryBytes = 0;
  for (const c of containers) {
    const { requests = {}, limits = {} } = c.resources ?? {};
    const cpu = requests.cpu ?? limits.cpu;
    const memory = requests.memory ?? limits.memory;
    if (cpu) cpuMillis += Math.round((cpuToNanoCpus(cpu) ?? 0) / 1e6);
    if (memory) memoryBytes += memoryToBytes(memory) ?? 0;
  }
  return { cpuMillis, memoryBytes };
}

export interface DeclaredPlacement {
  /** Unique among the network's pods; the plan goes through pods in this order. */
  key: string;
  nodeName?: string;
  request: PodRequest;
}

/** Each unpinned pod's ranking of the nodes, best first. */
export function planPreferences(
  nodes: readonly string[],
  pods: readonly DeclaredPlacement[],
): Record<string, string[]> {
  const count = new Map(nodes.map((n) => [n, 0]));
  const cpu = new Map(nodes.map((n) => [n, 0]));
  const memory = new Map(nodes.map((n) => [n, 0]));
  const place = (node: string, request: PodRequest) => {
    count.set(node, (count.get(node) ?? 0) + 1);
    cpu.set(node, (cpu.get(node) ?? 0) + request.cpuMillis);
    memory.set(node, (memory.get(node) ?? 0) + request.memoryBytes);
  };
  for (const pod of pods) if (pod.nodeName !== undefined) place(pod.nodeName, pod.request);
  const plan: Record<string, string[]> = {};
  for (const pod of [...pods]
    .filter((p) => p.nodeName === undefined)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const ranked = [...nodes].sort(
      (a, b) =>
        count.get(a)! - count.get(b)! ||
        cpu.get(a)! - cpu.get(b)! ||
        memory.get(a)! - memory.get(b)! ||
        nodes.indexOf(a) - nodes.indexOf(b),
    );
    plan[pod.key] = ranked;
    if (ranked.length > 0) place(ranked[0], pod.request);
  }
  return plan;
}

/**
 * The node for a pod: the first of `preference` that fits, else the best by spreading and load. `spread`
 * counts the pods of the pod's own group (its Deployment) on each node: fewer of them comes before fewer
 * pods in all, as Kubernetes' default spreading places a workload's replicas.
 */
export function choose(
  nodes: readonly NodeUsage[],
  pod: PodRequest,
  preference: readonly string[] = [],
  spread: Readonly<Record<string, number>> = {},
): Choice {
  const rejected = new Map<string, number>();
  const reject = (why: string) => rejected.set(why, (rejected.get(why) ?? 0) + 1);
  const fitting: Array<{ usage: NodeUsage; index: number; load: number }> = [];
  nodes.forEach((usage, index) => {
    if (usage.unavailable) return reject(usage.unavailable);
    const cpu = usage.requested.cpuMillis + pod.cpuMillis;
    const memory = usage.requested.memoryBytes + pod.memoryBytes;
    if (cpu > usage.allocatable.cpuMillis) return reject("Insufficient cpu");
    if (memory > usage.allocatable.memoryBytes) return reject("Insufficient memory");
    fitting.push({ usage, index, load: cpu / usage.allocatable.cpuMillis + memory / usage.allocatable.memoryBytes });
  });
  if (fitting.length === 0) {
    const why = [...rejected].map(([reason, count]) => `${count} ${reason}`).join(", ");
    return { reason: `0/${nodes.length} nodes are available${why ? `: ${why}` : ""}` };
  }
  const rank = (name: string) => (preference.includes(name) ? preference.indexOf(name) : preference.length);
  fitting.sort(
    (a, b) =>
      rank(a.usage.name) - rank(b.usage.name) ||
      (spread[a.usage.name] ?? 0) - (spread[b.usage.name] ?? 0) ||
      a.usage.pods - b.usage.pods ||
      a.load - b.load ||
      a.index - b.index,
  );
  return { node: fitting[0].usage.name };
}
