// The reliability suite: faults injected into real `pulumi up` runs on the real Docker engine, and
// hostile input that must fail at preview. Each fault ends with a converging `up` (or destroy) and two
// checks: reality matches the declaration, and no podling.io/managed object is unknown to the state.
import * as net from "net";
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
import { assertConverged, servedPod } from "../support/served-pods";
import { declare, TestStack, testStack } from "../support/pulumi";
import { eventually } from "../support/wait";
import { TOOLBOX } from "../support/workloads";
import * as fs from "fs";

jest.setTimeout(600_000);

const sleeper = { name: "main", image: TOOLBOX, command: ["sh", "-c", "trap 'exit 0' TERM; sleep 86400 & wait"] };

interface World {
  networks: Array<Record<string, unknown>>;
  pods: Array<Record<string, any>>;
  services?: Array<Record<string, unknown>>;
}

describe("reliability: faults", () => {
  const network = uniqueName("e2e-rel");
  let cidr: string;
  let t: TestStack;
  const thirty = Array.from({ length: 30 }, (_, i) => servedPod(`p${i}`));
  const names = thirty.map((p) => p.name);

  beforeAll(async () => {
    await requireDocker();
    cidr = await freeCidr();
    t = await testStack("from-config", {});
    await declare(t, { networks: [{ resource: "net", name: network, cidr }], pods: thirty });
  });
  afterAll(async () => {
    await t?.dispose().catch(() => undefined);
    await removeNetworkAndPods(network);
  });

  it("1. an up interrupted by SIGINT, then SIGKILL, while creating 30 pods converges after refresh and up", async () => {
    const run = t.spawnCli(["up", "--yes", "--skip-preview"]);
    await eventually(
      "some pods exist",
      120,
      async () =>
        (
          await docker.listContainers({
            all: true,
            filters: { label: [`podling.io/network=${network}`, "podling.io/role=infra"] },
          })
        ).length >= 5,
    );
    run.child.kill("SIGINT");
    await new Promise((r) => setTimeout(r, 1500));
    run.child.kill("SIGKILL");
    await run.exited;
    // The provider process may outlive the CLI briefly; let it finish what it was doing. The killed run
    // left the stack locked: `pulumi cancel` is the engine's way out.
    await new Promise((r) => setTimeout(r, 3000));
    await t.stack.cancel();
    await t.stack.refresh({ clearPendingCreates: true });
    await t.stack.up();
    await assertConverged(t, network, names);
  });

  it("2. a Docker daemon stopped in the middle of up fails the run with Docker's errors; the next up converges", async () => {
    await t.stack.destroy();
    const up = t.stack.up().then(
      () => undefined,
      (err: Error) => err,
    );
    await eventually(
      "some pods exist",
      120,
      async () =>
        (
          await docker.listContainers({
            filters: { label: [`podling.io/network=${network}`, "podling.io/role=infra"] },
          })
        ).length >= 5,
    );
    await restartDockerDaemon();
    const failure = await up;
    // Each pod caught by the stop says which pod and what Docker answered.
    expect(failure?.message).toMatch(/podling:Pod p\d+ \*\*creating failed\*\* error: pod default\/p\d+: /);
    if (process.env.PODLING_FAULT_LOG) fs.writeFileSync(process.env.PODLING_FAULT_LOG, failure!.message);
    await t.stack.refresh({ clearPendingCreates: true });
    await t.stack.up();
    await assertConverged(t, network, names);
  });

  it("3. a pod removed outside Pulumi shows in refresh and up recreates it", async () => {
    const victims = await docker.listContainers({
      all: true,
      filters: { label: [`podling.io/network=${network}`, "podling.io/pod=p3"] },
    });
    await Promise.all(victims.map((c) => docker.getContainer(c.Id).remove({ force: true })));
    const refresh = await t.stack.refresh();
    expect(refresh.summary.resourceChanges).toMatchObject({ delete: 1 });
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: 1 });
    await assertConverged(t, network, names);
  });

  it("4. the pod network removed outside Pulumi shows in refresh and up rebuilds it with every pod", async () => {
    const all = await docker.listContainers({ all: true, filters: { label: [`podling.io/network=${network}`] } });
    await Promise.all(all.map((c) => docker.getContainer(c.Id).remove({ force: true })));
    // Docker detaches a removed container's endpoint after `rm` returns; a loaded engine takes longer.
    await eventually(
      `Docker detached every removed container from ${network}`,
      60,
      async () => Object.keys((await docker.getNetwork(network).inspect()).Containers ?? {}).length === 0,
    );
    await docker.getNetwork(network).remove();
    const refresh = await t.stack.refresh();
    expect(refresh.summary.resourceChanges).toMatchObject({ delete: 31 });
    await t.stack.up();
    await assertConverged(t, network, names);
  });

  it("5. destroy leaves nothing", async () => {
    await t.stack.destroy();
    expect(await objectsUnknownToState(t.stack, [network])).toEqual([]);
  });
});

describe("reliability: failed creates and exhaustion", () => {
  const network = uniqueName("e2e-rel2");
  let t: TestStack;
  let base: World;
  const onlyNetwork = async () => ({
    containers: (
      await docker.listContainers({
        all: true,
        filters: { label: [`podling.io/network=${network}`, "podling.io/role=infra"] },
      })
    ).length,
  });

  beforeAll(async () => {
    await requireDocker();
    t = await testStack("from-config", {});
    base = { networks: [{ resource: "net", name: network, cidr: await freeCidr(29) }], pods: [] };
  });
  afterAll(async () => {
    await t?.dispose().catch(() => undefined);
    await removeNetworkAndPods(network);
  });

  it("6. an image missing under imagePullPolicy Never fails cleanly, naming the image", async () => {
    await declare(t, {
      ...base,
      pods: [
        {
          resource: "p",
          name: "p",
          imagePullPolicy: "Never",
          containers: [{ ...sleeper, image: "podling/not-built:7" }],
        },
      ],
    });
    await expect(t.stack.up()).rejects.toThrow(
      /container "main": image "podling\/not-built:7" is not present on the Docker host and imagePullPolicy is Never/,
    );
    expect(await onlyNetwork()).toEqual({ containers: 0 });
    expect(await objectsUnknownToState(t.stack, [network])).toEqual([]);
  });

  it("7. a hostPort taken by a process on the host fails cleanly, naming the port", async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "0.0.0.0", resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      await declare(t, {
        ...base,
        pods: [
          { resource: "p", name: "p", containers: [{ ...sleeper, ports: [{ containerPort: 80, hostPort: port }] }] },
        ],
      });
      await expect(t.stack.up()).rejects.toThrow(
        new RegExp(`a hostPort is already taken on the Docker host \\(${port}/TCP\\)`),
      );
      expect(await onlyNetwork()).toEqual({ containers: 0 });
      expect(await objectsUnknownToState(t.stack, [network])).toEqual([]);
    } finally {
      server.close();
    }
  });

  it("8. 20 pods on a /29 fail clearly for the ones that do not fit; the five that fit run", async () => {
    const pods = Array.from({ length: 20 }, (_, i) => ({
      resource: `q${i}`,
      name: `q${i}`,
      terminationGracePeriodSeconds: 0,
      containers: [sleeper],
    }));
    await declare(t, { ...base, pods });
    await expect(t.stack.up()).rejects.toThrow(
      /has no free pod address: all 5 addresses of .* are taken; use a larger cidr/,
    );
    const running = await docker.listContainers({
      filters: { label: [`podling.io/network=${network}`, "podling.io/role=infra"] },
    });
    expect(running).toHaveLength(5);
    expect(await objectsUnknownToState(t.stack, [network])).toEqual([]);
    // Declaring what fits converges.
    const kept = new Set(running.map((c) => c.Labels["podling.io/pod"]));
    await declare(t, { ...base, pods: pods.filter((p) => kept.has(p.name)) });
    const up = await t.stack.up();
    expect(up.summary.resourceChanges?.create ?? 0).toBe(0);
    await t.stack.destroy();
  });

  it("9. a container over its memory limit is OOM-killed and the pod's status says so", async () => {
    const hog = {
      name: "hog",
      image: TOOLBOX,
      command: ["sh", "-c", "sleep 2; head -c 200m /dev/zero | tail > /dev/null"],
      resources: { limits: { memory: "16Mi" } },
    };
    await declare(t, {
      ...base,
      pods: [
        { resource: "hog", name: "hog", restartPolicy: "Never", terminationGracePeriodSeconds: 0, containers: [hog] },
      ],
    });
    await t.stack.up();
    await eventually("refresh reports the OOM kill", 60, async () => {
      await t.stack.refresh();
      const pod = (await t.stack.exportStack()).deployment.resources.find((r: any) => r.type.endsWith("podling:Pod"));
      return /^Stopped: container hog: was OOM-killed$/.test(pod?.outputs.status ?? "");
    });
  });

  it("10. a secret in a failing pod's env is in no error message, log or state file", async () => {
    const secret = "s3cr3t-7c1d-never-printed";
    await t.stack.setConfig("secretEnv", { value: secret, secret: true });
    await declare(t, {
      ...base,
      pods: [
        {
          resource: "leaky",
          name: "leaky",
          restartPolicy: "Never",
          containers: [{ name: "main", image: TOOLBOX, command: ["sh", "-c", "echo starting; exit 9"] }],
        },
      ],
    });
    let output = "";
    const failure = await t.stack.up({ onOutput: (o) => (output += o), debug: true }).then(
      () => undefined,
      (err: Error) => err,
    );
    expect(failure?.message).toMatch(/container "main" exited with code 9 right after it started/);
    expect(failure?.message).not.toContain(secret);
    expect(output).not.toContain(secret);
    expect(fs.readFileSync(t.stateFile(), "utf8")).not.toContain(secret);
    await t.stack.removeConfig("secretEnv");
  });

  it("10b. a secret in a pod that is created but never ready is in no state file, up output or --debug output", async () => {
    // The partial create hands the pod's whole state back to the engine, env included.
    const secret = "s3cr3t-5e2a-never-ready";
    await t.stack.setConfig("secretEnv", { value: secret, secret: true });
    const unready = { ...sleeper, readinessProbe: { exec: { command: ["false"] }, periodSeconds: 1 } };
    await declare(t, {
      ...base,
      pods: [
        {
          resource: "unready",
          name: "unready",
          terminationGracePeriodSeconds: 1,
          readyTimeoutSeconds: 3,
          containers: [unready],
        },
      ],
    });
    for (const debug of [false, true]) {
      let output = "";
      const failure = await t.stack.up({ onOutput: (o) => (output += o), debug }).then(
        () => undefined,
        (err: Error) => err,
      );
      expect(failure?.message).toMatch(/pod default\/unready is not ready \(readyTimeoutSeconds is 3\)/);
      expect(failure?.message).not.toContain(secret);
      expect(output).not.toContain(secret);
      const state = fs.readFileSync(t.stateFile(), "utf8");
      expect(state).toMatch(/"initErrors"/); // the pod is recorded as a partial create
      expect(state).not.toContain(secret);
    }
    await t.stack.destroy();
    await t.stack.removeConfig("secretEnv");
  });

  it("11. app and sandbox containers run without added capabilities, unprivileged, without the Docker socket; app containers without NET_RAW", async () => {
    await declare(t, { ...base, pods: [servedPod("plain")] });
    await t.stack.up();
    const all = await docker.listContainers({
      filters: { label: [`podling.io/network=${network}`, "podling.io/pod=plain"] },
    });
    expect(all).toHaveLength(3);
    for (const c of all) {
      const info = await docker.getContainer(c.Id).inspect();
      expect(info.HostConfig.Privileged).toBe(false);
      expect(info.HostConfig.CapAdd ?? []).toEqual([]);
      if (c.Labels["podling.io/role"] === "app") expect(info.HostConfig.CapDrop).toEqual(["NET_RAW"]);
      expect(JSON.stringify(info.Mounts)).not.toContain("docker.sock");
    }
    await t.stack.destroy();
    expect(await objectsUnknownToState(t.stack, [network])).toEqual([]);
  });
});

describe("reliability: two stacks deploy into one PodNetwork at the same time", () => {
  const network = uniqueName("e2e-rel3");
  let a: TestStack;
  let b: TestStack;
  const podsOf = (prefix: string) =>
    Array.from({ length: 15 }, (_, i) => ({ ...servedPod(`${prefix}${i}`), labels: { app: prefix } }));
  const serviceOf = (prefix: string) => ({
    resource: `svc-${prefix}`,
    name: `svc-${prefix}`,
    selector: { app: prefix },
    ports: [{ port: 80, targetPort: 8080 }],
  });

  beforeAll(async () => {
    await requireDocker();
    a = await testStack("from-config", {});
    b = await testStack("from-config", {});
    const cidr = await freeCidr();
    // Stack a owns the network; stack b reads it with PodNetwork.get.
    await declare(a, { networks: [{ resource: "net", name: network, cidr }], pods: [] });
    await a.stack.up();
    await declare(a, {
      networks: [{ resource: "net", name: network, cidr }],
      pods: podsOf("a"),
      services: [serviceOf("a")],
    });
    await declare(b, { networks: [{ resource: "net", get: network }], pods: podsOf("b"), services: [serviceOf("b")] });
  });
  afterAll(async () => {
    await b?.dispose().catch(() => undefined);
    await a?.dispose().catch(() => undefined);
    await removeNetworkAndPods(network);
  });

  it("12. gives 30 distinct addresses, keeps each service's 15 endpoints, and pods of both stacks reach each other", async () => {
    const [upA, upB] = await Promise.all([a.stack.up(), b.stack.up()]);
    const ipsA: Record<string, string> = upA.outputs.podIPs.value;
    const ipsB: Record<string, string> = upB.outputs.podIPs.value;
    expect(new Set([...Object.values(ipsA), ...Object.values(ipsB)]).size).toBe(30);
    expect(upA.outputs.endpoints.value["svc-a"].map((e: { ip: string }) => e.ip).sort()).toEqual(
      Object.values(ipsA).sort(),
    );
    expect(upB.outputs.endpoints.value["svc-b"].map((e: { ip: string }) => e.ip).sort()).toEqual(
      Object.values(ipsB).sort(),
    );
    const resourcesA = (await a.stack.exportStack()).deployment.resources;
    const sidecarA = resourcesA.find((r: any) => r.outputs?.name === "a0").outputs.containerIds.sidecar;
    expect(await exec(sidecarA, ["sh", "-c", `timeout 5 wget -qO- http://${ipsB.b7}:8080/`])).toBe("b7\n");
    // Each stack's service answers from its own pods only, by name.
    for (let i = 0; i < 5; i++)
      expect(await exec(sidecarA, ["sh", "-c", "timeout 5 wget -qO- http://svc-b/"])).toMatch(/^b\d+\n$/);
    expect(
      await objectsUnknownToState(a.stack, [network]).then((unknownToA) =>
        unknownToA.filter((o) => !/_b\d+|svc-b/.test(o)),
      ),
    ).toEqual([]);
    expect(
      await objectsUnknownToState(b.stack, [network]).then((unknownToB) =>
        unknownToB.filter((o) => !/_a\d+|svc-a|^network |dns\./.test(o)),
      ),
    ).toEqual([]);
  });

  it("13. destroying the reading stack leaves the owner's pods; destroying the owner leaves nothing", async () => {
    await b.stack.destroy();
    const left = await docker.listContainers({
      filters: { label: [`podling.io/network=${network}`, "podling.io/role=infra"] },
    });
    expect(left.map((c) => c.Labels["podling.io/pod"]).sort()).toEqual(
      podsOf("a")
        .map((p) => p.name)
        .sort(),
    );
    await a.stack.destroy();
    expect(await objectsUnknownToState(a.stack, [network])).toEqual([]);
    expect(await docker.listNetworks({ filters: { name: [network] } })).toEqual([]);
  });
});
