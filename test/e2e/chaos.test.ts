// Chaos with no Pulumi command: 30 pods and a service, a random Podling container killed every 5 s for a
// minute, with one Docker daemon restart in the middle. The node agent alone must bring every pod and the
// service back; a refresh then finds the stack as declared, and nothing leaks.
import {
  docker,
  exec,
  freeCidr,
  removeNetworkAndPods,
  requireDocker,
  restartDockerDaemon,
  uniqueName,
} from "../support/docker";
import { answerFromAnotherPod, assertConverged, servedPod, sidecarsOf } from "../support/served-pods";
import { declare, TestStack, testStack } from "../support/pulumi";
import { eventually } from "../support/wait";

jest.setTimeout(900_000);

const KILLS = 12;
const KILL_EVERY_MS = 5000;

/** A small seeded generator, so a failing run can be told apart and its seed printed. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

describe("chaos: the node agent holds 30 pods and a service through kills and a daemon restart", () => {
  const network = uniqueName("e2e-chaos");
  let t: TestStack;
  const pods = Array.from({ length: 30 }, (_, i) => servedPod(`p${i}`));
  const names = pods.map((p) => p.name);

  beforeAll(async () => {
    await requireDocker();
    t = await testStack("from-config", {});
    await declare(t, {
      networks: [{ resource: "net", name: network, cidr: await freeCidr() }],
      pods,
      services: [
        { resource: "svc", name: "served", selector: { app: "served" }, ports: [{ port: 80, targetPort: 8080 }] },
      ],
    });
  });
  afterAll(async () => {
    await t?.dispose().catch(() => undefined);
    await removeNetworkAndPods(network);
  });

  it("deploys, survives the chaos with no Pulumi command, and a refresh then finds nothing to change", async () => {
    await t.stack.up();
    const seed = Date.now() % 2 ** 31;
    const next = random(seed);
    const killed: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      if (i === KILLS / 2) {
        await restartDockerDaemon();
        killed.push("(daemon restart)");
      }
      const all = await docker.listContainers({ filters: { label: [`podling.io/network=${network}`] } });
      const victim = all[Math.floor(next() * all.length)];
      killed.push(`${victim.Names[0]} (${victim.Labels["podling.io/role"]})`);
      await docker
        .getContainer(victim.Id)
        .kill()
        .catch(() => undefined); // it may have stopped meanwhile
      await new Promise((r) => setTimeout(r, KILL_EVERY_MS));
    }
    console.log(`seed ${seed}; killed, in order: ${killed.join(", ")}`);

    const ips: Record<string, string> = (await t.stack.outputs()).podIPs.value;
    const sidecars = await sidecarsOf(t);
    const calm = Date.now();
    await eventually("every pod serves by pod IP and the service answers by name", 180, async () => {
      for (const name of names) if ((await answerFromAnotherPod(sidecars, ips, name)) !== `${name}\n`) return false;
      const viaService = await exec(sidecars.p0, [
        "sh",
        "-c",
        "timeout 5 wget -qO- http://served.default.svc.cluster.local:80/",
      ]);
      return /^p\d+\n$/.test(viaService);
    });
    console.log(`every pod and the service answered ${Date.now() - calm} ms after the last kill`);

    await eventually("refresh sees every pod ready", 120, async () => {
      await t.stack.refresh();
      const resources = (await t.stack.exportStack()).deployment.resources ?? [];
      const podStates = resources.filter((r: { type: string }) => r.type.endsWith("podling:Pod"));
      return podStates.length === names.length && podStates.every((r: any) => r.outputs?.ready === true);
    });
    await t.stack.preview({ expectNoChanges: true });
    await assertConverged(t, network, names);
  });
});
