// The Deployments the provider declared, as each network's node agent keeps them (provider/deployment/
// agent-record.ts): desired replicas, template and selector, even for one scaled to zero.
import type { DeploymentEntry } from "../../agent/contract";
import { listContainers } from "../../docker/containers";
import { LABEL } from "../../labels";
import { readAgentState } from "./agent-state";

export type DeploymentRecord = DeploymentEntry & { network: string };

/** Every Deployment record on the current engine, or on one network's agent. */
export async function readDeploymentRecords(network?: string): Promise<DeploymentRecord[]> {
  const agents = await listContainers([
    `${LABEL.managed}=true`,
    `${LABEL.role}=agent`,
    ...(network ? [`${LABEL.network}=${network}`] : []),
  ]);
  const networks = [...new Set(agents.map((a) => a.Labels[LABEL.network]).filter((n): n is string => !!n))];
  const states = await Promise.all(networks.map(async (n) => [n, await readAgentState(n)] as const));
  return states.flatMap(([net, state]) =>
    [...state.desired.values()]
      .filter((e): e is DeploymentEntry => "kind" in e && e.kind === "deployment")
      .map((e) => ({ ...e, network: net })),
  );
}
