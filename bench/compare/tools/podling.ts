// Podling through the real pulumi CLI: bench/programs/podling.
import { PODLING } from "../measurement";
import type { Tool } from "../tool";
import { pulumiProgramTool } from "./pulumi-program";

export const podlingTool = (): Tool => pulumiProgramTool(PODLING, "podling");
