// The agent's acknowledgements: empty files whose names alone say what a firewall's status says (loaded
// revision R in sandbox start S, or failed to load R), so that the provider waiting on an update stats
// one (about a millisecond) instead of reading the status (Docker makes a tar of it by re-executing
// dockerd: about 45 ms). tools/agent/schema/acks.json holds the naming, shared with tools/agent/acks.go.
import { createHash } from "crypto";
import { pathExists } from "../docker/containers";
import { agentName, STATE_DIR } from "./desired-state";

/** The name of one outcome of an entry: the first 16 hex digits of the SHA-256 of `key` and the fields, one a line. */
export function ackName(key: string, ...fields: string[]): string {
  return createHash("sha256")
    .update([key, ...fields].join("\n"))
    .digest("hex")
    .slice(0, 16);
}

/** Whether the network's agent has acknowledged this outcome of `key`. */
export function acknowledged(network: string, key: string, ...fields: string[]): Promise<boolean> {
  return pathExists(agentName(network), `${STATE_DIR}/status/acks/${key}/${ackName(key, ...fields)}`);
}
