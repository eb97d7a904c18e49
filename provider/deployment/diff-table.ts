// What a change to a Deployment does: everything rolls out or scales in place, as in Kubernetes, except
// what names the pods' place (network, namespace, name) and the selector, which apps/v1 makes immutable.
import type { FieldRule } from "../diff/field-table";

export const DEPLOYMENT_INPUTS = [
  "network",
  "namespace",
  "name",
  "replicas",
  "selector",
  "template",
  "strategy",
  "minReadySeconds",
  "progressDeadlineSeconds",
  "clusterLayout",
] as const;

/** The in-place steps: a template change rolls out new pods; anything else only converges the count. */
export type DeploymentStep = "rollout" | "scale";

export const DEPLOYMENT_RULES: FieldRule<DeploymentStep>[] = [
  {
    field: "template",
    action: "update",
    step: "rollout",
    why: "new pods of the new template replace the old ones, by the strategy",
  },
  {
    field: "replicas",
    action: "update",
    step: "scale",
    why: "pods are added or removed; those that stay are left alone",
  },
  { field: "strategy", action: "update", why: "only decides how the next rollout goes" },
  { field: "minReadySeconds", action: "update", why: "only decides when a new pod counts as available" },
  { field: "progressDeadlineSeconds", action: "update", why: "only decides how long a rollout may stall" },
  {
    field: "clusterLayout",
    action: "update",
    why: "a pod keeps its node; the layout only says how the nodes' engines are reached and where new pods may go",
  },
];
