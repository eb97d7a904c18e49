// A pod's firewall is applied in its own namespace, and refresh notices when a sandbox restart lost it.
import { podFirewallHandlers } from "../../provider/pod-firewall/handlers";
import { podHandlers } from "../../provider/pod/handlers";
import { podNetworkHandlers } from "../../provider/pod-network/handlers";
import { docker, exec, freeCidr, removeNetworkAndPods, requireDocker, uniqueName } from "../support/docker";
import { checkedCreate } from "../support/handlers";
import { httpServer, sleeper } from "../support/workloads";
import { renderFirewall } from "../../provider/rules/policy-rules";
import type { FirewallRules } from "../../core/types";

jest.setTimeout(90_000);

describe("PodFirewall against the real engine", () => {
  const network = uniqueName("it-fw");
  let cidr: string;

  beforeAll(async () => {
    await requireDocker();
    cidr = await freeCidr(18); // room for 5,000 peer addresses of its own
    await checkedCreate(podNetworkHandlers, { name: network, cidr });
  });
  afterAll(() => removeNetworkAndPods(network));

  /** A pod serving `body` on 8080, a client pod, and the client's call to the server by pod IP. */
  const serverAndClient = async (server: string, clientName: string, body: string) => {
    const pod = await checkedCreate(podHandlers, {
      network,
      name: server,
      terminationGracePeriodSeconds: 0,
      containers: [httpServer("main", 8080, body)],
    });
    const client = await checkedCreate(podHandlers, {
      network,
      name: clientName,
      terminationGracePeriodSeconds: 0,
      containers: [sleeper("main")],
    });
    const call = () =>
      exec(client.outs.containerIds.main, [
        "sh",
        "-c",
        `timeout 5 wget -qO- http://${pod.outs.podIP}:8080/ 2>&1; true`,
      ]);
    return { pod, client, call };
  };

  it("loads the rules into the pod, leaves no helper behind, and reports them gone after a sandbox restart", async () => {
    const { pod, call } = await serverAndClient("guarded", "client", "inside");
    expect(await call()).toBe("inside\n");
    const spec = { network, namespace: "default", pod: "guarded", sandboxId: pod.id, rules: { ingress: [] } };
    const fw = await podFirewallHandlers.create(spec);
    expect(await call()).toMatch(/Connection refused/);
    expect(
      await docker.listContainers({
        all: true,
        filters: { label: [`podling.io/network=${network}`, "podling.io/role=firewall"] },
      }),
    ).toEqual([]);
    expect(await podFirewallHandlers.read(fw.id, fw.outs)).toEqual({ id: fw.id, props: fw.outs });

    await docker.getContainer(pod.id).restart({ t: 0 });
    expect(await podFirewallHandlers.read(fw.id, fw.outs)).toEqual({});
  });

  it("loads a firewall of 5,000 peers, whose rules are far beyond an environment variable's 128 KiB", async () => {
    const { pod, client, call } = await serverAndClient("crowded", "peer", "crowded");
    // 4,999 synthesized peers from the top of the network's own pod range, and the real client last.
    const [a, b, c] = cidr.split(".").map(Number);
    const address = (i: number) => `${a}.${b}.${c + Math.floor(i / 256)}.${i % 256}`;
    const peers = [...Array.from({ length: 4999 }, (_, i) => address(10000 - i)), client.outs.podIP as string];
    const rules: FirewallRules = {
      ingress: peers.map((ip) => ({
        policy: "default/crowd",
        peer: { cidr: `${ip}/32` },
        ports: [{ protocol: "TCP", port: 8080 }],
      })),
    };
    expect(Buffer.byteLength(renderFirewall(rules))).toBeGreaterThan(128 * 1024);
    await podFirewallHandlers.create({ network, namespace: "default", pod: "crowded", sandboxId: pod.id, rules });
    expect(await call()).toBe("crowded\n");
  });
});
