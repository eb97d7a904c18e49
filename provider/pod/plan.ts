// What a change to a pod asks of Docker, decided before anything is done (the kubelet's
// computePodActions): pure, from the stored state and the checked new inputs, driven by the field table.
import type { PodState } from "../../core/types";
import { diffByTable } from "../diff/field-table";
import { POD_INPUTS, POD_RULES, PodStep } from "./diff-table";
import { placementDiff } from "./placement-diff";

export interface PodActions {
  /** Anything to do at all. */
  changes: boolean;
  /** Inputs whose change recreates the pod; the old pod goes first, since its container names are fixed. */
  replaces: string[];
  /** What an update changes in the running containers, in the order it does it. */
  inPlace: PodStep[];
  /** Every changed field, for messages. */
  changed: string[];
}

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

/** The plan as lines, for golden tests and debug logs. */
export function describePodActions(actions: PodActions): string {
  if (!actions.changes) return "no change\n";
  const lines = actions.replaces.length > 0 ? [`replace (delete first): ${actions.replaces.join(", ")}`] : ["update in place:", ...actions.inPlace.map((s) => `  ${s}`), "  await readiness"];
  return [...lines, `changed: ${actions.changed.join(", ") || "(placement)"}`].join("\n") + "\n";
}
