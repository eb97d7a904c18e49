import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { podHandlers } from "../../provider/pod/handlers";
import { podNetworkHandlers } from "../../provider/pod-network/handlers";
import {
  docker,
  exec,
  freeCidr,
  logsOf,
  managedObjects,
  removeNetworkAndPods,
  requireDocker,
  uniqueName,
} from "../support/docker";
import { checkedCreate } from "../support/handlers";
import { eventually } from "../support/wait";
import { httpServer, sleeper, TOOLBOX } from "../support/workloads";

jest.setTimeout(300_000);

const shell = (name: string, script: string, extra: Record<string, unknown> = {}) => ({
  name,
  image: TOOLBOX,
  command: ["sh", "-c", script],
  ...extra,
});

describe("pod lifecycle against the real engine", () => {
  const network = uniqueName("it-life");
  const pod = (name: string, extra: Record<string, unknown> = {}) => ({
    network,
    name,
    terminationGracePeriodSeconds: 1,
    ...extra,
  });
  const leftovers = async (name: string) => {
    const filters = { label: [`podling.io/pod=${name}`, `podling.io/network=${network}`] };
    return (
      (await docker.listContainers({ all: true, filters })).length +
      ((await docker.listVolumes({ filters })).Volumes ?? []).length
    );
  };

  beforeAll(async () => {
    await requireDocker();
    await checkedCreate(podNetworkHandlers, { name: network, cidr: await freeCidr() });
  });
  afterAll(() => removeNetworkAndPods(network));

  it("runs init containers in order, each to completion, and hands a file to the app through an emptyDir", async () => {
    const created = await checkedCreate(
      podHandlers,
      pod("init-order", {
        volumes: [{ name: "work", emptyDir: {} }],
        initContainers: [
          shell("first", "echo first >> /work/log", { volumeMounts: [{ name: "work", mountPath: "/work" }] }),
          shell("second", "sleep 1; echo second >> /work/log", {
            volumeMounts: [{ name: "work", mountPath: "/work" }],
          }),
        ],
        containers: [{ ...sleeper("app"), volumeMounts: [{ name: "work", mountPath: "/data", readOnly: true }] }],
      }),
    );
    expect(await exec(created.outs.containerIds.app, ["cat", "/data/log"])).toBe("first\nsecond\n");
    await expect(exec(created.outs.containerIds.app, ["touch", "/data/x"])).rejects.toThrow(/Read-only file system/);
    // The init containers share the pod's network namespace, as the app does.
    const init = await docker.listContainers({
      all: true,
      filters: { label: [`podling.io/pod=init-order`, "podling.io/role=init"] },
    });
    expect(init).toHaveLength(2);
    for (const c of init)
      expect((await docker.getContainer(c.Id).inspect()).HostConfig.NetworkMode).toBe(`container:${created.id}`);
    await podHandlers.delete(created.id, created.outs);
    expect(await leftovers("init-order")).toBe(0);
  });

  it("a failing init container fails the create with its name, exit code and log, and leaves nothing", async () => {
    const spec = pod("init-fails", {
      restartPolicy: "Never",
      volumes: [{ name: "work", emptyDir: {} }],
      initContainers: [shell("migrate", "echo schema version mismatch >&2; exit 4")],
      containers: [{ ...sleeper("app"), volumeMounts: [{ name: "work", mountPath: "/work" }] }],
    });
    await expect(checkedCreate(podHandlers, spec)).rejects.toThrow(
      /pod default\/init-fails: init container "migrate" exited with code 4; its last log lines:\nschema version mismatch \(restartPolicy Never: not retried\)/,
    );
    expect(await leftovers("init-fails")).toBe(0);
  });

  it("retries a failing init container under OnFailure until readyTimeoutSeconds runs out", async () => {
    // The first attempt only has to end half a second before the deadline for a retry to follow: 20 s is
    // far more than one container run takes on a loaded machine. "after N attempts" appears only for N >= 2.
    const spec = pod("init-retries", {
      restartPolicy: "OnFailure",
      readyTimeoutSeconds: 20,
      initContainers: [shell("wait-for-db", "exit 1")],
      containers: [sleeper("app")],
    });
    await expect(checkedCreate(podHandlers, spec)).rejects.toThrow(
      /init container "wait-for-db" exited with code 1 and logged nothing \(after \d+ attempts\)/,
    );
    expect(await leftovers("init-retries")).toBe(0);
  });

  it("shares an emptyDir between containers, backs medium Memory with tmpfs, and removes both with the pod", async () => {
    const created = await checkedCreate(
      podHandlers,
      pod("shared-dir", {
        volumes: [
          { name: "disk", emptyDir: {} },
          { name: "ram", emptyDir: { medium: "Memory", sizeLimit: "8Mi" } },
        ],
        containers: [
          {
            ...sleeper("writer"),
            volumeMounts: [
              { name: "disk", mountPath: "/out" },
              { name: "ram", mountPath: "/fast" },
            ],
          },
          { ...sleeper("reader"), volumeMounts: [{ name: "disk", mountPath: "/in" }] },
        ],
      }),
    );
    await exec(created.outs.containerIds.writer, ["sh", "-c", "echo hello > /out/greeting"]);
    expect(await exec(created.outs.containerIds.reader, ["cat", "/in/greeting"])).toBe("hello\n");
    expect(await exec(created.outs.containerIds.writer, ["sh", "-c", "grep ' /fast ' /proc/mounts"])).toMatch(
      /^tmpfs \/fast tmpfs .*size=8192k/,
    );
    expect((await managedObjects(network)).volumes.filter((v) => v.includes("shared-dir")).sort()).toEqual([
      `${network}_default_shared-dir_disk`,
      `${network}_default_shared-dir_ram`,
    ]);
    await podHandlers.delete(created.id, created.outs);
    expect(await leftovers("shared-dir")).toBe(0);
  });

  it("bind-mounts a hostPath, honouring readOnly", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "podling-hostpath-"));
    fs.writeFileSync(path.join(dir, "config"), "from-host\n");
    try {
      const created = await checkedCreate(
        podHandlers,
        pod("host-path", {
          volumes: [{ name: "config", hostPath: { path: dir, type: "Directory" } }],
          containers: [
            { ...sleeper("ro"), volumeMounts: [{ name: "config", mountPath: "/config", readOnly: true }] },
            { ...sleeper("rw"), volumeMounts: [{ name: "config", mountPath: "/config" }] },
          ],
        }),
      );
      expect(await exec(created.outs.containerIds.ro, ["cat", "/config/config"])).toBe("from-host\n");
      await expect(exec(created.outs.containerIds.ro, ["touch", "/config/new"])).rejects.toThrow(
        /Read-only file system/,
      );
      await exec(created.outs.containerIds.rw, ["touch", "/config/new"]);
      expect(fs.existsSync(path.join(dir, "new"))).toBe(true);
      await podHandlers.delete(created.id, created.outs);
      expect(fs.existsSync(path.join(dir, "config"))).toBe(true); // the host's files stay
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("waits for the readiness probe before create returns, and reports it per container", async () => {
    const created = await checkedCreate(
      podHandlers,
      pod("slow-start", {
        containers: [
          {
            ...httpServer("web", 8080, "ok"),
            // The server comes up two seconds after the container starts.
            command: [
              "sh",
              "-c",
              "trap 'exit 0' TERM; sleep 2; mkdir -p /www; echo ok > /www/index.html; httpd -f -p 8080 -h /www & wait",
            ],
            readinessProbe: { httpGet: { path: "/index.html", port: 8080 }, periodSeconds: 1 },
          },
          sleeper("sidecar"),
        ],
      }),
    );
    expect(created.outs.ready).toBe(true);
    expect(created.outs.status).toBe("Running");
    expect(created.outs.containerStatuses).toEqual([
      { name: "web", ready: true, restartCount: 0, state: "running" },
      { name: "sidecar", ready: true, restartCount: 0, state: "running" },
    ]);
    await podHandlers.delete(created.id, created.outs);
  });

  it("records a pod that never gets ready as created but not ready, with the probe's reason", async () => {
    const spec = pod("never-ready", {
      readyTimeoutSeconds: 3,
      containers: [
        {
          ...sleeper("web"),
          ports: [{ containerPort: 8080 }],
          readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 1 },
        },
      ],
    });
    const failure = await checkedCreate(podHandlers, spec).then(
      () => undefined,
      (err) => err,
    );
    expect(failure?.message).toMatch(
      /^pod default\/never-ready is not ready \(readyTimeoutSeconds is 3\): container web: readiness probe failed: tcpSocket probe of 127.0.0.1:8080: dial tcp 127.0.0.1:8080: connect: connection refused \(\d+ failures in a row\)$/,
    );
    // What the engine needs to keep the pod in the state: its id and outputs.
    expect(failure.id).toMatch(/^[0-9a-f]{64}$/);
    expect(failure.properties).toMatchObject({
      ready: false,
      status: expect.stringMatching(/^NotReady: container web: readiness probe failed/),
    });
    expect(failure.reasons).toEqual([failure.message]);
    expect((await docker.getContainer(failure.id).inspect()).State.Running).toBe(true);
    await podHandlers.delete(failure.id, failure.properties);
    expect(await leftovers("never-ready")).toBe(0);
  });

  it("restarts a container whose liveness probe fails, and says why in its log", async () => {
    const created = await checkedCreate(
      podHandlers,
      pod("liveness", {
        containers: [
          {
            ...shell("app", "trap 'exit 0' TERM; touch /tmp/alive; sleep 86400 & wait"),
            livenessProbe: { exec: { command: ["test", "-f", "/tmp/alive"] }, periodSeconds: 1, failureThreshold: 2 },
          },
        ],
      }),
    );
    const app = created.outs.containerIds.app;
    const before = (await docker.getContainer(app).inspect()).State.StartedAt;
    await exec(app, ["rm", "/tmp/alive"]);
    await eventually("the container has restarted", 30, async () => {
      const { State } = await docker.getContainer(app).inspect();
      return State.Running && State.StartedAt !== before;
    });
    expect(await logsOf(app)).toMatch(
      /podling-init: liveness probe failed: exec probe "test -f \/tmp\/alive" exited with code 1 \(2 failures in a row\); stopping the container/,
    );
    await eventually("read reports it running again with one restart", 30, async () => {
      const { props } = await podHandlers.read(created.id, created.outs);
      return props?.status === "Running" && props?.containerStatuses[0].restartCount >= 1;
    });
    await podHandlers.delete(created.id, created.outs);
  });

  it("rejoins the app containers to a restarted sandbox (the node agent moves them): same IP, localhost works again", async () => {
    const created = await checkedCreate(
      podHandlers,
      pod("infra-crash", { containers: [httpServer("server", 8080, "still-here"), sleeper("client")] }),
    );
    const before = await docker.getContainer(created.id).inspect();
    // A crash of the sandbox's process, which Docker's restart policy answers by starting it again.
    process.kill(before.State.Pid, "SIGKILL");
    await eventually(
      "the sandbox runs again",
      60,
      async () => (await docker.getContainer(created.id).inspect()).State.StartedAt !== before.State.StartedAt,
    );
    const sandboxStart = (await docker.getContainer(created.id).inspect()).State.StartedAt;
    await eventually("both app containers were started again after the new sandbox", 60, async () => {
      const apps = await Promise.all(
        Object.values(created.outs.containerIds as Record<string, string>).map((id) =>
          docker.getContainer(id).inspect(),
        ),
      );
      return apps.every((a) => a.State.Running && Date.parse(a.State.StartedAt) > Date.parse(sandboxStart));
    });
    const client = created.outs.containerIds.client;
    await eventually(
      "localhost answers",
      60,
      async () => (await exec(client, ["wget", "-qO-", "http://localhost:8080/"]).catch(() => "")) === "still-here\n",
    );
    expect(await exec(client, ["ip", "-4", "-o", "addr", "show", "eth0"])).toContain(`${created.outs.podIP}/`);
    await podHandlers.delete(created.id, created.outs);
  });

  it("reports what the node agent could not do in the pod's status: an init container that fails in a new sandbox", async () => {
    const created = await checkedCreate(
      podHandlers,
      pod("init-once", {
        volumes: [{ name: "data", emptyDir: {} }],
        // Succeeds the first time only: the emptyDir outlives the sandbox's restart.
        initContainers: [
          shell("once", "test ! -f /data/ran && touch /data/ran", {
            volumeMounts: [{ name: "data", mountPath: "/data" }],
          }),
        ],
        containers: [sleeper("main")],
      }),
    );
    await docker.getContainer(created.id).restart({ t: 0 });
    await eventually("read reports the agent's failure, naming the init container", 60, async () => {
      const { props } = await podHandlers.read(created.id, created.outs);
      return /; the node agent: init container .*_init-once_once exited with 1$/.test(props?.status ?? "");
    });
    await podHandlers.delete(created.id, created.outs);
  });
});
