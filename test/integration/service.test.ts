// A deleted pod leaves its services before its containers get SIGTERM, as in Kubernetes; NodePorts are
// published only where the network says.
import * as net from "net";
import { podHandlers } from "../../provider/pod/handlers";
import { podNetworkHandlers } from "../../provider/pod-network/handlers";
import { serviceHandlers } from "../../provider/service/handlers";
import { docker, exec, freeCidr, removeNetworkAndPods, requireDocker, uniqueName } from "../support/docker";
import { checkedCreate } from "../support/handlers";
import { eventually } from "../support/wait";
import { httpServer } from "../support/workloads";

jest.setTimeout(180_000);

/** A TCP port of the default NodePort range that nothing listens on at `addresses` right now. */
async function freeNodePort(addresses: string[]): Promise<number> {
  const free = (port: number, host: string) =>
    new Promise<boolean>((resolve) => {
      const server = net.createServer().once("error", () => resolve(false));
      server.listen(port, host, () => server.close(() => resolve(true)));
    });
  for (let port = 30000 + Math.floor(Math.random() * 2000); port <= 32767; port++) {
    if ((await Promise.all(addresses.map((a) => free(port, a)))).every(Boolean)) return port;
  }
  throw new Error("no free port in 30000-32767");
}

describe("Service against the real engine", () => {
  const network = uniqueName("it-svc");
  let networkOuts: Record<string, any>;

  beforeAll(async () => {
    await requireDocker();
    networkOuts = (await checkedCreate(podNetworkHandlers, { name: network, cidr: await freeCidr() })).outs;
  });
  afterAll(() => removeNetworkAndPods(network));

  it("takes a deleted pod out of the router's rules while its containers still run", async () => {
    // A server that ignores SIGTERM: its containers outlive the withdrawal by the whole grace period. 20 s is
    // far longer than a loaded machine takes between the withdrawal and the next look at the rules.
    const stubborn = {
      ...httpServer("server", 8080, "x"),
      // SIGTERM ignored, by the shell and (inherited) by httpd: podling-init passes it on to them.
      command: ["sh", "-c", "trap '' TERM; mkdir -p /www; httpd -f -p 8080 -h /www; sleep 86400"],
    };
    const pod = await checkedCreate(podHandlers, {
      network,
      name: "leaving",
      terminationGracePeriodSeconds: 20,
      labels: { app: "x" },
      containers: [stubborn],
    });
    const svc = await checkedCreate(serviceHandlers, {
      network,
      name: "x",
      selector: { app: "x" },
      ports: [{ port: 80, targetPort: 8080 }],
      endpoints: [{ pod: "default/leaving", ip: pod.outs.podIP, ready: true }],
    });
    const router = svc.outs.routerContainerId;
    const rules = () => exec(router, ["iptables-save", "-t", "nat"]);
    expect(await rules()).toContain(`--to-destination ${pod.outs.podIP}:8080`);

    const deleting = podHandlers.delete(pod.id, pod.outs);
    await eventually(
      "the pod's address leaves the router's rules",
      60,
      async () => !(await rules()).includes(pod.outs.podIP),
    );
    const runningAfterWithdrawal = (await docker.getContainer(pod.outs.containerIds.server).inspect()).State.Running;
    await deleting;
    expect(runningAfterWithdrawal).toBe(true);
    await serviceHandlers.delete(svc.id, svc.outs);
    await expect(docker.getContainer(router).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  // Only what Docker records is inspected: no traffic goes to any address but loopback.
  it.each<[string, string[] | undefined, string[]]>([
    ["127.0.0.1 only, by the network's default", undefined, ["127.0.0.1"]],
    ["the network's nodePortAddresses when set", ["127.0.0.1", "127.0.0.2/32"], ["127.0.0.1", "127.0.0.2"]],
  ])("publishes a NodePort on %s", async (_what, nodePortAddresses, hostIps) => {
    const nodePort = await freeNodePort(hostIps);
    // As the SDK does: the network's NodePort settings travel with the service.
    const publishing = nodePortAddresses ?? networkOuts.nodePortAddresses;
    const svc = await checkedCreate(serviceHandlers, {
      network,
      name: `np-${hostIps.length}`,
      selector: { app: "np" },
      type: "NodePort",
      ports: [{ port: 80, targetPort: 8080, nodePort }],
      serviceNodePortRange: networkOuts.serviceNodePortRange,
      nodePortAddresses: publishing,
    });
    try {
      const info = await docker.getContainer(svc.outs.routerContainerId).inspect();
      const expected = hostIps.map((ip) => ({ HostIp: ip, HostPort: String(nodePort) }));
      expect(info.HostConfig.PortBindings).toEqual({ "80/tcp": expected });
      // Docker lists the live bindings in no fixed order.
      const live = [...(info.NetworkSettings.Ports["80/tcp"] ?? [])].sort((a, b) => a.HostIp.localeCompare(b.HostIp));
      expect({ ...info.NetworkSettings.Ports, "80/tcp": live }).toEqual({ "80/tcp": expected });
    } finally {
      await serviceHandlers.delete(svc.id, svc.outs);
    }
  });
});
