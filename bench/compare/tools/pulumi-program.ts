// A benchmark program under bench/programs run through the real pulumi CLI (Automation API, local file
// backend in a temporary folder), every operation an `up`, `preview` or `destroy` of its stack.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import YAML from "yaml";
import { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import type { Tool } from "../tool";
import type { Workload } from "../workload";

/** `program` is the folder's name under bench/programs; the tool reports itself as `name`. */
export function pulumiProgramTool(name: string, program: string): Tool {
  const workDir = path.join(__dirname, "..", "..", "programs", program);
  const project: string = YAML.parse(fs.readFileSync(path.join(workDir, "Pulumi.yaml"), "utf8")).name;
  let stack: Stack | undefined;
  let backendDir = "";
  let stateFile = "";
  const configure = async (w: Workload) => {
    if (!stack) {
      backendDir = fs.mkdtempSync(path.join(os.tmpdir(), `${project}-`));
      const stackName = `b${process.pid}`;
      stack = await LocalWorkspace.createOrSelectStack(
        { stackName, workDir },
        {
          envVars: {
            PULUMI_BACKEND_URL: `file://${backendDir}`,
            PULUMI_CONFIG_PASSPHRASE: "bench",
            PULUMI_SKIP_UPDATE_CHECK: "true",
          },
        },
      );
      stateFile = path.join(backendDir, ".pulumi", "stacks", project, `${stackName}.json`);
    }
    await stack.setAllConfig({
      n: { value: String(w.n) },
      variant: { value: w.variant },
      network: { value: w.network },
      cidr: { value: w.cidr },
    });
    return stack;
  };
  const up = async (w: Workload) => void (await (await configure(w)).up());
  return {
    name,
    memoryOf: /dynamic-provider/,
    async unavailable() {
      return undefined;
    },
    create: up,
    async noop(w) {
      const result = await (await configure(w)).up();
      if (Object.keys(result.summary.resourceChanges ?? {}).some((k) => k !== "same"))
        throw new Error(`no-op up changed something: ${JSON.stringify(result.summary.resourceChanges)}`);
    },
    async preview(w) {
      await (await configure(w)).preview();
    },
    updateOne: up,
    scale: up,
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
