// Services end to end with the real pulumi CLI: endpoints that track pods across ups, a stable ClusterIP,
// spread, fast reject, ClientIP affinity, headless, DNS names, UDP, NodePort, hairpin, no spurious diffs.
import {
  docker,
  exec,
  freeCidr,
  managedObjects,
  removeNetworkAndPods,
  requireDocker,
  resolveIn,
  uniqueName,
} from "../support/docker";
import { LABEL } from "../../provider/labels";
import { hostGet } from "../support/host-http";
import { freeHostPort } from "../support/ports";
import { TestStack, testStack } from "../support/pulumi";
import { allOnOneBackend, givenBackendMissed, requestsFor, someBackendMissed } from "../support/sampling";

jest.setTimeout(300_000);

/** `count` HTTP requests through the service from a container; returns how many each backend answered. */
async function spread(container: string, url: string, count: number): Promise<Record<string, number>> {
  const out = await exec(container, ["sh", "-c", `for i in $(seq ${count}); do timeout 5 wget -qO- ${url}; done`]);
  const counts: Record<string, number> = {};
  for (const name of out.split("\n").filter(Boolean)) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

describe("services through pulumi up", () => {
  const network = uniqueName("e2e-svc");
  let nodePort: number;
  let t: TestStack;
  let clusterIP: string;
  let client: string;

  const up = async (backends: string[], extra: Record<string, string> = {}) => {
    await t.stack.setConfig("backends", { value: JSON.stringify(backends) });
    for (const [k, v] of Object.entries(extra)) await t.stack.setConfig(k, { value: v });
    const result = await t.stack.up();
    const outputs = result.outputs;
    client = outputs.clientContainer.value;
    return {
      result,
      endpoints: outputs.endpoints.value as string[],
      clusterIP: outputs.clusterIP.value as string,
      outputs,
    };
  };

  beforeAll(async () => {
    await requireDocker();
    nodePort = await freeHostPort(30000, 32767);
    t = await testStack("services", { network, cidr: await freeCidr(24), nodePort: String(nodePort) });
  });
  afterAll(async () => {
    await t?.dispose().catch(() => undefined);
    await removeNetworkAndPods(network);
  });

  it("1. endpoints track pods added and removed, and the ClusterIP never changes", async () => {
    const steps: Array<[string[], string[]]> = [
      [[], []],
      [["a"], ["default/echo-a"]],
      [
        ["a", "b"],
        ["default/echo-a", "default/echo-b"],
      ],
      [["b"], ["default/echo-b"]],
      [[], []],
    ];
    for (const [backends, expected] of steps) {
      const { endpoints, clusterIP: ip, result } = await up(backends);
      expect(endpoints).toEqual(expected);
      clusterIP ??= ip;
      expect(ip).toBe(clusterIP);
      if (backends.length === 1 && backends[0] === "b") {
        expect(result.summary.resourceChanges).toMatchObject({ delete: 1, update: 2 }); // the pod goes; both services update in place
        expect(await spread(client, "http://echo/", 6)).toEqual({ b: 6 });
      }
    }
  });

  it("3. with no endpoints the ClusterIP refuses at once instead of hanging", async () => {
    const result = await exec(client, ["sh", "-c", "timeout 5 wget -qO- http://echo/ 2>&1; echo exit=$?"]);
    expect(result).toMatch(/Connection refused/);
  });

  it("2. spreads connections over three backends: each answers", async () => {
    await up(["a", "b", "c"]);
    const count = requestsFor(someBackendMissed(3));
    const counts = await spread(client, "http://echo/", count);
    console.log(`spread over three backends, ${count} requests: ${JSON.stringify(counts)}`);
    expect(Object.keys(counts).sort()).toEqual(["a", "b", "c"]);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(count);
  });

  it("6. DNS: the short, namespaced and full names resolve to the ClusterIP through the search path", async () => {
    for (const name of ["echo", "echo.default", "echo.default.svc", "echo.default.svc.cluster.local"])
      expect(await resolveIn(client, name)).toEqual([clusterIP]);
  });

  it("5. a headless service resolves to the endpoints' pod IPs", async () => {
    const outputs = await t.stack.outputs();
    expect(outputs.headlessClusterIP.value).toBe("None");
    const ips = Object.values(outputs.backendIPs.value as Record<string, string>).sort();
    expect(await resolveIn(client, "echo-headless")).toEqual(ips);
  });

  it("7. UDP: a DNS query to the ClusterIP's UDP port reaches the backends", async () => {
    const out = await exec(client, [
      "sh",
      "-c",
      `for i in $(seq ${requestsFor(allOnOneBackend(3))}); do nslookup -type=TXT whoami.podling ${clusterIP}; done`,
    ]);
    const answered = new Set([...out.matchAll(/text = "(\w+)"/g)].map((m) => m[1]));
    expect(answered.size).toBeGreaterThanOrEqual(2);
    for (const name of answered) expect(["a", "b", "c"]).toContain(name);
  });

  it("8. NodePort answers on 127.0.0.1 of the Docker host, and a pod reaches itself through its service", async () => {
    // Published on loopback only, the network's default nodePortAddresses (inspected, not probed).
    const [router] = await docker.listContainers({
      filters: { label: [`${LABEL.network}=${network}`, `${LABEL.service}=echo`, `${LABEL.role}=service`] },
    });
    const bindings = (await docker.getContainer(router.Id).inspect()).HostConfig.PortBindings;
    const loopback = [{ HostIp: "127.0.0.1", HostPort: String(nodePort) }];
    expect(bindings).toEqual({ "80/tcp": loopback, "53/udp": loopback });
    const body = await hostGet(nodePort);
    expect(["a", "b", "c"]).toContain(body.trim());
    const own = ((await t.stack.outputs()).backendHttp.value as Record<string, string>).a;
    const count = requestsFor(givenBackendMissed(3));
    const counts = await spread(own, "http://echo/", count);
    expect(Object.values(counts).reduce((x, y) => x + y, 0)).toBe(count);
    expect(counts.a).toBeGreaterThan(0); // hairpin: a's own request came back to a
  });

  it("4. ClientIP affinity keeps one client on one backend, and the ClusterIP stays", async () => {
    const { clusterIP: ip, result } = await up(["a", "b", "c"], { affinity: "ClientIP" });
    expect(ip).toBe(clusterIP);
    expect(result.summary.resourceChanges).toMatchObject({ update: 1 });
    const counts = await spread(client, "http://echo/", 12);
    expect(Object.keys(counts)).toHaveLength(1);
  });

  it("9. preview and refresh after up report no changes", async () => {
    await t.stack.preview({ expectNoChanges: true });
    await t.stack.refresh({ expectNoChanges: true });
  });

  it("10. destroy leaves nothing behind", async () => {
    await t.stack.destroy();
    expect(await managedObjects(network)).toEqual({ containers: [], networks: [], volumes: [] });
  });
});
