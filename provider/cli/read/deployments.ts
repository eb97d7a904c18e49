// Deployments as their pods show them: the engine holds no Deployment, but each of its pods' sandboxes
// names it, with the template hash, replicas and selector it had when it made the pod. Pure.
import { TEMPLATE_HASH_LABEL } from "../../deployment/pod-spec";
import type { DeploymentView, PodView } from "./model";

/** The pods grouped by the Deployment that made them, sorted by namespace and name; other pods are left out. */
export function deploymentsOf(pods: PodView[]): DeploymentView[] {
  const groups = new Map<string, PodView[]>();
  for (const pod of pods) {
    if (!pod.deployment) continue;
    const key = JSON.stringify([pod.network, pod.namespace, pod.deployment.name]);
    groups.set(key, [...(groups.get(key) ?? []), pod]);
  }
  return [...groups.values()]
    .map(deploymentOf)
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

function deploymentOf(pods: PodView[]): DeploymentView {
  const byAge = [...pods].sort((a, b) => a.created.localeCompare(b.created));
  // The rollout makes pods of the current template only, so the newest pod was made from it.
  const newest = byAge[byAge.length - 1];
  const made = newest.deployment!;
  const { [TEMPLATE_HASH_LABEL]: _hash, ...templateLabels } = newest.labels ?? {};
  return {
    namespace: newest.namespace,
    name: made.name,
    network: newest.network,
    ...(made.replicas !== undefined ? { replicas: made.replicas } : {}),
    templateHash: made.templateHash,
    ...(made.selector !== undefined ? { selector: made.selector } : {}),
    ...(newest.labels ? { labels: templateLabels } : {}),
    created: byAge[0].created,
    pods: byAge,
  };
}
