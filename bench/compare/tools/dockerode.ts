// The lower bound: the Docker API calls a pod needs (network, cluster DNS, a sandbox with a fixed address,
// two containers in its namespace, a router per service), made through dockerode with the concurrency
// Pulumi uses here (8 operations at once), and nothing else: no state, no diff, no checks.
import Docker from "dockerode";
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
import { addressAt } from "../../../core/cidr";
import { inPool } from "./pool";
import { LOWER_BOUND } from "../measurement";

const docker = new Docker();
const LABEL = { "podling.io/bench": "dockerode" };

async function run(options: Docker.ContainerCreateOptions): Promise<void> {
  const c = await docker.createContainer({ ...options, Labels: LABEL });
  await c.start();
}

async function createPod(w: Workload, i: number): Promise<void> {
  const name = `${w.network}_p${i}`;
  await run({
    name,
    Image: PAUSE,
    HostConfig: { NetworkMode: w.network },
    NetworkingConfig: { EndpointsConfig: { [w.network]: { IPAMConfig: { IPv4Address: addressAt(w.cidr, 2 + i) } } } },
  });
  await run({
    name: `${name}_server`,
    Image: BUSYBOX,
    Entrypoint: serverCommand(`p${i}`),
    Env: Object.entries(serverEnv(i, w)).map(([k, v]) => `${k}=${v}`),
    HostConfig: { NetworkMode: `container:${name}` },
  });
  await run({
    name: `${name}_sidecar`,
    Image: BUSYBOX,
    Entrypoint: SIDECAR_COMMAND,
    HostConfig: { NetworkMode: `container:${name}` },
  });
}

const router = (w: Workload, s: number) =>
  run({
    name: `${w.network}_svc${s}`,
    Image: NETUTIL,
    Cmd: ["sleep", "infinity"],
    HostConfig: { NetworkMode: w.network },
    NetworkingConfig: { EndpointsConfig: { [w.network]: { IPAMConfig: { IPv4Address: addressAt(w.cidr, 200 + s) } } } },
  });

async function removeAll(filter: (name: string) => boolean): Promise<void> {
  const all = await docker.listContainers({ all: true, filters: { label: ["podling.io/bench=dockerode"] } });
  await Promise.all(
    all.filter((c) => filter(c.Names[0].slice(1))).map((c) => docker.getContainer(c.Id).remove({ force: true })),
  );
}

export function dockerodeTool(): Tool {
  let pods = 0;
  let services = 0;
  return {
    name: LOWER_BOUND,
    async unavailable() {
      return undefined;
    },
    async create(w) {
      await docker.createNetwork({
        Name: w.network,
        Driver: "bridge",
        Labels: LABEL,
        IPAM: { Driver: "default", Config: [{ Subnet: w.cidr }] },
      });
      await run({
        name: `${w.network}_dns`,
        Image: NETUTIL,
        Cmd: ["sleep", "infinity"],
        HostConfig: { NetworkMode: w.network },
        NetworkingConfig: { EndpointsConfig: { [w.network]: { IPAMConfig: { IPv4Address: addressAt(w.cidr, 250) } } } },
      });
      await inPool([
        ...podNames(w.n).map((_, i) => () => createPod(w, i)),
        ...Array.from({ length: serviceCount(w.n) }, (_, s) => () => router(w, s)),
      ]);
      pods = w.n;
      services = serviceCount(w.n);
    },
    async noop() {
      await docker.listContainers({ all: true, filters: { label: ["podling.io/bench=dockerode"] } });
    },
    async updateOne(w) {
      await removeAll(
        (name) =>
          name.startsWith(`${w.network}_p0`) && (name === `${w.network}_p0` || name.startsWith(`${w.network}_p0_`)),
      );
      await createPod(w, 0);
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
      await removeAll(() => true);
      // Docker may still be detaching a just-removed container ("has active endpoints"): retry briefly.
      for (let attempt = 1; ; attempt++) {
        try {
          return await docker.getNetwork(w.network).remove();
        } catch (err) {
          if (attempt >= 20 || !/active endpoints/.test(String(err))) throw err;
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    },
  };
}
