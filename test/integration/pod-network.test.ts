import { podHandlers } from "../../provider/pod/handlers";
import { podNetworkHandlers } from "../../provider/pod-network/handlers";
import { docker, freeCidr, removeNetworkAndPods, requireDocker, uniqueName } from "../support/docker";
import { checkedCreate, owned, testOwner } from "../support/handlers";
import { sleeper } from "../support/workloads";
import { clusterDnsName } from "../../provider/pod-network/cluster-dns";

jest.setTimeout(60_000);

describe("PodNetwork against the real engine", () => {
  const name = uniqueName("it-net");
  let cidr: string;

  beforeAll(async () => {
    await requireDocker();
    cidr = await freeCidr();
  });
  afterAll(() => removeNetworkAndPods(name));

  it("creates a labelled bridge network with the declared subnet and gateway, and its cluster DNS", async () => {
    const { id, outs } = await checkedCreate(podNetworkHandlers, { name, cidr });
    const info = await docker.getNetwork(id).inspect();
    expect(info.IPAM?.Config?.[0].Subnet).toBe(cidr);
    expect(info.IPAM?.Config?.[0].Gateway).toBe(outs.gateway);
    expect(info.Labels).toMatchObject({ "podling.io/managed": "true", "podling.io/network": name });
    expect(outs).toMatchObject({ networkName: name, networkId: id, cidr });
    const dns = await docker.getContainer(clusterDnsName(name)).inspect();
    expect(dns.State.Running).toBe(true);
    expect(dns.NetworkSettings.Networks[name].IPAddress).toBe(outs.dnsIP);
  });

  it("check rejects a CIDR that overlaps an existing Docker network, naming it", async () => {
    const result = await podNetworkHandlers.check({}, owned({ name: uniqueName("other"), cidr }));
    expect(result.failures).toEqual([
      { property: "cidr", reason: expect.stringContaining(`overlaps Docker network "${name}"`) },
    ]);
  });

  it("refuses to be removed while a pod uses it, naming the pod, and is removable afterwards", async () => {
    const pod = await checkedCreate(podHandlers, {
      network: name,
      name: "holder",
      terminationGracePeriodSeconds: 0,
      containers: [sleeper("main")],
    });
    const network = await docker.getNetwork(name).inspect();
    const state = { networkName: name, owner: testOwner(name) };
    await expect(podNetworkHandlers.delete(network.Id, state)).rejects.toThrow(
      `PodNetwork "${name}" is still used by pod default/holder;`,
    );
    await podHandlers.delete(pod.id, pod.outs);
    await podNetworkHandlers.delete(network.Id, state);
    await expect(docker.getNetwork(name).inspect()).rejects.toMatchObject({ statusCode: 404 });
    await expect(docker.getContainer(clusterDnsName(name)).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it("delete succeeds when the network is already gone", async () => {
    await expect(podNetworkHandlers.delete("0123456789ab", { networkName: name })).resolves.toBeUndefined();
  });

  it("read reports a network removed outside Pulumi as gone", async () => {
    const { id, outs } = await checkedCreate(podNetworkHandlers, { name, cidr });
    await docker.getContainer(clusterDnsName(name)).remove({ force: true });
    await docker.getNetwork(id).remove();
    expect(await podNetworkHandlers.read(id, outs)).toEqual({});
  });
});

describe("PodNetwork ownership: create reclaims a leftover network only when it carries the creator's owner", () => {
  const name = uniqueName("it-own");
  const mine = testOwner("net", "stack-a");
  let cidr: string;
  let original: { id: string; dns: string };

  beforeAll(async () => {
    await requireDocker();
    cidr = await freeCidr();
    const { id } = await checkedCreate(podNetworkHandlers, { name, cidr, owner: mine });
    original = { id, dns: (await docker.getContainer(clusterDnsName(name)).inspect()).Id };
  });
  afterAll(() => removeNetworkAndPods(name));

  /** The first network and its DNS are the very same objects, and the DNS still runs. */
  async function untouched(): Promise<void> {
    expect((await docker.getNetwork(name).inspect()).Id).toBe(original.id);
    const dns = await docker.getContainer(clusterDnsName(name)).inspect();
    expect({ id: dns.Id, running: dns.State.Running }).toEqual({ id: original.dns, running: true });
  }

  it("another stack's network of the same name and CIDR, unused by pods, stays with its DNS; the create names that stack", async () => {
    await expect(checkedCreate(podNetworkHandlers, { name, cidr, owner: testOwner("net", "stack-b") })).rejects.toThrow(
      `PodNetwork "${name}": a Docker network "${name}" already exists and belongs to stack organization/podling-integration/stack-a; Podling touched none of it`,
    );
    await untouched();
  });

  it("another resource of the same stack does not take it either", async () => {
    await expect(
      checkedCreate(podNetworkHandlers, { name, cidr, owner: testOwner("other-net", "stack-a") }),
    ).rejects.toThrow(
      /already exists and belongs to another resource of this stack \(organization\/podling-integration\/stack-a, URN hash [0-9a-f]{16}\)/,
    );
    await untouched();
  });

  it("a network without owner labels (an older Podling's, or made by hand) stays", async () => {
    const bare = uniqueName("it-own-bare");
    const bareCidr = await freeCidr();
    const made = await docker.createNetwork({
      Name: bare,
      IPAM: { Config: [{ Subnet: bareCidr }] },
      Labels: { "podling.io/managed": "true", "podling.io/network": bare },
    });
    try {
      await expect(checkedCreate(podNetworkHandlers, { name: bare, cidr: bareCidr })).rejects.toThrow(
        `a Docker network "${bare}" already exists without a Podling owner label`,
      );
      expect((await docker.getNetwork(bare).inspect()).Id).toBe(made.id);
    } finally {
      await removeNetworkAndPods(bare);
    }
  });

  it("the same resource's own leftover (an interrupted run) is reclaimed, and the create goes on", async () => {
    const again = await checkedCreate(podNetworkHandlers, { name, cidr, owner: mine });
    expect(again.id).not.toBe(original.id);
    expect((await docker.getNetwork(name).inspect()).Labels).toMatchObject({
      "podling.io/stack": mine.stack,
      "podling.io/owner": mine.resource,
    });
    expect((await docker.getContainer(clusterDnsName(name)).inspect()).Config.Labels).toMatchObject({
      "podling.io/stack": mine.stack,
      "podling.io/owner": mine.resource,
    });
  });
});
