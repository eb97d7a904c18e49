import * as net from "net";
import { podHandlers } from "../../provider/pod/handlers";
import { podNetworkHandlers } from "../../provider/pod-network/handlers";
import { contains } from "../../core/cidr";
import {
  agentEntry,
  docker,
  exec,
  freeCidr,
  logsOf,
  managedObjects,
  pauseAgent,
  removeNetworkAndPods,
  requireDocker,
  uniqueName,
} from "../support/docker";
import { checkedCreate, owned } from "../support/handlers";
import { httpServer, sleeper, TOOLBOX } from "../support/workloads";
import { eventually } from "../support/wait";

jest.setTimeout(90_000);

describe("Pod against the real engine", () => {
  const network = uniqueName("it-pod");
  let cidr: string;
  const pod = (name: string, extra: Record<string, unknown> = {}) => ({
    network,
    name,
    terminationGracePeriodSeconds: 1,
    ...extra,
  });

  beforeAll(async () => {
    await requireDocker();
    cidr = await freeCidr();
    await checkedCreate(podNetworkHandlers, { name: network, cidr });
  });
  afterAll(() => removeNetworkAndPods(network));

  describe("a two-container pod", () => {
    const podKey = `pod.${network}_default_pod-b`;
    let a: { id: string; outs: Record<string, any> };
    let b: { id: string; outs: Record<string, any> };

    beforeAll(async () => {
      a = await checkedCreate(
        podHandlers,
        pod("pod-a", { labels: { app: "a" }, containers: [httpServer("server", 8080, "from-a"), sleeper("sidecar")] }),
      );
      b = await checkedCreate(
        podHandlers,
        pod("pod-b", { containers: [httpServer("server", 8080, "from-b"), sleeper("sidecar")] }),
      );
    });

    it("gets one address from the network's CIDR, recorded on the sandbox", async () => {
      expect(contains(cidr, a.outs.podIP)).toBe(true);
      expect(a.outs.podIP).not.toBe(b.outs.podIP);
      const sandbox = await docker.getContainer(a.id).inspect();
      expect(sandbox.NetworkSettings.Networks[network].IPAddress).toBe(a.outs.podIP);
      expect(sandbox.Config.Labels).toMatchObject({
        "podling.io/managed": "true",
        "podling.io/network": network,
        "podling.io/namespace": "default",
        "podling.io/pod": "pod-a",
        "podling.io/role": "infra",
        "podling.io/pod-ip": a.outs.podIP,
      });
      expect(sandbox.Config.Hostname).toBe("pod-a");
    });

    it("runs app containers in the sandbox's namespace: same IP, shared localhost", async () => {
      const sidecar = a.outs.containerIds.sidecar;
      const info = await docker.getContainer(sidecar).inspect();
      expect(info.HostConfig.NetworkMode).toBe(`container:${a.id}`);
      expect(info.Config.Labels).toMatchObject({ "podling.io/role": "app", "podling.io/container": "sidecar" });
      expect(await exec(sidecar, ["wget", "-qO-", "http://localhost:8080/"])).toBe("from-a\n");
      expect(await exec(sidecar, ["ip", "-4", "-o", "addr", "show", "eth0"])).toContain(`${a.outs.podIP}/`);
    });

    it("reaches another pod by its IP, and the server sees the caller's pod IP (no NAT)", async () => {
      expect(await exec(b.outs.containerIds.sidecar, ["wget", "-qO-", `http://${a.outs.podIP}:8080/`])).toBe(
        "from-a\n",
      );
      expect(await logsOf(a.outs.containerIds.server)).toContain(`${b.outs.podIP}]:`);
    });

    it("read reports Running, then (while the agent is down) a stopped container, then a removed one as gone", async () => {
      expect(await podHandlers.read(b.id, b.outs)).toEqual({ id: b.id, props: { ...b.outs, status: "Running" } });
      const resumeAgent = await pauseAgent(network);
      await docker.getContainer(b.outs.containerIds.sidecar).stop({ t: 0 });
      const stopped = await podHandlers.read(b.id, b.outs);
      expect(stopped.props?.status).toMatch(/^Stopped: container sidecar: exited with code \d+$/);
      expect(stopped.props?.ready).toBe(false);
      expect(stopped.props?.containerStatuses).toContainEqual({
        name: "sidecar",
        ready: false,
        restartCount: 0,
        state: "terminated",
        message: expect.stringMatching(/^exited with code/),
      });
      await docker.getContainer(b.outs.containerIds.sidecar).remove({ force: true });
      expect(await podHandlers.read(b.id, b.outs)).toEqual({});
      await resumeAgent();
    });

    it("recreates a pod whose container was removed outside Pulumi, clearing the leftovers", async () => {
      b = await checkedCreate(
        podHandlers,
        pod("pod-b", { containers: [httpServer("server", 8080, "from-b"), sleeper("sidecar")] }),
      );
      expect((await podHandlers.read(b.id, b.outs)).props?.status).toBe("Running");
    });

    it("the agent starts a stopped container again (restartPolicy Always), keeping the pod's address", async () => {
      await docker.getContainer(b.outs.containerIds.server).stop({ t: 0 });
      await eventually("the server runs again", 60, async () => {
        const { props } = await podHandlers.read(b.id, b.outs);
        return props?.status === "Running" && props?.containerStatuses[0].restartCount === 1;
      });
      expect(await exec(a.outs.containerIds.sidecar, ["wget", "-qO-", `http://${b.outs.podIP}:8080/`])).toBe(
        "from-b\n",
      );
    });

    it("while the agent is down, up starts a container found stopped again (restartPolicy Always)", async () => {
      const resumeAgent = await pauseAgent(network);
      await docker.getContainer(b.outs.containerIds.server).stop({ t: 0 });
      const refreshed = (await podHandlers.read(b.id, b.outs)).props!;
      expect(refreshed.status).toMatch(/^Stopped: container server \(1 restarts\): exited with code \d+$/);
      const news = (
        await podHandlers.check(
          {},
          owned(pod("pod-b", { containers: [httpServer("server", 8080, "from-b"), sleeper("sidecar")] })),
        )
      ).inputs!;
      expect(await podHandlers.diff(b.id, refreshed, news)).toMatchObject({ changes: true, replaces: [] });
      const { outs } = await podHandlers.update(b.id, refreshed, news);
      expect(outs).toMatchObject({ status: "Running", ready: true, podIP: b.outs.podIP });
      expect(outs.containerIds).toEqual(b.outs.containerIds);
      expect(await exec(a.outs.containerIds.sidecar, ["wget", "-qO-", `http://${b.outs.podIP}:8080/`])).toBe(
        "from-b\n",
      );
      expect(await podHandlers.diff(b.id, outs, news)).toMatchObject({ changes: false });
      await resumeAgent();
    });

    it("updates cpu and memory limits in place, keeping the containers", async () => {
      const news = (
        await podHandlers.check(
          {},
          owned(
            pod("pod-a", {
              labels: { app: "a" },
              containers: [
                { ...httpServer("server", 8080, "from-a"), resources: { limits: { cpu: "250m", memory: "48Mi" } } },
                sleeper("sidecar"),
              ],
            }),
          ),
        )
      ).inputs!;
      const diff = await podHandlers.diff(a.id, a.outs, news);
      expect(diff).toMatchObject({ changes: true, replaces: [] });
      const { outs } = await podHandlers.update(a.id, a.outs, news);
      expect(outs.containerIds).toEqual(a.outs.containerIds);
      const info = await docker.getContainer(a.outs.containerIds.server).inspect();
      expect(info.HostConfig.NanoCpus).toBe(250_000_000);
      expect(info.HostConfig.Memory).toBe(48 * 2 ** 20);
      expect(info.State.Running).toBe(true);
    });

    it("delete removes every container and succeeds again when they are gone", async () => {
      expect(await agentEntry(network, podKey)).toMatchObject({ kind: "pod", name: "pod-b" });
      await podHandlers.delete(b.id, b.outs);
      await podHandlers.delete(b.id, b.outs);
      const left = await docker.listContainers({
        all: true,
        filters: { label: ["podling.io/pod=pod-b", `podling.io/network=${network}`] },
      });
      expect(left).toEqual([]);
    });

    it("delete tells the agent to let go (a tombstone, written twice above), which the agent then removes", async () => {
      // Up to 3 s for Docker's write to settle, then the next full pass (every 5 s) removes it.
      await eventually(
        `the agent removed ${podKey}`,
        30,
        async () => (await agentEntry(network, podKey)) === undefined,
      );
    });
  });

  describe("a failed create leaves nothing behind and says why", () => {
    const leftovers = async (name: string) =>
      (
        await docker.listContainers({
          all: true,
          filters: { label: [`podling.io/pod=${name}`, `podling.io/network=${network}`] },
        })
      ).length;

    it("a container that exits at once: names it, with exit code and log tail", async () => {
      const spec = pod("crasher", {
        containers: [
          sleeper("ok"),
          { name: "broken", image: TOOLBOX, command: ["sh", "-c", "echo config file missing >&2; exit 3"] },
        ],
      });
      await expect(checkedCreate(podHandlers, spec)).rejects.toThrow(
        /pod default\/crasher: container "broken" exited with code 3 right after it started; its last log lines:\nconfig file missing/,
      );
      expect(await leftovers("crasher")).toBe(0);
    });

    it("a command that does not exist", async () => {
      const spec = pod("nocmd", { containers: [{ name: "main", image: TOOLBOX, command: ["/no/such/binary"] }] });
      await expect(checkedCreate(podHandlers, spec)).rejects.toThrow(
        /pod default\/nocmd: container "main" exited with code 127 right after it started; its last log lines:\npodling-init: cannot start "\/no\/such\/binary"/,
      );
      expect(await leftovers("nocmd")).toBe(0);
    });

    it("an image missing under imagePullPolicy Never names the image", async () => {
      const spec = pod("noimage", {
        imagePullPolicy: "Never",
        containers: [{ name: "main", image: "podling/does-not-exist:0" }],
      });
      await expect(checkedCreate(podHandlers, spec)).rejects.toThrow(
        /container "main": image "podling\/does-not-exist:0" is not present on the Docker host and imagePullPolicy is Never/,
      );
      expect(await leftovers("noimage")).toBe(0);
    });

    it("a hostPort already taken on the host names the port", async () => {
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(0, "0.0.0.0", resolve));
      const port = (server.address() as net.AddressInfo).port;
      try {
        const spec = pod("portclash", {
          containers: [{ ...sleeper("main"), ports: [{ containerPort: 80, hostPort: port }] }],
        });
        await expect(checkedCreate(podHandlers, spec)).rejects.toThrow(
          new RegExp(`pod default/portclash: a hostPort is already taken on the Docker host \\(${port}/TCP\\)`),
        );
        expect(await leftovers("portclash")).toBe(0);
      } finally {
        server.close();
      }
    });
  });

  it("drops NET_RAW from app containers unless securityContext adds it back", async () => {
    const raw = await checkedCreate(
      podHandlers,
      pod("raw", {
        containers: [
          sleeper("plain"),
          { ...sleeper("forger"), securityContext: { capabilities: { add: ["NET_RAW"] } } },
        ],
      }),
    );
    // arping opens a packet socket first, which needs NET_RAW; it sends nothing when that fails.
    const tryRaw = (container: string) =>
      exec(raw.outs.containerIds[container], ["sh", "-c", "arping -c 1 -w 1 -I lo 127.0.0.1 2>&1; true"]);
    expect(await tryRaw("plain")).toContain("socket: Operation not permitted");
    expect(await tryRaw("forger")).not.toContain("socket: Operation not permitted");
    const plain = await docker.getContainer(raw.outs.containerIds.plain).inspect();
    expect(plain.HostConfig.CapDrop).toEqual(["NET_RAW"]);
    await podHandlers.delete(raw.id, raw.outs);
  });

  it("fills a small network, then refuses the next pod clearly", async () => {
    const small = uniqueName("it-small");
    await checkedCreate(podNetworkHandlers, { name: small, cidr: await freeCidr(29) });
    try {
      const made = [];
      for (let i = 0; i < 5; i++)
        made.push(
          await checkedCreate(podHandlers, {
            network: small,
            name: `p${i}`,
            terminationGracePeriodSeconds: 0,
            containers: [sleeper("main")],
          }),
        );
      expect(new Set(made.map((p) => p.outs.podIP)).size).toBe(5);
      await expect(
        checkedCreate(podHandlers, { network: small, name: "p5", containers: [sleeper("main")] }),
      ).rejects.toThrow(/PodNetwork ".*" has no free pod address: all 5 addresses of .* are taken; use a larger cidr/);
      // five sandboxes, five app containers, the node agent and its guard
      expect((await managedObjects(small)).containers).toHaveLength(12);
    } finally {
      await removeNetworkAndPods(small);
    }
  });
});
