// One repetition of one tool at one N, and the medians the report and its goals are made of.
import type { SystemFootprint } from "./system-footprint";

export interface Measurement {
  tool: string;
  n: number;
  rep: number;
  seconds: Partial<Record<string, number>>;
  stateBytes?: number;
  peakMemoryMiB?: number;
  /** Podling's own containers after create (system-footprint.ts). */
  system?: SystemFootprint;
}

export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function medianOf(
  ms: Measurement[],
  tool: string,
  n: number,
  pick: (m: Measurement) => number | undefined,
): number | undefined {
  return median(
    ms
      .filter((m) => m.tool === tool && m.n === n)
      .map(pick)
      .filter((v): v is number => v !== undefined),
  );
}

export const fmt = (v: number | undefined, digits = 2) => (v === undefined ? "—" : v.toFixed(digits));

/** The tool names the report and the goals single out. */
export const PODLING = "Podling";
export const LOWER_BOUND = "dockerode (lower bound)";
export const COMPOSE = "Docker Compose";
export const FLOOR = "Pulumi floor";
