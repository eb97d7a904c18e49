// `podling describe pod NAME`: what the engine holds of one pod, and its containers' events of the last hour.
import { Command } from "commander";
import { onEngine } from "../../docker/client";
import { containerEvents } from "../../docker/session";
import type { Scope } from "../engines";
import { findPod, UserError } from "../find";
import { describePod } from "../view/describe";
import { podEvents } from "../view/events";

/** How far back events go, as kubectl's default event TTL. */
const EVENTS_SECONDS = 3600;

export function describeCommand(scopeOf: (cmd: Command) => Scope): Command {
  return new Command("describe")
    .description("show one pod in detail: containers, readiness, volumes, firewall, events")
    .argument("<kind>", "pod (po)")
    .argument("<name>", "the pod's name")
    .option("-n, --namespace <ns>", "the pod's namespace", "default")
    .addHelpText("after", "\nExample:\n  podling describe pod web -n shop")
    .action(async (kind: string, name: string, opts, cmd: Command) => {
      if (!["pod", "pods", "po"].includes(kind.toLowerCase()))
        throw new UserError(
          `describe reads pods only (podling describe pod NAME); for services: podling get svc -o wide`,
        );
      const { pod, node } = await findPod(scopeOf(cmd), opts.namespace, name);
      const now = Date.now();
      const all = [...pod.initContainers, ...pod.containers];
      const names = new Map([[pod.sandboxId, "(sandbox)"], ...all.map((c) => [c.id, c.name] as [string, string])]);
      const events = await onEngine(node.engine, () =>
        containerEvents([...names.keys()], Math.floor(now / 1000) - EVENTS_SECONDS, Math.floor(now / 1000)),
      );
      process.stdout.write(describePod(pod, podEvents(events, names), now) + "\n");
    });
}
