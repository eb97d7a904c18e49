// What refresh and up do about changes made behind Pulumi's back.
import {
  docker,
  exec,
  freeCidr,
  managedObjects,
  pauseAgent,
  removeNetworkAndPods,
  requireDocker,
  uniqueName,
} from "../support/docker";
import { TestStack, testStack } from "../support/pulumi";
import { eventually } from "../support/wait";

jest.setTimeout(300_000);

describe("drift", () => {
  const network = uniqueName("e2e-drift");
  let t: TestStack;
  let ids: Record<string, Record<string, string>>;

  const statusOf = async (pod: string): Promise<string> => {
    const state = await t.stack.exportStack();
    const resource = state.deployment.resources.find((r: { urn: string }) => r.urn.endsWith(`::${pod}`));
    return resource?.outputs?.status;
  };

  beforeAll(async () => {
    await requireDocker();
    t = await testStack("two-pods", { network, cidr: await freeCidr() });
    ids = (await t.stack.up()).outputs.containerIds.value;
  });
  afterAll(async () => {
    await t?.dispose().catch(() => undefined);
    await removeNetworkAndPods(network);
  });

  it("refresh drops a pod whose container was removed outside Pulumi, and up recreates it", async () => {
    await docker.getContainer(ids["pod-1"].client).remove({ force: true });
    const refreshed = await t.stack.refresh();
    expect(refreshed.summary.resourceChanges).toMatchObject({ delete: 1 });
    const result = await t.stack.up();
    expect(result.summary.resourceChanges).toMatchObject({ create: 1 });
    const next = result.outputs.containerIds.value["pod-1"];
    expect(await exec(next.client, ["wget", "-qO-", "http://localhost:8080/"])).toBe("one\n");
    await t.stack.preview({ expectNoChanges: true });
  });

  it("a container stopped outside Pulumi is started again by the node agent; refresh shows it running, restarted once", async () => {
    const client = ids["pod-2"].client;
    const before = (await docker.getContainer(client).inspect()).State.StartedAt;
    await docker.getContainer(client).stop({ t: 0 });
    await eventually("the agent started the container again", 60, async () => {
      const { State } = await docker.getContainer(client).inspect();
      return State.Running && State.StartedAt !== before;
    });
    await t.stack.refresh();
    expect(await statusOf("pod-2")).toBe("Running");
    const pod = (await t.stack.exportStack()).deployment.resources.find((r: { urn: string }) =>
      r.urn.endsWith("::pod-2"),
    );
    expect(pod.outputs.containerStatuses.find((c: { name: string }) => c.name === "client").restartCount).toBe(1);
  });

  it("while the agent is down, refresh shows a stopped container in the pod's status", async () => {
    const resumeAgent = await pauseAgent(network);
    try {
      await docker.getContainer(ids["pod-2"].client).stop({ t: 0 });
      await t.stack.refresh();
      expect(await statusOf("pod-2")).toMatch(/^Stopped: container client \(1 restarts\): exited with code \d+$/);
    } finally {
      await resumeAgent();
    }
  });

  it("destroy still removes everything", async () => {
    await t.stack.destroy();
    expect(await managedObjects(network)).toEqual({ containers: [], networks: [], volumes: [] });
  });
});
