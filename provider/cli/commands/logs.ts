// `podling logs POD`: a container's log from Docker, followed until Ctrl-C with -f.
import { Command } from "commander";
import { onEngine } from "../../docker/client";
import { streamLogs } from "../../docker/session";
import type { Scope } from "../engines";
import { findPod, pickContainer, UserError } from "../find";
import { wholeNumber } from "./parse";

export function logsCommand(scopeOf: (cmd: Command) => Scope): Command {
  return new Command("logs")
    .description("print a container's log, as kubectl logs does")
    .argument("<pod>", "the pod's name")
    .option("-n, --namespace <ns>", "the pod's namespace", "default")
    .option("-c, --container <name>", "the container (default: the pod's first)")
    .option("-f, --follow", "keep printing what it writes, until Ctrl-C")
    .option("-p, --previous", "what it wrote before its last restart")
    .option("--tail <lines>", "only the last lines", wholeNumber)
    .addHelpText("after", "\nExample:\n  podling logs web -c server -f --tail 10")
    .action(async (podName: string, opts, cmd: Command) => {
      const { pod, node } = await findPod(scopeOf(cmd), opts.namespace, podName);
      const container = pickContainer(pod, opts.container, "logs");
      let until: number | undefined;
      if (opts.previous) {
        if (container.restartCount === 0 || !container.startedAt)
          throw new UserError(
            `previous terminated container "${container.name}" in pod "${pod.name}" not found (it has not restarted)`,
          );
        // Docker keeps one log across restarts: what came before the current start is the earlier runs'.
        until = Math.floor(Date.parse(container.startedAt) / 1000);
      }
      await onEngine(node.engine, async () => {
        const session = await streamLogs(
          container.id,
          { follow: Boolean(opts.follow) && !opts.previous, tail: opts.tail, until },
          process.stdout,
          process.stderr,
        );
        process.once("SIGINT", () => session.stop());
        await session.done;
      });
    });
}
