// A clock for waits in unit tests: time moves only when the code under test sleeps.
import type { Clock } from "../../provider/ready/clock";

export function fakeClock(start = 1_000_000): Clock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}
