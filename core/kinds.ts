// The resource kinds, declared once. The SDK names its resources and stubs with them, and the provider
// dispatches on them; a stub stored in an older state still carries "podling:<Type>", so that form is fixed.
export const RESOURCE_TYPES = ["PodNetwork", "Pod", "Service", "NetworkPolicy", "Namespace", "PodFirewall", "Cluster"] as const;

export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** The Pulumi module of every Podling resource. */
export const MODULE = "podling";

export type ResourceKind = `${typeof MODULE}:${ResourceType}`;

export function kindOf(type: ResourceType): ResourceKind {
  return `${MODULE}:${type}`;
}
