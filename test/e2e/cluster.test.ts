// Several hosts: three real Docker engines (each in a network namespace of its own, scripts/lab-nodes.sh)
// formed into a Swarm by a Cluster resource, one overlay PodNetwork over them, driven by the real pulumi
// CLI. All traffic stays inside the lab's namespaces and the test's own pod network.
import { contains } from "../../core/cidr";
import type { ClusterLayout, ServiceEndpoint } from "../../core/types";
import { execOn, LabNode, leftoversOn, nodeDocker, startNode, stopNode, useLab } from "../support/lab";
import { requestsFor, someBackendMissed } from "../support/sampling";
import { eventually } from "../support/wait";

jest.setTimeout(600_000);

const CIDR = "10.244.0.0/16";

interface PodOut {
  nodeName: string;
  podIP: string;
  ready: boolean;
  containers: Record<string, string>;
}

const echo = (name: string) => ({
  name: "probe",
  image: "podling/probe:1",
  command: ["podling-probe", "serve", name, "9000", "9001"],
  ports: [{ containerPort: 9000 }, { containerPort: 9001, protocol: "UDP" }],
  resources: { requests: { cpu: "50m", memory: "16Mi" } },
});

// n2 is reached as a remote engine is: tcp:// with TLS client certificates (DOCKER_CERT_PATH).
const asDeclared = (nodes: LabNode[]) =>
  nodes.map(({ name, dockerHost, tlsHost, advertiseAddr }) => ({
    name,
    dockerHost: name === "n2" ? tlsHost : dockerHost,
    advertiseAddr,
  }));

function world(nodes: LabNode[]) {
  const pinned = ["a", "b", "c"].map((name, i) => ({
    resource: name,
    nodeName: nodes[i].name,
    labels: { app: "echo", name, ...(name === "b" ? { role: "friend" } : {}) },
    terminationGracePeriodSeconds: 1,
    containers: [echo(name)],
  }));
  const spread = ["s1", "s2", "s3"].map((name) => ({
    resource: name,
    labels: { app: "spread", name },
    terminationGracePeriodSeconds: 1,
    containers: [echo(name)],
  }));
  return {
    cluster: { nodes: asDeclared(nodes) },
    network: { name: "lab-net", cidr: CIDR },
    pods: [...pinned, ...spread],
    services: [{ resource: "echo", selector: { app: "echo" }, ports: [{ port: 80, targetPort: 9000 }] }],
    // c (on n3) takes traffic only from b and the spread pods: a (on n1) is the one denied pair.
    policies: [
      {
        resource: "guard-c",
        podSelector: { name: "c" },
        policyTypes: ["Ingress"],
        ingress: [{ from: [{ podSelector: { role: "friend" } }, { podSelector: { app: "spread" } }] }],
      },
    ],
  };
}

describe("a cluster of three Docker engines, one of them reached over TCP with TLS", () => {
  const lab = useLab(3, "cluster");
  let pods: Record<string, PodOut>;
  let layout: ClusterLayout;
  const nodeOf = (name: string) => lab.node(name);
  const probe = (from: string, targets: string[]) =>
    execOn(nodeOf(pods[from].nodeName), pods[from].containers.probe, ["podling-probe", "check", "2s", ...targets]);

  async function outputs(): Promise<void> {
    const out = await lab.stack.stack.outputs();
    pods = out.pod.value;
    layout = out.clusterLayout.value;
  }

  beforeAll(() => lab.declare(world(lab.nodes)));

  it("forms the Swarm and places pods: pinned ones where asked, the others spread, each IP from its node's /24", async () => {
    const started = Date.now();
    await lab.stack.stack.up();
    const out = await lab.stack.stack.outputs();
    console.log(
      `cluster up: ${((Date.now() - started) / 1000).toFixed(1)} s for the whole stack; Swarm formed in ${out.formationSeconds.value} s`,
    );
    await outputs();
    expect(out.formationSeconds.value).toBeGreaterThan(0);
    expect(layout.nodes.map((n) => n.dockerHost)).toEqual([
      lab.node("n1").dockerHost,
      lab.node("n2").tlsHost,
      lab.node("n3").dockerHost,
    ]);
    expect(layout.nodes.map((n) => [n.name, n.podCidr])).toEqual([
      ["n1", "10.244.0.0/24"],
      ["n2", "10.244.1.0/24"],
      ["n3", "10.244.2.0/24"],
    ]);
    expect([pods.a.nodeName, pods.b.nodeName, pods.c.nodeName]).toEqual(["n1", "n2", "n3"]);
    expect(new Set(["s1", "s2", "s3"].map((p) => pods[p].nodeName))).toEqual(new Set(["n1", "n2", "n3"]));
    for (const [name, pod] of Object.entries(pods)) {
      expect({ name, ready: pod.ready }).toEqual({ name, ready: true });
      expect({
        name,
        inBlock: contains(layout.nodes.find((n) => n.name === pod.nodeName)!.podCidr, pod.podIP),
      }).toEqual({ name, inBlock: true });
    }
  });

  it("pods on different nodes reach each other by pod IP, TCP and UDP, and the server sees the client's own pod IP (no NAT)", async () => {
    const out = await probe("a", [`${pods.b.podIP}:9000/tcp`, `${pods.b.podIP}:9001/udp`, `${pods.s3.podIP}:9000/tcp`]);
    expect(out.trim().split("\n")).toEqual([
      `${pods.b.podIP}:9000/tcp ok b from ${pods.a.podIP}`,
      `${pods.b.podIP}:9001/udp ok b from ${pods.a.podIP}`,
      `${pods.s3.podIP}:9000/tcp ok s3 from ${pods.a.podIP}`,
    ]);
  });

  it("a service balances over pods on all three nodes, by ClusterIP and by DNS name, from any node", async () => {
    const { clusterIP } = (await lab.stack.stack.outputs()).service.value.echo;
    const answeredBy = new Set<string>();
    // Enough calls in all that every pod answering is certain but for a chance below one in a million.
    const perClient = Math.ceil(requestsFor(someBackendMissed(3)) / 3);
    for (const client of ["s1", "s2", "s3"]) {
      const out = await probe(client, [
        ...Array.from({ length: perClient }, () => `${clusterIP}:80/tcp`),
        "echo.default.svc.cluster.local:80/tcp",
      ]);
      for (const line of out.trim().split("\n")) {
        expect(line).toMatch(/ ok [abc] from /);
        answeredBy.add(line.split(" ")[2]);
      }
    }
    expect([...answeredBy].sort()).toEqual(["a", "b", "c"]);
  });

  it("a network policy holds across nodes: a (n1) may not reach c (n3); b (n2) may, and a still reaches b", async () => {
    const fromA = await probe("a", [`${pods.c.podIP}:9000/tcp`, `${pods.b.podIP}:9000/tcp`]);
    expect(fromA).toContain(`${pods.c.podIP}:9000/tcp fail`);
    expect(fromA).toContain(`${pods.b.podIP}:9000/tcp ok b from ${pods.a.podIP}`);
    expect(await probe("b", [`${pods.c.podIP}:9000/tcp`])).toContain(`ok c from ${pods.b.podIP}`);
  });

  it("a preview after up proposes no change", async () => {
    await lab.stack.stack.preview({ expectNoChanges: true });
  });

  it("node loss: refresh drops the lost node's pods and takes them out of services; up re-places scheduled pods and fails the pinned one, saying why", async () => {
    const lostPods = Object.keys(pods)
      .filter((p) => pods[p].nodeName === "n3")
      .sort();
    const movable = lostPods.find((p) => p !== "c")!;
    stopNode("n3");
    // Swarm's managers notice a missing heartbeat after a few seconds; refresh then reports the node down.
    const swarmSees = async (state: string) =>
      ((await nodeDocker(nodeOf("n1")).listNodes()) as Array<{ Status: { State: string; Addr: string } }>).some(
        (n) => n.Status.Addr === nodeOf("n3").advertiseAddr && n.Status.State === state,
      );
    await eventually("the Swarm sees n3 down", 90, () => swarmSees("down"));
    await lab.stack.stack.refresh();
    // Stack outputs come from the program; refresh only rewrites the resources' state.
    expect((await stored("Cluster", "cluster"))?.nodeStatus).toEqual({ n1: "ready", n2: "ready", n3: "down" });
    for (const lost of lostPods) expect({ lost, state: await stored("Pod", lost) }).toEqual({ lost, state: undefined });

    // The router (on n1) no longer sends anything to the lost pods: every call is answered.
    const { clusterIP } = (await lab.stack.stack.outputs()).service.value.echo;
    const out = await probe(
      "a",
      Array.from({ length: 12 }, () => `${clusterIP}:80/tcp`),
    );
    expect(
      out
        .trim()
        .split("\n")
        .map((l) => l.split(" ").slice(1, 3).join(" "))
        .sort(),
    ).toEqual(Array.from({ length: 12 }, () => expect.stringMatching(/^ok [ab]$/)));

    const up = lab.stack.stack.up({ continueOnError: true });
    await expect(up).rejects.toThrow(/pod default\/c is pinned to node "n3" with nodeName, and that node is lost/);
    const placed = await movedPod(movable);
    expect(placed.nodeName).not.toBe("n3");
    expect(contains(layout.nodes.find((n) => n.name === placed.nodeName)!.podCidr, placed.podIP)).toBe(true);

    // n3 comes back: the next up puts c there again, and the services take it back.
    startNode("n3");
    await eventually("the Swarm sees n3 ready again", 90, () => swarmSees("ready"));
    await lab.stack.stack.up();
    await outputs();
    expect(pods.c.nodeName).toBe("n3");
    const endpoints: ServiceEndpoint[] = (await lab.stack.stack.outputs()).service.value.echo.endpoints;
    expect(endpoints.map((e) => e.pod).sort()).toEqual(["default/a", "default/b", "default/c"]);
  });

  /** A resource's outputs as the state holds them; undefined when the state has no such resource. */
  async function stored(kind: string, name: string): Promise<Record<string, any> | undefined> {
    const resources = (await lab.stack.stack.exportStack()).deployment.resources ?? [];
    return resources.find(
      (r: { urn: string; type: string }) => r.type.endsWith(`podling:${kind}`) && r.urn.endsWith(`::${name}`),
    )?.outputs;
  }

  async function movedPod(name: string): Promise<{ nodeName: string; podIP: string }> {
    const pod = await stored("Pod", name);
    if (!pod) throw new Error(`pod ${name} is not in the state after up`);
    return pod as { nodeName: string; podIP: string };
  }

  it("destroy leaves nothing on any node: no container, network, volume or Swarm membership", async () => {
    await lab.stack.dispose();
    for (const node of lab.nodes)
      expect({ node: node.name, left: await leftoversOn(node) }).toEqual({ node: node.name, left: [] });
  });
});
