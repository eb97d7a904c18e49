// The Deployments the provider declared, as each network's node agent keeps them (provider/deployment/
// agent-record.ts): desired replicas, template and selector, even for one scaled to zero.
import type { DeploymentEntry } from "../../agent/contract";
import { readAgentStates } from "./agent-state";

export type DeploymentRecord = DeploymentEntry & { network: string };

/** Every Deployment record on the current engine, or on one network's agent. */
export async function readDeploymentRecords(network?: string): Promise<DeploymentRecord[]> {
  const states = await readAgentStates(network);
  return states.flatMap(([net, state]) =>
    [...state.desired.values()]
      .filter((e): e is DeploymentEntry => "kind" in e && e.kind === "deployment")
      .map((e) => ({ ...e, network: net })),
  );
}
