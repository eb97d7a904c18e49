// Ownership through the real pulumi CLI: every Docker object carries its stack and a hash of its
// resource's URN, and Podling removes only what it owns. Two stacks on one network declare the same pod
// and the same network name; one program declares one pod twice; a state written before owners existed.
import { createHash } from "crypto";
import { docker, freeCidr, removeNetworkAndPods, requireDocker, uniqueName } from "../support/docker";
import { objectsUnknownToState } from "../support/leaks";
import { declare, TestStack, testStack } from "../support/pulumi";
import { TOOLBOX } from "../support/workloads";
import { clusterDnsName } from "../../provider/pod-network/cluster-dns";

jest.setTimeout(600_000);

const web = {
  resource: "web",
  name: "web",
  terminationGracePeriodSeconds: 1,
  containers: [{ name: "main", image: TOOLBOX, command: ["sh", "-c", "trap 'exit 0' TERM; sleep 86400 & wait"] }],
};
const stackOf = (t: TestStack) => `organization/podling-e2e-from-config/${t.stack.name}`;

describe("ownership: two stacks on one network", () => {
  const network = uniqueName("e2e-own");
  let a: TestStack;
  let b: TestStack;
  let cidr: string;
  /** Stack a's pod as Docker shows it: container id -> state. */
  const podOfA = async () => {
    const found = await docker.listContainers({
      all: true,
      filters: { label: [`podling.io/network=${network}`, "podling.io/pod=web"] },
    });
    return Object.fromEntries(found.map((c) => [c.Id, `${c.State} ${c.Labels["podling.io/stack"]}`]));
  };

  beforeAll(async () => {
    await requireDocker();
    cidr = await freeCidr();
    a = await testStack("from-config", {});
    b = await testStack("from-config", {});
    // On one engine the node agent enforces the policy: no PodFirewall resource (see cluster-ownership for those).
    await declare(a, {
      networks: [{ resource: "net", name: network, cidr }],
      pods: [web],
      policies: [{ resource: "open", podSelector: {}, ingress: [{}] }],
    });
    await a.stack.up();
  });
  afterAll(async () => {
    await b?.dispose().catch(() => undefined);
    await a?.dispose().catch(() => undefined);
    await removeNetworkAndPods(network);
  });

  it("labels every object with its stack and the SHA-256 of its resource's URN", async () => {
    const resources = (await a.stack.exportStack()).deployment.resources;
    const urnOf = (type: string) => resources.find((r: { type: string }) => r.type.endsWith(type)).urn as string;
    const hash = (urn: string) => createHash("sha256").update(urn).digest("hex").slice(0, 16);
    const pod = await docker.listContainers({
      all: true,
      filters: { label: [`podling.io/network=${network}`, "podling.io/pod=web"] },
    });
    expect(pod.map((c) => c.Labels["podling.io/role"]).sort()).toEqual(["app", "infra"]);
    for (const c of pod)
      expect(c.Labels).toMatchObject({
        "podling.io/stack": stackOf(a),
        "podling.io/owner": hash(urnOf("podling:Pod")),
      });
    const net = await docker.getNetwork(network).inspect();
    const dns = await docker.getContainer(clusterDnsName(network)).inspect();
    for (const labels of [net.Labels, dns.Config.Labels])
      expect(labels).toMatchObject({
        "podling.io/stack": stackOf(a),
        "podling.io/owner": hash(urnOf("podling:PodNetwork")),
      });
    expect(resources.filter((r: { type: string }) => r.type.endsWith("podling:PodFirewall"))).toEqual([]);
    expect(resources.find((r: { type: string }) => r.type.endsWith("podling:NetworkPolicy")).outputs).toMatchObject({
      enforcement: "node-agent",
    });
  });

  it("a second stack declaring default/web on the network fails at create naming the first stack; the first pod keeps running, the same containers", async () => {
    const before = await podOfA();
    expect(Object.values(before)).toEqual([`running ${stackOf(a)}`, `running ${stackOf(a)}`]);
    await declare(b, { networks: [{ resource: "net", get: network }], pods: [web] });
    // Twice, with the first stack's up between: before owners, the two stacks went on removing each other's pod.
    for (let round = 0; round < 2; round++) {
      await expect(b.stack.up()).rejects.toThrow(
        `pod default/web on network "${network}" already belongs to stack ${stackOf(a)}`,
      );
      expect(await podOfA()).toEqual(before);
      expect((await a.stack.up()).summary.resourceChanges).toEqual({ same: 4 });
      expect(await podOfA()).toEqual(before);
    }
    await b.stack.destroy();
    expect(await podOfA()).toEqual(before);
    expect(await objectsUnknownToState(a.stack, [network])).toEqual([]);
  });

  it("a second stack declaring a new PodNetwork of the same name and CIDR fails at create naming the first stack; the network and its DNS stay", async () => {
    const net = (await docker.getNetwork(network).inspect()).Id;
    const dns = (await docker.getContainer(clusterDnsName(network)).inspect()).Id;
    await declare(b, { networks: [{ resource: "net", name: network, cidr }], pods: [] });
    await expect(b.stack.up()).rejects.toThrow(
      `PodNetwork "${network}": a Docker network "${network}" already exists and belongs to stack ${stackOf(a)}; Podling touched none of it`,
    );
    expect((await docker.getNetwork(network).inspect()).Id).toBe(net);
    const after = await docker.getContainer(clusterDnsName(network)).inspect();
    expect({ id: after.Id, running: after.State.Running }).toEqual({ id: dns, running: true });
  });

  it("one program declaring default/web twice fails at preview, naming both resources, and creates nothing", async () => {
    await declare(b, {
      networks: [{ resource: "net", get: network }],
      pods: [
        { ...web, resource: "web-a" },
        { ...web, resource: "web-b" },
      ],
    });
    await expect(b.stack.preview()).rejects.toThrow(
      `Pod "web-b": pod default/web on network "${network}" is also declared by Pod "web-a" in this program`,
    );
    await expect(b.stack.up()).rejects.toThrow(
      `Pod "web-b": pod default/web on network "${network}" is also declared by Pod "web-a" in this program`,
    );
    const recorded = (await b.stack.exportStack()).deployment.resources ?? [];
    expect(recorded.filter((r: { type: string }) => r.type.endsWith("podling:Pod"))).toEqual([]);
    expect(Object.values(await podOfA())).toEqual([`running ${stackOf(a)}`, `running ${stackOf(a)}`]);
  });

  it("a state written before owners existed proposes no change at all, and nothing is replaced by up", async () => {
    const exported = await a.stack.exportStack();
    const withoutOwners = structuredClone(exported);
    for (const r of withoutOwners.deployment.resources) {
      delete r.inputs?.owner;
      delete r.outputs?.owner;
    }
    await a.stack.importStack(withoutOwners);
    try {
      await a.stack.preview({ expectNoChanges: true });
      expect((await a.stack.up()).summary.resourceChanges).toEqual({ same: 4 });
    } finally {
      // Back to the state that matches the labels, for destroy.
      await a.stack.importStack(exported);
    }
  });
});
