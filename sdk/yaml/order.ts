// The order pulumi-kubernetes' yaml/v2 registers objects in: Namespaces first, then what pods consume
// (ConfigMaps, Secrets), then the rest, each tier depending on every earlier one. Pure.
import type { Kind } from "./fields";

const TIER: Record<Kind, number> = {
  Namespace: 0,
  ConfigMap: 1,
  Secret: 1,
  Pod: 2,
  Deployment: 2,
  Service: 2,
  NetworkPolicy: 2,
};

/** Stable: within a tier, objects keep the order they were written in. */
export function inRegistrationOrder<T extends { kind: Kind }>(items: T[]): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => TIER[a.item.kind] - TIER[b.item.kind] || a.i - b.i)
    .map((x) => x.item);
}

/** Whether `later` must wait for `earlier`: it is in a later tier. */
export const dependsOnTier = (later: Kind, earlier: Kind): boolean => TIER[later] > TIER[earlier];
