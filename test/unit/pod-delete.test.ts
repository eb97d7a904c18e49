// Pod delete treats "already gone" as done, as CRI's StopPodSandbox and RemovePodSandbox must (sync-pod.ts,
// handlers.ts). Runs against the fake engine, without Docker.
import { podFilter } from "../../provider/labels";
import { podHandlers } from "../../provider/pod/handlers";
import { useFakeDocker } from "../support/fake-docker";
import { preparePodEngine } from "../support/fake-pods";
import { checkedCreate } from "../support/handlers";
import { sleeper } from "../support/workloads";

describe("pod delete (fake engine)", () => {
  const engine = useFakeDocker();
  let created: { id: string; outs: Record<string, any> };
  beforeEach(async () => {
    const network = await preparePodEngine(engine.current());
    created = await checkedCreate(podHandlers, {
      network,
      name: "web",
      terminationGracePeriodSeconds: 1,
      volumes: [{ name: "scratch", emptyDir: {} }],
      containers: [
        { ...sleeper("app"), volumeMounts: [{ name: "scratch", mountPath: "/scratch" }] },
        sleeper("sidecar"),
      ],
    });
  });
  const podVolumes = () =>
    engine.current().volume.list(podFilter({ network: created.outs.network, namespace: "default", pod: "web" }));

  it("removes the containers and the volumes", async () => {
    await podHandlers.delete(created.id, created.outs);
    expect(engine.current().container.names()).toEqual([]);
    expect(await podVolumes()).toEqual([]);
  });

  it("succeeds twice", async () => {
    await podHandlers.delete(created.id, created.outs);
    await expect(podHandlers.delete(created.id, created.outs)).resolves.toBeUndefined();
  });

  it("succeeds when the containers are gone already, and still removes the volumes", async () => {
    for (const id of [created.id, ...Object.values(created.outs.containerIds as Record<string, string>)])
      await engine.current().container.remove(id);
    await expect(podHandlers.delete(created.id, created.outs)).resolves.toBeUndefined();
    expect(await podVolumes()).toEqual([]);
  });

  it("succeeds when only the app containers are gone, and removes the sandbox", async () => {
    for (const id of Object.values(created.outs.containerIds as Record<string, string>))
      await engine.current().container.remove(id);
    await podHandlers.delete(created.id, created.outs);
    expect(engine.current().container.names()).toEqual([]);
  });
});
