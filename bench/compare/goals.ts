// The performance goals, each marked met, missed or not measured from one run's medians. Pure: the
// report prints these lines as they are.
import { COMPOSE, FLOOR, fmt, LOWER_BOUND, Measurement, medianOf, PODLING } from "./measurement";

/** Podling over the dockerode lower bound at the largest N, for create and destroy. */
const LOWER_BOUND_RATIO = 1.2;
/** Destroy per pod at the largest N over the smallest: 1 ± this. */
const DESTROY_SPREAD = 0.2;
/** Create per pod at the largest N over the smallest: 1 ± this. */
const CREATE_SPREAD = 0.25;
/** Seconds a no-op `up` or a `preview` may take beyond Pulumi's floor at the same N. */
const OVER_FLOOR_SECONDS = 1.5;
const STATE_KB_PER_POD = 8;
const PEAK_MEMORY_MIB = 200;
const AGENT_MEMORY_MIB = 30;
const AGENT_IDLE_CPU_PERCENT = 1;

const OPERATION_WORDS: Record<string, string> = {
  create: "create",
  destroy: "destroy",
  scale: "scale +10",
  updateOne: "update one pod",
  noop: "no-op up",
  preview: "preview",
};

export function goals(ms: Measurement[], sizes: number[]): string[] {
  const big = Math.max(...sizes);
  const small = Math.min(...sizes);
  const at = (tool: string, n: number, op: string) => medianOf(ms, tool, n, (m) => m.seconds[op]);
  const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? a / b : undefined);
  const out = ["## Goals (from this run)", ""];
  const line = (what: string, shown: string | undefined, goal: string, met: boolean | undefined) =>
    out.push(
      `- ${what}: ${shown ?? "not measured"} (goal: ${goal}) — ${met === undefined ? "unknown" : met ? "met" : "**missed**"}`,
    );
  /** One value per N; met when every N was measured and passes. */
  const everyN = (
    value: (n: number) => number | undefined,
    show: (v: number) => string,
    ok: (v: number) => boolean,
  ) => {
    const values = sizes.map(value);
    const shown = values.some((v) => v !== undefined)
      ? sizes.map((n, i) => `N=${n} ${values[i] === undefined ? "—" : show(values[i]!)}`).join(", ")
      : undefined;
    const met = values.every((v) => v !== undefined) ? values.every((v) => ok(v!)) : undefined;
    return { shown, met };
  };

  for (const op of ["create", "destroy"]) {
    const r = ratio(at(PODLING, big, op), at(LOWER_BOUND, big, op));
    line(
      `${OPERATION_WORDS[op]} at N=${big} over the dockerode lower bound`,
      r === undefined ? undefined : `${fmt(r)}×`,
      `≤ ${LOWER_BOUND_RATIO}×`,
      r === undefined ? undefined : r <= LOWER_BOUND_RATIO,
    );
  }
  for (const op of ["create", "destroy", "scale", "updateOne"]) {
    const { shown, met } = everyN(
      (n) => ratio(at(PODLING, n, op), at(COMPOSE, n, op)),
      (r) => `${fmt(r)}×`,
      (r) => r < 1,
    );
    line(`${OPERATION_WORDS[op]} over Docker Compose`, shown, "< 1× at every N", met);
  }
  const spread = (op: string, limit: number) => {
    const perPod = (n: number) => ratio(at(PODLING, n, op), n);
    const r = sizes.length > 1 ? ratio(perPod(big), perPod(small)) : undefined;
    line(
      `${OPERATION_WORDS[op]} per pod at N=${big} over N=${small}`,
      r === undefined
        ? undefined
        : `${fmt(r)}× (per pod: ${sizes.map((n) => `N=${n} ${fmt(perPod(n), 3)} s`).join(", ")})`,
      `${fmt(1 - limit)}× to ${fmt(1 + limit)}×`,
      r === undefined ? undefined : Math.abs(r - 1) <= limit,
    );
  };
  spread("destroy", DESTROY_SPREAD);
  spread("create", CREATE_SPREAD);
  for (const op of ["noop", "preview"]) {
    const { shown, met } = everyN(
      (n) => {
        const [ours, floor] = [at(PODLING, n, op), at(FLOOR, n, op)];
        return ours !== undefined && floor !== undefined ? ours - floor : undefined;
      },
      (d) => `${d >= 0 ? "+" : ""}${fmt(d)} s`,
      (d) => d <= OVER_FLOOR_SECONDS,
    );
    line(`${OPERATION_WORDS[op]} over Pulumi's floor`, shown, `≤ ${OVER_FLOOR_SECONDS} s more at every N`, met);
  }
  const measuredState = sizes.filter((n) => medianOf(ms, PODLING, n, (m) => m.stateBytes) !== undefined).pop();
  const state = measuredState && medianOf(ms, PODLING, measuredState, (m) => m.stateBytes);
  const kbPerPod = state && measuredState ? state / measuredState / 1024 : undefined;
  line(
    `state per pod (at N=${measuredState ?? "?"})`,
    kbPerPod === undefined ? undefined : `${fmt(kbPerPod)} KB`,
    `< ${STATE_KB_PER_POD} KB`,
    kbPerPod === undefined ? undefined : kbPerPod < STATE_KB_PER_POD,
  );
  const agentMemory = medianOf(ms, PODLING, big, (m) => m.system?.agentMemoryMiB);
  line(
    `node agent's memory at N=${big}`,
    agentMemory === undefined ? undefined : `${fmt(agentMemory, 1)} MiB`,
    `< ${AGENT_MEMORY_MIB} MiB`,
    agentMemory === undefined ? undefined : agentMemory < AGENT_MEMORY_MIB,
  );
  const idle = everyN(
    (n) => medianOf(ms, PODLING, n, (m) => m.system?.agentIdleCpuPercent),
    (p) => `${fmt(p, 1)} %`,
    (p) => p <= AGENT_IDLE_CPU_PERCENT,
  );
  line("node agent's idle CPU", idle.shown, `about 0: ≤ ${AGENT_IDLE_CPU_PERCENT} % of a core at every N`, idle.met);
  const peak = medianOf(ms, PODLING, big, (m) => m.peakMemoryMiB);
  line(
    `provider peak memory at N=${big}`,
    peak === undefined ? undefined : `${fmt(peak, 0)} MiB`,
    `< ${PEAK_MEMORY_MIB} MiB`,
    peak === undefined ? undefined : peak < PEAK_MEMORY_MIB,
  );
  return out;
}
