// Service traffic as kube-proxy sends it: the node agent translates a ClusterIP in the client pod's own
// namespace, so the backend sees the client's pod IP, by the service's name and by its ClusterIP, over
// TCP and UDP; only NodePort traffic from the host is source-NATed (by the service's router). Traffic goes
// only to the test's own network and to the host's loopback.
import * as net from "net";
import { podHandlers } from "../../provider/pod/handlers";
import { podNetworkHandlers } from "../../provider/pod-network/handlers";
import { serviceHandlers } from "../../provider/service/handlers";
import { agentName } from "../../provider/agent/desired-state";
import { docker, exec, freeCidr, removeNetworkAndPods, requireDocker, uniqueName } from "../support/docker";
import { checkedCreate } from "../support/handlers";
import { eventually } from "../support/wait";
import { freeHostPort } from "../support/ports";

jest.setTimeout(240_000);

const PROBE = "podling/probe:1";
const idle = (name: string) => ({
  name,
  image: PROBE,
  command: ["sh", "-c", "trap 'exit 0' TERM; sleep 86400 & wait"],
});
/** Answers each TCP connection on 8080 and UDP datagram on 5353 with "web from PEER_IP". */
const server = (body: string) => ({
  name: "server",
  image: PROBE,
  command: ["podling-probe", "serve", body, "8080", "5353"],
  ports: [
    { name: "http", containerPort: 8080, protocol: "TCP" },
    { name: "dns", containerPort: 5353, protocol: "UDP" },
  ],
});

/**
 * A web server on 8081 that answers "serving", and "terminating" once it has SIGTERM, which it outlives: httpd
 * ignores SIGTERM (started under `trap ''`), and the shell, which podling-init passes SIGTERM to, only
 * rewrites the page.
 */
const keeper = {
  ...idle("keeper"),
  command: [
    "sh",
    "-c",
    "mkdir -p /www; echo serving > /www/index.html; trap '' TERM; httpd -f -p 8081 -h /www & " +
      "trap 'echo terminating > /www/index.html' TERM; while :; do sleep 1 & wait $!; done",
  ],
};

describe("service traffic keeps the client's address", () => {
  const network = uniqueName("it-srcip");
  let web: { id: string; outs: Record<string, any> };
  let client: { id: string; outs: Record<string, any> };
  let svc: { id: string; outs: Record<string, any> };
  let published: { id: string; outs: Record<string, any> };
  let nodePort: number;

  beforeAll(async () => {
    await requireDocker();
    await checkedCreate(podNetworkHandlers, { name: network, cidr: await freeCidr() });
    web = await checkedCreate(podHandlers, {
      network,
      name: "web",
      labels: { app: "web" },
      terminationGracePeriodSeconds: 20,
      // keeper serves on 8081 for the whole grace period: "serving" until it gets SIGTERM, "terminating" after.
      containers: [server("web"), keeper],
    });
    client = await checkedCreate(podHandlers, { network, name: "client", containers: [idle("main")] });
    svc = await checkedCreate(serviceHandlers, {
      network,
      name: "web",
      selector: { app: "web" },
      ports: [
        { name: "http", port: 80, targetPort: 8080, protocol: "TCP" },
        { name: "dns", port: 53, targetPort: 5353, protocol: "UDP" },
        { name: "term", port: 8081, targetPort: 8081, protocol: "TCP" },
      ],
      endpoints: [{ pod: "default/web", ip: web.outs.podIP, ready: true }],
    });
    nodePort = await freeHostPort(30000, 32767);
    published = await checkedCreate(serviceHandlers, {
      network,
      name: "web-np",
      selector: { app: "web" },
      type: "NodePort",
      ports: [{ port: 80, targetPort: 8080, protocol: "TCP", nodePort }],
      endpoints: [{ pod: "default/web", ip: web.outs.podIP, ready: true }],
    });
    // The agent loads the client's rules on its next readiness tick after the service's entry.
    await eventually("the client's namespace translates the ClusterIP", 60, async () =>
      (await natRules(client.outs.infraContainerId)).includes(`--to-destination ${web.outs.podIP}:8080`),
    );
  });
  afterAll(() => removeNetworkAndPods(network));

  /** The nat table of a pod's namespace, read through the agent (the pod itself has no NET_ADMIN). */
  async function natRules(sandboxId: string): Promise<string> {
    const pid = (await docker.getContainer(sandboxId).inspect()).State.Pid;
    return exec(agentName(network), ["nsenter", `--net=/proc/${pid}/ns/net`, "iptables-save", "-t", "nat"]);
  }

  const check = (pod: { outs: Record<string, any> }, container: string, target: string) =>
    exec(pod.outs.containerIds[container], ["podling-probe", "check", "5s", target]);

  it.each([
    ["ClusterIP, TCP", () => `${svc.outs.clusterIP}:80/tcp`],
    ["ClusterIP, UDP", () => `${svc.outs.clusterIP}:53/udp`],
    ["service name, TCP", () => "web:80/tcp"],
    ["service name, UDP", () => "web:53/udp"],
  ])("the backend sees the client's pod IP (%s)", async (_what, target) => {
    expect((await check(client, "main", target())).trim()).toBe(`${target()} ok web from ${client.outs.podIP}`);
  });

  it("a pod that reaches itself through its own service sees its own address (hairpin, with no NAT)", async () => {
    const target = `${svc.outs.clusterIP}:80/tcp`;
    expect((await check(web, "server", target)).trim()).toBe(`${target} ok web from ${web.outs.podIP}`);
  });

  it("NodePort traffic from the host still works, source-NATed to the router's address", async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(nodePort, "127.0.0.1");
      let text = "";
      socket.setTimeout(10_000, () => socket.destroy(new Error("no answer within 10 s")));
      socket.on("data", (chunk) => (text += chunk.toString()));
      socket.on("end", () => resolve(text));
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
    });
    expect(answer.trim()).toBe(`web from ${published.outs.clusterIP}`);
  });

  it("a deleted pod leaves the client's rules, and the router's, before its SIGTERM: no request gets a terminating pod", async () => {
    const url = `http://${svc.outs.clusterIP}:8081/`;
    await eventually("the keeper serves through the ClusterIP", 60, async () =>
      (await exec(client.outs.containerIds.main, ["sh", "-c", `timeout 2 wget -qO- ${url} || true`])).includes(
        "serving",
      ),
    );
    // Requests back to back for the whole delete, each answer counted: a pod that got SIGTERM while still
    // in the client's rules would answer "terminating".
    const loop = `rm -f /tmp/stop; while [ ! -e /tmp/stop ]; do timeout 2 wget -qO- ${url} 2>/dev/null || echo refused; done`;
    const probing = exec(client.outs.containerIds.main, ["sh", "-c", loop]);
    const deleting = podHandlers.delete(web.id, web.outs);
    await eventually("the pod leaves the client's rules", 60, async () => {
      return !(await natRules(client.outs.infraContainerId)).includes(web.outs.podIP);
    });
    const routerRules = await exec(published.outs.routerContainerId, ["iptables-save", "-t", "nat"]);
    const page = () => exec(web.outs.containerIds.keeper, ["cat", "/www/index.html"]);
    // The keeper outlives its SIGTERM by the grace period: it got it once the pod had left its services.
    await eventually("the keeper has its SIGTERM", 60, async () => (await page()).includes("terminating"));
    await exec(client.outs.containerIds.main, ["touch", "/tmp/stop"]);
    const answers = (await probing).trim().split("\n");
    await deleting;
    expect(routerRules).not.toContain(web.outs.podIP);
    const count = (a: string) => answers.filter((x) => x === a).length;
    console.log(
      `during the delete: ${count("serving")} serving, ${count("refused")} refused, ${count("terminating")} terminating`,
    );
    expect(count("refused")).toBeGreaterThan(0);
    expect(count("terminating")).toBe(0);
    expect(count("serving") + count("refused")).toBe(answers.length);
  });
});
