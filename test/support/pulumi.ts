// Real `pulumi` CLI stacks for end-to-end tests, through the Automation API, each with its own local
// file backend and passphrase secrets. Fails loudly when the CLI is missing; never skips.
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";

export const PASSPHRASE = "podling-e2e-passphrase";

export function requirePulumi(): void {
  try {
    execFileSync("pulumi", ["version"], { stdio: "pipe" });
  } catch (err) {
    throw new Error(
      `End-to-end tests need the pulumi CLI on PATH and it does not run (${String(err)}). Run them with "npm test", which builds and installs it.`,
    );
  }
}

export interface TestStack {
  stack: Stack;
  backendDir: string;
  /** The state file, to inspect what Pulumi stored. */
  stateFile(): string;
  /** Runs the pulumi CLI itself on this stack (for tests that signal it); output is collected in `output`. */
  spawnCli(args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null> };
  /** Destroys whatever the stack still has and removes its backend; safe to call twice. */
  dispose(): Promise<void>;
}

/** `program` names a folder of test/e2e/programs, or is a path from the repository root (an example). */
export async function testStack(program: string, config: Record<string, string>): Promise<TestStack> {
  requirePulumi();
  const backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "podling-e2e-"));
  const stackName = `t${Math.random().toString(36).slice(2, 8)}`;
  const workDir = program.includes("/")
    ? path.join(__dirname, "..", "..", program)
    : path.join(__dirname, "..", "e2e", "programs", program);
  const envVars = {
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
  };
  const stack = await LocalWorkspace.createOrSelectStack({ stackName, workDir }, { envVars });
  await stack.setAllConfig(Object.fromEntries(Object.entries(config).map(([k, v]) => [k, { value: v }])));
  let disposed = false;
  return {
    stack,
    backendDir,
    stateFile: () => {
      return path.join(backendDir, ".pulumi", "stacks", `podling-e2e-${path.basename(program)}`, `${stackName}.json`);
    },
    spawnCli(args) {
      const child = spawn("pulumi", [...args, "--stack", stackName, "--non-interactive"], {
        cwd: workDir,
        env: { ...process.env, ...envVars },
      });
      let output = "";
      child.stdout!.on("data", (d) => (output += d));
      child.stderr!.on("data", (d) => (output += d));
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      return { child, output: () => output, exited };
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      try {
        await stack.destroy();
        await stack.workspace.removeStack(stackName);
      } finally {
        fs.rmSync(backendDir, { recursive: true, force: true });
      }
    },
  };
}

/** Writes what the from-config program declares to its world file, and points the stack at it. */
export async function declare(
  t: TestStack,
  world: { networks: unknown[]; pods: unknown[]; services?: unknown[]; policies?: unknown[] },
): Promise<void> {
  const file = path.join(t.backendDir, "world.json");
  fs.writeFileSync(file, JSON.stringify(world));
  await t.stack.setConfig("worldFile", { value: file });
}
