// The node agent through the real pulumi CLI: a deployed stack stays true with no Pulumi command after
// two Docker daemon restarts in a row and after `docker kill` of each of Podling's system containers. Its
// two LoadBalancer services keep answering the host at the addresses they were given.
import {
  docker,
  exec,
  freeCidr,
  wholeLog,
  managedObjects,
  removeNetworkAndPods,
  requireDocker,
  restartDockerDaemon,
  uniqueName,
} from "../support/docker";
import { execIn } from "../../provider/docker/containers";
import { hostGet } from "../support/host-http";
import { TestStack, testStack } from "../support/pulumi";
import { eventually } from "../support/wait";
import { clusterDnsName } from "../../provider/pod-network/cluster-dns";

jest.setTimeout(600_000);

/** How long the checks may take to hold after a fault; generous for a loaded machine, and not the measure. */
const RECOVERY_BOUND_S = 120;
/** Probes of the denied pair after recovery: a firewall that is missing fails every one of them. */
const DENIED_SAMPLES = 20;

describe("node agent: the stack stays true with no Pulumi command", () => {
  const network = uniqueName("e2e-agent");
  let t: TestStack;
  let out: Record<string, any>;

  beforeAll(async () => {
    await requireDocker();
    t = await testStack("agent", { network, cidr: await freeCidr() });
  });
  afterAll(async () => {
    await t?.dispose().catch(() => undefined);
    await removeNetworkAndPods(network);
  });

  const fetch = async (container: string, url: string) =>
    (await execIn(container, ["sh", "-c", `timeout 3 wget -qO- ${url} 2>&1`])).stdout;
  const containerIds = () => [
    out.webSandbox,
    out.webIds.server,
    out.webIds.sidecar,
    out.clientId,
    out.intruderId,
    `agent.${network}`,
    `agent-guard.${network}`,
    clusterDnsName(network),
  ];
  const running = async (id: string) => (await docker.getContainer(id).inspect()).State.Running;
  const initRuns = async () => (await exec(out.webIds.server, ["cat", "/www/runs"])).trim().split("\n").length;

  /**
   * Everything that must hold, checked once: every container runs, the pod keeps its IP and its localhost,
   * the service answers by name and ClusterIP, and the intruder is refused.
   */
  async function stackHolds(): Promise<boolean> {
    if (!(await Promise.all(containerIds().map(running))).every(Boolean)) return false;
    if (!(await exec(out.webIds.sidecar, ["ip", "-4", "-o", "addr", "show", "eth0"])).includes(`${out.webIP}/`))
      return false;
    if ((await fetch(out.webIds.sidecar, "http://localhost:8080/index.html")) !== "rendered-by-init\n") return false;
    if ((await fetch(out.clientId, `http://${out.serviceIP}/index.html`)) !== "rendered-by-init\n") return false;
    if ((await fetch(out.clientId, `http://${out.serviceName}/index.html`)) !== "rendered-by-init\n") return false;
    for (const ip of out.loadBalancerIPs as string[])
      if ((await hostGet(80, ip).catch(() => "")) !== "published\n") return false;
    return (await intruderRefused()) === 1;
  }

  /** 1 when the intruder's probe of the web pod got no page. */
  async function intruderRefused(): Promise<number> {
    return (await fetch(out.intruderId, `http://${out.webIP}:8080/index.html`)).includes("rendered-by-init") ? 0 : 1;
  }

  async function expectDeniedEveryTime(): Promise<void> {
    let refused = 0;
    for (let i = 0; i < DENIED_SAMPLES; i++) refused += await intruderRefused();
    expect(refused).toBe(DENIED_SAMPLES);
  }

  it("1. up deploys the stack; the client reaches the service, the intruder is refused", async () => {
    const result = await t.stack.up();
    out = Object.fromEntries(Object.entries(result.outputs).map(([k, v]) => [k, v.value]));
    // Two addresses of their own, from 127.0.0.2 up: both services publish port 80.
    expect(out.loadBalancerIPs).toHaveLength(2);
    expect(new Set(out.loadBalancerIPs).size).toBe(2);
    for (const ip of out.loadBalancerIPs) expect(ip).toMatch(/^127\.0\.0\.(\d+)$/);
    expect(out.loadBalancerIPs).not.toContain("127.0.0.1");
    expect(await stackHolds()).toBe(true);
    expect(await initRuns()).toBe(1);
    await expectDeniedEveryTime();
  });

  let deniedBefore = 0;
  for (const round of [1, 2]) {
    it(`${round + 1}. after Docker daemon restart ${round} of 2, with no Pulumi command, everything holds again: containers, IP, localhost, service by name and ClusterIP, the denied pair, init run again`, async () => {
      await restartDockerDaemon();
      const back = Date.now();
      await eventually("the stack holds again after the daemon restart", RECOVERY_BOUND_S, stackHolds);
      console.log(`daemon restart ${round}: every check holds ${Date.now() - back} ms after the daemon answered`);
      await expectDeniedEveryTime();
      // The sandbox is new: its init container ran again before the app containers, as the kubelet does.
      expect(await initRuns()).toBe(round + 1);
      // The intruder probed the web pod ten times a second all along, from the moment it ran again: the
      // agent loads the firewall into the new sandbox before it starts any container of the pod.
      const log = (await wholeLog(out.intruderId)).split("\n");
      const count = (verdict: string) => log.filter((l) => l === verdict).length;
      console.log(
        `daemon restart ${round}: the intruder's probes so far: ${count("denied")} denied, ${count("ANSWERED")} answered`,
      );
      // It probed during this round: each probe takes up to a second, and the round well over ten.
      expect(count("denied") - deniedBefore).toBeGreaterThanOrEqual(5);
      expect(count("ANSWERED")).toBe(0);
      deniedBefore = count("denied");
    });
  }

  for (const system of ["agent", "guard", "dns", "router", "sandbox"] as const) {
    it(`docker kill of the ${system} container: it repairs itself and the stack holds, with no Pulumi command`, async () => {
      const name = {
        agent: `agent.${network}`,
        guard: `agent-guard.${network}`,
        dns: clusterDnsName(network),
        router: `svc.${network}_default_web`,
        sandbox: out.webSandbox,
      }[system];
      const before = (await docker.getContainer(name).inspect()).State.StartedAt;
      await docker.getContainer(name).kill();
      const killed = Date.now();
      await eventually(`${name} runs again`, RECOVERY_BOUND_S, async () => {
        const state = (await docker.getContainer(name).inspect()).State;
        return state.Running && state.StartedAt !== before;
      });
      await eventually(`the stack holds after the kill of ${name}`, RECOVERY_BOUND_S, stackHolds);
      console.log(`docker kill ${system}: every check holds ${Date.now() - killed} ms after the kill`);
      await expectDeniedEveryTime();
    });
  }

  it("an agent removed outside Pulumi: preview plans the network's update, and up starts it again and says so", async () => {
    await docker.getContainer(`agent.${network}`).remove({ force: true });
    expect((await t.stack.preview()).changeSummary.update).toBe(1);
    const result = await t.stack.up();
    expect(result.stdout).toContain(`podling: PodNetwork "${network}": node agent started`);
    await eventually("the stack holds with the new agent", RECOVERY_BOUND_S, stackHolds);
    await expectDeniedEveryTime();
  });

  it("refresh after all of that finds the stack as declared, and up has nothing to do", async () => {
    await t.stack.refresh();
    await t.stack.preview({ expectNoChanges: true });
    // The LoadBalancer addresses are the ones given at create, through every fault above.
    expect((await t.stack.outputs()).loadBalancerIPs.value).toEqual(out.loadBalancerIPs);
  });

  it("destroy removes the agent with its state volume, and everything else", async () => {
    await t.stack.destroy();
    expect(await managedObjects(network)).toEqual({ containers: [], networks: [], volumes: [] });
  });
});
