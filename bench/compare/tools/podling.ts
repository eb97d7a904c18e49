// Podling through the real pulumi CLI (Automation API, local file backend in a temporary folder).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import type { Tool } from "../tool";
import type { Workload } from "../workload";

export function podlingTool(): Tool {
  let stack: Stack | undefined;
  let backendDir = "";
  let stateFile = "";
  const configure = async (w: Workload) => {
    if (!stack) {
      backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "podling-bench-"));
      const stackName = `b${process.pid}`;
      stack = await LocalWorkspace.createOrSelectStack(
        { stackName, workDir: path.join(__dirname, "..", "..", "programs", "podling") },
        {
          envVars: {
            PULUMI_BACKEND_URL: `file://${backendDir}`,
            PULUMI_CONFIG_PASSPHRASE: "bench",
            PULUMI_SKIP_UPDATE_CHECK: "true",
          },
        },
      );
      stateFile = path.join(backendDir, ".pulumi", "stacks", "podling-bench", `${stackName}.json`);
    }
    await stack.setAllConfig({
      n: { value: String(w.n) },
      variant: { value: w.variant },
      network: { value: w.network },
      cidr: { value: w.cidr },
    });
    return stack;
  };
  return {
    name: "Podling",
    memoryOf: /dynamic-provider/,
    async unavailable() {
      return undefined;
    },
    async create(w) {
      await (await configure(w)).up();
    },
    async noop(w) {
      const result = await (await configure(w)).up();
      if (Object.keys(result.summary.resourceChanges ?? {}).some((k) => k !== "same"))
        throw new Error(`no-op up changed something: ${JSON.stringify(result.summary.resourceChanges)}`);
    },
    async preview(w) {
      await (await configure(w)).preview();
    },
    async updateOne(w) {
      await (await configure(w)).up();
    },
    async scale(w) {
      await (await configure(w)).up();
    },
    async destroy(w) {
      const s = await configure(w);
      await s.destroy();
      await s.workspace.removeStack(s.name);
      stack = undefined;
      fs.rmSync(backendDir, { recursive: true, force: true });
    },
    stateBytes: () => fs.statSync(stateFile).size,
  };
}
