// Diff by an explicit table of which fields update in place; everything else forces replacement.
// Pure: compares the stored spec (old outputs) with the checked new inputs, field by field.
import { UNKNOWN } from "../check/failures";

export type Action = "update" | "replace";

/** "containers[*].resources" matches that field of any container and everything below it. */
export interface FieldRule<Step extends string = string> {
  field: string;
  action: Action;
  /** With "update": the in-place step that carries the change out; absent when only the state changes. */
  step?: Step;
  why: string;
}

export interface DiffResult<Step extends string = string> {
  changes: boolean;
  /** Top-level inputs whose change forces replacement, as the engine wants them. */
  replaces: string[];
  /** Every changed leaf path, for messages and tests. */
  changed: string[];
  /** The in-place steps the changed fields call for, in the table's order. */
  steps: Step[];
}

export function changedPaths(olds: unknown, news: unknown, path = ""): string[] {
  if (Object.is(olds, news)) return [];
  const bothArrays = Array.isArray(olds) && Array.isArray(news);
  const bothObjects = isPlainObject(olds) && isPlainObject(news);
  if (bothArrays) {
    if (olds.length !== news.length) return [path];
    return olds.flatMap((o, i) => changedPaths(o, news[i], `${path}[${i}]`));
  }
  if (bothObjects) {
    const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
    return [...keys].sort().flatMap((k) => changedPaths(olds[k], news[k], path ? `${path}.${k}` : k));
  }
  return [path];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function matches(rule: string, path: string): boolean {
  const pattern = rule.replace(/[.]/g, "\\.").replace(/\[\*\]/g, "\\[\\d+\\]");
  return new RegExp(`^${pattern}(\\.|\\[|$)`).test(path);
}

function ruleFor<Step extends string>(rules: readonly FieldRule<Step>[], path: string): FieldRule<Step> | undefined {
  return rules.find((r) => matches(r.field, path));
}

export function actionFor(rules: readonly FieldRule[], path: string): Action {
  return ruleFor(rules, path)?.action ?? "replace";
}

export function diffByTable<Step extends string>(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  inputKeys: readonly string[],
  rules: readonly FieldRule<Step>[],
): DiffResult<Step> {
  const changed = inputKeys.flatMap((key) => changedPaths(olds[key], news[key], key));
  const replaces = new Set(changed.filter((p) => actionFor(rules, p) === "replace").map((p) => p.split(/[.[]/)[0]));
  const planned = new Set(
    changed.map((p) => ruleFor(rules, p)).flatMap((r) => (r?.action === "update" && r.step ? [r.step] : [])),
  );
  const steps = rules
    .flatMap((r) => (r.step && planned.has(r.step) ? [r.step] : []))
    .filter((s, i, all) => all.indexOf(s) === i);
  return { changes: changed.length > 0, replaces: [...replaces], changed, steps };
}

/**
 * News with `keys` taken from olds where the new value is not known yet (preview). For fields that only
 * say where an object lives, which a preview cannot know when they come from a resource that has not
 * recorded them: the real value arrives at `up`, and a change then shows.
 */
export function keepOldWhereUnknown(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  keys: readonly string[],
): Record<string, unknown> {
  const out = { ...news };
  for (const key of keys) if (out[key] === UNKNOWN) out[key] = olds[key];
  return out;
}
