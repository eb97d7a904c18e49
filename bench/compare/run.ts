// `npm run bench [-- --n 10,50,100 --reps 3 --tools podling,dockerode,compose,podman,pulumi-docker]`:
// runs every operation of every tool on the same engine and images, N by N, and writes
// docs/benchmarks.md and docs/benchmarks-create.png. Everything it creates is removed, even on failure.
import * as fs from "fs";
import * as path from "path";
import Docker from "dockerode";
import { freeBenchCidr } from "./cidr";
import { PeakMemory } from "./memory";
import { writeReport, Measurement } from "./report";
import type { Tool } from "./tool";
import { composeTool } from "./tools/compose";
import { dockerodeTool } from "./tools/dockerode";
import { podlingTool } from "./tools/podling";
import { podmanTool } from "./tools/podman";
import { pulumiDockerTool } from "./tools/pulumi-docker";
import type { Workload } from "./workload";

const OPERATIONS = ["create", "noop", "preview", "updateOne", "scale", "destroy"] as const;
export type Operation = (typeof OPERATIONS)[number];

const TOOLS: Record<string, () => Tool> = { podling: podlingTool, dockerode: dockerodeTool, compose: composeTool, podman: podmanTool, "pulumi-docker": pulumiDockerTool };

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

async function main() {
  const sizes = option("n", "10,50,100").split(",").map(Number);
  const reps = Number(option("reps", "3"));
  const toolNames = option("tools", Object.keys(TOOLS).join(",")).split(",");
  const measurements: Measurement[] = [];
  const notRun: Record<string, string> = {};
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
        const w: Workload = { n, variant: "a", network: `bench-${toolName}-${process.pid}`, cidr: await freeBenchCidr() };
        const sample: Measurement = { tool: tool.name, n, rep, seconds: {} };
        const memory = tool.memoryOf ? new PeakMemory(tool.memoryOf) : undefined;
        try {
          for (const op of OPERATIONS) {
            const step = op === "preview" ? tool.preview?.bind(tool) : (tool[op] as (w: Workload) => Promise<void>).bind(tool);
            if (op === "updateOne") w.variant = "b";
            if (op === "scale") w.n = n + 10;
            if (!step) continue;
            const started = process.hrtime.bigint();
            await step(w);
            sample.seconds[op] = Number(process.hrtime.bigint() - started) / 1e9;
            if (op === "create" && tool.stateBytes) sample.stateBytes = tool.stateBytes();
          }
        } finally {
          sample.peakMemoryMiB = memory?.stop();
          await tool.cleanup?.(w);
          await leftoversRemoved(w.network);
        }
        measurements.push(sample);
        console.log(`${tool.name} N=${n} rep ${rep}: ${OPERATIONS.map((op) => `${op} ${sample.seconds[op]?.toFixed(2) ?? "-"}s`).join(", ")}`);
      }
    }
  }
  const out = path.join(__dirname, "..", "..", "docs");
  fs.mkdirSync(path.join(__dirname, "results"), { recursive: true });
  fs.writeFileSync(path.join(__dirname, "results", "latest.json"), JSON.stringify({ measurements, notRun }, null, 2));
  writeReport(measurements, notRun, out);
}

/** A tool that failed mid-run may leave containers: remove anything on the bench network, by name. */
async function leftoversRemoved(network: string): Promise<void> {
  const docker = new Docker();
  const left = await docker.listContainers({ all: true, filters: { name: [network] } });
  await Promise.all(left.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
  await docker.getNetwork(network).remove().catch(() => undefined);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
