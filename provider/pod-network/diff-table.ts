// What changes on a live pod network; anything not listed forces replacement, because Docker fixes it
// when the network is created.
import type { FieldRule } from "../diff/field-table";

export const POD_NETWORK_INPUTS = [
  "name",
  "cidr",
  "internal",
  "labels",
  "cluster",
  "encrypted",
  "serviceNodePortRange",
  "nodePortAddresses",
] as const;

/** The one in-place step a live network has: its nodes' blocks of the CIDR are assigned again. */
export type PodNetworkStep = "blocks";

export const POD_NETWORK_RULES: FieldRule<PodNetworkStep>[] = [
  { field: "labels", action: "update", why: "network labels live in the Pulumi state" },
  {
    field: "cluster.nodes",
    action: "update",
    step: "blocks",
    why: "an added node gets a free block of the CIDR, a removed one frees its block",
  },
  { field: "cluster.managers", action: "update", why: "Swarm roles do not change the overlay network" },
  { field: "encrypted", action: "replace", why: "Docker sets an overlay's encryption when it creates the network" },
  { field: "serviceNodePortRange", action: "update", why: "only the services' checks read it; Docker never sees it" },
  {
    field: "nodePortAddresses",
    action: "update",
    why: "the services publish on them; each NodePort service recreates its router when they change",
  },
];
