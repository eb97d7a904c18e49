// `podling exec POD -- CMD...`: runs a command in a container, with a TTY when the user is at a terminal;
// the command's exit code becomes podling's.
import { Command } from "commander";
import { onEngine } from "../../docker/client";
import { execAttached } from "../../docker/session";
import type { AttachedIO } from "../../docker/types";
import type { Scope } from "../engines";
import { findPod, pickContainer, UserError } from "../find";

export function execCommand(scopeOf: (cmd: Command) => Scope): Command {
  return new Command("exec")
    .description("run a command in a container, as kubectl exec does; its exit code is podling's")
    .argument("<pod>", "the pod's name")
    .argument("<command...>", "the command and its arguments, after --")
    .option("-n, --namespace <ns>", "the pod's namespace", "default")
    .option("-c, --container <name>", "the container (default: the pod's first)")
    .option("-i, --stdin", "pass stdin to the command (implied at a terminal)")
    .addHelpText("after", "\nExamples:\n  podling exec web -- cat /etc/hostname\n  podling exec web -c sidecar -- sh")
    .action(async (podName: string, command: string[], opts, cmd: Command) => {
      if (command.length === 0) throw new UserError("no command given (podling exec POD -- COMMAND ARGS...)");
      const { pod, node } = await findPod(scopeOf(cmd), opts.namespace, podName);
      const container = pickContainer(pod, opts.container, "exec");
      if (container.dockerState !== "running")
        throw new UserError(
          `container "${container.name}" of pod ${pod.namespace}/${pod.name} is ${container.dockerState}, not running ` +
            `(podling describe pod ${pod.name} -n ${pod.namespace})`,
        );
      const terminal = Boolean(process.stdin.isTTY && process.stdout.isTTY);
      const io: AttachedIO = {
        stdout: process.stdout,
        stderr: process.stderr,
        ...(terminal || opts.stdin ? { stdin: process.stdin } : {}),
        ...(terminal ? { tty: terminalOf(process.stdout) } : {}),
      };
      if (terminal) process.stdin.setRawMode(true);
      try {
        process.exitCode = await onEngine(node.engine, () => execAttached(container.id, command, io));
      } finally {
        if (terminal) process.stdin.setRawMode(false);
        process.stdin.pause();
      }
    });
}

function terminalOf(out: NodeJS.WriteStream): NonNullable<AttachedIO["tty"]> {
  return {
    columns: out.columns,
    rows: out.rows,
    onResize: (listener) => out.on("resize", () => listener(out.columns, out.rows)),
  };
}
