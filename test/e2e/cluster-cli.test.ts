// `podling --cluster` on a real Cluster (scripts/lab-nodes.sh engines, real pulumi CLI): asked on one
// manager engine, the CLI finds every node of the Swarm and lists each node's pods with its NODE.
import { runCli, tableOf } from "../support/cli";
import { useLab } from "../support/lab";

jest.setTimeout(600_000);

const pod = (name: string, nodeName: string) => ({
  resource: name,
  nodeName,
  terminationGracePeriodSeconds: 1,
  containers: [
    {
      name: "probe",
      image: "podling/probe:1",
      command: ["podling-probe", "serve", name, "9000", "-"],
      ports: [{ containerPort: 9000 }],
    },
  ],
});

describe("the podling CLI on a Cluster", () => {
  const lab = useLab(2, "cluster");
  let podIPs: Record<string, string>;
  const on = (node: string, ...args: string[]) => runCli(["--docker-host", lab.node(node).dockerHost, ...args]);

  beforeAll(async () => {
    await lab.declare({
      cluster: { nodes: lab.nodes },
      network: { name: "cli-net", cidr: "10.244.0.0/16" },
      pods: [pod("a1", "n1"), pod("b1", "n2")],
    });
    await lab.stack.stack.up();
    const pods = (await lab.stack.stack.outputs()).pod.value as Record<string, { podIP: string }>;
    podIPs = Object.fromEntries(Object.entries(pods).map(([name, p]) => [name, p.podIP]));
  });

  it("--cluster get pods -A -o wide: the pods of every node, each with its node", async () => {
    const { code, stdout, stderr } = await on("n1", "--cluster", "get", "pods", "-A", "-o", "wide");
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    const [header, ...rows] = tableOf(stdout);
    expect(header).toEqual([
      "NAMESPACE",
      "NAME",
      "READY",
      "STATUS",
      "RESTARTS",
      "AGE",
      "IP",
      "NODE",
      "NOMINATED NODE",
      "READINESS GATES",
    ]);
    expect(rows.map((r) => [r[0], r[1], r[2], r[3], r[6], r[7]])).toEqual([
      ["default", "a1", "1/1", "Running", podIPs.a1, "n1"],
      ["default", "b1", "1/1", "Running", podIPs.b1, "n2"],
    ]);
  });

  it("without --cluster only the engine asked is read", async () => {
    const rows = tableOf((await on("n2", "get", "pods", "-A", "-o", "wide")).stdout).slice(1);
    expect(rows.map((r) => [r[1], r[7]])).toEqual([["b1", "n2"]]);
  });

  it("--cluster get nodes: every node of the Swarm, named as the Cluster names it", async () => {
    const { code, stdout } = await on("n1", "--cluster", "get", "nodes");
    expect(code).toBe(0);
    expect(tableOf(stdout).map((r) => r.slice(0, 2))).toEqual([
      ["NAME", "STATUS"],
      ["n1", "Ready"],
      ["n2", "Ready"],
    ]);
  });

  it("--cluster on a worker (two nodes have one manager, n1) says to ask a manager", async () => {
    const { code, stderr } = await on("n2", "--cluster", "get", "pods");
    expect(code).toBe(1);
    expect(stderr).toBe(
      `error: ${lab.node("n2").dockerHost} is not a manager of its Swarm, and only managers list the nodes; ` +
        "point --docker-host at a manager node\n",
    );
  });

  it("--cluster on an engine in no Swarm says what to do instead", async () => {
    const { code, stderr } = await runCli(["--docker-host", "unix:///var/run/docker.sock", "--cluster", "get", "pods"]);
    expect(code).toBe(1);
    expect(stderr).toContain("is in no Swarm, so in no Cluster; drop --cluster, or name a node with --docker-host");
  });
});
