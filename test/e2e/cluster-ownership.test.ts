// Two stacks use one Swarm: the first forms it, the second declares a Cluster of the same engines (and
// adopts it) with its own network and pod. Destroying the first stack must not dissolve the Swarm under
// the second; the last stack to go dissolves it. Real engines (scripts/lab-nodes.sh), real pulumi CLI.
import * as fs from "fs";
import * as path from "path";
import { leftoversOn, LabNode, nodeDocker, probePod, useLab } from "../support/lab";
import { TestStack, testStack } from "../support/pulumi";

jest.setTimeout(600_000);

describe("a Swarm that two stacks use", () => {
  let second: TestStack | undefined;
  // Declared before useLab, so that it runs before the lab goes.
  afterAll(async () => {
    await second?.dispose().catch(() => undefined);
  });
  const lab = useLab(2, "cluster");
  const swarmState = async (node: LabNode) =>
    ((await nodeDocker(node).info()) as { Swarm: { LocalNodeState: string } }).Swarm.LocalNodeState;
  const users = async () => {
    const labels = ((await nodeDocker(lab.node("n1")).swarmInspect()) as { Spec: { Labels: Record<string, string> } })
      .Spec.Labels;
    return Object.entries(labels)
      .filter(([k]) => k.startsWith("podling.io/user."))
      .map(([, stack]) => stack)
      .sort();
  };
  const stackName = (t: TestStack) => `organization/podling-e2e-cluster/${t.stack.name}`;
  let sandbox: string;

  beforeAll(async () => {
    second = await testStack("cluster", {});
    const file = path.join(second.backendDir, "world.json");
    fs.writeFileSync(
      file,
      JSON.stringify({
        cluster: { nodes: lab.nodes },
        network: { name: "second-net", cidr: "10.245.0.0/16" },
        pods: [probePod("b1", "n2")],
      }),
    );
    await second.stack.setConfig("worldFile", { value: file });
  });

  it("the first stack forms the Swarm; the second adopts it; both are recorded as its users", async () => {
    await lab.declare({
      cluster: { nodes: lab.nodes },
      network: { name: "first-net", cidr: "10.244.0.0/16" },
      pods: [probePod("a1", "n1")],
    });
    await lab.stack.stack.up();
    expect((await lab.stack.stack.outputs()).formationSeconds.value).toBeGreaterThan(0);
    await second!.stack.up();
    sandbox = (await second!.stack.outputs()).pod.value.b1.sandbox;
    expect(await users()).toEqual([stackName(lab.stack), stackName(second!)].sort());
  });

  it("destroying the stack that formed it leaves the Swarm formed, with the other stack's network and pod as they were", async () => {
    await lab.stack.stack.destroy();
    for (const node of lab.nodes)
      expect({ node: node.name, swarm: await swarmState(node) }).toEqual({ node: node.name, swarm: "active" });
    expect(await users()).toEqual([stackName(second!)]);
    const b1 = await nodeDocker(lab.node("n2")).getContainer(sandbox).inspect();
    expect(b1.State.Running).toBe(true);
    await second!.stack.refresh();
    await second!.stack.preview({ expectNoChanges: true });
    expect((await second!.stack.outputs()).pod.value.b1.sandbox).toBe(sandbox);
  });

  it("destroying the last stack that uses it dissolves it, and leaves nothing on any node", async () => {
    await second!.dispose();
    second = undefined;
    for (const node of lab.nodes)
      expect({ node: node.name, left: await leftoversOn(node) }).toEqual({ node: node.name, left: [] });
  });
});
