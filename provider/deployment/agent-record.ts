// A Deployment as the provider last declared it, kept in its network's node agent state beside its pods'
// entries. The agent does not act on it (the pods are what it holds true); it lets `podling get
// deployments` show the desired replicas, template and selector from the engine alone, even when no pod
// was made since a scale-down, or none is left.
import type { DeploymentSpec } from "../../core/types";
import { formatSelector } from "../../core/selector-text";
import { CONTRACT_VERSION, DeploymentEntry } from "../agent/contract";
import { entryKey, holdTrue, letGo } from "../agent/desired-state";
import { onEngineUnlessLost } from "../docker/client";
import { messageOf } from "../docker/errors";
import { log } from "../log";

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
    minReadySeconds: spec.minReadySeconds,
  };
}

export function recordDeployment(spec: DeploymentSpec, hash: string, created: string): Promise<void> {
  return onHome(spec, () => holdTrue(spec.network, keyOf(spec), deploymentEntry(spec, hash, created)));
}

export function forgetDeployment(spec: DeploymentSpec): Promise<void> {
  return onHome(spec, () => letGo(spec.network, keyOf(spec)));
}

/** On a cluster the record lives with the home node's agent; a lost home only costs the CLI its view. */
function onHome(spec: DeploymentSpec, work: () => Promise<void>): Promise<void> {
  const home = spec.clusterLayout?.home;
  return onEngineUnlessLost(home, work, (err) =>
    log.warn(
      `deployment ${spec.namespace}/${spec.name}: node "${home!.name}" does not answer (${messageOf(err)}); its record for \`podling get deployments\` is not updated`,
    ),
  );
}

function keyOf(spec: DeploymentSpec): string {
  return entryKey("deployment", `${spec.network}_${spec.namespace}_${spec.name}`);
}
