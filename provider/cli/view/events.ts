// Docker's container events as kubectl's Events table (TYPE, REASON, AGE, FROM, MESSAGE), repeated ones
// folded into one row with "(xN over AGE)". Execs and archive reads are Podling looking (probes, status
// reads), not the pod's life, and are left out. Pure.
import type { EngineEvent } from "../../docker/types";
import { humanDuration } from "./age";

export interface PodEvent {
  type: "Normal" | "Warning";
  reason: string;
  message: string;
  /** Unix milliseconds. */
  at: number;
  /** The container's name in the pod. */
  container: string;
  /** On an exit: its code. */
  exitCode?: number;
}

/** `names` maps container IDs to the names the pod knows them by. */
export function podEvents(events: EngineEvent[], names: Map<string, string>): PodEvent[] {
  return events.flatMap((e) => {
    const name = names.get(e.Actor.ID) ?? e.Actor.ID.slice(0, 12);
    const at = e.timeNano ? Math.floor(e.timeNano / 1e6) : e.time * 1000;
    const attrs = e.Actor.Attributes ?? {};
    const exitCode = e.Action === "die" && attrs.exitCode !== undefined ? { exitCode: Number(attrs.exitCode) } : {};
    const event = (type: PodEvent["type"], reason: string, message: string): PodEvent[] => [
      { type, reason, message, at, container: name, ...exitCode },
    ];
    switch (e.Action) {
      case "create":
        return event("Normal", "Created", `Created container ${name}`);
      case "start":
        return event("Normal", "Started", `Started container ${name}`);
      case "kill":
        return event("Normal", "Killing", `Stopping container ${name} (signal ${attrs.signal ?? "?"})`);
      case "oom":
        return event("Warning", "OOMKilling", `Container ${name} ran out of memory`);
      case "die":
        return attrs.exitCode === "0"
          ? event("Normal", "Completed", `Container ${name} exited with code 0`)
          : event("Warning", "Failed", `Container ${name} exited with code ${attrs.exitCode ?? "?"}`);
      case "restart":
        return event("Normal", "Restarted", `Docker restarted container ${name}`);
      default:
        return LOOKING.some((a) => e.Action.startsWith(a))
          ? []
          : event("Normal", capitalized(e.Action), `${e.Action} ${name}`);
    }
  });
}

const LOOKING = ["exec_", "archive-path", "extract-to-dir"];

export const EVENT_HEADERS = ["Type", "Reason", "Age", "From", "Message"];

/** Oldest first, as kubectl lists them; identical events are one row. */
export function eventRows(events: PodEvent[], now: number): string[][] {
  const folded = new Map<string, { event: PodEvent; first: number; count: number }>();
  for (const e of [...events].sort((a, b) => a.at - b.at)) {
    const key = `${e.type}\u0000${e.reason}\u0000${e.message}`;
    const seen = folded.get(key);
    if (seen) folded.set(key, { event: e, first: seen.first, count: seen.count + 1 });
    else folded.set(key, { event: e, first: e.at, count: 1 });
  }
  return [...folded.values()]
    .sort((a, b) => a.event.at - b.event.at)
    .map(({ event, first, count }) => {
      const age = humanDuration(now - event.at);
      return [
        event.type,
        event.reason,
        count > 1 ? `${age} (x${count} over ${humanDuration(now - first)})` : age,
        "docker",
        event.message,
      ];
    });
}

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
