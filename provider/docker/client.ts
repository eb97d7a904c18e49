// The one seam over dockerode. The client is created lazily in the provider process, from the settings
// given to `configure` or from the environment (DOCKER_HOST), never from state saved with a resource.
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

export function configureDocker(next: ConnectionSettings): void {
  settings = next;
  client = undefined;
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
  if (!client) {
    // Loaded here, not at module load: the serialized provider must never capture a client.
    const Docker: typeof Dockerode = require("dockerode");
    client = new Docker(dockerOptions(settings));
  }
  return client;
}
