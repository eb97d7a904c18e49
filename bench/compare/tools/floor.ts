// Pulumi's own floor: bench/programs/floor, the same program shape with resources that do nothing.
import { FLOOR } from "../measurement";
import type { Tool } from "../tool";
import { pulumiProgramTool } from "./pulumi-program";

export const floorTool = (): Tool => pulumiProgramTool(FLOOR, "floor");
