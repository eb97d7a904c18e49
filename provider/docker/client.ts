// The one seam over dockerode. The client is created lazily in the provider process, from the settings
// given to `configure` or from the environment (DOCKER_HOST), never from state saved with a resource.
// On a cluster, a handler runs its Docker calls inside onEngine(node, ...): every call below it then
// goes to that node's engine, so the runtime modules stay the same for one host and for many.
import { AsyncLocalStorage } from "node:async_hooks";
import type Dockerode from "dockerode";

export interface ConnectionSettings {
  /** unix:///path, tcp://host:port or ssh://user@host, as the docker CLI accepts in DOCKER_HOST. */
  dockerHost?: string;
  /** How long one Docker API call may take. The engine enforces no timeout on dynamic providers. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;
let settings: ConnectionSettings = {};
let client: Dockerode | undefined;
const nodeClients = new Map<string, Dockerode>();

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

/** Runs `work` against a node's engine; without a node, against the configured one. */
export function onEngine<T>(node: Engine | undefined, work: () => Promise<T>): Promise<T> {
  return node ? currentNode.run({ name: node.name, dockerHost: node.dockerHost }, work) : work();
}

/** The node whose engine the current call talks to; undefined on a single host. */
export function engineNode(): Engine | undefined {
  return currentNode.getStore();
}

export function dockerOptions(s: ConnectionSettings): Dockerode.DockerOptions {
  const timeout = s.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const host = s.dockerHost ?? process.env.DOCKER_HOST;
  if (!host) return { socketPath: "/var/run/docker.sock", timeout };
  const url = new URL(host);
  switch (url.protocol) {
    case "unix:":
      return { socketPath: url.pathname, timeout };
    case "tcp:":
    case "http:":
    case "https:":
      return { host: url.hostname, port: Number(url.port || 2375), protocol: url.protocol === "https:" ? "https" : "http", timeout };
    case "ssh:":
      return { host: url.hostname, port: Number(url.port || 22), protocol: "ssh", username: url.username || undefined, timeout };
    default:
      throw new Error(`dockerHost "${host}": unsupported scheme ${url.protocol} (use unix://, tcp:// or ssh://)`);
  }
}

export function docker(): Dockerode {
  const node = currentNode.getStore();
  if (node) {
    let nodeClient = nodeClients.get(node.dockerHost);
    if (!nodeClient) nodeClients.set(node.dockerHost, (nodeClient = newClient({ ...settings, dockerHost: node.dockerHost })));
    return nodeClient;
  }
  return (client ??= newClient(settings));
}

function newClient(s: ConnectionSettings): Dockerode {
  // Loaded here, not at module load: the serialized provider must never capture a client.
  const Docker: typeof Dockerode = require("dockerode");
  return new Docker(dockerOptions(s));
}
