// How a dockerHost (unix:///path, tcp://host:port, ssh://user@host, as the docker CLI reads DOCKER_HOST)
// becomes dockerode's connection options. Pure apart from reading the environment and the TLS files.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type Dockerode from "dockerode";

export interface ConnectionSettings {
  /** unix:///path, tcp://host:port or ssh://user@host, as the docker CLI accepts in DOCKER_HOST. */
  dockerHost?: string;
  /**
   * Accept a tcp:// engine without TLS client authentication (see exposedEngine) for the stack's own
   * engine: config podling:insecureDockerHost. Cluster nodes say it with their own `insecure`.
   */
  insecure?: boolean;
  /** How long one Docker API call may take. The engine enforces no timeout on dynamic providers. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;

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
      const port = tcpPort(url);
      const tls = usesTls(url);
      return { host: url.hostname, port, protocol: tls ? "https" : "http", ...(tls ? tlsFiles() : {}), timeout };
    }
    case "ssh:":
      // Needs the docker CLI on the remote host (docker system dial-stdio) and a key in the SSH agent.
      return {
        host: url.hostname,
        port: Number(url.port || 22),
        protocol: "ssh",
        username: url.username || undefined,
        sshOptions: { agent: process.env.SSH_AUTH_SOCK },
        timeout,
      };
    default:
      throw new Error(`dockerHost "${host}": unsupported scheme ${url.protocol} (use unix://, tcp:// or ssh://)`);
  }
}

/** What is wrong with a dockerHost, for `check`; undefined when the seam can connect with it. */
export function dockerHostProblem(dockerHost: string): string | undefined {
  try {
    dockerOptions({ dockerHost });
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * Why connecting to `dockerHost` as given leaves its engine open to anyone on the network, with the fix;
 * undefined for unix:// and ssh://, and for TLS with a client certificate. TLS without one is open too:
 * an engine that lets in a client with no certificate lets everyone in.
 */
export function exposedEngine(dockerHost: string): string | undefined {
  let url: URL;
  try {
    url = new URL(dockerHost);
  } catch {
    return undefined; // dockerHostProblem reports it
  }
  if (!["tcp:", "http:", "https:"].includes(url.protocol)) return undefined;
  const risk = "anyone who reaches that port controls the engine, which is root on its host";
  const fix =
    "serve it with TLS (port 2376, or DOCKER_TLS_VERIFY=1) and put the client's ca.pem, cert.pem and key.pem in DOCKER_CERT_PATH, or use ssh://";
  if (!usesTls(url)) return `${dockerHost} is plain TCP without TLS: ${risk}. To fix it, ${fix}`;
  const files = tlsFiles();
  if (!files.cert || !files.key)
    return `${dockerHost} uses TLS, but ${certDir()} holds no client certificate (cert.pem and key.pem): an engine that admits a client without one admits anyone, and ${risk}. To fix it, ${fix}`;
  return undefined;
}

function tcpPort(url: URL): number {
  return Number(url.port || 2375);
}

/** As the docker CLI: TLS on https://, on port 2376, or with DOCKER_TLS_VERIFY=1; keys from DOCKER_CERT_PATH. */
function usesTls(url: URL): boolean {
  return url.protocol === "https:" || tcpPort(url) === 2376 || process.env.DOCKER_TLS_VERIFY === "1";
}

function certDir(): string {
  return process.env.DOCKER_CERT_PATH ?? path.join(os.homedir(), ".docker");
}

/** ca.pem, cert.pem and key.pem from DOCKER_CERT_PATH (default ~/.docker), those that exist. */
function tlsFiles(): { ca?: Buffer; cert?: Buffer; key?: Buffer } {
  const dir = certDir();
  const read = (file: string) =>
    fs.existsSync(path.join(dir, file)) ? fs.readFileSync(path.join(dir, file)) : undefined;
  return Object.fromEntries(
    Object.entries({ ca: read("ca.pem"), cert: read("cert.pem"), key: read("key.pem") }).filter(
      ([, v]) => v !== undefined,
    ),
  );
}
