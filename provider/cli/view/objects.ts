// `-o json|yaml`: the objects in Kubernetes' shapes (v1 Pod, Service, Namespace, Node, apps/v1 Deployment,
// networking.k8s.io/v1 NetworkPolicy in a v1 List), with only the fields the engine holds. Pure.
import { stringify } from "yaml";
import { asLabelSelector } from "../../../core/selector";
import { parseSelector } from "../../../core/selector-text";
import type { NetworkPolicyPeer, Selector } from "../../../core/types";
import { deploymentCounts, templateContainers } from "./deployment-rows";
import { containerReason, podReady, podReadySince, podStatus } from "./pod-rows";
import type { ContainerView, DeploymentView, NetworkPolicyView, PodView, ServiceView } from "../read/model";

export type KubeObject = Record<string, unknown>;

export function listOf(items: KubeObject[]): KubeObject {
  return { apiVersion: "v1", kind: "List", items, metadata: { resourceVersion: "" } };
}

export function printObjects(list: KubeObject, format: "json" | "yaml"): string {
  return format === "json" ? JSON.stringify(list, null, 4) : stringify(list);
}

export function podObject(pod: PodView): KubeObject {
  const status = podStatus(pod);
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: pod.name,
      namespace: pod.namespace,
      creationTimestamp: pod.created,
      ...(pod.labels ? { labels: pod.labels } : {}),
      annotations: { "podling.io/network": pod.network, ...(pod.stack ? { "podling.io/stack": pod.stack } : {}) },
    },
    spec: {
      nodeName: pod.node,
      ...(pod.initContainers.length ? { initContainers: pod.initContainers.map(specOf) } : {}),
      containers: pod.containers.map(specOf),
    },
    status: {
      phase: phaseOf(pod, status),
      ...(status !== "Running" ? { reason: status } : {}),
      ...(pod.ip ? { podIP: pod.ip, podIPs: [{ ip: pod.ip }] } : {}),
      conditions: [readyCondition(pod)],
      ...(pod.initContainers.length ? { initContainerStatuses: pod.initContainers.map(statusOf) } : {}),
      containerStatuses: pod.containers.map(statusOf),
    },
  };
}

/** The pod's Ready condition; while ready, since when (podReadySince), when its containers say. */
function readyCondition(pod: PodView): KubeObject {
  if (!podReady(pod)) return { type: "Ready", status: "False" };
  const since = podReadySince(pod);
  return {
    type: "Ready",
    status: "True",
    ...(since !== undefined ? { lastTransitionTime: new Date(since).toISOString() } : {}),
  };
}

function phaseOf(pod: PodView, status: string): string {
  if (pod.sandboxState !== "running") return "Unknown";
  if (status.startsWith("Init:") || status === "ContainerCreating") return "Pending";
  if (pod.containers.length > 0 && pod.containers.every((c) => c.dockerState === "exited"))
    return pod.containers.every((c) => c.exitCode === 0) ? "Succeeded" : "Failed";
  return "Running";
}

const specOf = (c: ContainerView) => ({ name: c.name, image: c.image });

function statusOf(c: ContainerView): KubeObject {
  const state =
    c.dockerState === "running"
      ? { running: { startedAt: c.startedAt } }
      : c.dockerState === "exited" || c.dockerState === "dead"
        ? {
            terminated: {
              exitCode: c.exitCode,
              reason: c.oomKilled ? "OOMKilled" : c.exitCode === 0 ? "Completed" : "Error",
              ...(c.startedAt ? { startedAt: c.startedAt } : {}),
              ...(c.finishedAt ? { finishedAt: c.finishedAt } : {}),
            },
          }
        : { waiting: { reason: containerReason(c) } };
  return {
    name: c.name,
    image: c.image,
    containerID: `docker://${c.id}`,
    ready: c.ready,
    started: c.dockerState === "running",
    restartCount: c.restartCount,
    state,
  };
}

export function serviceObject(svc: ServiceView): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: svc.name,
      namespace: svc.namespace,
      ...(svc.created ? { creationTimestamp: svc.created } : {}),
      annotations: { "podling.io/network": svc.network },
    },
    spec: {
      type: svc.type === "Headless" ? "ClusterIP" : svc.type,
      clusterIP: svc.type === "Headless" ? "None" : svc.clusterIP,
      ...(svc.ports ? { ports: svc.ports } : {}),
    },
    status: { loadBalancer: svc.externalIP ? { ingress: [{ ip: svc.externalIP }] } : {} },
    // Kubernetes keeps these in an EndpointSlice; here they ride along with the service.
    endpoints: { ready: svc.readyEndpoints, notReady: svc.notReadyEndpoints },
  };
}

export function deploymentObject(d: DeploymentView, now: number): KubeObject {
  const counts = deploymentCounts(d, now);
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: d.name,
      namespace: d.namespace,
      // The oldest pod's: the Deployment itself is not on the engine.
      creationTimestamp: d.created,
      annotations: { "podling.io/network": d.network, "podling.io/pod-template-hash": d.templateHash },
    },
    spec: {
      ...(counts.replicas !== undefined ? { replicas: counts.replicas } : {}),
      ...(d.minReadySeconds !== undefined ? { minReadySeconds: d.minReadySeconds } : {}),
      ...(d.selector !== undefined && d.selector !== "<none>" ? { selector: parseSelector(d.selector) } : {}),
      template: {
        metadata: { ...(d.labels ? { labels: d.labels } : {}) },
        spec: { containers: templateContainers(d) },
      },
    },
    status: {
      replicas: counts.current,
      readyReplicas: counts.ready,
      updatedReplicas: counts.updated,
      availableReplicas: counts.available,
    },
  };
}

export function networkPolicyObject(p: NetworkPolicyView): KubeObject {
  const peers = (list: NetworkPolicyPeer[] | undefined) =>
    list?.map((peer) => ({
      ...(peer.podSelector ? { podSelector: selector(peer.podSelector) } : {}),
      ...(peer.namespaceSelector ? { namespaceSelector: selector(peer.namespaceSelector) } : {}),
      ...(peer.ipBlock ? { ipBlock: peer.ipBlock } : {}),
    }));
  // Empty lists are left out, as the API server's JSON leaves them out.
  const ingress = p.ingress.map((r) => ({
    ...(r.from?.length ? { from: peers(r.from) } : {}),
    ...(r.ports?.length ? { ports: r.ports } : {}),
  }));
  const egress = p.egress.map((r) => ({
    ...(r.to?.length ? { to: peers(r.to) } : {}),
    ...(r.ports?.length ? { ports: r.ports } : {}),
  }));
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: {
      name: p.name,
      namespace: p.namespace,
      ...(p.created ? { creationTimestamp: p.created } : {}),
      annotations: { "podling.io/network": p.network, "podling.io/revision": p.revision },
    },
    spec: {
      podSelector: selector(p.podSelector),
      policyTypes: p.policyTypes,
      ...(ingress.length ? { ingress } : {}),
      ...(egress.length ? { egress } : {}),
    },
  };
}

/** Kubernetes writes every selector as a LabelSelector (`{}` for every pod); Podling also takes a label map. */
function selector(s: Selector): KubeObject {
  const { matchLabels, matchExpressions } = asLabelSelector(s);
  return {
    ...(matchLabels && Object.keys(matchLabels).length ? { matchLabels } : {}),
    ...(matchExpressions?.length ? { matchExpressions } : {}),
  };
}
