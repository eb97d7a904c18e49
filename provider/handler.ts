// The shape every resource kind implements; the dynamic-provider stub in sdk/ forwards each call here.
import type * as dynamic from "@pulumi/pulumi/dynamic";

export interface ResourceHandlers {
  check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.CheckResult>;
  diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.DiffResult>;
  create(inputs: Record<string, unknown>): Promise<dynamic.CreateResult>;
  read(id: string, props: Record<string, unknown>): Promise<dynamic.ReadResult>;
  update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.UpdateResult>;
  delete(id: string, props: Record<string, unknown>): Promise<void>;
}

/** The engine keeps the serialized provider in this property; it is not part of any spec. */
export const PROVIDER_KEY = "__provider";

/** The declared inputs out of a stored state or a checked input bag. */
export function pick<K extends string>(bag: Record<string, unknown>, keys: readonly K[]): Record<K, unknown> {
  const out = {} as Record<K, unknown>;
  for (const k of keys) if (bag[k] !== undefined) out[k] = bag[k];
  return out;
}
