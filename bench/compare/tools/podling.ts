// Podling through the real pulumi CLI: bench/programs/podling.
import { PODLING } from "../measurement";
import { systemFootprint } from "../system-footprint";
import type { Tool } from "../tool";
import { pulumiProgramTool } from "./pulumi-program";

/** How long the agent's idle CPU is measured, after create's readiness has settled. */
const IDLE_MS = 10_000;

export const podlingTool = (): Tool => ({
  ...pulumiProgramTool(PODLING, "podling"),
  footprint: (w) => systemFootprint(w.network, IDLE_MS),
});
