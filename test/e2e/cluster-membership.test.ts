// A cluster's nodes change in place: a node joins the Swarm and takes the next free /24, a removed node
// leaves it and frees its block, which the next new node takes. Real engines (scripts/lab-nodes.sh) and
// the real pulumi CLI; traffic stays inside the lab's namespaces.
import { contains } from "../../core/cidr";
import type { ClusterLayout } from "../../core/types";
import { execOn, leftoversOn, nodeDocker, useLab } from "../support/lab";

jest.setTimeout(600_000);

interface PodOut {
  nodeName: string;
  podIP: string;
  sandbox: string;
  containers: Record<string, string>;
}

const echoPod = (name: string, nodeName: string, image: string) => ({
  resource: name,
  nodeName,
  terminationGracePeriodSeconds: 1,
  containers: [
    { name: "probe", image, command: ["podling-probe", "serve", name, "9000", "-"], ports: [{ containerPort: 9000 }] },
  ],
});

/** An image that only n1 has: no registry serves it, so Podling copies it to the node that needs it. */
const ONLY_ON_N1 = "podling/only-on-n1:1";

describe("cluster membership", () => {
  const lab = useLab(4, "cluster");
  const byName = (name: string) => lab.node(name);

  async function deploy(
    members: string[],
    pods: Array<[string, string, string?]>,
  ): Promise<{ layout: ClusterLayout; pods: Record<string, PodOut> }> {
    const declared = pods.map(([pod, node, image]) => echoPod(pod, node, image ?? "podling/probe:1"));
    await lab.declare({
      cluster: { nodes: members.map(byName) },
      network: { name: "grow-net", cidr: "10.250.0.0/16" },
      pods: declared,
    });
    await lab.stack.stack.up();
    const out = await lab.stack.stack.outputs();
    return { layout: out.clusterLayout.value, pods: out.pod.value };
  }

  const swarmSize = async () => (await nodeDocker(byName("n1")).listNodes()).length;
  const blocks = (layout: ClusterLayout) => Object.fromEntries(layout.nodes.map((n) => [n.name, n.podCidr]));
  const reach = (from: PodOut, to: PodOut) =>
    execOn(byName(from.nodeName), from.containers.probe, ["podling-probe", "check", "2s", `${to.podIP}:9000/tcp`]);

  it("a node added to the cluster joins the Swarm and takes the next /24; existing pods stay as they are", async () => {
    const two = await deploy(["n1", "n2"], [["p1", "n1"]]);
    expect(blocks(two.layout)).toEqual({ n1: "10.250.0.0/24", n2: "10.250.1.0/24" });
    expect(await swarmSize()).toBe(2);

    const three = await deploy(
      ["n1", "n2", "n3"],
      [
        ["p1", "n1"],
        ["p3", "n3"],
      ],
    );
    expect(blocks(three.layout)).toEqual({ n1: "10.250.0.0/24", n2: "10.250.1.0/24", n3: "10.250.2.0/24" });
    expect(await swarmSize()).toBe(3);
    expect(three.pods.p1.sandbox).toBe(two.pods.p1.sandbox);
    expect(contains("10.250.2.0/24", three.pods.p3.podIP)).toBe(true);
    expect(await reach(three.pods.p1, three.pods.p3)).toContain(`ok p3 from ${three.pods.p1.podIP}`);
  });

  it("a removed node leaves the Swarm and frees its block, which the next new node takes; an image only one node has is copied", async () => {
    const before = (await lab.stack.stack.outputs()).pod.value as Record<string, PodOut>;
    const [repo, tag] = ONLY_ON_N1.split(":");
    await nodeDocker(byName("n1")).getImage("podling/probe:1").tag({ repo, tag });
    const after = await deploy(
      ["n1", "n3", "n4"],
      [
        ["p1", "n1"],
        ["p3", "n3"],
        ["p4", "n4", ONLY_ON_N1],
      ],
    );
    expect((await nodeDocker(byName("n4")).getImage(ONLY_ON_N1).inspect()).RepoTags).toContain(ONLY_ON_N1);
    expect(blocks(after.layout)).toEqual({ n1: "10.250.0.0/24", n3: "10.250.2.0/24", n4: "10.250.1.0/24" });
    expect(
      ((await nodeDocker(byName("n2")).info()) as { Swarm: { LocalNodeState: string } }).Swarm.LocalNodeState,
    ).toBe("inactive");
    expect(await swarmSize()).toBe(3);
    expect([after.pods.p1.sandbox, after.pods.p3.sandbox]).toEqual([before.p1.sandbox, before.p3.sandbox]);
    expect(contains("10.250.1.0/24", after.pods.p4.podIP)).toBe(true);
    expect(await reach(after.pods.p4, after.pods.p1)).toContain(`ok p1 from ${after.pods.p4.podIP}`);
  });

  it("destroy leaves nothing on any node, the removed one included", async () => {
    await lab.stack.dispose();
    for (const node of lab.nodes)
      expect({ node: node.name, left: await leftoversOn(node) }).toEqual({ node: node.name, left: [] });
  });
});
