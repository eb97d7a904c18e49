import { podHandlers } from "../../provider/pod/handlers";
import { podNetworkHandlers } from "../../provider/pod-network/handlers";
import { docker, freeCidr, removeNetworkAndPods, requireDocker, uniqueName } from "../support/docker";
import { checkedCreate } from "../support/handlers";
import { sleeper } from "../support/workloads";

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
    const dns = await docker.getContainer(`dns.${name}`).inspect();
    expect(dns.State.Running).toBe(true);
    expect(dns.NetworkSettings.Networks[name].IPAddress).toBe(outs.dnsIP);
  });

  it("check rejects a CIDR that overlaps an existing Docker network, naming it", async () => {
    const result = await podNetworkHandlers.check({}, { name: uniqueName("other"), cidr });
    expect(result.failures).toEqual([{ property: "cidr", reason: expect.stringContaining(`overlaps Docker network "${name}"`) }]);
  });

  it("refuses to be removed while a pod uses it, naming the pod, and is removable afterwards", async () => {
    const pod = await checkedCreate(podHandlers, { network: name, name: "holder", terminationGracePeriodSeconds: 0, containers: [sleeper("main")] });
    const network = await docker.getNetwork(name).inspect();
    await expect(podNetworkHandlers.delete(network.Id, { networkName: name })).rejects.toThrow(`PodNetwork "${name}" is still used by pod default/holder;`);
    await podHandlers.delete(pod.id, pod.outs);
    await podNetworkHandlers.delete(network.Id, { networkName: name });
    await expect(docker.getNetwork(name).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it("delete succeeds when the network is already gone", async () => {
    await expect(podNetworkHandlers.delete("0123456789ab", { networkName: name })).resolves.toBeUndefined();
  });

  it("read reports a network removed outside Pulumi as gone", async () => {
    const { id, outs } = await checkedCreate(podNetworkHandlers, { name, cidr });
    await docker.getContainer(`dns.${name}`).remove({ force: true });
    await docker.getNetwork(id).remove();
    expect(await podNetworkHandlers.read(id, outs)).toEqual({});
  });
});
