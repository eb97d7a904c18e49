// The engines the CLI reads: the one DOCKER_HOST (or the default socket) names, or each --docker-host.
// Every engine is one node; a pod's node is its sandbox's node label, else its engine's host name.
import { configureDocker, Engine, onEngine } from "../docker/client";
import { engineInfo } from "../docker/system";

export interface Scope {
  dockerHosts: string[];
  network?: string;
}

export interface Node {
  /** Undefined for the default engine. */
  engine?: Engine;
  name: string;
}

/** No timeout on calls: a followed log or an exec session lasts as long as the user wants. */
export function connect(): void {
  configureDocker({ timeoutMs: 0 });
}

/** Runs `work` on every engine of the scope, each with its node's name, and concatenates the results. */
export async function onEveryNode<T>(scope: Scope, work: (node: Node) => Promise<T[]>): Promise<T[]> {
  const engines: Array<Engine | undefined> =
    scope.dockerHosts.length > 0 ? scope.dockerHosts.map((h) => ({ name: h, dockerHost: h })) : [undefined];
  const results = await Promise.all(
    engines.map((engine) =>
      onEngine(engine, async () => work({ engine, name: (await engineInfo()).Name ?? engine?.dockerHost ?? "local" })),
    ),
  );
  return results.flat();
}
