// What a change to a pod asks of Docker, decided before anything is done (the kubelet's
// computePodActions): pure, from the stored state and the checked new inputs, driven by the field table.
import type { PodState } from "../../core/types";
import type { Actions } from "../diff/actions";
import { diffByTable } from "../diff/field-table";
import { POD_INPUTS, POD_RULES, PodStep } from "./diff-table";
import { placementDiff } from "./placement-diff";

/** After the in-place steps, an update always awaits readiness again (sync-pod.ts). */
export type PodActions = Actions<PodStep>;

export function computePodActions(olds: Record<string, unknown>, news: Record<string, unknown>): PodActions {
  const table = diffByTable(olds, news, POD_INPUTS, POD_RULES);
  const placement = placementDiff(olds as unknown as PodState, news);
  return {
    changes: table.changes || placement.changes,
    replaces: [...table.replaces, ...placement.replaces],
    inPlace: table.steps,
    changed: table.changed,
  };
}
