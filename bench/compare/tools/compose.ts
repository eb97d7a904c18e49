// Debian's docker-compose (1.29) on the same engine and images: a pause service per pod with a fixed
// address, the members in its namespace (network_mode: service:<pause>), and a router per service.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { addressAt } from "../../../core/cidr";
import { COMPOSE } from "../measurement";
import type { Tool } from "../tool";
import {
  BUSYBOX,
  NETUTIL,
  PAUSE,
  podNames,
  serverCommand,
  serverEnv,
  serviceCount,
  SIDECAR_COMMAND,
  Workload,
} from "../workload";

/** docker-compose reads YAML, and JSON is YAML. */
function composeFile(w: Workload): object {
  const services: Record<string, object> = {
    dns: {
      image: NETUTIL,
      command: ["sleep", "infinity"],
      networks: { pods: { ipv4_address: addressAt(w.cidr, 250) } },
    },
  };
  podNames(w.n).forEach((pod, i) => {
    services[pod] = { image: PAUSE, networks: { pods: { ipv4_address: addressAt(w.cidr, 2 + i) } } };
    services[`${pod}-server`] = {
      image: BUSYBOX,
      entrypoint: serverCommand(pod),
      environment: serverEnv(i, w),
      network_mode: `service:${pod}`,
      depends_on: [pod],
    };
    services[`${pod}-sidecar`] = {
      image: BUSYBOX,
      entrypoint: SIDECAR_COMMAND,
      network_mode: `service:${pod}`,
      depends_on: [pod],
    };
  });
  for (let s = 0; s < serviceCount(w.n); s++)
    services[`svc${s}`] = {
      image: NETUTIL,
      command: ["sleep", "infinity"],
      networks: { pods: { ipv4_address: addressAt(w.cidr, 200 + s) } },
    };
  return { version: "2.4", services, networks: { pods: { name: w.network, ipam: { config: [{ subnet: w.cidr }] } } } };
}

export function composeTool(): Tool {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "podling-bench-compose-"));
  const file = path.join(dir, "docker-compose.yml");
  const compose = (w: Workload, ...args: string[]) => {
    fs.writeFileSync(file, JSON.stringify(composeFile(w)));
    execFileSync("docker-compose", ["-p", `bench${process.pid}`, "-f", file, ...args], {
      stdio: "pipe",
      env: { ...process.env, COMPOSE_PARALLEL_LIMIT: "256" },
    });
  };
  return {
    name: COMPOSE,
    memoryOf: /docker-compose/,
    async unavailable() {
      try {
        return execFileSync("docker-compose", ["version", "--short"]).length > 0
          ? undefined
          : "docker-compose printed no version";
      } catch (err) {
        return `docker-compose does not run: ${String(err)}`;
      }
    },
    async create(w) {
      compose(w, "up", "-d");
    },
    async noop(w) {
      compose(w, "up", "-d");
    },
    async updateOne(w) {
      compose(w, "up", "-d");
    },
    async scale(w) {
      compose(w, "up", "-d");
    },
    async destroy(w) {
      compose(w, "down", "--timeout", "1");
    },
    stateBytes: () => fs.statSync(file).size,
  };
}
