// The shape every resource kind implements; the dynamic-provider stub in sdk/ forwards each call here.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { diffByTable, FieldRule } from "./diff/field-table";
import { isUnknown } from "./check/failures";
import { ownerProblem } from "../core/owner";

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
 * The input the SDK computes for every resource that makes Docker objects: who owns them (core/owner.ts).
 * It is in no kind's diffed inputs, and an update keeps the stored one: Docker labels cannot change on a
 * live object, so the state keeps the owner its objects were created with. A state written before owners
 * existed has none, and keeps none until its objects are created again (a replace). Cluster is the
 * exception: a Swarm's labels change in place, so its diff table lists the owner (cluster/diff-table.ts).
 */
export const OWNER_KEY = "owner";

/** pick, plus the owner: what a create needs. */
export function pickOwned<K extends string>(
  bag: Record<string, unknown>,
  keys: readonly K[],
): Record<K | typeof OWNER_KEY, unknown> {
  return pick(bag, [...keys, OWNER_KEY]);
}

/**
 * A kind's check, plus the owner: every resource that makes Docker objects must carry one, and the
 * checked inputs keep it, since each kind's own check keeps only the fields it knows.
 */
export function checkOwned(check: ResourceHandlers["check"]): ResourceHandlers["check"] {
  return async (olds, news) => {
    const result = await check(olds, news);
    const owner = news[OWNER_KEY];
    if (isUnknown(owner)) return result;
    const problem = ownerProblem(owner);
    const failures = [...(result.failures ?? []), ...(problem ? [{ property: OWNER_KEY, reason: problem }] : [])];
    return { inputs: { ...result.inputs, [OWNER_KEY]: owner }, failures };
  };
}

/**
 * Handlers of a kind that holds declarations only (NetworkPolicy, Namespace): Docker sees them through
 * what the SDK computes from them. check validates; everything else keeps the state.
 */
export function declarationHandlers(
  check: ResourceHandlers["check"],
  inputs: readonly string[],
  rules: FieldRule[],
  idOf: (spec: Record<string, unknown>) => string,
): ResourceHandlers {
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
