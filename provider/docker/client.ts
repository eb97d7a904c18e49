// The one seam over dockerode. The client is created lazily in the provider process, from the settings
// given to `configure` or from the environment (DOCKER_HOST), never from state saved with a resource.
// On a cluster, a handler runs its Docker calls inside onEngine(node, ...): every call below it then
// goes to that node's engine, so the runtime modules stay the same for one host and for many.
import { AsyncLocalStorage } from "node:async_hooks";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type Dockerode from "dockerode";
import { isEngineUnreachable } from "./errors";

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

/**
 * onEngine, except that a cluster node whose engine does not answer at all counts as lost: `whenLost`
 * decides the result instead of the error. On a single host (no node) every error is thrown.
 */
export function onEngineUnlessLost<T>(node: Engine | undefined, work: () => Promise<T>, whenLost: (err: unknown) => T | Promise<T>): Promise<T> {
  return onEngine(node, work).catch((err) => {
    if (!node || !isEngineUnreachable(err)) throw err;
    return whenLost(err);
  });
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
    case "https:": {
      const port = Number(url.port || 2375);
      // As the docker CLI: TLS on https://, on port 2376, or with DOCKER_TLS_VERIFY=1; keys from DOCKER_CERT_PATH.
      const tls = url.protocol === "https:" || port === 2376 || process.env.DOCKER_TLS_VERIFY === "1";
      return { host: url.hostname, port, protocol: tls ? "https" : "http", ...(tls ? tlsFiles() : {}), timeout };
    }
    case "ssh:":
      // Needs the docker CLI on the remote host (docker system dial-stdio) and a key in the SSH agent.
      return { host: url.hostname, port: Number(url.port || 22), protocol: "ssh", username: url.username || undefined, sshOptions: { agent: process.env.SSH_AUTH_SOCK }, timeout };
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

/** ca.pem, cert.pem and key.pem from DOCKER_CERT_PATH (default ~/.docker), those that exist. */
function tlsFiles(): { ca?: Buffer; cert?: Buffer; key?: Buffer } {
  const dir = process.env.DOCKER_CERT_PATH ?? path.join(os.homedir(), ".docker");
  const read = (file: string) => (fs.existsSync(path.join(dir, file)) ? fs.readFileSync(path.join(dir, file)) : undefined);
  return Object.fromEntries(Object.entries({ ca: read("ca.pem"), cert: read("cert.pem"), key: read("key.pem") }).filter(([, v]) => v !== undefined));
}

function newClient(s: ConnectionSettings): Dockerode {
  // Loaded here, not at module load: the serialized provider must never capture a client.
  const Docker: typeof Dockerode = require("dockerode");
  return new Docker(dockerOptions(s));
}
