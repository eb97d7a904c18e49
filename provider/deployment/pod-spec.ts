// A Deployment's pod as the Pod code takes it: the template's spec with the pod's own name, the
// template's labels plus pod-template-hash (as Kubernetes adds it), and the Deployment's owner, so that
// every Docker object of the pod names the Deployment.
import type { DeploymentPod, DeploymentSpec, NodeBlock, PodSpec, PodState, PodTemplate } from "../../core/types";
import { formatSelector } from "../../core/selector-text";
import { LABEL } from "../labels";

export const TEMPLATE_HASH_LABEL = "pod-template-hash";

export function podSpecOf(d: DeploymentSpec, name: string, hash: string, template = d.template): PodSpec {
  const { metadata, spec } = template;
  return {
    ...spec,
    network: d.network,
    namespace: d.namespace,
    name,
    labels: { ...metadata.labels, [TEMPLATE_HASH_LABEL]: hash },
    annotations: metadata.annotations ?? {},
    // Init containers must finish within the Deployment's progress deadline; readiness is watched by the rollout.
    readyTimeoutSeconds: d.progressDeadlineSeconds,
    ...(d.owner ? { owner: d.owner } : {}),
    ...(d.clusterLayout ? { clusterLayout: d.clusterLayout } : {}),
  };
}

/** The pod's state as the Pod code reads it, from the template it was made from. */
export function podStateOf(d: DeploymentSpec, pod: DeploymentPod, template: PodTemplate): PodState {
  return {
    ...podSpecOf(d, pod.name, pod.hash, template),
    podIP: pod.ip,
    podName: pod.name,
    infraContainerId: pod.infraContainerId,
    containerIds: pod.containerIds,
    status: pod.status ?? "",
    ready: pod.ready,
    containerStatuses: [],
    ...(pod.node ? { node: nodeOf(d, pod.node), nodeName: pod.node.name } : {}),
  };
}

/** The pod's node as the current layout reaches it; as recorded, if the cluster no longer lists it. */
export function nodeOf(d: DeploymentSpec, node: NodeBlock): NodeBlock {
  return d.clusterLayout?.nodes.find((n) => n.name === node.name) ?? node;
}

/** The sandbox labels that let `podling get deployments` find the Deployment from its pods (labels.ts). */
export function deploymentPodLabels(d: DeploymentSpec, hash: string): Record<string, string> {
  return {
    [LABEL.deployment]: d.name,
    [LABEL.templateHash]: hash,
    [LABEL.replicas]: String(d.replicas),
    [LABEL.selector]: formatSelector(d.selector),
  };
}
