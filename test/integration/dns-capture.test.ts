// No declaration shadows an outside name, checked on what Docker really records: every name its resolver
// answers on a pod network (container names and aliases) holds a "_", and the cluster DNS holds only
// `<svc>.<ns>.svc.cluster.local` records. Only names inside cluster.local are queried: a query for any
// other name would leave the machine.
import { podHandlers } from "../../provider/pod/handlers";
import { podNetworkHandlers } from "../../provider/pod-network/handlers";
import { serviceHandlers } from "../../provider/service/handlers";
import { clusterDnsName } from "../../provider/pod-network/cluster-dns";
import { docker, exec, freeCidr, removeNetworkAndPods, requireDocker, uniqueName } from "../support/docker";
import { checkedCreate } from "../support/handlers";
import { sleeper } from "../support/workloads";

jest.setTimeout(180_000);

/** Every name Docker's resolver answers on `network`: each attached container's name and aliases. */
async function dockerNames(network: string): Promise<string[]> {
  const attached = Object.keys((await docker.getNetwork(network).inspect()).Containers ?? {});
  const names: string[] = [];
  for (const id of attached) {
    const info = await docker.getContainer(id).inspect();
    // Docker adds the short container id, and (20.10 and later) the hostname, which is the pod's name:
    // Podling cannot leave that out (docs/reliability.md, "Still weak"). Podling declares no alias.
    const added = (a: string) => info.Id.startsWith(a) || a === info.Config.Hostname;
    const aliases = (info.NetworkSettings.Networks[network].Aliases ?? []).filter((a: string) => !added(a));
    names.push(info.Name.replace(/^\//, ""), ...aliases);
  }
  return names;
}

const hostLike = (name: string) => /^[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(name);

describe("DNS capture against the real engine", () => {
  const network = uniqueName("it-dns");

  beforeAll(async () => {
    await requireDocker();
    await checkedCreate(podNetworkHandlers, { name: network, cidr: await freeCidr() });
  });
  afterAll(() => removeNetworkAndPods(network));

  it("a pod named github in namespace com and its service answer only under svc.cluster.local", async () => {
    const pod = await checkedCreate(podHandlers, {
      network,
      namespace: "com",
      name: "github",
      labels: { app: "github" },
      containers: [sleeper("main")],
    });
    const svc = await checkedCreate(serviceHandlers, {
      network,
      namespace: "com",
      name: "github",
      selector: { app: "github" },
      ports: [{ port: 80, targetPort: 80 }],
      endpoints: [{ pod: "com/github", ip: pod.outs.podIP, ready: true }],
    });

    const names = await dockerNames(network);
    expect(names.length).toBeGreaterThanOrEqual(3); // the DNS, the router and the sandbox
    expect(names.filter(hostLike)).toEqual([]);

    const records = await exec(clusterDnsName(network), ["cat", "/etc/podling/dns/svc.com.github"]);
    expect(records).toBe(`${svc.outs.clusterIP} github.com.svc.cluster.local\n`);
    const lookup = await exec(pod.outs.containerIds.main, ["nslookup", "github.com.svc.cluster.local"]);
    expect(lookup).toContain(`Address: ${svc.outs.clusterIP}`);

    await serviceHandlers.delete(svc.id, svc.outs);
    await podHandlers.delete(pod.id, pod.outs);
  });

  it("a network made before the rename keeps its DNS container's old name working, and its delete removes it", async () => {
    const other = uniqueName("it-dns-old");
    const made = await checkedCreate(podNetworkHandlers, { name: other, cidr: await freeCidr() });
    try {
      await docker.getContainer(clusterDnsName(other)).rename({ name: `dns.${other}` });
      const svc = await checkedCreate(serviceHandlers, {
        network: other,
        name: "web",
        selector: { app: "web" },
        ports: [{ port: 80, targetPort: 80 }],
        endpoints: [],
      });
      expect(await exec(`dns.${other}`, ["cat", "/etc/podling/dns/svc.default.web"])).toBe(
        `${svc.outs.clusterIP} web.default.svc.cluster.local\n`,
      );
      await serviceHandlers.delete(svc.id, svc.outs);
      await podNetworkHandlers.delete(made.id, made.outs);
      await expect(docker.getContainer(`dns.${other}`).inspect()).rejects.toMatchObject({ statusCode: 404 });
    } finally {
      await removeNetworkAndPods(other);
    }
  });
});
