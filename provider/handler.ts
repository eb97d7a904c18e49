// The shape every resource kind implements; the dynamic-provider stub in sdk/ forwards each call here.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { diffByTable, FieldRule } from "./diff/field-table";

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

/**
 * Handlers of a kind that holds declarations only (NetworkPolicy, Namespace): Docker sees them through
 * what the SDK computes from them. check validates; everything else keeps the state.
 */
export function declarationHandlers(check: ResourceHandlers["check"], inputs: readonly string[], rules: FieldRule[], idOf: (spec: Record<string, unknown>) => string): ResourceHandlers {
  return {
    check,
    async diff(_id, olds, news) {
      const result = diffByTable(olds, news, inputs, rules);
      return { changes: result.changes, replaces: result.replaces };
    },
    async create(news) {
      const spec = pick(news, inputs);
      return { id: idOf(spec), outs: spec };
    },
    async read(id, props) {
      return { id, props };
    },
    async update(_id, _olds, news) {
      return { outs: pick(news, inputs) };
    },
    async delete() {},
  };
}
