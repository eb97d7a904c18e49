// A Deployment on a Cluster network: its replicas spread over the nodes, a service reaches every one of them
// from pods on any node (by ClusterIP and by name), scaling and a rollout keep the spread, and when a node
// is lost its pod is replaced on the others, then removed from that node once it answers again. Real
// engines (scripts/lab-nodes.sh) and the real pulumi CLI; traffic stays in the lab's networks.
import { runCli, tableOf } from "../support/cli";
import { execOn, LabNode, leftoversOn, nodeDocker, startNode, stopNode, useLab } from "../support/lab";
import { requestsFor, someBackendMissed } from "../support/sampling";
import { eventually } from "../support/wait";

jest.setTimeout(1_200_000);

const NETWORK = "deploy-net";
const SERVICE_NAME = "web.default.svc.cluster.local";

interface DeploymentPodOut {
  name: string;
  hash: string;
  ip: string;
  ready: boolean;
  node: { name: string };
  terminating?: string;
}
interface DeploymentOut {
  pods: DeploymentPodOut[];
  readyReplicas: number;
  updatedReplicas: number;
  templateHash: string;
}

/** A busybox pod pinned to a node, to call the service from there. */
const client = (name: string, nodeName: string) => ({
  resource: name,
  nodeName,
  terminationGracePeriodSeconds: 1,
  containers: [
    { name: "shell", image: "podling/busybox:1", command: ["sh", "-c", "trap 'exit 0' TERM; sleep 86400 & wait"] },
  ],
});

function world(nodes: LabNode[], replicas: number, version: string) {
  return {
    cluster: { nodes: nodes.map(({ name, dockerHost, advertiseAddr }) => ({ name, dockerHost, advertiseAddr })) },
    network: { name: NETWORK, cidr: "10.247.0.0/16" },
    pods: [client("x1", "n1"), client("x2", "n2")],
    deployments: [
      {
        resource: "web",
        replicas,
        selector: { matchLabels: { app: "web" } },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
        template: {
          metadata: { labels: { app: "web" }, annotations: { version } },
          spec: {
            terminationGracePeriodSeconds: 1,
            containers: [
              {
                name: "server",
                image: "podling/busybox:1",
                // Each pod answers with its own name, which is its hostname.
                command: [
                  "sh",
                  "-c",
                  "trap 'exit 0' TERM; mkdir -p /www; hostname > /www/index.html; httpd -f -p 9000 -h /www & wait",
                ],
                ports: [{ name: "http", containerPort: 9000 }],
                readinessProbe: { tcpSocket: { port: 9000 }, periodSeconds: 1 },
                resources: { requests: { cpu: "10m", memory: "8Mi" } },
              },
            ],
          },
        },
      },
    ],
    services: [{ resource: "web", selector: { app: "web" }, ports: [{ port: 80, targetPort: "http" }] }],
  };
}

describe("a Deployment on a Cluster", () => {
  const lab = useLab(3, "cluster");
  let web: DeploymentOut;
  let clients: Record<string, { node: string; container: string }>;
  let clusterIP: string;

  const up = async (replicas: number, version: string) => {
    await lab.declare(world(lab.nodes, replicas, version));
    await lab.stack.stack.up();
    await readOutputs();
  };
  const readOutputs = async () => {
    const out = await lab.stack.stack.outputs();
    web = out.deployment.value.web;
    clusterIP = out.service.value.web.clusterIP;
    clients = Object.fromEntries(
      ["x1", "x2"].map((x) => [x, { node: out.pod.value[x].nodeName, container: out.pod.value[x].containers.shell }]),
    );
  };
  /** The pods that answered `count` calls to `target` from the client; every call must be answered. */
  const answeredBy = async (x: string, target: string, count: number): Promise<Set<string>> => {
    const out = await execOn(lab.node(clients[x].node), clients[x].container, [
      "sh",
      "-c",
      `for i in $(seq ${count}); do timeout 5 wget -qO- http://${target}/ || echo FAIL; done`,
    ]);
    const answers = out.trim().split("\n");
    expect({ x, failed: answers.filter((a) => a === "FAIL").length, calls: answers.length }).toEqual({
      x,
      failed: 0,
      calls: count,
    });
    return new Set(answers);
  };
  const live = () => web.pods.filter((p) => !p.terminating);
  const perNode = () => {
    const counts: Record<string, number> = {};
    for (const p of live()) counts[p.node.name] = (counts[p.node.name] ?? 0) + 1;
    return counts;
  };
  const spreadEvenly = (counts: Record<string, number>, nodes: string[]) => {
    const values = nodes.map((n) => counts[n] ?? 0);
    return Math.max(...values) - Math.min(...values) <= 1;
  };

  it("spreads 3 replicas over the 3 nodes, and the service reaches each from pods on any node, by ClusterIP and by name", async () => {
    await up(3, "v1");
    expect(perNode()).toEqual({ n1: 1, n2: 1, n3: 1 });
    expect(web.readyReplicas).toBe(3);
    const names = live()
      .map((p) => p.name)
      .sort();
    // Enough calls that all three answering is certain but for a chance below one in a million.
    const calls = requestsFor(someBackendMissed(3));
    for (const x of ["x1", "x2"]) {
      expect([...(await answeredBy(x, `${clusterIP}:80`, calls))].sort()).toEqual(names);
      expect([...(await answeredBy(x, SERVICE_NAME, 1))]).toEqual([expect.stringMatching(/^web-/)]);
    }
    await lab.stack.stack.preview({ expectNoChanges: true });
  });

  it("podling --cluster get deployments shows the Deployment from its pods on every node", async () => {
    const { code, stdout, stderr } = await runCli([
      "--docker-host",
      lab.node("n1").dockerHost,
      "--cluster",
      "get",
      "deployments",
    ]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(tableOf(stdout).map((r) => r.slice(0, 4))).toEqual([
      ["NAME", "READY", "UP-TO-DATE", "AVAILABLE"],
      ["web", "3/3", "3", "3"],
    ]);
  });

  it("scales to 5 keeping the 3 pods, 2-2-1 over the nodes; a rollout replaces all 5 and keeps the spread", async () => {
    const first = live().map((p) => p.name);
    await up(5, "v1");
    expect(live()).toHaveLength(5);
    expect(live().map((p) => p.name)).toEqual(expect.arrayContaining(first));
    expect(spreadEvenly(perNode(), ["n1", "n2", "n3"])).toBe(true);

    const oldHash = web.templateHash;
    await up(5, "v2");
    expect(web.templateHash).not.toBe(oldHash);
    expect(live().every((p) => p.hash === web.templateHash && p.ready)).toBe(true);
    expect(live()).toHaveLength(5);
    expect(spreadEvenly(perNode(), ["n1", "n2", "n3"])).toBe(true);
    const calls = requestsFor(someBackendMissed(5));
    expect([...(await answeredBy("x1", `${clusterIP}:80`, calls))].sort()).toEqual(
      live()
        .map((p) => p.name)
        .sort(),
    );
  });

  it("a lost node's pods are replaced on the others after refresh and up, and removed from it once it answers again", async () => {
    const lost = live().filter((p) => p.node.name === "n3");
    expect(lost.length).toBeGreaterThan(0);
    stopNode("n3");
    await lab.stack.stack.refresh();
    await lab.stack.stack.up();
    await readOutputs();
    expect(web.readyReplicas).toBe(5);
    expect(perNode().n3 ?? 0).toBe(0);
    expect(spreadEvenly(perNode(), ["n1", "n2"])).toBe(true);
    expect(
      web.pods
        .filter((p) => p.terminating)
        .map((p) => p.name)
        .sort(),
    ).toEqual(lost.map((p) => p.name).sort());
    const calls = requestsFor(someBackendMissed(5));
    for (const x of ["x1", "x2"])
      expect([...(await answeredBy(x, `${clusterIP}:80`, calls))].sort()).toEqual(
        live()
          .map((p) => p.name)
          .sort(),
      );

    // n3 answers again: the next up removes the lost pods from it, and then there is nothing left to do.
    startNode("n3");
    await eventually("n3's engine answers", 120, async () => (await nodeDocker(lab.node("n3")).ping(), true));
    await lab.stack.stack.up();
    await readOutputs();
    expect(web.pods.filter((p) => p.terminating)).toEqual([]);
    const onN3 = await nodeDocker(lab.node("n3")).listContainers({
      all: true,
      filters: { label: ["podling.io/deployment=web"] },
    });
    expect(onN3.map((c) => c.Names[0])).toEqual([]);
    await lab.stack.stack.preview({ expectNoChanges: true });
  });

  it("destroy leaves nothing on any node", async () => {
    await lab.stack.dispose();
    for (const node of lab.nodes)
      expect({ node: node.name, left: await leftoversOn(node) }).toEqual({
        node: node.name,
        left: [],
      });
  });
});
