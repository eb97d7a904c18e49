// What Docker can change on a live pod; anything not listed forces replacement, because Docker fixes it
// when the containers are created.
import type { FieldRule } from "../diff/field-table";

export const POD_INPUTS = [
  "network",
  "namespace",
  "name",
  "labels",
  "annotations",
  "imagePullPolicy",
  "terminationGracePeriodSeconds",
  "restartPolicy",
  "hostname",
  "subdomain",
  "dnsConfig",
  "readyTimeoutSeconds",
  "volumes",
  "initContainers",
  "containers",
  // The values of the ConfigMaps and Secrets the pod names: a change replaces the pod, so its env and its
  // files change together, as a checksum annotation on a Kubernetes pod template makes them (README).
  "configMaps",
  "secrets",
] as const;

/**
 * Compared by diff/placement.ts rather than field by field: only the pod's own node matters.
 * nodePreference only guides the first placement, so it is never a change.
 */
export const POD_PLACEMENT_INPUTS = ["nodeName", "clusterLayout", "nodePreference"] as const;

/** Used only when the pod's sandbox starts, so never a change: the PodFirewall keeps the rules current. */
export const POD_STARTUP_INPUTS = ["startupFirewall"] as const;

/** Every input a pod's handlers read. */
export const ALL_POD_INPUTS = [...POD_INPUTS, ...POD_PLACEMENT_INPUTS, ...POD_STARTUP_INPUTS];

/** What an in-place pod update does in Docker, in this order. */
export type PodStep = "resources" | "restartPolicy";

export const POD_RULES: FieldRule<PodStep>[] = [
  { field: "labels", action: "update", why: "pod labels live in the Pulumi state, not on Docker objects" },
  { field: "annotations", action: "update", why: "annotations live in the Pulumi state" },
  { field: "imagePullPolicy", action: "update", why: "only decides the next pull" },
  { field: "terminationGracePeriodSeconds", action: "update", why: "only used when the pod is deleted" },
  {
    field: "restartPolicy",
    action: "update",
    step: "restartPolicy",
    why: "docker update changes a container's restart policy",
  },
  { field: "readyTimeoutSeconds", action: "update", why: "only decides how long up waits" },
  { field: "containers[*].imagePullPolicy", action: "update", why: "only decides the next pull" },
  {
    field: "containers[*].resources",
    action: "update",
    step: "resources",
    why: "docker update changes cpu and memory of a running container",
  },
];
