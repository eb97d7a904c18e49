// `npm run bench [-- --n 10,50,100 --reps 3 --tools podling,floor,dockerode,compose,podman,pulumi-docker --merge]`:
// runs every operation of every tool on the same engine and images, N by N, and writes
// docs/benchmarks.md and docs/benchmarks-create.png (create, destroy and no-op). Everything it creates is
// removed, even on failure.
import * as fs from "fs";
import * as path from "path";
import Docker from "dockerode";
import { freeBenchCidr } from "./cidr";
import { PeakMemory } from "./memory";
import type { Measurement } from "./measurement";
import { writeReport } from "./report";
import type { Tool } from "./tool";
import { composeTool } from "./tools/compose";
import { dockerodeTool } from "./tools/dockerode";
import { floorTool } from "./tools/floor";
import { podlingTool } from "./tools/podling";
import { podmanTool } from "./tools/podman";
import { pulumiDockerTool } from "./tools/pulumi-docker";
import type { Workload } from "./workload";

const OPERATIONS = ["create", "noop", "preview", "updateOne", "scale", "destroy"] as const;
export type Operation = (typeof OPERATIONS)[number];

const TOOLS: Record<string, () => Tool> = {
  podling: podlingTool,
  floor: floorTool,
  dockerode: dockerodeTool,
  compose: composeTool,
  podman: podmanTool,
  "pulumi-docker": pulumiDockerTool,
};

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

async function main() {
  const sizes = option("n", "10,50,100").split(",").map(Number);
  const reps = Number(option("reps", "3"));
  const toolNames = option("tools", Object.keys(TOOLS).join(",")).split(",");
  // --merge adds to the results of an earlier run (another tool, more repetitions) instead of replacing them.
  const resultsFile = path.join(__dirname, "results", "latest.json");
  const earlier =
    process.argv.includes("--merge") && fs.existsSync(resultsFile)
      ? JSON.parse(fs.readFileSync(resultsFile, "utf8"))
      : {};
  const measurements: Measurement[] = earlier.measurements ?? [];
  const notRun: Record<string, string> = earlier.notRun ?? {};
  const failures: string[] = earlier.failures ?? [];
  const save = () => {
    fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
    fs.writeFileSync(resultsFile, JSON.stringify({ measurements, notRun, failures }, null, 2));
  };
  for (const toolName of toolNames) {
    const tool = TOOLS[toolName]();
    const reason = await tool.unavailable();
    if (reason) {
      notRun[tool.name] = reason;
      console.log(`${tool.name}: not run: ${reason}`);
      continue;
    }
    for (const n of sizes) {
      for (let rep = 1; rep <= reps; rep++) {
        const w: Workload = {
          n,
          variant: "a",
          network: `bench-${toolName}-${process.pid}`,
          cidr: await freeBenchCidr(),
        };
        const sample: Measurement = { tool: tool.name, n, rep, seconds: {} };
        const memory = tool.memoryOf ? new PeakMemory(tool.memoryOf) : undefined;
        let failed: string | undefined;
        try {
          for (const op of OPERATIONS) {
            const step =
              op === "preview" ? tool.preview?.bind(tool) : (tool[op] as (w: Workload) => Promise<void>).bind(tool);
            if (op === "updateOne") w.variant = "b";
            if (op === "scale") w.n = n + 10;
            if (!step) continue;
            const started = process.hrtime.bigint();
            await step(w);
            sample.seconds[op] = Number(process.hrtime.bigint() - started) / 1e9;
            if (op === "create" && tool.stateBytes) sample.stateBytes = tool.stateBytes();
            if (op === "create" && tool.footprint) sample.system = await tool.footprint(w); // not timed
          }
        } catch (err) {
          // One failed repetition is reported and left out; the others still count.
          failed = String(err).split("\n")[0];
        } finally {
          sample.peakMemoryMiB = memory?.stop();
          await tool.cleanup?.(w);
          await leftoversRemoved(w.network);
        }
        const line = `${tool.name} N=${n} rep ${rep}: ${OPERATIONS.map((op) => `${op} ${sample.seconds[op]?.toFixed(2) ?? "-"}s`).join(", ")}, state ${sample.stateBytes ?? "-"} B, peak ${sample.peakMemoryMiB?.toFixed(0) ?? "-"} MiB`;
        if (failed) {
          failures.push(`${line}: failed: ${failed}`);
          console.log(`${line}: FAILED: ${failed}`);
          continue;
        }
        measurements.push(sample);
        save();
        console.log(line);
      }
    }
  }
  save();
  writeReport(measurements, notRun, failures, path.join(__dirname, "..", "..", "docs"));
}

/** A tool that failed mid-run may leave containers: remove anything on the bench network, by name. */
async function leftoversRemoved(network: string): Promise<void> {
  const docker = new Docker();
  const left = await docker.listContainers({ all: true, filters: { name: [network] } });
  await Promise.all(
    left.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
  await docker
    .getNetwork(network)
    .remove()
    .catch(() => undefined);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
