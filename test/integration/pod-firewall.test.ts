// A PodFirewall (the SDK's per-pod firewall, which enforces policies on a cluster) is applied in its pod's
// own namespace, and refresh notices when a sandbox restart lost it. On one engine the node agent renders
// firewalls itself (policy-agent.test.ts); these pods are handed to it as a cluster node's are, without a
// policy revision, so that their PodFirewalls are what it loads.
import { podFirewallHandlers } from "../../provider/pod-firewall/handlers";
import { podHandlers } from "../../provider/pod/handlers";
import { podNetworkHandlers } from "../../provider/pod-network/handlers";
import {
  docker,
  exec,
  firewallHelpers,
  freeCidr,
  pauseAgent,
  removeNetworkAndPods,
  requireDocker,
  uniqueName,
} from "../support/docker";
import { checkedCreate } from "../support/handlers";
import { httpServer, sleeper } from "../support/workloads";
import { eventually } from "../support/wait";
import { renderFirewall } from "../../provider/rules/policy-rules";
import type { FirewallRules } from "../../core/types";
import { applyFirewallRules } from "../../provider/pod-firewall/apply";
import { firewallKey } from "../../provider/pod/agent-entry";
import { agentName, entryKey, STATE_DIR, writeEntry } from "../../provider/agent/desired-state";
import type { PodEntry } from "../../provider/agent/contract";
import { readFiles } from "../../provider/docker/containers";
import { sandboxName } from "../../provider/names";

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

  /** Hands the pod to the agent as a cluster node's pod: its firewall is then the PodFirewall's to give. */
  const enforcedByPodFirewall = async (name: string) => {
    const key = entryKey("pod", sandboxName({ network, namespace: "default", pod: name }));
    const file = (await readFiles(agentName(network), `${STATE_DIR}/desired/${key}.json`))?.[0];
    if (!file) throw new Error(`the agent holds no ${key}`);
    const { policyRevision, ...entry } = JSON.parse(file.content) as PodEntry;
    expect(policyRevision).toBeDefined();
    await writeEntry(agentName(network), key, entry);
  };

  /** A pod serving `body` on 8080, a client pod, and the client's call to the server by pod IP. */
  const serverAndClient = async (server: string, clientName: string, body: string) => {
    const pod = await checkedCreate(podHandlers, {
      network,
      name: server,
      terminationGracePeriodSeconds: 0,
      containers: [httpServer("main", 8080, body)],
    });
    await enforcedByPodFirewall(server);
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

  it("loads the rules into the pod through the agent, with no helper, and after a sandbox restart the agent loads them again", async () => {
    const { pod, call } = await serverAndClient("guarded", "client", "inside");
    expect(await call()).toBe("inside\n");
    const spec = { network, namespace: "default", pod: "guarded", sandboxId: pod.id, rules: { ingress: [] } };
    const fw = await podFirewallHandlers.create(spec);
    expect(await call()).toMatch(/Connection refused/);
    expect(await firewallHelpers(network)).toEqual([]);
    expect(await podFirewallHandlers.read(fw.id, fw.outs)).toEqual({ id: fw.id, props: fw.outs });

    // A restarted sandbox has a new namespace; the network's node agent loads the rules into it, and
    // read reports them there once the agent says so.
    await docker.getContainer(pod.id).restart({ t: 0 });
    const startedAt = (await docker.getContainer(pod.id).inspect()).State.StartedAt;
    await eventually("the agent reports the rules loaded into the new sandbox start", 60, async () => {
      const read = await podFirewallHandlers.read(fw.id, fw.outs);
      return read.props?.sandboxStartedAt === startedAt;
    });
    expect(await call()).toMatch(/Connection refused/);
  });

  it("reports the rules gone after a sandbox restart that the agent did not handle", async () => {
    const { pod } = await serverAndClient("unheld", "client2", "unheld");
    const fw = await podFirewallHandlers.create({
      network,
      namespace: "default",
      pod: "unheld",
      sandboxId: pod.id,
      rules: { ingress: [] },
    });
    const resumeAgent = await pauseAgent(network);
    try {
      await docker.getContainer(pod.id).restart({ t: 0 });
      expect(await podFirewallHandlers.read(fw.id, fw.outs)).toEqual({});
    } finally {
      await resumeAgent();
    }
  });

  it("fails with iptables-restore's own message when it refuses the rules, and the last good rules stay", async () => {
    const { pod, call } = await serverAndClient("stubborn", "client3", "stubborn");
    const id = { network, namespace: "default", pod: "stubborn" };
    await podFirewallHandlers.create({ ...id, sandboxId: pod.id, rules: { ingress: [] } });
    expect(await call()).toMatch(/Connection refused/);
    const target = { ...id, sandboxId: pod.id, key: firewallKey(id) };
    await expect(applyFirewallRules(target, "*filter\n-A PODLING-NO-SUCH-CHAIN -j ACCEPT\nCOMMIT\n")).rejects.toThrow(
      /line 2/,
    );
    expect(await call()).toMatch(/Connection refused/);
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

  it("re-checks UDP flows when the rules change: a datagram from the same socket address as an allowed one is dropped once the rules deny it", async () => {
    const probePod = (name: string, command: string[]) =>
      checkedCreate(podHandlers, {
        network,
        name,
        terminationGracePeriodSeconds: 0,
        containers: [{ name: "main", image: "podling/probe:1", command }],
      });
    const server = await probePod("udp-server", ["podling-probe", "serve", "udp-server", "-", "81"]);
    await enforcedByPodFirewall("udp-server");
    const client = await probePod("udp-client", ["sleep", "86400"]);
    // The same local port each time: the kernel tracks the flow by its addresses and ports.
    const send = () =>
      exec(client.outs.containerIds.main, ["podling-probe", "check", "2s", `${server.outs.podIP}:81/udp@40123`]);
    const spec = {
      network,
      namespace: "default",
      pod: "udp-server",
      sandboxId: server.id,
      rules: {
        ingress: [
          { policy: "default/udp", peer: { cidr: `${client.outs.podIP}/32` }, ports: [{ protocol: "UDP", port: 81 }] },
        ],
      } as FirewallRules,
    };
    const fw = await podFirewallHandlers.create(spec);
    expect(await send()).toMatch(/ ok udp-server from /);

    await podFirewallHandlers.update(fw.id, fw.outs, { ...spec, rules: { ingress: [] } });
    expect(await send()).toMatch(/ fail refused/);
  });
});
