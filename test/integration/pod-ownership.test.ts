// Two owners of one pod identity (network, namespace, name) on the real engine: neither create nor delete
// ever removes what the other holds; and a pod made before owner labels existed is still removed whole.
import { podHandlers } from "../../provider/pod/handlers";
import { podNetworkHandlers } from "../../provider/pod-network/handlers";
import { OWNER_KEY } from "../../provider/handler";
import { docker, freeCidr, removeNetworkAndPods, requireDocker, uniqueName } from "../support/docker";
import { checkedCreate, testOwner } from "../support/handlers";
import { sleeper } from "../support/workloads";

jest.setTimeout(120_000);

describe("pod ownership against the real engine", () => {
  const network = uniqueName("it-owner");
  const stackA = testOwner("web", "stack-a");
  const stackB = testOwner("web", "stack-b");
  const web = (extra: Record<string, unknown> = {}) => ({
    network,
    name: "web",
    terminationGracePeriodSeconds: 0,
    containers: [sleeper("main"), sleeper("side")],
    ...extra,
  });
  const objectsOf = async (pod: string) => {
    const filters = { label: [`podling.io/network=${network}`, `podling.io/pod=${pod}`] };
    const containers = await docker.listContainers({ all: true, filters });
    const volumes = (await docker.listVolumes({ filters })).Volumes ?? [];
    return {
      containers: containers.map((c) => `${c.Id} ${c.State}`).sort(),
      volumes: volumes.map((v) => v.Name).sort(),
    };
  };

  beforeAll(async () => {
    await requireDocker();
    await checkedCreate(podNetworkHandlers, { name: network, cidr: await freeCidr() });
  });
  afterAll(() => removeNetworkAndPods(network));

  it("a second stack's create of default/web fails naming the first stack, and the first pod keeps running, untouched", async () => {
    const a = await checkedCreate(podHandlers, web({ owner: stackA }));
    const before = await objectsOf("web");
    expect(before.containers).toHaveLength(3);
    await expect(checkedCreate(podHandlers, web({ owner: stackB }))).rejects.toThrow(
      `pod default/web on network "${network}" already belongs to stack organization/podling-integration/stack-a (container ${network}_default_web`,
    );
    expect(await objectsOf("web")).toEqual(before);
    expect(before.containers.every((c) => c.endsWith(" running"))).toBe(true);

    // The second stack's delete of a pod it recorded under the same identity (gone since) leaves the
    // first stack's pod alone: it removes by its own owner, never by the identity alone.
    await podHandlers.delete("0000000000000000000000000000000000000000000000000000000000000000", {
      ...web(),
      namespace: "default",
      owner: stackB,
      infraContainerId: "0".repeat(64),
      containerIds: {},
    });
    expect(await objectsOf("web")).toEqual(before);

    await podHandlers.delete(a.id, a.outs);
    expect(await objectsOf("web")).toEqual({ containers: [], volumes: [] });
  });

  it("a create removes the leftovers of an interrupted run of the same resource (same owner), and only those", async () => {
    const first = await checkedCreate(podHandlers, web({ owner: stackA }));
    const again = await checkedCreate(podHandlers, web({ owner: stackA }));
    expect(again.id).not.toBe(first.id);
    expect((await objectsOf("web")).containers).toHaveLength(3);
    await podHandlers.delete(again.id, again.outs);
  });

  describe("a pod made before owner labels existed", () => {
    let legacy: { id: string; outs: Record<string, any> };

    beforeAll(async () => {
      // What an older Podling made: the same objects, without owner labels (create is given no owner).
      const checked = await podHandlers.check(
        {},
        {
          ...web({ owner: stackA, name: "old" }),
          volumes: [{ name: "scratch", emptyDir: {} }],
          initContainers: [
            {
              name: "prepare",
              image: "podling/busybox:1",
              command: ["sh", "-c", "echo ready > /scratch/flag"],
              volumeMounts: [{ name: "scratch", mountPath: "/scratch" }],
            },
          ],
        },
      );
      const { [OWNER_KEY]: _owner, ...inputs } = checked.inputs as Record<string, unknown>;
      const created = await podHandlers.create(inputs);
      legacy = { id: created.id, outs: created.outs as Record<string, any> };
      expect(legacy.outs.owner).toBeUndefined();
    });

    it("blocks a new create of its identity, which removes none of it and says so", async () => {
      const before = await objectsOf("old");
      expect(before).toMatchObject({
        containers: expect.arrayContaining([expect.stringMatching(/ exited$/)]),
        volumes: [`${network}_default_old_scratch`],
      });
      await expect(checkedCreate(podHandlers, web({ owner: stackB, name: "old" }))).rejects.toThrow(
        `pod default/old on network "${network}" already exists without an owner label`,
      );
      expect(await objectsOf("old")).toEqual(before);
    });

    it("is removed whole by its own state: sandbox, app and init containers (in its namespace) and its emptyDir volume", async () => {
      await podHandlers.delete(legacy.id, legacy.outs);
      expect(await objectsOf("old")).toEqual({ containers: [], volumes: [] });
    });
  });
});
