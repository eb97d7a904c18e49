// What Docker can change on a live object, per resource. Anything not listed here forces replacement,
// because Docker fixes it when the container or network is created.
import type { FieldRule } from "./field-table";

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
  "dnsConfig",
  "readyTimeoutSeconds",
  "volumes",
  "initContainers",
  "containers",
] as const;

/**
 * Compared by diff/placement.ts rather than field by field: only the pod's own node matters.
 * nodePreference only guides the first placement, so it is never a change.
 */
export const POD_PLACEMENT_INPUTS = ["nodeName", "clusterLayout", "nodePreference"] as const;

export const POD_RULES: FieldRule[] = [
  { field: "labels", action: "update", why: "pod labels live in the Pulumi state, not on Docker objects" },
  { field: "annotations", action: "update", why: "annotations live in the Pulumi state" },
  { field: "imagePullPolicy", action: "update", why: "only decides the next pull" },
  { field: "terminationGracePeriodSeconds", action: "update", why: "only used when the pod is deleted" },
  { field: "restartPolicy", action: "update", why: "docker update changes a container's restart policy" },
  { field: "readyTimeoutSeconds", action: "update", why: "only decides how long up waits" },
  { field: "containers[*].imagePullPolicy", action: "update", why: "only decides the next pull" },
  { field: "containers[*].resources", action: "update", why: "docker update changes cpu and memory of a running container" },
];

export const POD_NETWORK_INPUTS = ["name", "cidr", "internal", "labels", "cluster"] as const;

export const POD_NETWORK_RULES: FieldRule[] = [
  { field: "labels", action: "update", why: "network labels live in the Pulumi state" },
  { field: "cluster.nodes", action: "update", why: "an added node gets a free block of the CIDR, a removed one frees its block" },
  { field: "cluster.managers", action: "update", why: "Swarm roles do not change the overlay network" },
];

export const CLUSTER_INPUTS = ["name", "nodes", "managers"] as const;

export const CLUSTER_RULES: FieldRule[] = [
  { field: "nodes", action: "update", why: "nodes join and leave the Swarm in place" },
  { field: "managers", action: "update", why: "applies to nodes that join later; existing roles stay" },
];

export const SERVICE_INPUTS = ["network", "namespace", "name", "selector", "type", "ports", "sessionAffinity", "sessionAffinityTimeoutSeconds", "endpoints", "policyFilter", "routerNode"] as const;

export const SERVICE_RULES: FieldRule[] = [
  { field: "ports[*].nodePort", action: "replace", why: "host ports are published when the router is created" },
  { field: "ports", action: "update", why: "ports only shape the router's rules" },
  { field: "endpoints", action: "update", why: "endpoints only shape the router's rules and the DNS records" },
  { field: "selector", action: "update", why: "the SDK recomputes the endpoints from it" },
  { field: "policyFilter", action: "update", why: "network policies only shape the router's filter rules" },
  { field: "sessionAffinity", action: "update", why: "affinity only shapes the router's rules" },
  { field: "sessionAffinityTimeoutSeconds", action: "update", why: "affinity only shapes the router's rules" },
  { field: "routerNode", action: "update", why: "the home node never changes; only how its engine is reached may" },
];

export const POD_FIREWALL_INPUTS = ["network", "namespace", "pod", "sandboxId", "rules", "node"] as const;

export const POD_FIREWALL_RULES: FieldRule[] = [
  { field: "rules", action: "update", why: "iptables-restore replaces the rules in the running pod" },
  { field: "sandboxId", action: "update", why: "a replaced pod gets its rules applied to its new sandbox" },
  { field: "node", action: "update", why: "a replaced pod may run on another node; its rules follow its sandbox" },
];

export const NETWORK_POLICY_INPUTS = ["network", "namespace", "name", "podSelector", "policyTypes", "ingress", "egress"] as const;

export const NETWORK_POLICY_RULES: FieldRule[] = [
  { field: "podSelector", action: "update", why: "a policy is enforced through the pods' firewalls" },
  { field: "policyTypes", action: "update", why: "a policy is enforced through the pods' firewalls" },
  { field: "ingress", action: "update", why: "a policy is enforced through the pods' firewalls" },
  { field: "egress", action: "update", why: "a policy is enforced through the pods' firewalls" },
];
