// The scheduler's choice, pure: filter the nodes a pod fits on, then prefer the one with the fewest pods
// (spreading), then the least loaded after placing it, then the earlier node in the cluster's list, so
// the same cluster always gives the same answer. It runs only when a pod is created; a placed pod keeps
// its node, so a no-op `up` never moves anything.

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

export function choose(nodes: readonly NodeUsage[], pod: PodRequest): Choice {
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
  fitting.sort((a, b) => a.usage.pods - b.usage.pods || a.load - b.load || a.index - b.index);
  return { node: fitting[0].usage.name };
}
