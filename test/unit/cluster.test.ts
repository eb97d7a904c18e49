// Pure logic of the cluster: node blocks, the scheduler's plan and choice, the placement diff, and check.
import type { NodeBlock, PodState } from "../../core/types";
import { placementDiff } from "../../provider/pod/placement-diff";
import { podFirewallHandlers } from "../../provider/pod-firewall/handlers";
import { serviceHandlers } from "../../provider/service/handlers";
import { assignBlocks, engineBlock, nodeBlockCapacity, nodeLayout } from "../../core/node-blocks";
import { choose, NodeUsage, planPreferences, podRequest } from "../../core/scheduler";
import { checkCluster } from "../../provider/cluster/check";
import { checkPodNetwork } from "../../provider/pod-network/check";
import { checkPod } from "../../provider/pod/check";
import { UNKNOWN } from "../../provider/check/failures";

const node = (name: string, _i: number) => ({ name, dockerHost: `unix:///run/${name}.sock` });

describe("node blocks", () => {
  it("gives each node a /24 in order, keeps Docker's block below the service range, and says how many fit", () => {
    expect(assignBlocks("10.244.0.0/16", [node("n1", 0), node("n2", 1), node("n3", 2)]).map((b) => b.podCidr)).toEqual([
      "10.244.0.0/24",
      "10.244.1.0/24",
      "10.244.2.0/24",
    ]);
    expect(engineBlock("10.244.0.0/16")).toBe("10.244.223.0/24");
    expect(nodeBlockCapacity("10.244.0.0/16")).toBe(223);
    expect(nodeBlockCapacity("10.8.0.0/21")).toBe(6);
  });

  it("a node keeps its block when others come and go; a new node takes the lowest free one", () => {
    const first = assignBlocks("10.244.0.0/16", [node("n1", 0), node("n2", 1), node("n3", 2)]);
    const withoutN2 = assignBlocks("10.244.0.0/16", [node("n1", 0), node("n3", 2)], first);
    expect(withoutN2.map((b) => `${b.name} ${b.podCidr}`)).toEqual(["n1 10.244.0.0/24", "n3 10.244.2.0/24"]);
    const withN4 = assignBlocks("10.244.0.0/16", [node("n1", 0), node("n3", 2), node("n4", 3)], withoutN2);
    expect(withN4.map((b) => `${b.name} ${b.podCidr}`)).toEqual([
      "n1 10.244.0.0/24",
      "n3 10.244.2.0/24",
      "n4 10.244.1.0/24",
    ]);
  });

  it("refuses more nodes than blocks, naming the CIDR", () => {
    const many = Array.from({ length: 7 }, (_, i) => node(`n${i}`, i));
    expect(() => assignBlocks("10.8.0.0/21", many)).toThrow(
      "cidr 10.8.0.0/21 has room for 6 node blocks (/24) and the cluster has 7 nodes; use a larger cidr",
    );
  });

  it("a node's layout: pods from .2 to .254 of its block, DNS and services shared", () => {
    const layout = nodeLayout("10.244.0.0/16", "10.244.3.0/24");
    expect([layout.podFirst, layout.podLast, layout.dnsIP, layout.serviceCidr]).toEqual([
      "10.244.3.2",
      "10.244.3.254",
      "10.244.224.0",
      "10.244.224.0/19",
    ]);
  });
});

describe("scheduler", () => {
  const usage = (name: string, pods: number, extra: Partial<NodeUsage> = {}): NodeUsage => ({
    name,
    pods,
    requested: { cpuMillis: 0, memoryBytes: 0 },
    allocatable: { cpuMillis: 2000, memoryBytes: 4 * 2 ** 30 },
    ...extra,
  });

  it("the plan counts pinned pods first, then spreads the others in name order, whatever order they were declared in", () => {
    const request = { cpuMillis: 100, memoryBytes: 0 };
    const pods = [
      { key: "s3", request },
      { key: "a", nodeName: "n1", request },
      { key: "s1", request },
      { key: "b", nodeName: "n2", request },
      { key: "s2", request },
    ];
    const plan = planPreferences(["n1", "n2", "n3"], pods);
    expect(Object.fromEntries(Object.entries(plan).map(([k, v]) => [k, v[0]]))).toEqual({
      s1: "n3",
      s2: "n1",
      s3: "n2",
    });
    expect(planPreferences(["n1", "n2", "n3"], [...pods].reverse())).toEqual(plan);
  });

  it("the plan breaks equal pod counts by requested cpu, then memory, then node order", () => {
    const plan = planPreferences(
      ["n1", "n2"],
      [
        { key: "big", nodeName: "n1", request: { cpuMillis: 1000, memoryBytes: 0 } },
        { key: "small", nodeName: "n2", request: { cpuMillis: 100, memoryBytes: 0 } },
        { key: "x", request: { cpuMillis: 100, memoryBytes: 0 } },
      ],
    );
    expect(plan.x).toEqual(["n2", "n1"]);
  });

  it("choose takes the first node of the plan that answers and has room, and says why none fits", () => {
    const pod = { cpuMillis: 500, memoryBytes: 2 ** 30 };
    expect(choose([usage("n1", 0), usage("n2", 5), usage("n3", 0)], pod, ["n2", "n1", "n3"])).toEqual({ node: "n2" });
    expect(
      choose([usage("n1", 0), usage("n2", 0, { unavailable: "engine does not answer" }), usage("n3", 0)], pod, [
        "n2",
        "n3",
        "n1",
      ]),
    ).toEqual({ node: "n3" });
    expect(choose([usage("n1", 0, { requested: { cpuMillis: 1800, memoryBytes: 0 } }), usage("n2", 3)], pod)).toEqual({
      node: "n2",
    });
    expect(
      choose(
        [
          usage("n1", 0, { requested: { cpuMillis: 1800, memoryBytes: 0 } }),
          usage("n2", 0, { requested: { cpuMillis: 0, memoryBytes: 4 * 2 ** 30 } }),
          usage("n3", 0, { unavailable: "engine does not answer" }),
        ],
        pod,
      ),
    ).toEqual({
      reason: "0/3 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 1 engine does not answer",
    });
  });

  it("choose spreads a Deployment's pods before it looks at all pods, and still skips nodes without room", () => {
    const none = { cpuMillis: 0, memoryBytes: 0 };
    // n1 holds fewer pods in all, but two of the Deployment's.
    expect(choose([usage("n1", 1), usage("n2", 4), usage("n3", 5)], none, [], { n1: 2, n2: 1, n3: 1 })).toEqual({
      node: "n2",
    });
    expect(
      choose([usage("n1", 1), usage("n2", 4, { unavailable: "engine does not answer" }), usage("n3", 5)], none, [], {
        n1: 2,
        n2: 0,
        n3: 1,
      }),
    ).toEqual({ node: "n3" });
    // Equal spread: fewer pods in all decides, as without a Deployment.
    expect(choose([usage("n1", 3), usage("n2", 2)], none, [], { n1: 1, n2: 1 })).toEqual({ node: "n2" });
  });

  it("without a plan, choose spreads by pod count, then load, then node order", () => {
    expect(choose([usage("n1", 2), usage("n2", 1), usage("n3", 1)], { cpuMillis: 0, memoryBytes: 0 })).toEqual({
      node: "n2",
    });
  });

  it("a pod's request is its containers' requests, a limit standing in for a missing request", () => {
    expect(
      podRequest([
        { name: "a", image: "x", resources: { requests: { cpu: "250m", memory: "64Mi" } } },
        { name: "b", image: "x", resources: { limits: { cpu: "1", memory: "1Gi" } } },
        { name: "c", image: "x" },
      ] as never),
    ).toEqual({ cpuMillis: 1250, memoryBytes: 64 * 2 ** 20 + 2 ** 30 });
  });
});

describe("placement diff", () => {
  const block = (name: string, podCidr: string): NodeBlock => ({
    name,
    dockerHost: `unix:///run/${name}.sock`,
    podCidr,
  });
  const placed = { nodeName: "n2", pinned: false, node: block("n2", "10.244.1.0/24") } as PodState;
  const layout = (nodes: NodeBlock[]) => ({ cluster: "lab", cidr: "10.244.0.0/16", home: nodes[0], nodes });

  it("another node joining or leaving, or a new plan, is no change for a placed pod", () => {
    expect(
      placementDiff(placed, {
        clusterLayout: layout([
          block("n1", "10.244.0.0/24"),
          block("n2", "10.244.1.0/24"),
          block("n4", "10.244.2.0/24"),
        ]),
        nodePreference: ["n4"],
      }),
    ).toEqual({ changes: false, replaces: [] });
  });

  it("its own node leaving the cluster, or pinning it elsewhere, replaces the pod", () => {
    expect(placementDiff(placed, { clusterLayout: layout([block("n1", "10.244.0.0/24")]) }).replaces).toEqual([
      "clusterLayout",
    ]);
    expect(
      placementDiff(placed, {
        clusterLayout: layout([block("n1", "10.244.0.0/24"), block("n2", "10.244.1.0/24")]),
        nodeName: "n1",
      }).replaces,
    ).toEqual(["nodeName"]);
  });

  it("pinning it to the node it runs on is an update, not a move; an unknown layout at preview is no change", () => {
    expect(placementDiff(placed, { clusterLayout: layout([block("n2", "10.244.1.0/24")]), nodeName: "n2" })).toEqual({
      changes: true,
      replaces: [],
    });
    expect(placementDiff(placed, { clusterLayout: UNKNOWN })).toEqual({ changes: false, replaces: [] });
  });
});

describe("where an object lives, unknown at preview", () => {
  const routerNode = { name: "n1", dockerHost: "unix:///a", podCidr: "10.244.0.0/24" };

  it("a service's router node not known yet is no change; a known new engine address is an update", async () => {
    const service = {
      network: "net",
      namespace: "default",
      name: "web",
      ports: [{ port: 80, targetPort: 80, protocol: "TCP" }],
    };
    expect(
      await serviceHandlers.diff("id", { ...service, routerNode }, { ...service, routerNode: UNKNOWN }),
    ).toMatchObject({ changes: false, replaces: [] });
    expect(await serviceHandlers.diff("id", service, { ...service, routerNode: UNKNOWN })).toMatchObject({
      changes: false,
      replaces: [],
    });
    expect(
      await serviceHandlers.diff(
        "id",
        { ...service, routerNode },
        { ...service, routerNode: { ...routerNode, dockerHost: "tcp://10.0.0.1:2376" } },
      ),
    ).toMatchObject({ changes: true, replaces: [] });
  });

  it("a pod firewall's node not known yet is no change; a known new node is an update", async () => {
    const firewall = { network: "net", namespace: "default", pod: "p", sandboxId: "s", rules: {} };
    expect(
      await podFirewallHandlers.diff("id", { ...firewall, node: routerNode }, { ...firewall, node: UNKNOWN }),
    ).toMatchObject({ changes: false, replaces: [] });
    expect(await podFirewallHandlers.diff("id", firewall, { ...firewall, node: UNKNOWN })).toMatchObject({
      changes: false,
      replaces: [],
    });
    expect(
      await podFirewallHandlers.diff(
        "id",
        { ...firewall, node: routerNode },
        { ...firewall, node: { ...routerNode, name: "n2" } },
      ),
    ).toMatchObject({ changes: true, replaces: [] });
  });
});

describe("check", () => {
  it("names the node field and the reason", () => {
    const failures = checkCluster({
      name: "lab",
      nodes: [
        { name: "n1", dockerHost: "unix:///a" },
        { name: "n1", dockerHost: "ftp://b" },
        { name: "N3", dockerHost: "unix:///a", advertiseAddr: "x" },
      ],
      managers: 2,
    }).failures;
    expect(failures).toEqual(
      expect.arrayContaining([
        { property: "nodes[1].name", reason: '"n1" is listed twice' },
        {
          property: "nodes[1].dockerHost",
          reason: 'dockerHost "ftp://b": unsupported scheme ftp: (use unix://, tcp:// or ssh://)',
        },
        { property: "nodes[2].dockerHost", reason: "unix:///a is listed for two nodes" },
        { property: "nodes[2].advertiseAddr", reason: '"x" is not an IPv4 address' },
        {
          property: "managers",
          reason: "2 managers tolerate no more losses than 1 do; use an odd number, as Swarm's Raft advises",
        },
      ]),
    );
    expect(failures.some((f) => f.property === "nodes[2].name")).toBe(true);
  });

  it("does not throw on a managers value that is no number, with no nodes to compare it to", () => {
    // Found by check-fuzz: the odd-number rule did arithmetic on an object that cannot become a number.
    expect(checkCluster({ name: "lab", managers: { toString: 0 } }).failures.map((f) => f.property)).toEqual(["nodes"]);
  });

  it("a cluster network needs a /21 or larger, with a block for every node", () => {
    const cluster = {
      name: "lab",
      nodes: Array.from({ length: 7 }, (_, i) => ({ name: `n${i}`, dockerHost: `unix:///n${i}` })),
      managers: 3,
    };
    expect(checkPodNetwork({ name: "net", cidr: "10.8.0.0/22", cluster }).failures).toEqual([
      {
        property: "cidr",
        reason: "10.8.0.0/22 is too small for a cluster network (one /24 per node); use a /21 or larger",
      },
    ]);
    expect(checkPodNetwork({ name: "net", cidr: "10.8.0.0/21", cluster }).failures).toEqual([
      {
        property: "cidr",
        reason: "10.8.0.0/21 has room for 6 node blocks (/24) and the cluster has 7 nodes; use a larger cidr",
      },
    ]);
  });

  it("nodeName must be a node of the network's cluster, and needs a cluster at all", () => {
    const base = { name: "p", network: "net", containers: [{ name: "c", image: "podling/busybox:1" }] };
    const layout = { cluster: "lab", cidr: "10.244.0.0/16", home: {}, nodes: [{ name: "n1" }, { name: "n2" }] };
    expect(checkPod({ ...base, nodeName: "n9", clusterLayout: layout }).failures).toEqual([
      { property: "nodeName", reason: '"n9" is not a node of cluster lab (nodes: n1, n2)' },
    ]);
    expect(checkPod({ ...base, nodeName: "n1" }).failures).toEqual([
      {
        property: "nodeName",
        reason: "the pod's PodNetwork spans no cluster; nodeName applies only to a PodNetwork given a cluster",
      },
    ]);
    expect(checkPod({ ...base, nodeName: "n1", clusterLayout: UNKNOWN }).failures).toEqual([]);
  });
});
