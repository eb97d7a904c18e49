// Live endpoints: with no Pulumi command, a pod whose readiness probe starts failing leaves its service,
// and comes back once the probe passes again; the network's node agent sees to it, as the EndpointSlice
// controller and kube-proxy do in Kubernetes. Traffic goes only to the test's own network.
import { podHandlers } from "../../provider/pod/handlers";
import { podNetworkHandlers } from "../../provider/pod-network/handlers";
import { serviceHandlers } from "../../provider/service/handlers";
import { exec, freeCidr, removeNetworkAndPods, requireDocker, resolveIn, uniqueName } from "../support/docker";
import { checkedCreate } from "../support/handlers";
import { eventually } from "../support/wait";
import { sleeper, TOOLBOX } from "../support/workloads";

jest.setTimeout(240_000);

/** Requests in a row; if a ready pod of two were still in the service, all from the other: 2^-40. */
const REQUESTS = 40;

/** A web server answering its pod's name, ready while /www/ready.html exists. */
const flipping = (body: string) => ({
  name: "server",
  image: TOOLBOX,
  command: [
    "sh",
    "-c",
    `trap 'exit 0' TERM; mkdir -p /www; echo ${body} > /www/index.html; touch /www/ready.html; httpd -f -p 8080 -h /www & wait`,
  ],
  ports: [{ containerPort: 8080, protocol: "TCP" }],
  readinessProbe: { httpGet: { path: "/ready.html", port: 8080 }, periodSeconds: 1, failureThreshold: 1 },
});

describe("a service's endpoints follow readiness between Pulumi runs", () => {
  const network = uniqueName("it-ready");
  let client: string;
  let web: Record<string, { id: string; outs: Record<string, any> }>;
  let clusterIP: string;
  let svc: { id: string; outs: Record<string, any> };

  beforeAll(async () => {
    await requireDocker();
    await checkedCreate(podNetworkHandlers, { name: network, cidr: await freeCidr() });
    web = {};
    for (const name of ["web-a", "web-b"])
      web[name] = await checkedCreate(podHandlers, {
        network,
        name,
        labels: { app: "web" },
        terminationGracePeriodSeconds: 1,
        containers: [flipping(name)],
      });
    const c = await checkedCreate(podHandlers, {
      network,
      name: "client",
      containers: [{ ...sleeper("main"), image: "podling/probe:1" }],
    });
    client = c.outs.containerIds.main;
    svc = await checkedCreate(serviceHandlers, {
      network,
      name: "web",
      selector: { app: "web" },
      ports: [{ port: 80, targetPort: 8080 }],
      endpoints: Object.entries(web).map(([name, p]) => ({ pod: `default/${name}`, ip: p.outs.podIP, ready: true })),
    });
    clusterIP = svc.outs.clusterIP;
    await checkedCreate(serviceHandlers, {
      network,
      name: "web-pods",
      type: "Headless",
      selector: { app: "web" },
      ports: [{ port: 8080 }],
      endpoints: Object.entries(web).map(([name, p]) => ({ pod: `default/${name}`, ip: p.outs.podIP, ready: true })),
    });
  });
  afterAll(() => removeNetworkAndPods(network));

  /** Who answered each of REQUESTS requests to the ClusterIP, in order ("-" for no answer). */
  async function answers(): Promise<string[]> {
    const loop = `for i in $(seq ${REQUESTS}); do timeout 2 wget -qO- http://${clusterIP}/ 2>/dev/null || echo -; done`;
    const out = await exec(client, ["sh", "-c", loop]);
    return out.trim().split("\n");
  }

  /** The addresses the cluster DNS gives the headless service now. */
  const headlessAddresses = () => resolveIn(client, "web-pods");

  const setReady = (pod: string, ready: boolean) =>
    exec(web[pod].outs.containerIds.server, ["sh", "-c", ready ? "touch /www/ready.html" : "rm /www/ready.html"]);

  it("both ready pods answer at first", async () => {
    await eventually("both pods answer through the ClusterIP", 60, async () => {
      const seen = new Set(await answers());
      return seen.has("web-a") && seen.has("web-b");
    });
  });

  it("a pod whose readiness probe fails leaves the service, with no Pulumi command", async () => {
    const start = Date.now();
    await setReady("web-a", false);
    await eventually("web-a stops getting requests", 60, async () => !(await answers()).includes("web-a"));
    const left = (Date.now() - start) / 1000;
    expect(await answers()).toEqual(Array(REQUESTS).fill("web-b"));
    console.log(`web-a left the service within ${left.toFixed(1)} s (probe period 1 s, failureThreshold 1)`);
    // refresh reads the endpoints as the agent loaded them, beside the program's own view.
    const read = await serviceHandlers.read!(svc.id, svc.outs);
    const live = Object.fromEntries((read.props!.liveEndpoints as any[]).map((e) => [e.pod, e.ready]));
    expect(live).toEqual({ "default/web-a": false, "default/web-b": true });
    expect(read.props!.endpoints.every((e: any) => e.ready)).toBe(true);
    expect(read.props!.agentError).toBeUndefined();
    // A headless service's name follows readiness too.
    await eventually("web-a leaves the headless service's records", 60, async () =>
      (await headlessAddresses()).every((ip) => ip !== web["web-a"].outs.podIP),
    );
    expect(await headlessAddresses()).toEqual([web["web-b"].outs.podIP]);
  });

  it("comes back once its probe passes again", async () => {
    const start = Date.now();
    await setReady("web-a", true);
    await eventually("web-a gets requests again", 60, async () => (await answers()).includes("web-a"));
    await eventually("web-a is back in the headless service's records", 60, async () =>
      (await headlessAddresses()).includes(web["web-a"].outs.podIP),
    );
    console.log(`web-a was back within ${((Date.now() - start) / 1000).toFixed(1)} s`);
  });

  it("with every endpoint unready, the service rejects at once (no answer, no hang)", async () => {
    await setReady("web-a", false);
    await setReady("web-b", false);
    await eventually("nobody answers", 60, async () => (await answers()).every((a) => a === "-"));
    // Refused, not timed out: the router has no DNAT rule and answers the connection with a reset itself.
    const out = await exec(client, ["sh", "-c", `timeout 20 wget -qO- http://${clusterIP}/ 2>&1; echo exit=$?`]);
    expect(out).toMatch(/Connection refused/);
    await setReady("web-a", true);
    await setReady("web-b", true);
  });
});
