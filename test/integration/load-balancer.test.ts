// LoadBalancer services on the real engine: each gets a loopback address of its own, where the host
// reaches its real ports; an address asked for that another service holds fails at check, naming the
// field. Only loopback is reached from this machine.
import { podHandlers } from "../../provider/pod/handlers";
import { podNetworkHandlers } from "../../provider/pod-network/handlers";
import { serviceHandlers } from "../../provider/service/handlers";
import { loadBalancerHolders } from "../../provider/service/load-balancer";
import { freeCidr, removeNetworkAndPods, requireDocker, uniqueName } from "../support/docker";
import { checkedCreate, owned } from "../support/handlers";
import { hostGet } from "../support/host-http";
import { eventually } from "../support/wait";
import { httpServer } from "../support/workloads";

jest.setTimeout(180_000);

describe("LoadBalancer services against the real engine", () => {
  const network = uniqueName("it-lb");
  let endpoint: { pod: string; ip: string; ready: boolean };
  const created: Array<{ id: string; outs: Record<string, any> }> = [];

  beforeAll(async () => {
    await requireDocker();
    await checkedCreate(podNetworkHandlers, { name: network, cidr: await freeCidr() });
    const pod = await checkedCreate(podHandlers, {
      network,
      name: "published",
      labels: { app: "published" },
      terminationGracePeriodSeconds: 0,
      containers: [httpServer("server", 8080, "published")],
    });
    endpoint = { pod: "default/published", ip: pod.outs.podIP, ready: true };
  });
  afterAll(async () => {
    for (const svc of created) await serviceHandlers.delete(svc.id, svc.outs).catch(() => undefined);
    await removeNetworkAndPods(network);
  });

  const loadBalancer = (name: string, extra: Record<string, unknown> = {}) => ({
    network,
    name,
    type: "LoadBalancer",
    selector: { app: "published" },
    ports: [{ port: 80, targetPort: 8080 }],
    endpoints: [endpoint],
    ...extra,
  });
  const addressOf = (svc: { outs: Record<string, any> }): string => svc.outs.status.loadBalancer.ingress[0].ip;

  it("two services created side by side, both on port 80, get addresses of their own, and the host reaches each", async () => {
    const both = await Promise.all(["lb-a", "lb-b"].map((name) => checkedCreate(serviceHandlers, loadBalancer(name))));
    created.push(...both);
    const [a, b] = both.map(addressOf);
    expect(a).not.toBe(b);
    for (const ip of [a, b]) {
      expect(ip).toMatch(/^127\.0\.0\.\d+$/);
      expect(ip).not.toBe("127.0.0.1");
      await eventually(
        `the host reaches the service at ${ip}:80`,
        60,
        async () => (await hostGet(80, ip).catch(() => "")) === "published\n",
      );
    }
  });

  it("an address another service holds fails at check, naming loadBalancerIP and the holder", async () => {
    const held = addressOf(created[0]);
    const checked = await serviceHandlers.check({}, owned(loadBalancer("lb-c", { loadBalancerIP: held })));
    expect(checked.failures).toEqual([
      {
        property: "loadBalancerIP",
        reason: `${held} is already published by service default/lb-a of network "${network}"`,
      },
    ]);
  });

  it("an address asked for is the one given, and the host reaches it there", async () => {
    const holders = await loadBalancerHolders();
    const wanted = Array.from({ length: 50 }, (_, i) => `127.0.0.${254 - i}`).find((ip) => !holders.has(ip))!;
    const svc = await checkedCreate(serviceHandlers, loadBalancer("lb-d", { loadBalancerIP: wanted }));
    created.push(svc);
    expect(addressOf(svc)).toBe(wanted);
    await eventually(
      `the host reaches the service at ${wanted}:80`,
      60,
      async () => (await hostGet(80, wanted).catch(() => "")) === "published\n",
    );
  });
});
