// The current engine itself (see onEngine): what `docker info` and `docker version` reach.
import { clients } from "./client";
import type { EngineInfo } from "./types";

export async function engineInfo(): Promise<EngineInfo> {
  return clients().system.info();
}

export async function pingEngine(): Promise<void> {
  await clients().system.ping();
}
