// What the podling CLI streams for a person at a terminal (the seam's SessionClient): not logged, since
// these calls are the user's own command and their output is the point.
import type { Writable } from "stream";
import { clients } from "./client";
import type { AttachedIO, EngineEvent, LogOptions, Session } from "./types";

export function streamLogs(id: string, options: LogOptions, stdout: Writable, stderr: Writable): Promise<Session> {
  return clients().session.logs(id, options, stdout, stderr);
}

export function execAttached(id: string, cmd: string[], io: AttachedIO): Promise<number> {
  return clients().session.execAttached(id, cmd, io);
}

export function containerEvents(ids: string[], since: number, until: number): Promise<EngineEvent[]> {
  return clients().session.events(ids, since, until);
}
