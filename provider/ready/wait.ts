// The one wait of the provider: observe, judge the conditions, and poll until all are met, one is
// hopeless, or a look at or after the deadline still finds one pending: a wait never gives up early, and
// overruns its deadline by less than one poll (an init container that ends right at it still counts).
import { Clock, systemClock } from "./clock";
import { firstPending, Pending, Verdict } from "./condition";

export interface WaitOptions {
  /** What is awaited, as the error names it: `pod default/web`. */
  what: string;
  /** When to give up, in the clock's milliseconds. */
  deadline: number;
  /** How long to sleep between looks: fixed, or by how long the wait has lasted so far. */
  pollMs: number | ((waitedMs: number) => number);
  clock?: Clock;
}

/** The wait ended with a condition pending; `observed` is what the last poll saw. */
export class WaitTimeoutError<T = unknown> extends Error {
  constructor(
    readonly what: string,
    readonly pending: Pending,
    readonly waitedMs: number,
    readonly observed: T,
  ) {
    super(`${what} is not ready after ${seconds(waitedMs)}: ${pending.reason}`);
  }
}

/** Resolves with the first observation that meets every condition; otherwise throws WaitTimeoutError. */
export async function waitFor<T>(
  observe: () => Promise<T>,
  judge: (observed: T) => Verdict[],
  options: WaitOptions,
): Promise<T> {
  const { what, deadline, pollMs, clock = systemClock } = options;
  const started = clock.now();
  for (;;) {
    const observed = await observe();
    const pending = firstPending(judge(observed));
    if (!pending) return observed;
    const now = clock.now();
    if (pending.hopeless || now >= deadline) throw new WaitTimeoutError(what, pending, now - started, observed);
    await clock.sleep(typeof pollMs === "number" ? pollMs : pollMs(now - started));
  }
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))}s`;
}
