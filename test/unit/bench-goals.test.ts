// The benchmark's goals, marked from a run's medians: met, missed, or unknown when a tool or an N is missing.
import { goals } from "../../bench/compare/goals";
import { COMPOSE, FLOOR, LOWER_BOUND, Measurement, PODLING } from "../../bench/compare/measurement";

const sample = (tool: string, n: number, seconds: Measurement["seconds"], extra: Partial<Measurement> = {}) => ({
  tool,
  n,
  rep: 1,
  seconds,
  ...extra,
});

const run: Measurement[] = [
  sample(
    PODLING,
    10,
    { create: 5, destroy: 3, scale: 4, updateOne: 2, noop: 4, preview: 3.5 },
    { stateBytes: 40_000, system: { containers: 4, memoryMiB: 20, agentMemoryMiB: 9, agentIdleCpuPercent: 0.2 } },
  ),
  sample(
    PODLING,
    100,
    { create: 48, destroy: 40, scale: 6, updateOne: 3, noop: 6, preview: 5 },
    {
      stateBytes: 700_000,
      peakMemoryMiB: 150,
      system: { containers: 13, memoryMiB: 60, agentMemoryMiB: 31, agentIdleCpuPercent: 1.5 },
    },
  ),
  sample(FLOOR, 10, { noop: 3, preview: 2.5 }),
  sample(FLOOR, 100, { noop: 4, preview: 3 }),
  sample(LOWER_BOUND, 100, { create: 44, destroy: 25 }),
  sample(COMPOSE, 10, { create: 7, destroy: 6, scale: 7, updateOne: 2 }),
  sample(COMPOSE, 100, { create: 78, destroy: 97, scale: 20, updateOne: 12 }),
];

function goalLine(lines: string[], start: string): string {
  const line = lines.find((l) => l.startsWith(`- ${start}`));
  if (!line) throw new Error(`no goal line starts with "${start}" in:\n${lines.join("\n")}`);
  return line;
}

describe("benchmark goals", () => {
  const lines = goals(run, [10, 100]);

  it("compares create and destroy with the lower bound at the largest N", () => {
    expect(goalLine(lines, "create at N=100 over the dockerode lower bound")).toMatch(/1\.09×.*— met$/);
    expect(goalLine(lines, "destroy at N=100 over the dockerode lower bound")).toMatch(/1\.60×.*— \*\*missed\*\*$/);
  });

  it("needs every N to beat Compose", () => {
    expect(goalLine(lines, "create over Docker Compose")).toMatch(/N=10 0\.71×, N=100 0\.62×.*— met$/);
    // Equal is not faster.
    expect(goalLine(lines, "update one pod over Docker Compose")).toMatch(/N=10 1\.00×.*— \*\*missed\*\*$/);
  });

  it("gives the no-op and the preview in seconds over Pulumi's floor at every N", () => {
    expect(goalLine(lines, "no-op up over Pulumi's floor")).toMatch(
      /N=10 \+1\.00 s, N=100 \+2\.00 s.*— \*\*missed\*\*$/,
    );
    expect(goalLine(lines, "preview over Pulumi's floor")).toMatch(/N=10 \+1\.00 s, N=100 \+2\.00 s/);
  });

  it("checks that destroy grows linearly", () => {
    // 0.3 s per pod at N=10, 0.4 s at N=100: 1.33×, outside ±20%.
    expect(goalLine(lines, "destroy per pod at N=100 over N=10")).toMatch(/1\.33×.*— \*\*missed\*\*$/);
  });

  it("checks the footprint", () => {
    expect(goalLine(lines, "state per pod (at N=100)")).toMatch(/6\.84 KB.*— met$/);
    expect(goalLine(lines, "provider peak memory at N=100")).toMatch(/150 MiB.*— met$/);
    expect(goalLine(lines, "node agent's memory at N=100")).toMatch(/31\.0 MiB.*— \*\*missed\*\*$/);
    // 0.2 % at N=10 is about 0; 1.5 % at N=100 is not.
    expect(goalLine(lines, "node agent's idle CPU")).toMatch(/N=10 0\.2 %, N=100 1\.5 %.*— \*\*missed\*\*$/);
  });

  it("says unknown for what a run did not measure", () => {
    const podlingOnly = goals(
      run.filter((m) => m.tool === PODLING),
      [10, 100],
    );
    expect(goalLine(podlingOnly, "no-op up over Pulumi's floor")).toMatch(/not measured.*— unknown$/);
    expect(goalLine(podlingOnly, "create over Docker Compose")).toMatch(/— unknown$/);
  });
});
