// Chaos: `pulumi up` of 30 pods while a random Podling container of this stack crashes every 5 s and the
// Docker daemon restarts once. The first `up` may fail; `refresh` and one more `up` must converge, with
// distinct addresses, nothing leaked, and a bystander that looks like another stack's pod untouched.
// The daemon restart disturbs everyone on the engine: run this file alone, under the Docker lock.
import { LABEL, networkLabels, podLabels } from "../../provider/labels";
import { docker, freeCidr, removeNetworkAndPods, requireDocker, restartDockerDaemon, uniqueName } from "../support/docker";
import { declare, TestStack, testStack } from "../support/pulumi";
import { answerFromAnotherPod, assertConverged, servedPod, sidecarsOf } from "../support/served-pods";
import { eventually } from "../support/wait";
import { sleeper } from "../support/workloads";

jest.setTimeout(1_800_000);

const KILL_EVERY_MS = 5000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Every 5 s, crashes a random running Podling container of `network`: SIGKILL to its main process, which
 * Docker's restart policy answers. Not `docker kill`: Docker 20.10 records that as a manual stop and
 * leaves the container down, which is an operator's stop rather than a crash. A round in which Docker
 * does not answer (the daemon restarting) or the container is already gone is skipped.
 */
function crashLoop(network: string) {
  const victims: string[] = [];
  let skipped = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      await sleep(KILL_EVERY_MS);
      if (!running) break;
      try {
        const candidates = await docker.listContainers({ filters: { label: [`${LABEL.managed}=true`, `${LABEL.network}=${network}`] } });
        if (candidates.length === 0) continue;
        const victim = candidates[Math.floor(Math.random() * candidates.length)];
        const { State } = await docker.getContainer(victim.Id).inspect();
        // A container that stopped meanwhile shows Pid 0, and kill(0) would signal this test's own process group.
        if (!State.Running || !(State.Pid > 0)) throw new Error("no longer running");
        process.kill(State.Pid, "SIGKILL");
        const l = victim.Labels;
        victims.push(`${l[LABEL.pod] ?? l[LABEL.role]}/${l[LABEL.container] ?? l[LABEL.role]}`);
      } catch {
        skipped++;
      }
    }
  })();
  return {
    victims,
    skipped: () => skipped,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

describe("chaos: up of 30 pods under container crashes and a daemon restart", () => {
  const network = uniqueName("e2e-chaos");
  const otherNetwork = uniqueName("e2e-chaos-other");
  const pods = Array.from({ length: 30 }, (_, i) => ({ ...servedPod(`p${i}`), readyTimeoutSeconds: 90 }));
  const names = pods.map((p) => p.name);
  let t: TestStack;
  let bystander: string;

  beforeAll(async () => {
    await requireDocker();
    t = await testStack("from-config", {});
    await declare(t, { networks: [{ resource: "net", name: network, cidr: await freeCidr() }], pods });
    // Another stack's pod, as Docker sees it: a running sandbox labelled as pod default/p0 (a name this
    // stack uses too) on another network, with the restart policy Podling gives sandboxes.
    await docker.createNetwork({ Name: otherNetwork, Labels: networkLabels(otherNetwork) });
    const other = await docker.createContainer({
      name: `${otherNetwork}-p0`,
      Image: sleeper("p0").image,
      Cmd: sleeper("p0").command,
      Labels: podLabels({ network: otherNetwork, namespace: "default", pod: "p0" }, "infra"),
      HostConfig: { NetworkMode: otherNetwork, RestartPolicy: { Name: "unless-stopped" } },
    });
    await other.start();
    bystander = other.id;
  });
  afterAll(async () => {
    await t?.dispose().catch(() => undefined);
    await removeNetworkAndPods(network);
    await removeNetworkAndPods(otherNetwork);
  });

  it("converges after refresh and one more up, with 30 distinct addresses, nothing leaked and the other stack untouched", async () => {
    const started = Date.now();
    const crashes = crashLoop(network);
    let failure: Error | undefined;
    try {
      const firstUp = t.stack.up().then(
        () => undefined,
        (err: Error) => err,
      );
      // The daemon restarts once, while the first up is creating pods, with crashes before and after it.
      await eventually("twenty sandboxes exist", 300, async () => (await docker.listContainers({ all: true, filters: { label: [`${LABEL.network}=${network}`, `${LABEL.role}=infra`] } })).length >= 20);
      await restartDockerDaemon();
      failure = await firstUp;
    } finally {
      await crashes.stop();
    }
    const chaosSeconds = (Date.now() - started) / 1000;

    await t.stack.refresh({ clearPendingCreates: true });
    const secondUp = await t.stack.up();
    console.log(
      [
        `chaos: ${crashes.victims.length} crashes (${crashes.skipped()} rounds skipped while the daemon was away) and one daemon restart over ${chaosSeconds.toFixed(0)} s`,
        `first up: ${failure ? `failed: ${failure.message.split("\n").filter((l) => /error: /.test(l)).slice(0, 5).join(" | ")}` : "succeeded"}`,
        `second up (after refresh): ${JSON.stringify(secondUp.summary.resourceChanges)}`,
        `crashed: ${crashes.victims.join(", ")}`,
      ].join("\n"),
    );

    // A container crashed late in the run comes back through Docker's restart policy, whose back-off grows
    // with each restart: give it far longer than that back-off on a loaded machine before checking.
    const ips: Record<string, string> = (await t.stack.outputs()).podIPs.value;
    const sidecars = await sidecarsOf(t);
    await eventually("every pod answers another pod", 180, async () => {
      for (const name of names) if ((await answerFromAnotherPod(sidecars, ips, name).catch(() => "")) !== `${name}\n`) return false;
      return true;
    });
    await assertConverged(t, network, names);
    // Stack outputs come from the program; refresh rewrites the resources' state, which says what Docker shows.
    await t.stack.refresh();
    const state = (await t.stack.exportStack()).deployment.resources.filter((r: { type: string }) => r.type.endsWith("podling:Pod"));
    expect(state.map((r: any) => r.outputs.name).sort()).toEqual([...names].sort());
    expect(state.filter((r: any) => r.outputs.ready !== true).map((r: any) => `${r.outputs.name}: ${r.outputs.status}`)).toEqual([]);
    await t.stack.preview({ expectNoChanges: true });

    const other = await docker.getContainer(bystander).inspect();
    expect({ id: other.Id, running: other.State.Running, network: Object.keys(other.NetworkSettings.Networks) }).toEqual({ id: bystander, running: true, network: [otherNetwork] });
  });

  it("destroy leaves nothing, and the other stack's pod still runs", async () => {
    await t.stack.destroy();
    expect(await docker.listContainers({ all: true, filters: { label: [`${LABEL.network}=${network}`] } })).toEqual([]);
    expect((await docker.getContainer(bystander).inspect()).State.Running).toBe(true);
  });
});
