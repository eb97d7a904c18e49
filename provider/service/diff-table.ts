// What changes on a live service; anything not listed forces replacement, because Docker fixes it when
// the router is created.
import type { FieldRule } from "../diff/field-table";

export const SERVICE_INPUTS = [
  "network",
  "namespace",
  "name",
  "selector",
  "type",
  "ports",
  "sessionAffinity",
  "sessionAffinityTimeoutSeconds",
  "endpoints",
  "policyFilter",
  "routerNode",
  "clusterNodes",
  "serviceNodePortRange",
  "nodePortAddresses",
  "loadBalancerIP",
] as const;

/** What a field's change asks of a live service: its router's NAT rules, its filter, or its backends. */
export type ServiceStep = "dataplane" | "filter" | "endpoints" | "nodes";

export const SERVICE_RULES: FieldRule<ServiceStep>[] = [
  { field: "ports[*].nodePort", action: "replace", why: "host ports are published when the router is created" },
  { field: "ports", action: "update", step: "dataplane", why: "ports only shape the router's rules" },
  {
    field: "endpoints",
    action: "update",
    step: "endpoints",
    why: "endpoints only shape the router's rules and the DNS records",
  },
  { field: "selector", action: "update", why: "the SDK recomputes the endpoints from it" },
  {
    field: "policyFilter",
    action: "update",
    step: "filter",
    why: "network policies only shape the router's filter rules",
  },
  { field: "sessionAffinity", action: "update", step: "dataplane", why: "affinity only shapes the router's rules" },
  {
    field: "sessionAffinityTimeoutSeconds",
    action: "update",
    step: "dataplane",
    why: "affinity only shapes the router's rules",
  },
  { field: "routerNode", action: "update", why: "the home node never changes; only how its engine is reached may" },
  {
    field: "clusterNodes",
    action: "update",
    step: "nodes",
    why: "each node's agent and DNS get the service; nodes joining or leaving change only which ones hold it",
  },
  { field: "serviceNodePortRange", action: "update", why: "only check reads it" },
  {
    field: "nodePortAddresses",
    action: "update",
    why: "a ClusterIP service publishes nothing; the plan recreates a NodePort service's router",
  },
];
