// examples/cluster as a user runs it: scripts/lab-nodes.sh's three engines, then `pulumi up` on the example.
// Its pods land on all three nodes, and the client reaches the web service by name from its own node.
import { execOn, leftoversOn, useLab } from "../support/lab";
import { requestsFor, someBackendMissed } from "../support/sampling";

jest.setTimeout(600_000);

describe("examples/cluster", () => {
  const lab = useLab(3, "examples/cluster");

  it("spreads the web pods over the three nodes, and the client gets every one of them through the service by name", async () => {
    await lab.stack.stack.up();
    const out = await lab.stack.stack.outputs();
    const placement: string[] = out.placement.value;
    expect(new Set(placement.map((line) => line.split(" ")[1]))).toEqual(new Set(["n1", "n2", "n3"]));
    expect(Object.values(out.nodeCidrs.value)).toEqual(["10.246.0.0/24", "10.246.1.0/24", "10.246.2.0/24"]);

    const client = lab.node(out.clientNode.value);
    const shell = (await lab.stack.stack.exportStack()).deployment.resources.find((r: { urn: string }) =>
      r.urn.endsWith("::client"),
    ).outputs.containerIds.shell;
    // Enough requests that all three answering is certain but for a chance below one in a million.
    const count = requestsFor(someBackendMissed(3));
    const answers = await execOn(client, shell, [
      "sh",
      "-c",
      `for i in $(seq 1 ${count}); do printf "GET / HTTP/1.0\\r\\n\\r\\n" | nc -w 3 web 80 | tail -n 1; done`,
    ]);
    expect(new Set(answers.trim().split("\n"))).toEqual(new Set(["web-0", "web-1", "web-2"]));
  });

  it("destroy leaves nothing on any node", async () => {
    await lab.stack.dispose();
    for (const node of lab.nodes)
      expect({ node: node.name, left: await leftoversOn(node) }).toEqual({ node: node.name, left: [] });
  });
});
