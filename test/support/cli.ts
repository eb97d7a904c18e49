// The podling CLI run as a user runs it: `node dist/provider/cli/cli.js` in a child process. Fails loudly
// when the build is missing.
import { ChildProcess, execFile, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const CLI = path.join(__dirname, "..", "..", "dist", "provider", "cli", "cli.js");

function requireBuild(): void {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (the CLI runs from dist)`);
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one command to its end. */
export function runCli(args: string[]): Promise<CliResult> {
  requireBuild();
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

export interface RunningCli {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a long-running command (logs -f, port-forward), for the test to signal. */
export function spawnCli(args: string[]): RunningCli {
  requireBuild();
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

/** The whitespace-separated cells of a kubectl-style table, header first. */
export function tableOf(text: string): string[][] {
  return text
    .trimEnd()
    .split("\n")
    .map((line) => line.split(/ {2,}/));
}
