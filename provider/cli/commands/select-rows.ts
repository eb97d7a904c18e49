// `-l`: the rows whose labels the selector matches, with core/selector.ts's matcher. Pure.
import { matchesSelector } from "../../../core/selector";
import type { LabelSelector } from "../../../core/types";
import type { ListingRow } from "./get-listings";

/** Rows whose labels the engine does not know cannot be matched: they are left out, and counted. */
export function selectRows(rows: ListingRow[], selector: LabelSelector): { rows: ListingRow[]; unlabelled: number } {
  return {
    rows: rows.filter((r) => r.labels !== undefined && matchesSelector(selector, r.labels)),
    unlabelled: rows.filter((r) => r.labels === undefined).length,
  };
}
