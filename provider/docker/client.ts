// The one seam over Docker. Clients are created lazily in the provider process, from the settings given
// to `configure` or from the environment (DOCKER_HOST), never from state saved with a resource.
// On a cluster, a handler runs its Docker calls inside onEngine(node, ...): every call below it then
// goes to that node's engine, so the runtime modules stay the same for one host and for many.
import { AsyncLocalStorage } from "node:async_hooks";
import type Dockerode from "dockerode";
import type { DockerClients } from "./clients";
import { ConnectionSettings, dockerOptions, exposedEngine } from "./connection";
import { dockerodeClients } from "./dockerode";
import { isEngineUnreachable } from "./errors";

let settings: ConnectionSettings = {};
let client: DockerClients | undefined;
const nodeClients = new Map<string, DockerClients>();
/** Set by unit tests only (replaceClients): every engine is then that fake. */
let replacement: ((engine: Engine | undefined) => DockerClients) | undefined;

/** A cluster node's engine, as resources record it. */
export interface Engine {
  name: string;
  dockerHost: string;
}

const currentNode = new AsyncLocalStorage<Engine>();

export function configureDocker(next: ConnectionSettings): void {
  settings = next;
  client = undefined;
  nodeClients.clear();
}

/**
 * Why the configured engine (podling:dockerHost, else DOCKER_HOST) may not be used: it is open to anyone
 * on the network and the stack did not accept that risk. Undefined when it may. A cluster node's engine
 * is judged by the Cluster's check instead, with the node's own `insecure`.
 */
export function configuredEngineProblem(): string | undefined {
  const host = settings.dockerHost ?? process.env.DOCKER_HOST;
  const exposed = host && !settings.insecure ? exposedEngine(host) : undefined;
  if (!exposed) return undefined;
  return `${settings.dockerHost ? "podling:dockerHost" : "DOCKER_HOST"}: ${exposed}; or accept the risk with \`pulumi config set podling:insecureDockerHost true\``;
}

/** Runs `work` against a node's engine; without a node, against the configured one. */
export function onEngine<T>(node: Engine | undefined, work: () => Promise<T>): Promise<T> {
  return node ? currentNode.run({ name: node.name, dockerHost: node.dockerHost }, work) : work();
}

/**
 * onEngine, except that a cluster node whose engine does not answer at all counts as lost: `whenLost`
 * decides the result instead of the error. On a single host (no node) every error is thrown.
 */
export function onEngineUnlessLost<T>(
  node: Engine | undefined,
  work: () => Promise<T>,
  whenLost: (err: unknown) => T | Promise<T>,
): Promise<T> {
  return onEngine(node, work).catch((err) => {
    if (!node || !isEngineUnreachable(err)) throw err;
    return whenLost(err);
  });
}

/** The node whose engine the current call talks to; undefined on a single host. */
export function engineNode(): Engine | undefined {
  return currentNode.getStore();
}

/** The clients of the current engine (see onEngine). Only the seam's own modules call this. */
export function clients(): DockerClients {
  const node = currentNode.getStore();
  if (replacement) return replacement(node);
  if (node) {
    let nodeClient = nodeClients.get(node.dockerHost);
    if (!nodeClient)
      nodeClients.set(node.dockerHost, (nodeClient = newClients({ ...settings, dockerHost: node.dockerHost })));
    return nodeClient;
  }
  if (!client) {
    const problem = configuredEngineProblem();
    if (problem) throw new Error(problem);
    client = newClients(settings);
  }
  return client;
}

/** For unit tests: every Docker call goes to `fake` (given the engine it is meant for) until the returned undo runs. */
export function replaceClients(fake: (engine: Engine | undefined) => DockerClients): () => void {
  replacement = fake;
  return () => {
    if (replacement === fake) replacement = undefined;
  };
}

function newClients(s: ConnectionSettings): DockerClients {
  // Loaded here, not at module load: the serialized provider must never capture a client.
  const Docker: typeof Dockerode = require("dockerode");
  return dockerodeClients(new Docker(dockerOptions(s)));
}
