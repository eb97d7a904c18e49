// Deployments as the node agent's records and their pods show them. The record (provider/deployment/
// agent-record.ts) says what is desired now; without one (a Deployment made before records), each pod's
// sandbox names its Deployment with the template hash, replicas and selector it had when it made the pod.
// Pure.
import { TEMPLATE_HASH_LABEL } from "../../deployment/pod-spec";
import type { DeploymentRecord } from "./deployment-records";
import type { DeploymentView, PodView } from "./model";

/** Every recorded Deployment, and every other one its pods name, sorted by namespace and name. */
export function deploymentsOf(pods: PodView[], records: DeploymentRecord[]): DeploymentView[] {
  const keyOf = (network: string, namespace: string, name: string) => JSON.stringify([network, namespace, name]);
  const groups = new Map<string, PodView[]>(records.map((r) => [keyOf(r.network, r.namespace, r.name), []]));
  for (const pod of pods) {
    if (!pod.deployment) continue;
    const key = keyOf(pod.network, pod.namespace, pod.deployment.name);
    groups.set(key, [...(groups.get(key) ?? []), pod]);
  }
  const recorded = new Map(records.map((r) => [keyOf(r.network, r.namespace, r.name), r]));
  return [...groups]
    .map(([key, group]) => {
      const record = recorded.get(key);
      return record ? withRecord(record, group) : deploymentOf(group);
    })
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

/** What the provider declared, with the pods there are now. */
function withRecord(record: DeploymentRecord, pods: PodView[]): DeploymentView {
  const byAge = [...pods].sort((a, b) => a.created.localeCompare(b.created));
  const current = byAge.filter((p) => p.deployment?.templateHash === record.templateHash).pop();
  const { [TEMPLATE_HASH_LABEL]: _hash, ...templateLabels } = current?.labels ?? {};
  return {
    namespace: record.namespace,
    name: record.name,
    network: record.network,
    replicas: record.replicas,
    templateHash: record.templateHash,
    selector: record.selector,
    ...(current?.labels ? { labels: templateLabels } : {}),
    created: record.created,
    ...(record.minReadySeconds !== undefined ? { minReadySeconds: record.minReadySeconds } : {}),
    pods: byAge,
  };
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
