// What every tool in the comparison implements. Each operation returns when the tool's command returns.
import type { SystemFootprint } from "./system-footprint";
import type { Workload } from "./workload";

export interface Tool {
  name: string;
  /** undefined when the tool can run here; otherwise why not, recorded in the report. */
  unavailable(): Promise<string | undefined>;
  create(w: Workload): Promise<void>;
  /** Apply again with nothing changed. */
  noop(w: Workload): Promise<void>;
  /** Show what would change; absent when the tool has no such command. */
  preview?(w: Workload): Promise<void>;
  /** Change the env of one pod. */
  updateOne(w: Workload): Promise<void>;
  /** Apply with 10 more pods. */
  scale(w: Workload): Promise<void>;
  destroy(w: Workload): Promise<void>;
  /** Removes what a failed run may have left that Docker's name filter cannot see. */
  cleanup?(w: Workload): Promise<void>;
  /** Bytes of state the tool keeps, after create. */
  stateBytes?(): number;
  /** Which processes to watch for peak memory (a regexp over /proc/PID/cmdline). */
  memoryOf?: RegExp;
  /** The tool's own containers beside the workload's, read after create while nothing changes. */
  footprint?(w: Workload): Promise<SystemFootprint>;
}
