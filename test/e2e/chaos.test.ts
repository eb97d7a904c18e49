// Chaos during an `up`, as issue #16 asks: 30 pods and a service are being created while a random Podling
// container of that stack is killed every 5 s and the Docker daemon restarts once. The run may fail; one
// refresh and one more `up` must then converge: every pod serves, the service answers, 30 distinct
// addresses, nothing leaked. A second stack deployed beside it is never touched: its containers are the
// same ones, and its own refresh finds nothing to change.
import {
  docker,
  exec,
  freeCidr,
  removeNetworkAndPods,
  requireDocker,
  restartDockerDaemon,
  uniqueName,
} from "../support/docker";
import { objectsUnknownToState } from "../support/leaks";
import { answerFromAnotherPod, assertConverged, servedPod, sidecarsOf } from "../support/served-pods";
import { declare, TestStack, testStack } from "../support/pulumi";
import { eventually } from "../support/wait";

jest.setTimeout(1_200_000);

const KILLS = 12;
const KILL_EVERY_MS = 5000;
/** The daemon restarts once this many of the stack's sandboxes exist, so it lands in the middle of the up. */
const RESTART_AFTER_SANDBOXES = 10;

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const containersOf = (network: string, role?: string) =>
  docker.listContainers({
    all: true,
    filters: { label: [`podling.io/network=${network}`, ...(role ? [`podling.io/role=${role}`] : [])] },
  });

describe("chaos: an up of 30 pods through kills and a daemon restart converges, and another stack is left alone", () => {
  const network = uniqueName("e2e-chaos");
  const bystanderNetwork = uniqueName("e2e-chaos-by");
  let t: TestStack;
  let bystander: TestStack;
  const pods = Array.from({ length: 30 }, (_, i) => servedPod(`p${i}`));
  const names = pods.map((p) => p.name);
  const bystanderPods = [servedPod("b0"), servedPod("b1")];

  beforeAll(async () => {
    await requireDocker();
    bystander = await testStack("from-config", {});
    await declare(bystander, {
      networks: [{ resource: "net", name: bystanderNetwork, cidr: await freeCidr() }],
      pods: bystanderPods,
    });
    await bystander.stack.up();
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
    await bystander?.dispose().catch(() => undefined);
    await removeNetworkAndPods(network);
    await removeNetworkAndPods(bystanderNetwork);
  });

  it("kills and a daemon restart during the up; one refresh and one more up converge; the other stack keeps its containers", async () => {
    const bystanderIds = (await containersOf(bystanderNetwork)).map((c) => c.Id).sort();
    expect(bystanderIds.length).toBeGreaterThanOrEqual(bystanderPods.length * 3);

    // The up goes on past a pod whose create a kill cut short (--continue-on-error), so it is still running
    // when the daemon restart comes, whichever container the first kills hit.
    let upRunning = true;
    const up = t.stack.up({ continueOnError: true }).then(
      () => "succeeded",
      (err: Error) => `failed: ${err.message.split("\n").find((l) => /error:/.test(l)) ?? err.message.slice(0, 200)}`,
    );
    void up.finally(() => (upRunning = false));

    // The daemon restart waits for the stack's tenth sandbox, looking four times a second; an up that ends
    // before that fails the test below rather than leaving it waiting.
    let restartedDuringUp = false;
    const restart = (async () => {
      while (upRunning && (await containersOf(network, "infra").catch(() => [])).length < RESTART_AFTER_SANDBOXES)
        await sleep(250);
      restartedDuringUp = upRunning;
      await restartDockerDaemon();
    })();

    const seed = Date.now() % 2 ** 31;
    const next = random(seed);
    const killed: string[] = [];
    let killsDuringUp = 0;
    const runningNow = () =>
      docker.listContainers({ filters: { label: [`podling.io/network=${network}`] } }).catch(
        () => [], // the daemon is restarting
      );
    for (let i = 0; i < KILLS; i++) {
      // The first kill comes as soon as one of the stack's containers runs, so at least one lands during
      // the up however fast it goes; the rest follow every 5 s.
      if (i === 0) while (upRunning && (await runningNow()).length === 0) await sleep(250);
      else await sleep(KILL_EVERY_MS);
      const running = await runningNow();
      if (running.length === 0) {
        killed.push("(nothing running)");
        continue;
      }
      const victim = running[Math.floor(next() * running.length)];
      if (upRunning) killsDuringUp++;
      killed.push(`${victim.Names[0]} (${victim.Labels["podling.io/role"]})${upRunning ? " during the up" : ""}`);
      await docker
        .getContainer(victim.Id)
        .kill()
        .catch(() => undefined); // it may have stopped meanwhile
    }
    await restart;
    const first = await up;
    console.log(`seed ${seed}; the chaotic up ${first}; killed, in order: ${killed.join(", ")}`);
    expect(restartedDuringUp).toBe(true);
    expect(killsDuringUp).toBeGreaterThan(0);

    // At most one more up, after a refresh that forgets the creates the restart cut short.
    const calm = Date.now();
    await t.stack.refresh({ clearPendingCreates: true });
    await t.stack.up();
    console.log(`the second up converged ${Date.now() - calm} ms after the last kill`);

    const ips: Record<string, string> = (await t.stack.outputs()).podIPs.value;
    const sidecars = await sidecarsOf(t);
    await eventually("every pod serves by pod IP and the service answers by name", 180, async () => {
      for (const name of names) if ((await answerFromAnotherPod(sidecars, ips, name)) !== `${name}\n`) return false;
      const viaService = await exec(sidecars.p0, [
        "sh",
        "-c",
        "timeout 5 wget -qO- http://served.default.svc.cluster.local:80/",
      ]);
      return /^p\d+\n$/.test(viaService);
    });
    await t.stack.preview({ expectNoChanges: true });
    await assertConverged(t, network, names);

    // The other stack: the same containers, all running again after the daemon restart, nothing to change.
    expect((await containersOf(bystanderNetwork)).map((c) => c.Id).sort()).toEqual(bystanderIds);
    await eventually("the other stack's pods serve", 120, async () => {
      const others = await sidecarsOf(bystander);
      const otherIps: Record<string, string> = (await bystander.stack.outputs()).podIPs.value;
      return (await answerFromAnotherPod(others, otherIps, "b0")) === "b0\n";
    });
    await bystander.stack.refresh();
    await bystander.stack.preview({ expectNoChanges: true });
    expect(await objectsUnknownToState(bystander.stack, [bystanderNetwork])).toEqual([]);
  });
});
