// The rollout plan: Kubernetes' fenceposts and rounding, and every strategy case, including a whole
// rollout driven step by step through a simulated world that checks the surge and availability bounds.
import {
  computeRolloutStep,
  fenceposts,
  ObservedPod,
  RolloutInput,
  RolloutStep,
} from "../../provider/deployment/rollout";
import type { DeploymentStrategy } from "../../core/types";

const rolling = (maxSurge: number | string, maxUnavailable: number | string): DeploymentStrategy => ({
  type: "RollingUpdate",
  rollingUpdate: { maxSurge, maxUnavailable },
});
const ready = (name: string, hash: string, readySince = 0): ObservedPod => ({ name, hash, ready: true, readySince });
const pending = (name: string, hash: string): ObservedPod => ({ name, hash, ready: false });
const step = (over: Partial<RolloutInput>): RolloutStep =>
  computeRolloutStep({
    replicas: 3,
    strategy: rolling(1, 0),
    minReadySeconds: 0,
    hash: "new",
    pods: [],
    now: 1_000_000,
    ...over,
  });
const olds = (n: number) => Array.from({ length: n }, (_, i) => ready(`o${i}`, "old"));

describe("fenceposts", () => {
  it.each([
    // replicas, maxSurge, maxUnavailable, surge, unavailable: percentages round up for surge, down for unavailable
    [3, "25%", "25%", 1, 0],
    [4, "25%", "25%", 1, 1],
    [10, "25%", "25%", 3, 2],
    [1, "25%", "25%", 1, 0],
    [10, "0%", "10%", 0, 1],
    [5, 2, 0, 2, 0],
  ])("replicas %p, maxSurge %p, maxUnavailable %p: surge %p, unavailable %p", (replicas, s, u, surge, unavailable) => {
    expect(fenceposts(rolling(s, u), replicas)).toEqual({ surge, unavailable });
  });

  it("defaults to 25%/25% when rollingUpdate is absent", () => {
    expect(fenceposts({ type: "RollingUpdate" }, 10)).toEqual({ surge: 3, unavailable: 2 });
  });

  it("makes maxUnavailable 1 when both resolve to zero, as ResolveFenceposts does", () => {
    expect(fenceposts(rolling("0%", "10%"), 3)).toEqual({ surge: 0, unavailable: 1 });
  });
});

describe("computeRolloutStep", () => {
  it("creates every replica of a new Deployment", () => {
    expect(step({ pods: [] })).toEqual({ create: 3, delete: [], done: false, waitingFor: [] });
  });

  it("is done when replicas pods of the current template are all available", () => {
    expect(step({ hash: "old", pods: olds(3) })).toEqual({ create: 0, delete: [], done: true, waitingFor: [] });
  });

  it("waits for pods of the current template that are not ready", () => {
    const s = step({ pods: [ready("a", "new"), pending("b", "new"), ready("c", "new")] });
    expect(s).toEqual({ create: 0, delete: [], done: false, waitingFor: ["b"] });
  });

  it("honours minReadySeconds: a pod ready for less is not available yet", () => {
    const now = 1_000_000;
    const pods = [ready("a", "new", now - 4_000), ready("b", "new", now - 6_000), ready("c", "new", now - 6_000)];
    expect(step({ pods, now, minReadySeconds: 5 }).waitingFor).toEqual(["a"]);
    expect(step({ pods, now: now + 1_000, minReadySeconds: 5 }).done).toBe(true);
  });

  it("scales up by creating only the missing pods, leaving the others alone", () => {
    expect(step({ replicas: 5, hash: "old", pods: olds(3) })).toEqual({
      create: 2,
      delete: [],
      done: false,
      waitingFor: [],
    });
  });

  it("scales down by deleting not-ready pods first, then the most recently ready", () => {
    const pods = [
      ready("a", "h", 100),
      ready("b", "h", 300),
      pending("c", "h"),
      ready("d", "h", 200),
      ready("e", "h", 50),
    ];
    expect(step({ replicas: 2, hash: "h", pods }).delete).toEqual(["c", "b", "d"]);
  });

  it("surges first with maxUnavailable 0: one new pod, no old pod deleted", () => {
    expect(step({ pods: olds(3) })).toEqual({ create: 1, delete: [], done: false, waitingFor: [] });
  });

  it("deletes an old pod only once a new one is available", () => {
    expect(step({ pods: [...olds(3), pending("n0", "new")] })).toEqual({
      create: 0,
      delete: [],
      done: false,
      waitingFor: ["n0"],
    });
    expect(step({ pods: [...olds(3), ready("n0", "new")] })).toEqual({
      create: 0,
      delete: ["o0"],
      done: false,
      waitingFor: [],
    });
  });

  it("with maxSurge 0 deletes first, down to replicas - maxUnavailable", () => {
    expect(step({ strategy: rolling(0, 1), pods: olds(3) })).toEqual({
      create: 0,
      delete: ["o0"],
      done: false,
      waitingFor: [],
    });
  });

  it("deletes unavailable old pods first, within the availability budget", () => {
    const pods = [ready("o0", "old"), pending("o1", "old"), ready("o2", "old")];
    expect(step({ strategy: rolling(1, 1), pods }).delete).toEqual(["o1"]);
  });

  it("stays put while new pods never become ready: the old pods keep serving", () => {
    const pods = [...olds(3), pending("n0", "new")];
    const s = step({ pods });
    expect(s.create).toBe(0);
    expect(s.delete).toEqual([]);
    expect(s.done).toBe(false);
  });

  it("Recreate deletes every old pod before creating any new one", () => {
    expect(step({ strategy: { type: "Recreate" }, pods: olds(3) })).toEqual({
      create: 0,
      delete: ["o0", "o1", "o2"],
      done: false,
      waitingFor: [],
    });
    expect(step({ strategy: { type: "Recreate" }, pods: [] }).create).toBe(3);
  });

  it("drops surplus pods of the current template during a rollout", () => {
    const pods = [ready("o0", "old"), ready("n0", "new", 1), ready("n1", "new", 2), ready("n2", "new", 3)];
    expect(step({ replicas: 2, strategy: rolling(1, 0), pods }).delete).toEqual(["o0", "n2"]);
  });
});

/** Drives a rollout to the end; new pods become ready one step after they are created. */
function simulate(replicas: number, strategy: DeploymentStrategy, minAvailable: number, maxTotal: number) {
  let pods: ObservedPod[] = olds(replicas);
  let made = 0;
  for (let i = 0; i < 100; i++) {
    const s = computeRolloutStep({ replicas, strategy, minReadySeconds: 0, hash: "new", pods, now: 1 });
    if (s.done) return { steps: i, pods };
    pods = pods.filter((p) => !s.delete.includes(p.name)).map((p) => ({ ...p, ready: true, readySince: 0 }));
    expect(pods.filter((p) => p.ready).length).toBeGreaterThanOrEqual(minAvailable);
    pods.push(...Array.from({ length: s.create }, () => pending(`n${made++}`, "new")));
    expect(pods.length).toBeLessThanOrEqual(maxTotal);
  }
  throw new Error("the rollout did not finish in 100 steps");
}

describe("a whole rollout", () => {
  it.each([
    [3, rolling(1, 0), 3, 4],
    [3, rolling("25%", "25%"), 3, 4],
    [10, rolling("25%", "25%"), 8, 13],
    [5, rolling(0, 2), 3, 5],
    [4, rolling(2, 1), 3, 6],
  ])("replicas %p with %j stays within its bounds and ends with new pods only", (replicas, strategy, min, max) => {
    const { pods } = simulate(replicas, strategy, min, max);
    expect(pods).toHaveLength(replicas);
    expect(pods.every((p) => p.hash === "new" && p.ready)).toBe(true);
  });
});
