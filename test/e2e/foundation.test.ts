// The foundation run, end to end with the real pulumi CLI: up, localhost inside a pod, pod-to-pod by IP
// without NAT, no-op preview and refresh, an env change that replaces only its pod, and a clean destroy.
import {
  exec,
  freeCidr,
  logsOf,
  managedObjects,
  removeNetworkAndPods,
  requireDocker,
  uniqueName,
} from "../support/docker";
import { TestStack, testStack } from "../support/pulumi";

jest.setTimeout(300_000);

describe("foundation: two two-container pods through pulumi up", () => {
  const network = uniqueName("e2e-two");
  let t: TestStack;
  let ips: Record<string, string>;
  let ids: Record<string, Record<string, string>>;

  beforeAll(async () => {
    await requireDocker();
    t = await testStack("two-pods", { network, cidr: await freeCidr() });
  });
  afterAll(async () => {
    await t?.dispose().catch(() => undefined);
    await removeNetworkAndPods(network);
  });

  it("1. up creates the network and both pods", async () => {
    const result = await t.stack.up();
    expect(result.summary.resourceChanges).toMatchObject({ create: 4 });
    ips = result.outputs.podIPs.value;
    ids = result.outputs.containerIds.value;
    expect(Object.keys(ids)).toEqual(["pod-1", "pod-2"]);
  });

  it("2. a container reaches its neighbour in the pod on localhost", async () => {
    expect(await exec(ids["pod-1"].client, ["wget", "-qO-", "http://localhost:8080/"])).toBe("one\n");
  });

  it("3. pod 1 reaches pod 2 by pod IP and pod 2's server logs pod 1's IP as the source", async () => {
    expect(await exec(ids["pod-1"].client, ["wget", "-qO-", `http://${ips["pod-2"]}:8080/`])).toBe("two\n");
    expect(await logsOf(ids["pod-2"].server)).toContain(`[::ffff:${ips["pod-1"]}]:`);
  });

  it("4. preview right after up reports no changes", async () => {
    await t.stack.preview({ expectNoChanges: true });
  });

  it("5. refresh right after up reports no changes", async () => {
    await t.stack.refresh({ expectNoChanges: true });
  });

  it("6. changing one pod's env replaces only that pod", async () => {
    await t.stack.setConfig("greeting1", { value: "uno" });
    const result = await t.stack.up();
    expect(result.summary.resourceChanges).toEqual({ replace: 1, same: 3 });
    const next = result.outputs.containerIds.value;
    expect(next["pod-2"]).toEqual(ids["pod-2"]);
    expect(next["pod-1"].server).not.toBe(ids["pod-1"].server);
    expect(await exec(next["pod-1"].client, ["wget", "-qO-", "http://localhost:8080/"])).toBe("uno\n");
  });

  it("7. destroy leaves no Docker object labelled podling.io/managed for this stack", async () => {
    await t.stack.destroy();
    expect(await managedObjects(network)).toEqual({ containers: [], networks: [], volumes: [] });
  });
});
