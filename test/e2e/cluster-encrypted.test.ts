// An encrypted cluster network, and the Swarm's ports, on three real engines (scripts/lab-nodes.sh):
// Swarm listens on each node's advertise address only, and `encrypted: true` makes Docker's overlay
// put traffic between nodes under IPsec ESP. Traffic stays inside the lab's namespaces and the test's
// own pod network; reading sockets, xfrm state and counters sends nothing.
import { execFileSync } from "child_process";
import { inNodeNamespace, execOn, LabNode, leftoversOn, nodeDocker, probePod, useLab } from "../support/lab";
import { eventually } from "../support/wait";

jest.setTimeout(600_000);

const NETWORK = "enc-net";

/** The local addresses of the node's TCP and UDP listeners on Swarm's ports (2377 management, 7946 discovery). */
function swarmListeners(node: LabNode): string[] {
  return inNodeNamespace(node, ["ss", "-Hltnu"])
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => /:(2377|7946)$/.test(cols[4]))
    .map((cols) => `${cols[0]} ${cols[4]}`)
    .sort();
}

/** The node's kernel IPsec counters of outgoing packets (XfrmOut*), summed. */
function xfrmOutDrops(node: LabNode): number {
  return inNodeNamespace(node, ["cat", "/proc/net/xfrm_stat"])
    .split("\n")
    .filter((line) => line.startsWith("XfrmOut"))
    .reduce((sum, line) => sum + Number(line.trim().split(/\s+/)[1]), 0);
}

/**
 * Whether this kernel takes an ESP security association with AES-GCM (rfc4106), as Docker's encrypted
 * overlay uses: tried in a namespace made for it and removed again. Adding an SA sends nothing.
 */
function kernelHasEsp(src: string, dst: string): boolean {
  const ns = `podling-esp-check-${process.pid}`;
  execFileSync("ip", ["netns", "add", ns]);
  try {
    const key = `0x${"01".repeat(20)}`; // 16 bytes of AES key and 4 of salt
    execFileSync(
      "ip",
      [
        "-n",
        ns,
        "xfrm",
        "state",
        "add",
        "src",
        src,
        "dst",
        dst,
        "proto",
        "esp",
        "spi",
        "0x100",
        "mode",
        "transport",
        "aead",
        "rfc4106(gcm(aes))",
        key,
        "64",
      ],
      { stdio: "pipe" },
    );
    return true;
  } catch {
    return false;
  } finally {
    execFileSync("ip", ["netns", "del", ns]);
  }
}

describe("an encrypted cluster network, and Swarm's ports", () => {
  const lab = useLab(3, "cluster");
  let pods: Record<string, { nodeName: string; podIP: string; containers: Record<string, string> }>;

  beforeAll(async () => {
    await lab.declare({
      cluster: { nodes: lab.nodes.map(({ name, dockerHost, advertiseAddr }) => ({ name, dockerHost, advertiseAddr })) },
      network: { name: NETWORK, cidr: "10.246.0.0/16", encrypted: true },
      pods: [probePod("a", "n1"), probePod("b", "n2"), probePod("c", "n1")],
    });
    await lab.stack.stack.up();
    pods = (await lab.stack.stack.outputs()).pod.value;
  });

  it("Swarm listens on each node's advertise address, not on every interface", () => {
    for (const node of lab.nodes) {
      const listeners = swarmListeners(node);
      // Three managers (the default for three nodes): each has the management port and discovery.
      expect({ node: node.name, listeners }).toEqual({
        node: node.name,
        listeners: [
          `tcp ${node.advertiseAddr}:2377`,
          `tcp ${node.advertiseAddr}:7946`,
          `udp ${node.advertiseAddr}:7946`,
        ],
      });
    }
  });

  it("the network is an overlay with Docker's option encrypted, on the home node and on a node that joined it", async () => {
    for (const name of ["n1", "n2"]) {
      const info = await nodeDocker(lab.node(name)).getNetwork(NETWORK).inspect();
      expect({ node: name, driver: info.Driver, encrypted: "encrypted" in (info.Options ?? {}) }).toEqual({
        node: name,
        driver: "overlay",
        encrypted: true,
      });
    }
  });

  it("pods on one node reach each other (that traffic never leaves the node)", async () => {
    const out = await execOn(lab.node("n1"), pods.a.containers.probe, [
      "podling-probe",
      "check",
      "2s",
      `${pods.c.podIP}:9000/tcp`,
    ]);
    expect(out.trim()).toBe(`${pods.c.podIP}:9000/tcp ok c from ${pods.a.podIP}`);
  });

  it("traffic between nodes is under ESP: carried where the kernel has ESP and AES-GCM, else dropped by the kernel, never sent in clear", async () => {
    const n1 = lab.node("n1");
    const n2 = lab.node("n2");
    // Docker asks the kernel to send VXLAN to n2 only through ESP, whatever the kernel can do.
    expect(inNodeNamespace(n1, ["ip", "xfrm", "policy"])).toMatch(
      new RegExp(`src ${n1.advertiseAddr}/32 dst ${n2.advertiseAddr}/32 proto udp dport 4789[\\s\\S]*proto esp`),
    );
    const hasSA = () => /proto esp/.test(inNodeNamespace(n1, ["ip", "xfrm", "state"]));
    const esp = kernelHasEsp(n1.advertiseAddr, n2.advertiseAddr);
    // Docker keys the SAs once both nodes have a container on the network: it may still be at it.
    if (esp) await eventually("Docker's ESP security associations on n1", 60, async () => hasSA());
    const dropsBefore = xfrmOutDrops(n1);
    const out = await execOn(n1, pods.a.containers.probe, ["podling-probe", "check", "2s", `${pods.b.podIP}:9000/tcp`]);
    console.log(`encrypted overlay: the kernel has ESP with AES-GCM: ${esp}; a -> b: ${out.trim()}`);
    if (esp) {
      expect(out.trim()).toBe(`${pods.b.podIP}:9000/tcp ok b from ${pods.a.podIP}`);
    } else {
      expect(hasSA()).toBe(false);
      // No SA: Docker logged "Failed Adding ... rfc4106(gcm(aes)) ...: function not implemented".
      expect(out).toContain(`${pods.b.podIP}:9000/tcp fail`);
      expect(xfrmOutDrops(n1)).toBeGreaterThan(dropsBefore);
    }
  });

  it("destroy leaves nothing on any node", async () => {
    await lab.stack.dispose();
    for (const node of lab.nodes)
      expect({ node: node.name, left: await leftoversOn(node) }).toEqual({ node: node.name, left: [] });
  });
});
