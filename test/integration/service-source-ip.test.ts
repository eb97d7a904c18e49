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
      // keeper ignores SIGTERM, so the pod's containers run for the whole grace period once told to stop.
      containers: [server("web"), { ...idle("keeper"), command: ["sh", "-c", "trap '' TERM; sleep 86400"] }],
    });
    client = await checkedCreate(podHandlers, { network, name: "client", containers: [idle("main")] });
    svc = await checkedCreate(serviceHandlers, {
      network,
      name: "web",
      selector: { app: "web" },
      ports: [
        { name: "http", port: 80, targetPort: 8080, protocol: "TCP" },
        { name: "dns", port: 53, targetPort: 5353, protocol: "UDP" },
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

  it("a deleted pod leaves the client's rules, and the router's, before its containers stop", async () => {
    const deleting = podHandlers.delete(web.id, web.outs);
    await eventually("the pod leaves the client's rules", 60, async () => {
      return !(await natRules(client.outs.infraContainerId)).includes(web.outs.podIP);
    });
    const routerRules = await exec(published.outs.routerContainerId, ["iptables-save", "-t", "nat"]);
    const running = (await docker.getContainer(web.outs.containerIds.keeper).inspect()).State.Running;
    await deleting;
    expect(routerRules).not.toContain(web.outs.podIP);
    expect(running).toBe(true);
  });
});
