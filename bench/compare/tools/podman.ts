// Debian's podman (4.3) with its own pods (`podman pod create`), on a podman network with the same
// subnet and fixed addresses, images loaded from Docker. Podman is a separate engine, not Docker.
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { addressAt } from "../../../core/cidr";
import type { Tool } from "../tool";
import {
  BUSYBOX,
  NETUTIL,
  podNames,
  serverCommand,
  serverEnv,
  serviceCount,
  SIDECAR_COMMAND,
  Workload,
} from "../workload";
import { inPool } from "./pool";

const exec = promisify(execFile);
// Podman's default RLIMIT_NOFILE (1048576) is above this machine's hard limit, and every container
// start then fails with "error setting rlimit type 7: operation not permitted".
const CONF = path.join(os.tmpdir(), "podling-bench-containers.conf");
const env = { ...process.env, CONTAINERS_CONF: CONF };
const podman = (...args: string[]) => exec("podman", args, { env });
const LOCAL = (image: string) => `localhost/${image}`;

async function createPod(w: Workload, i: number): Promise<void> {
  const pod = `${w.network}-p${i}`;
  await podman(
    "pod",
    "create",
    "--name",
    pod,
    "--network",
    w.network,
    "--ip",
    addressAt(w.cidr, 2 + i),
    "--label",
    "podling.io/bench=podman",
  );
  const envArgs = Object.entries(serverEnv(i, w)).flatMap(([k, v]) => ["--env", `${k}=${v}`]);
  await podman(
    "run",
    "-d",
    "--pod",
    pod,
    "--name",
    `${pod}-server`,
    ...envArgs,
    "--entrypoint",
    JSON.stringify(serverCommand(`p${i}`)),
    LOCAL(BUSYBOX),
  );
  await podman(
    "run",
    "-d",
    "--pod",
    pod,
    "--name",
    `${pod}-sidecar`,
    "--entrypoint",
    JSON.stringify(SIDECAR_COMMAND),
    LOCAL(BUSYBOX),
  );
}

const router = (w: Workload, s: number) =>
  podman(
    "run",
    "-d",
    "--name",
    `${w.network}-svc${s}`,
    "--network",
    w.network,
    "--ip",
    addressAt(w.cidr, 200 + s),
    "--label",
    "podling.io/bench=podman",
    LOCAL(NETUTIL),
    "sleep",
    "infinity",
  );

export function podmanTool(): Tool {
  let pods = 0;
  let services = 0;
  return {
    name: "Podman",
    memoryOf: /podman|conmon/,
    async unavailable() {
      fs.writeFileSync(CONF, '[containers]\ndefault_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]\n');
      try {
        for (const image of [BUSYBOX, NETUTIL])
          execFileSync("sh", ["-c", `podman image exists ${LOCAL(image)} || docker save ${image} | podman load`], {
            env,
            stdio: "pipe",
          });
        await podman("run", "--rm", LOCAL(BUSYBOX), "true");
        return undefined;
      } catch (err) {
        return `podman cannot run a container here: ${String((err as { stderr?: string }).stderr ?? err)
          .trim()
          .split("\n")
          .pop()}`;
      }
    },
    async create(w) {
      await podman("network", "create", "--subnet", w.cidr, w.network);
      await podman(
        "run",
        "-d",
        "--name",
        `${w.network}-dns`,
        "--network",
        w.network,
        "--ip",
        addressAt(w.cidr, 250),
        "--label",
        "podling.io/bench=podman",
        LOCAL(NETUTIL),
        "sleep",
        "infinity",
      );
      await inPool([
        ...podNames(w.n).map((_, i) => () => createPod(w, i)),
        ...Array.from({ length: serviceCount(w.n) }, (_, s) => () => router(w, s)),
      ]);
      pods = w.n;
      services = serviceCount(w.n);
    },
    async noop() {
      await podman("ps", "-a", "--filter", "label=podling.io/bench=podman");
    },
    async updateOne(w) {
      await podman("rm", "-f", "-t", "1", `${w.network}-p0-server`);
      const envArgs = Object.entries(serverEnv(0, w)).flatMap(([k, v]) => ["--env", `${k}=${v}`]);
      await podman(
        "run",
        "-d",
        "--pod",
        `${w.network}-p0`,
        "--name",
        `${w.network}-p0-server`,
        ...envArgs,
        "--entrypoint",
        JSON.stringify(serverCommand("p0")),
        LOCAL(BUSYBOX),
      );
    },
    async scale(w) {
      await inPool([
        ...podNames(w.n)
          .slice(pods)
          .map((_, k) => () => createPod(w, pods + k)),
        ...Array.from({ length: serviceCount(w.n) - services }, (_, k) => () => router(w, services + k)),
      ]);
      pods = w.n;
      services = serviceCount(w.n);
    },
    async destroy(w) {
      await podman("pod", "rm", "-f", "-t", "1", "--all");
      await podman("rm", "-f", "-t", "1", "--all");
      await podman("network", "rm", w.network);
    },
    async cleanup(w) {
      await this.destroy(w).catch(() => undefined);
    },
  };
}
