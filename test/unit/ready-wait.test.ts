import { firstPending, Verdict } from "../../provider/ready/condition";
import { waitFor, WaitTimeoutError } from "../../provider/ready/wait";
import { withTimeout } from "../../provider/ready/timeout";
import { agentPollMs } from "../../provider/agent/desired-state";
import { fakeClock } from "../support/fake-clock";

/** An observation per poll, in turn; the last one repeats. */
function script<T>(...steps: T[]): () => Promise<T> {
  let i = 0;
  return async () => steps[Math.min(i++, steps.length - 1)];
}

const pending = (reason: string, hopeless = false): Verdict => ({
  ok: false,
  reason,
  ...(hopeless ? { hopeless } : {}),
});
const ok: Verdict = { ok: true };
const asIs = (verdicts: Verdict[]) => verdicts;

describe("firstPending", () => {
  it("names the first pending condition, in the order given", () => {
    expect(firstPending([ok, pending("container b: not ready"), pending("container c: not ready")])).toEqual(
      pending("container b: not ready"),
    );
  });
  it("names a hopeless condition before earlier pending ones, since that is what ends the wait", () => {
    expect(
      firstPending([pending("container a: not ready"), pending("container b: exited with code 1", true)])?.reason,
    ).toBe("container b: exited with code 1");
  });
  it("is undefined when every condition is met", () => {
    expect(firstPending([ok, ok])).toBeUndefined();
  });
});

describe("waitFor", () => {
  it("returns the first observation that meets every condition, without sleeping further", async () => {
    const clock = fakeClock();
    const observe = jest.fn(script([pending("a")], [ok, pending("b")], [ok, ok], [pending("never seen")]));
    await expect(
      waitFor(observe, asIs, { what: "pod default/web", deadline: clock.now() + 10_000, pollMs: 250, clock }),
    ).resolves.toEqual([ok, ok]);
    expect(observe).toHaveBeenCalledTimes(3);
    expect(clock.sleeps).toEqual([250, 250]);
  });

  it("returns at once when the conditions are met on the first look", async () => {
    const clock = fakeClock();
    await waitFor(script([ok]), asIs, { what: "x", deadline: clock.now(), pollMs: 250, clock });
    expect(clock.sleeps).toEqual([]);
  });

  it("on timeout, throws the first condition still pending and how long it waited", async () => {
    const clock = fakeClock();
    const last = [
      ok,
      pending("container app: readiness probe failed: exec probe exited with code 1"),
      pending("container side: not ready"),
    ];
    const error = await waitFor(script(last), asIs, {
      what: "pod default/gate",
      deadline: clock.now() + 5_000,
      pollMs: 250,
      clock,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    const timeout = error as WaitTimeoutError<Verdict[]>;
    expect(timeout.message).toBe(
      "pod default/gate is not ready after 5s: container app: readiness probe failed: exec probe exited with code 1",
    );
    expect(timeout.pending.reason).toBe("container app: readiness probe failed: exec probe exited with code 1");
    expect(timeout.waitedMs).toBe(5_000);
    expect(timeout.observed).toBe(last);
  });

  it("never gives up before the deadline, and overruns it by less than one poll", async () => {
    const clock = fakeClock();
    const error = (await waitFor(script([pending("a")]), asIs, {
      what: "x",
      deadline: clock.now() + 1_100,
      pollMs: 250,
      clock,
    }).catch((e: unknown) => e)) as WaitTimeoutError;
    expect(clock.sleeps).toEqual([250, 250, 250, 250, 250]);
    expect(error.waitedMs).toBe(1_250);
    expect(error.message).toBe("x is not ready after 1.3s: a");
  });

  it("names the condition pending at the end, not the one pending at the start", async () => {
    const clock = fakeClock();
    const error = (await waitFor(script([pending("first")], [ok, pending("second")]), asIs, {
      what: "x",
      deadline: clock.now() + 600,
      pollMs: 250,
      clock,
    }).catch((e: unknown) => e)) as WaitTimeoutError;
    expect(error.pending.reason).toBe("second");
  });

  it("ends at once on a hopeless condition, however far the deadline is", async () => {
    const clock = fakeClock();
    const observe = jest.fn(
      script([pending("container a: not ready"), pending("container b: exited with code 1", true)]),
    );
    const error = (await waitFor(observe, asIs, {
      what: "pod default/once",
      deadline: clock.now() + 60_000,
      pollMs: 250,
      clock,
    }).catch((e: unknown) => e)) as WaitTimeoutError;
    expect(observe).toHaveBeenCalledTimes(1);
    expect(clock.sleeps).toEqual([]);
    expect(error.pending).toEqual({ ok: false, reason: "container b: exited with code 1", hopeless: true });
    expect(error.message).toBe("pod default/once is not ready after 0s: container b: exited with code 1");
  });

  it("sleeps as a poll schedule says, by how long the wait has lasted", async () => {
    const clock = fakeClock();
    const observe = script([pending("a")], [pending("a")], [pending("a")], [pending("a")], [ok]);
    await waitFor(observe, asIs, { what: "x", deadline: clock.now() + 10_000, pollMs: agentPollMs, clock });
    // 2 ms while the agent's answer is due any moment; then less often, so that many waits do not load
    // the engine the agent needs.
    expect(clock.sleeps).toEqual([2, 2, 2, 2]);
    const slow = fakeClock();
    await waitFor(script(...Array.from({ length: 200 }, () => [pending("a")]), [ok]), asIs, {
      what: "x",
      deadline: slow.now() + 60_000,
      pollMs: agentPollMs,
      clock: slow,
    });
    expect(new Set(slow.sleeps)).toEqual(new Set([2, 20, 200]));
    expect(slow.sleeps).toEqual([...slow.sleeps].sort((a, b) => a - b));
  });

  it("passes errors of the observation through", async () => {
    const clock = fakeClock();
    const observe = () => Promise.reject(new Error("engine gone"));
    await expect(
      waitFor(observe, asIs, { what: "x", deadline: clock.now() + 1_000, pollMs: 250, clock }),
    ).rejects.toThrow("engine gone");
  });
});

describe("withTimeout", () => {
  it("passes the result of a call that answers in time", async () => {
    await expect(withTimeout(Promise.resolve(42), 1_000, () => new Error("late"))).resolves.toBe(42);
  });
  it("rejects with the caller's error when the call does not answer", async () => {
    await expect(
      withTimeout(new Promise(() => undefined), 5, () => new Error("no answer within 5 ms")),
    ).rejects.toThrow("no answer within 5 ms");
  });
});
