// Pod and service addresses against the real engine: the provider's address book and Docker's own IPAM.
import { podHandlers } from "../../provider/pod/handlers";
import { podNetworkHandlers } from "../../provider/pod-network/handlers";
import { serviceHandlers } from "../../provider/service/handlers";
import { addressAt, addressCount, contains, layoutOf } from "../../core/cidr";
import { assignBlocks } from "../../core/node-blocks";
import { docker, freeCidr, removeNetworkAndPods, requireDocker, uniqueName } from "../support/docker";
import { checkedCreate } from "../support/handlers";
import { sleeper, TOOLBOX } from "../support/workloads";

jest.setTimeout(120_000);

const TEST_LABEL = "podling.io/test";

/** Runs a plain container on `network` the way `docker run --network` does, labelled for this test. */
async function runByHand(test: string, network: string, ip?: string): Promise<ReturnType<typeof docker.getContainer>> {
  const container = await docker.createContainer({
    Image: TOOLBOX,
    Cmd: ["sleep", "600"],
    Labels: { [TEST_LABEL]: test },
    HostConfig: { NetworkMode: network },
    NetworkingConfig: { EndpointsConfig: { [network]: ip ? { IPAMConfig: { IPv4Address: ip } } : {} } },
  });
  await container.start();
  return container;
}

async function removeByHand(test: string): Promise<void> {
  const made = await docker.listContainers({ all: true, filters: { label: [`${TEST_LABEL}=${test}`] } });
  await Promise.all(
    made.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
}

describe("pod addresses against the real engine", () => {
  const networks: string[] = [];
  const newNetwork = async (prefix: number) => {
    const name = uniqueName("it-ipam");
    networks.push(name);
    const cidr = await freeCidr(prefix);
    const { outs } = await checkedCreate(podNetworkHandlers, { name, cidr });
    return { name, cidr, outs };
  };

  beforeAll(requireDocker);
  afterAll(async () => {
    for (const name of networks) await removeNetworkAndPods(name);
  });

  it("frees a deleted pod's address in the same process: every pod of a full /29 is replaced, one after the other", async () => {
    const { name: network } = await newNetwork(29);
    const pod = (name: string, version: string) => ({
      network,
      name,
      terminationGracePeriodSeconds: 0,
      containers: [{ ...sleeper("main"), env: { VERSION: version } }],
    });
    const first = [];
    for (let i = 0; i < 5; i++) first.push(await checkedCreate(podHandlers, pod(`p${i}`, "1")));
    // What `pulumi up` does for a replacement that must delete before it creates: delete, then create.
    const second = [];
    for (let i = 0; i < 5; i++) {
      await podHandlers.delete(first[i].id, first[i].outs);
      second.push(await checkedCreate(podHandlers, pod(`p${i}`, "2")));
    }
    expect(new Set(second.map((p) => p.outs.podIP)).size).toBe(5);
  });

  it("skips an address that something outside this process took after the book was read", async () => {
    const test = uniqueName("ipam-taken");
    const { name: network, cidr } = await newNetwork(29);
    try {
      const first = await checkedCreate(podHandlers, {
        network,
        name: "first",
        terminationGracePeriodSeconds: 0,
        containers: [sleeper("main")],
      });
      expect(first.outs.podIP).toBe(addressAt(cidr, 2));
      await runByHand(test, network, addressAt(cidr, 3)); // the book still counts .3 as free; Docker refuses it
      const second = await checkedCreate(podHandlers, {
        network,
        name: "second",
        terminationGracePeriodSeconds: 0,
        containers: [sleeper("main")],
      });
      expect(second.outs.podIP).toBe(addressAt(cidr, 4));
    } finally {
      await removeByHand(test);
    }
  });

  it("gives a home-node pod an address from its node's block even when a service read the network first", async () => {
    const { name: network, cidr } = await newNetwork(21);
    // The home node holds the second block: the node that had the first one left the cluster.
    const engine = process.env.DOCKER_HOST ?? "unix:///var/run/docker.sock";
    const [, home] = assignBlocks(cidr, [
      { name: "gone", dockerHost: engine },
      { name: "home", dockerHost: engine },
    ]);
    const clusterLayout = { cluster: "c", cidr, home, nodes: [home] };
    const service = await checkedCreate(serviceHandlers, {
      network,
      name: "s",
      selector: { app: "s" },
      ports: [{ port: 80, targetPort: 8080 }],
      endpoints: [],
      routerNode: home,
    });
    expect(contains(layoutOf(cidr).serviceCidr!, service.outs.clusterIP)).toBe(true);
    const pod = await checkedCreate(podHandlers, {
      network,
      name: "p",
      nodeName: "home",
      clusterLayout,
      terminationGracePeriodSeconds: 0,
      containers: [sleeper("main")],
    });
    expect({ podIP: pod.outs.podIP, inBlock: contains(home.podCidr, pod.outs.podIP) }).toEqual({
      podIP: pod.outs.podIP,
      inBlock: true,
    });
  });

  describe("a container joined by hand (docker run --network) on a single-host PodNetwork", () => {
    it("gets a pod address, never the DNS's or a service's", async () => {
      const test = uniqueName("ipam-hand");
      const { name: network, cidr, outs } = await newNetwork(24);
      try {
        const info = await (await runByHand(test, network)).inspect();
        const ip = info.NetworkSettings.Networks[network].IPAddress;
        const layout = layoutOf(cidr);
        expect({
          ip,
          podAddress: addressCount(layout.podFirst, ip) >= 1 && addressCount(ip, layout.podLast) >= 1,
        }).toEqual({ ip, podAddress: true });
        expect(ip).not.toBe(outs.dnsIP);
        expect(contains(outs.serviceCidr, ip)).toBe(false);
      } finally {
        await removeByHand(test);
      }
    });

    it("is refused once Docker's range is full, rather than given a service address", async () => {
      const test = uniqueName("ipam-full");
      // A /26: 54 pod addresses, then the DNS server and six service addresses.
      const { name: network, cidr, outs } = await newNetwork(26);
      const layout = layoutOf(cidr);
      try {
        const podAddresses = Array.from({ length: addressCount(layout.podFirst, layout.podLast) }, (_, i) =>
          addressAt(cidr, 2 + i),
        );
        expect(podAddresses[podAddresses.length - 1]).toBe(layout.podLast);
        for (let i = 0; i < podAddresses.length; i += 9)
          await Promise.all(podAddresses.slice(i, i + 9).map((ip) => runByHand(test, network, ip)));
        const joined = await runByHand(test, network).then(
          async (c) =>
            `started with ${(await c.inspect()).NetworkSettings.Networks[network].IPAddress} (the DNS is ${outs.dnsIP}, services ${outs.serviceCidr})`,
          (err: Error) => err.message,
        );
        expect(joined).toMatch(/no available IPv4 addresses/);
      } finally {
        await removeByHand(test);
      }
    });
  });
});
