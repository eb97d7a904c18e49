// The resource kinds, declared once. The SDK names its resources and stubs with them, and the provider
// dispatches on them; a stub stored in an older state still carries "podling:<Type>", so that form is fixed.
export const RESOURCE_TYPES = [
  "PodNetwork",
  "Pod",
  "Service",
  "NetworkPolicy",
  "Namespace",
  "PodFirewall",
  "Cluster",
  "ConfigMap",
  "Secret",
  "Deployment",
] as const;

export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** The Pulumi module of every Podling resource. */
export const MODULE = "podling";

export type ResourceKind = `${typeof MODULE}:${ResourceType}`;

export function kindOf(type: ResourceType): ResourceKind {
  return `${MODULE}:${type}`;
}

/** The full Pulumi type of a Podling resource, as a dynamic resource of the module gets it (and its URN shows). */
export function pulumiTypeOf(type: ResourceType): string {
  return `pulumi-nodejs:dynamic/${MODULE}:${type}`;
}

/** The kinds that make Docker objects (or, for Cluster, use a Swarm): each carries an owner input (core/owner.ts). */
export const OWNING_TYPES: readonly ResourceType[] = [
  "PodNetwork",
  "Pod",
  "Service",
  "PodFirewall",
  "Cluster",
  "Deployment",
];
