// Pod names as Kubernetes has them, on the real engine: two pods named `web` in two namespaces of one
// network both run; a bare pod name resolves nowhere (Docker's resolver would answer each pod's hostname
// network-wide); `a-b-c-d.<ns>.pod.cluster.local` answers only under the pod's own namespace; and a pod
// with a subdomain is `<hostname>.<subdomain>.<ns>.svc.cluster.local` under a headless service of that name.
// Every name queried is inside cluster.local or bare: no query leaves the machine. Run it with
// PODLING_AGENT_IMAGE set to an agent built from this tree (the hostname records are the agent's too).
import { podHandlers } from "../../provider/pod/handlers";
import { podNetworkHandlers } from "../../provider/pod-network/handlers";
import { serviceHandlers } from "../../provider/service/handlers";
import { clusterDnsName } from "../../provider/pod-network/cluster-dns";
import { podDnsName } from "../../provider/rules/dns-records";
import { docker, exec, freeCidr, removeNetworkAndPods, requireDocker, resolveIn, uniqueName } from "../support/docker";
import { checkedCreate, testOwner } from "../support/handlers";
import { eventually } from "../support/wait";
import { sleeper } from "../support/workloads";

jest.setTimeout(240_000);

type Made = { id: string; outs: Record<string, any> };

describe("pod DNS names against the real engine", () => {
  const network = uniqueName("it-poddns");
  const pods: Record<string, Made> = {};

  /** A pod that can resolve names (podling-probe), owned by a resource of its own. */
  const pod = (namespace: string, name: string, extra: Record<string, unknown> = {}) =>
    checkedCreate(podHandlers, {
      owner: testOwner(`${namespace}-${name}`),
      network,
      namespace,
      name,
      terminationGracePeriodSeconds: 1,
      containers: [{ ...sleeper("main"), image: "podling/probe:1" }],
      ...extra,
    });
  const resolveFrom = (who: string, name: string) => resolveIn(pods[who].outs.containerIds.main, name);

  beforeAll(async () => {
    await requireDocker();
    await checkedCreate(podNetworkHandlers, { name: network, cidr: await freeCidr() });
    pods["a/web"] = await pod("a", "web");
    pods["b/web"] = await pod("b", "web");
    pods["a/client"] = await pod("a", "client");
    pods["c/client"] = await pod("c", "client");
    pods["a/db-0"] = await pod("a", "db-0", { subdomain: "db" });
  });
  afterAll(() => removeNetworkAndPods(network));

  it("runs two pods named web in two namespaces, as distinct pods", async () => {
    const [a, b] = [pods["a/web"].outs, pods["b/web"].outs];
    expect(a.podIP).not.toBe(b.podIP);
    expect(a.infraContainerId).not.toBe(b.infraContainerId);
    for (const [outs, namespace] of [
      [a, "a"],
      [b, "b"],
    ] as const) {
      const info = await docker.getContainer(outs.infraContainerId).inspect();
      expect(info.State.Running).toBe(true);
      expect(info.Config.Labels["podling.io/namespace"]).toBe(namespace);
      expect(info.Config.Hostname).toBe("web");
    }
  });

  it("gives each pod the cluster DNS as its nameserver, not Docker's resolver", async () => {
    const resolvConf = await exec(pods["c/client"].outs.containerIds.main, ["cat", "/etc/resolv.conf"]);
    expect(resolvConf).not.toContain("127.0.0.11");
    expect(resolvConf).toContain("search c.svc.cluster.local svc.cluster.local cluster.local");
    const dns = await docker.getContainer(clusterDnsName(network)).inspect();
    expect(resolvConf).toContain(`nameserver ${dns.NetworkSettings.Networks[network].IPAddress}`);
  });

  it("resolves a bare pod name in no namespace: not across namespaces, and not in its own", async () => {
    // Docker does record the hostname as an alias: the check below would fail through its resolver.
    const alias = await docker.getContainer(pods["a/web"].outs.infraContainerId).inspect();
    expect(alias.NetworkSettings.Networks[network].Aliases).toContain("web");
    expect(await resolveFrom("c/client", "web")).toEqual([]);
    expect(await resolveFrom("a/client", "web")).toEqual([]);
    expect(await resolveFrom("a/client", "db-0")).toEqual([]);
  });

  it("answers a-b-c-d.<ns>.pod.cluster.local with the pod's address, only under its own namespace", async () => {
    const [a, b] = [pods["a/web"].outs.podIP, pods["b/web"].outs.podIP];
    expect(await resolveFrom("c/client", podDnsName("a", a))).toEqual([a]);
    expect(await resolveFrom("c/client", podDnsName("b", b))).toEqual([b]);
    expect(await resolveFrom("c/client", podDnsName("b", a))).toEqual([]);
    expect(await resolveFrom("c/client", podDnsName("c", a))).toEqual([]);
  });

  it("answers hostname.subdomain under a headless service named like the subdomain, also through the search path", async () => {
    const ip = pods["a/db-0"].outs.podIP;
    // Listed not ready: only the agent, which sees the pod ready now, can write the hostname record.
    await checkedCreate(serviceHandlers, {
      network,
      namespace: "a",
      name: "db",
      type: "Headless",
      selector: { app: "db" },
      ports: [{ port: 5432 }],
      endpoints: [{ pod: "a/db-0", ip, ready: false, hostname: "db-0" }],
    });
    await eventually("db-0.db.a.svc.cluster.local resolves", 60, async () =>
      (await resolveFrom("c/client", "db-0.db.a.svc.cluster.local")).includes(ip),
    );
    expect(await resolveFrom("c/client", "db-0.db.a.svc.cluster.local")).toEqual([ip]);
    expect(await resolveFrom("a/client", "db-0.db")).toEqual([ip]);
    expect(await resolveFrom("a/client", "db")).toEqual([ip]);
    expect(await resolveFrom("c/client", "db-0.db.c.svc.cluster.local")).toEqual([]);
    // The pod knows its own FQDN, as a Kubernetes pod with a subdomain does.
    const hosts = await exec(pods["a/db-0"].outs.containerIds.main, ["cat", "/etc/hosts"]);
    expect(hosts).toContain(`${ip}\tdb-0.db.a.svc.cluster.local db-0`);
  });

  it("withdraws a deleted pod's name, and leaves the same-named pod of another namespace alone", async () => {
    const [a, b] = [pods["a/web"].outs.podIP, pods["b/web"].outs.podIP];
    await podHandlers.delete(pods["b/web"].id, pods["b/web"].outs);
    expect(await resolveFrom("c/client", podDnsName("b", b))).toEqual([]);
    expect(await resolveFrom("c/client", podDnsName("a", a))).toEqual([a]);
    await expect(docker.getContainer(pods["a/web"].outs.infraContainerId).inspect()).resolves.toMatchObject({
      State: { Running: true },
    });
  });

  it("keeps the pod's resolver after its sandbox restarts (Docker writes its own file at every start)", async () => {
    const sandbox = docker.getContainer(pods["a/client"].outs.infraContainerId);
    const before = await sandbox.inspect();
    process.kill(before.State.Pid, "SIGKILL"); // Docker's restart policy starts it again
    await eventually("the sandbox and its app container run again", 60, async () => {
      const [s, app] = [
        await sandbox.inspect(),
        await docker.getContainer(pods["a/client"].outs.containerIds.main).inspect(),
      ];
      return (
        s.State.Running &&
        s.State.StartedAt !== before.State.StartedAt &&
        app.State.Running &&
        Date.parse(app.State.StartedAt) > Date.parse(s.State.StartedAt)
      );
    });
    const resolvConf = await exec(pods["a/client"].outs.containerIds.main, ["cat", "/etc/resolv.conf"]);
    expect(resolvConf).not.toContain("127.0.0.11");
    expect(await resolveFrom("a/client", "web")).toEqual([]);
    expect(await resolveFrom("a/client", "db-0.db")).toEqual([pods["a/db-0"].outs.podIP]);
  });
});
