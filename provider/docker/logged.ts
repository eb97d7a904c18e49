import { appendFileSync } from "fs";
import { log } from "../log";
import { messageOf } from "./errors";

/** Set PODLING_TRACE to a file to get one JSON line per Docker call with its duration (the benchmarks' profile). */
const traceFile = process.env.PODLING_TRACE;

/** Runs one Docker call, logged the same way everywhere: "Creating x...", then "Created x" or the failure. */
export async function logged<T>(
  verb: { doing: string; done: string },
  what: string,
  call: () => Promise<T>,
): Promise<T> {
  log.debug(`${verb.doing} ${what}...`);
  const started = Date.now();
  try {
    const result = await call();
    log.debug(`${verb.done} ${what}`);
    if (traceFile)
      appendFileSync(traceFile, JSON.stringify({ call: verb.done, what, started, ms: Date.now() - started }) + "\n");
    return result;
  } catch (err) {
    log.debug(`Failed ${verb.doing.toLowerCase()} ${what}: ${messageOf(err)}`);
    throw err;
  }
}

export const VERB = {
  create: { doing: "Creating", done: "Created" },
  start: { doing: "Starting", done: "Started" },
  stop: { doing: "Stopping", done: "Stopped" },
  remove: { doing: "Removing", done: "Removed" },
  update: { doing: "Updating", done: "Updated" },
  pull: { doing: "Pulling", done: "Pulled" },
  exec: { doing: "Executing in", done: "Executed in" },
  copy: { doing: "Copying", done: "Copied" },
  init: { doing: "Initializing", done: "Initialized" },
  join: { doing: "Joining", done: "Joined" },
  leave: { doing: "Leaving", done: "Left" },
} as const;
