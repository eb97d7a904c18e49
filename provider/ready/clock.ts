// Time as waits see it. Injectable, so that tests drive a wait with a fake clock instead of real time.
export interface Clock {
  /** Milliseconds since the epoch, as Date.now(). */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
