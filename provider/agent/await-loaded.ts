// Waiting for the node agent to put one revision of an entry in force: the agent acknowledges "loaded R
// in S" or "failed R" (acks.ts), and its report says why a load failed.
import { agentPollMs, agentName, agentReport } from "./desired-state";
import { acknowledged } from "./acks";
import type { AgentStatus } from "./contract";
import { waitFor, WaitTimeoutError } from "../ready/wait";

/** A load takes well under a second; a minute only catches a hung agent. */
export const LOAD_TIMEOUT_MS = 60_000;
/** How often the report is read while no acknowledgement says the outcome (an agent older than them). */
const REPORT_EVERY_MS = 250;

/** What one poll of the agent found: an acknowledgement of the load, or else its report, when it was read. */
interface AgentOutcome {
  loaded: boolean;
  report?: AgentStatus;
}

/**
 * Returns once the agent reports `revision` of `key` loaded in `start` (a sandbox's start, or EVERY_POD);
 * throws with the agent's reason once it reports that revision failed, or after LOAD_TIMEOUT_MS.
 */
export async function awaitLoaded(
  network: string,
  key: string,
  revision: string,
  start: string,
  what: string,
): Promise<void> {
  let readReportAt = Date.now() + REPORT_EVERY_MS;
  // Each poll stats the two acknowledgements; the report is read only to learn a failure's reason, or
  // now and then in case no acknowledgement will come.
  const observe = async (): Promise<AgentOutcome> => {
    const [loaded, failed] = await Promise.all([
      acknowledged(network, key, "loaded", revision, start),
      acknowledged(network, key, "failed", revision),
    ]);
    if (loaded || !(failed || Date.now() >= readReportAt)) return { loaded };
    readReportAt = Date.now() + REPORT_EVERY_MS;
    const report = await agentReport(network, key);
    return { loaded: report?.handledStart === start && report.handledRevision === revision, report };
  };
  try {
    await waitFor(
      observe,
      ({ loaded, report }) => [
        loaded
          ? { ok: true }
          : report?.error && report.failedRevision === revision
            ? { ok: false, reason: report.error, hopeless: true }
            : { ok: false, reason: `${agentName(network)} has not loaded them yet` },
      ],
      { what, deadline: Date.now() + LOAD_TIMEOUT_MS, pollMs: agentPollMs },
    );
  } catch (err) {
    if (!(err instanceof WaitTimeoutError)) throw err;
    throw new Error(
      `${err.pending.reason}${err.pending.hopeless ? "" : ` after ${LOAD_TIMEOUT_MS / 1000} s (docker logs ${agentName(network)} says why)`}`,
    );
  }
}
