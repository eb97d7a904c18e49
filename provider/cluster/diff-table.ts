// What changes on a live cluster; anything not listed forces replacement.
import type { FieldRule } from "../diff/field-table";

export const CLUSTER_INPUTS = ["name", "nodes", "managers"] as const;

export const CLUSTER_RULES: FieldRule[] = [
  { field: "nodes", action: "update", why: "nodes join and leave the Swarm in place" },
  { field: "managers", action: "update", why: "applies to nodes that join later; existing roles stay" },
];
