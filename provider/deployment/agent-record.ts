// A Deployment as the provider last declared it, kept in its network's node agent state beside its pods'
// entries. The agent does not act on it (the pods are what it holds true); it lets `podling get
// deployments` show the desired replicas, template and selector from the engine alone, even when no pod
// was made since a scale-down, or none is left.
import type { DeploymentSpec } from "../../core/types";
import { formatSelector } from "../../core/selector-text";
import { CONTRACT_VERSION, DeploymentEntry } from "../agent/contract";
import { entryKey, holdTrue, letGo } from "../agent/desired-state";

/** Pure: the record of the Deployment with its current template hash. */
export function deploymentEntry(spec: DeploymentSpec, hash: string, created: string): DeploymentEntry {
  return {
    version: CONTRACT_VERSION,
    kind: "deployment",
    namespace: spec.namespace,
    name: spec.name,
    replicas: spec.replicas,
    templateHash: hash,
    selector: formatSelector(spec.selector),
    created,
  };
}

export function recordDeployment(spec: DeploymentSpec, hash: string, created: string): Promise<void> {
  return holdTrue(spec.network, keyOf(spec), deploymentEntry(spec, hash, created));
}

export function forgetDeployment(spec: DeploymentSpec): Promise<void> {
  return letGo(spec.network, keyOf(spec));
}

function keyOf(spec: DeploymentSpec): string {
  return entryKey("deployment", `${spec.network}_${spec.namespace}_${spec.name}`);
}
