// What a change to a pod asks of Docker, decided before anything is done (the kubelet's
// computePodActions): pure, from the stored state and the checked new inputs, driven by the field table.
import type { PodState } from "../../core/types";
import type { Actions } from "../diff/actions";
import { diffByTable } from "../diff/field-table";
import { POD_INPUTS, POD_RULES, PodStep } from "./diff-table";
import { placementDiff } from "./placement-diff";

/**
 * The table's in-place steps, plus "start" for a pod that refresh found stopped. After them, an update
 * always awaits readiness again (sync-pod.ts).
 */
export type PodUpdateStep = "start" | PodStep;
export type PodActions = Actions<PodUpdateStep>;

export function computePodActions(olds: Record<string, unknown>, news: Record<string, unknown>): PodActions {
  const table = diffByTable(olds, news, POD_INPUTS, POD_RULES);
  const placement = placementDiff(olds as unknown as PodState, news);
  const replaces = [...table.replaces, ...placement.replaces];
  // As the kubelet does under restartPolicy Always: a pod that refresh found stopped (its sandbox, or an
  // app container that a daemon restart started before its sandbox, which Docker never retries) is
  // started again in place, keeping its address.
  const start = replaces.length === 0 && news.restartPolicy === "Always" && String(olds.status).startsWith("Stopped:");
  return {
    changes: table.changes || placement.changes || start,
    replaces,
    inPlace: start ? ["start", ...table.steps] : table.steps,
    changed: start ? ["status", ...table.changed] : table.changed,
  };
}
