// examples/cluster as a user runs it: scripts/lab-nodes.sh's three engines, then `pulumi up` on the example.
// Its pods land on all three nodes, and the client reaches the web service by name from its own node.
import { requireDocker } from "../support/docker";
import { execOn, leftoversOn, removeLab, startLab, LabNode } from "../support/lab";
import { testStack, TestStack } from "../support/pulumi";

jest.setTimeout(600_000);

describe("examples/cluster", () => {
  let nodes: LabNode[];
  let t: TestStack;

  beforeAll(async () => {
    await requireDocker();
    nodes = startLab(3);
    t = await testStack("examples/cluster", {});
  });

  afterAll(async () => {
    try {
      await t?.dispose();
    } finally {
      removeLab();
    }
  });

  it("spreads the web pods over the three nodes, and the client gets every one of them through the service by name", async () => {
    await t.stack.up();
    const out = await t.stack.outputs();
    const placement: string[] = out.placement.value;
    expect(new Set(placement.map((line) => line.split(" ")[1]))).toEqual(new Set(["n1", "n2", "n3"]));
    expect(Object.values(out.nodeCidrs.value)).toEqual(["10.246.0.0/24", "10.246.1.0/24", "10.246.2.0/24"]);

    const client = nodes.find((n) => n.name === out.clientNode.value)!;
    const shell = (await t.stack.exportStack()).deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::client")).outputs.containerIds.shell;
    const answers = await execOn(client, shell, ["sh", "-c", 'for i in $(seq 1 12); do printf "GET / HTTP/1.0\\r\\n\\r\\n" | nc -w 3 web 80 | tail -n 1; done']);
    expect(new Set(answers.trim().split("\n"))).toEqual(new Set(["web-0", "web-1", "web-2"]));
  });

  it("destroy leaves nothing on any node", async () => {
    await t.dispose();
    for (const node of nodes) expect({ node: node.name, left: await leftoversOn(node) }).toEqual({ node: node.name, left: [] });
  });
});
