// A policy is enforced through the pods' firewalls, so every field but its identity changes in place.
import type { FieldRule } from "../diff/field-table";

export const NETWORK_POLICY_INPUTS = [
  "network",
  "namespace",
  "name",
  "podSelector",
  "policyTypes",
  "ingress",
  "egress",
  "enforcement",
  "namespaceLabels",
] as const;

export const NETWORK_POLICY_RULES: FieldRule[] = [
  { field: "podSelector", action: "update", why: "a policy is enforced through the pods' firewalls" },
  { field: "policyTypes", action: "update", why: "a policy is enforced through the pods' firewalls" },
  { field: "ingress", action: "update", why: "a policy is enforced through the pods' firewalls" },
  { field: "egress", action: "update", why: "a policy is enforced through the pods' firewalls" },
  { field: "enforcement", action: "update", why: "who renders the firewalls: the node agent, or the SDK" },
  { field: "namespaceLabels", action: "update", why: "the node agent reads namespaceSelectors against them" },
];
