// Podling's own containers on the engine (the node agent and its guard, the DNS, the service routers), as a
// workload of N pods leaves them: their memory summed, and the node agent's memory and its CPU while
// nothing changes. Read from Docker's stats, as `docker stats` shows them.
import Docker from "dockerode";

/** The roles of the containers Podling adds beside the pods (provider/labels.ts). */
const SYSTEM_ROLES = new Set(["agent", "dns", "service", "firewall"]);

export interface SystemFootprint {
  containers: number;
  memoryMiB: number;
  agentMemoryMiB: number;
  /** The agent's CPU over the idle window, in % of one core. */
  agentIdleCpuPercent: number;
}

interface Stats {
  memory_stats: { usage?: number; stats?: Record<string, number> };
  cpu_stats: { cpu_usage: { total_usage: number } };
}

/** Memory as `docker stats` counts it: usage less the page cache it may drop. */
const memoryMiB = (s: Stats) =>
  ((s.memory_stats.usage ?? 0) - (s.memory_stats.stats?.inactive_file ?? s.memory_stats.stats?.cache ?? 0)) / 2 ** 20;

export async function systemFootprint(network: string, idleMs: number): Promise<SystemFootprint> {
  const docker = new Docker();
  const listed = await docker.listContainers({ filters: { label: [`podling.io/network=${network}`] } });
  const system = listed.filter((c) => SYSTEM_ROLES.has(c.Labels["podling.io/role"]));
  const stats = (id: string) => docker.getContainer(id).stats({ stream: false }) as unknown as Promise<Stats>;
  const agent = system.find((c) => c.Names.includes(`/agent.${network}`));
  if (!agent) throw new Error(`no node agent agent.${network} on the engine`);
  const before = await stats(agent.Id);
  const started = process.hrtime.bigint();
  await new Promise((resolve) => setTimeout(resolve, idleMs));
  const after = await stats(agent.Id);
  const elapsedNs = Number(process.hrtime.bigint() - started);
  const all = await Promise.all(system.map((c) => stats(c.Id)));
  return {
    containers: system.length,
    memoryMiB: all.reduce((sum, s) => sum + memoryMiB(s), 0),
    agentMemoryMiB: memoryMiB(after),
    agentIdleCpuPercent:
      ((after.cpu_stats.cpu_usage.total_usage - before.cpu_stats.cpu_usage.total_usage) / elapsedNs) * 100,
  };
}
