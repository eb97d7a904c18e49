// What changes on a live cluster; anything not listed forces replacement.
import type { FieldRule } from "../diff/field-table";

export const CLUSTER_INPUTS = ["name", "nodes", "managers", "owner"] as const;

export const CLUSTER_RULES: FieldRule[] = [
  { field: "nodes", action: "update", why: "nodes join and leave the Swarm in place" },
  { field: "managers", action: "update", why: "applies to nodes that join later; existing roles stay" },
  // Unlike the labels of containers and networks, a Swarm's labels change in place: a state written before
  // owners existed gets its owner recorded among the Swarm's users by one update.
  {
    field: "owner",
    action: "update",
    why: "the Swarm's labels record which stacks use it; an update records this one",
  },
];
