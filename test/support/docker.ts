// Test helpers around the real Docker engine. They fail loudly when no engine answers; they never skip.
import { execFile } from "child_process";
import Docker from "dockerode";
import * as fs from "fs";
import * as path from "path";
import { execIn, logTail, readFiles } from "../../provider/docker/containers";
import { LABEL } from "../../provider/labels";
import { splitStreams } from "../../provider/docker/dockerode/streams";
import { overlaps } from "../../core/cidr";
import { promisify } from "util";

const execFileAsync = promisify(execFile);

/** Held while the root engine restarts or the lab copies images from it (scripts/lab-nodes.sh takes it too). */
export const ROOT_ENGINE_LOCK = "/tmp/podling-root-engine.lock";

export const docker = new Docker();

export async function requireDocker(): Promise<void> {
  try {
    await docker.ping();
  } catch (err) {
    throw new Error(
      `These tests need a Docker engine and none answers (${String(err)}). Run them with "npm test", which installs and starts one.`,
    );
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 7)}`;
}

/** A free /24 (or the given prefix, /16 to /29) inside 10.200.0.0/13 that no Docker network overlaps. */
export async function freeCidr(prefix = 24): Promise<string> {
  const taken = (await docker.listNetworks()).flatMap((n) =>
    (n.IPAM?.Config ?? []).map((c) => c.Subnet).filter((s): s is string => !!s && !s.includes(":")),
  );
  const step = 1 << Math.max(0, 24 - prefix); // a network address also for prefixes shorter than /24
  for (let attempt = 0; attempt < 500; attempt++) {
    const second = 200 + Math.floor(Math.random() * 8);
    const third = Math.floor(Math.random() * (256 / step)) * step;
    const candidate = `10.${second}.${third}.0/${prefix}`;
    if (!taken.some((t) => overlaps(candidate, t))) return candidate;
  }
  throw new Error("no free test CIDR in 10.200.0.0/13");
}

/** Removes every container of a test's network, then the network: cleanup by label, not by test code. */
export async function removeNetworkAndPods(network: string): Promise<void> {
  const containers = await docker.listContainers({ all: true, filters: { label: [`${LABEL.network}=${network}`] } });
  await Promise.all(
    containers.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true, v: true })
        .catch(() => undefined),
    ),
  );
  await removeNetworkOnceFree(network);
  const { Volumes: volumes } = await docker.listVolumes({ filters: { label: [`${LABEL.network}=${network}`] } });
  await Promise.all(
    (volumes ?? []).map((v) =>
      docker
        .getVolume(v.Name)
        .remove()
        .catch(() => undefined),
    ),
  );
}

/**
 * Removes the network, waiting (up to a minute) while Docker still counts endpoints of containers just
 * removed: after dozens of containers go at once, it lags, and a removal then refused leaked the network.
 * A network that is already gone is fine; one that stays refused fails the caller.
 */
async function removeNetworkOnceFree(network: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await docker.getNetwork(network).remove();
      return;
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return;
      if (attempt >= 120) throw new Error(`test network ${network} could not be removed: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** The short-lived firewall helper containers of a network (none where its node agent loads firewalls). */
export async function firewallHelpers(network: string): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({
    all: true,
    filters: { label: [`${LABEL.network}=${network}`, `${LABEL.role}=firewall`] },
  });
}

export async function managedObjects(
  network: string,
): Promise<{ containers: string[]; networks: string[]; volumes: string[] }> {
  const filters = { label: [`${LABEL.managed}=true`, `${LABEL.network}=${network}`] };
  const containers = await docker.listContainers({ all: true, filters });
  const networks = await docker.listNetworks({ filters });
  const { Volumes: volumes } = await docker.listVolumes({ filters });
  return {
    containers: containers.map((c) => c.Names[0]),
    networks: networks.map((n) => n.Name),
    volumes: (volumes ?? []).map((v) => v.Name),
  };
}

/** Runs a command in a container and returns stdout; throws with stderr when it fails. */
export async function exec(containerId: string, cmd: string[]): Promise<string> {
  const result = await execIn(containerId, cmd);
  if (result.exitCode !== 0)
    throw new Error(`${cmd.join(" ")} exited ${result.exitCode}: ${result.stderr || result.stdout}`);
  return result.stdout;
}

/**
 * NAME's addresses, sorted, as an application's resolver finds them inside the container (through its
 * search path and ndots; busybox nslookup searches only dotless names); none when it does not resolve.
 * The container needs podling-probe (podling/probe:1).
 */
export async function resolveIn(containerId: string, name: string): Promise<string[]> {
  const result = await execIn(containerId, ["podling-probe", "resolve", name]);
  return result.stdout.split("\n").filter(Boolean).sort();
}

export async function logsOf(containerId: string): Promise<string> {
  return logTail(containerId, 200);
}

/** Everything a container wrote to stdout, over all its runs. */
export async function wholeLog(containerId: string): Promise<string> {
  const raw = (await docker.getContainer(containerId).logs({ stdout: true })) as unknown as Buffer;
  return splitStreams(raw).stdout;
}

/** One desired-state file of the network's node agent, as the provider last wrote it. */
export async function agentDesired(network: string, key: string): Promise<any> {
  const entry = await agentEntry(network, key);
  if (entry === undefined) throw new Error(`the agent of ${network} holds no ${key}`);
  return entry;
}

/** The desired-state file `key` of the network's node agent; undefined when it has none. */
export async function agentEntry(network: string, key: string): Promise<any> {
  const files = await readFiles(`agent.${network}`, `/state/desired/${key}.json`);
  return files?.[0] ? JSON.parse(files[0].content) : undefined;
}

/**
 * Freezes the network's node agent (docker pause), to show what Podling does while it is down. Stopping it
 * would not do: its guard starts it again, and it starts its guard. The function returned thaws it.
 */
export async function pauseAgent(network: string): Promise<() => Promise<void>> {
  await docker.getContainer(`agent.${network}`).pause();
  return async () => {
    await docker.getContainer(`agent.${network}`).unpause();
  };
}

/**
 * Stops the Docker daemon the way a host shutdown does (SIGTERM, containers stopped) and starts it
 * again with the setup script. Needs a dockerd whose pid file is /var/run/docker.pid, as setup starts it.
 * Holds the root engine's lock meanwhile, so that the lab (which copies its images from this engine,
 * scripts/lab-nodes.sh) never reads from it while it is down.
 */
export async function restartDockerDaemon(): Promise<void> {
  const pidFile = "/var/run/docker.pid";
  if (!fs.existsSync(pidFile))
    throw new Error(
      `cannot restart the Docker daemon: ${pidFile} is missing (the test needs the dockerd that scripts/setup/docker-engine.sh starts)`,
    );
  const restart = `pid=$(cat ${pidFile}); kill -TERM "$pid"
for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$pid" 2>/dev/null; then echo "dockerd (pid $pid) did not stop within 60 s of SIGTERM" >&2; exit 1; fi
exec bash "$1"`;
  const setup = path.join(__dirname, "..", "..", "scripts", "setup", "docker-engine.sh");
  // --close: the dockerd started here must not inherit the lock's descriptor, or it would hold the lock for
  // its whole life and the next restart (or the lab's image copy) would wait for ever.
  await execFileAsync("flock", ["--close", ROOT_ENGINE_LOCK, "bash", "-c", restart, "restart", setup]);
}
