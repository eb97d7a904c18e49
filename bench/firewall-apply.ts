// Measures how long one pod's network-policy update takes to apply, the provider's PodFirewall update from
// call to return (render, the rules handed to the network's node agent, which loads them into the pod's
// namespace and reports back), and what the node agent costs: its memory and its CPU while idle. Run:
// npm run bench:firewall-apply -- [updates]. It removes everything it created.
import { podFirewallHandlers } from "../provider/pod-firewall/handlers";
import { podHandlers } from "../provider/pod/handlers";
import { podNetworkHandlers } from "../provider/pod-network/handlers";
import type { FirewallRules } from "../core/types";
import { create, idleCost, removeNetworkAndContainers, run } from "./support";

const updates = Number(process.argv[2] ?? 10);
const network = `bench-fw-${process.pid}`;

async function main() {
  await create(podNetworkHandlers, { name: network, cidr: "10.232.0.0/24" });
  try {
    const pod = await create(podHandlers, {
      network,
      name: "target",
      terminationGracePeriodSeconds: 0,
      containers: [
        { name: "c", image: "podling/busybox:1", command: ["sh", "-c", "trap 'exit 0' TERM; sleep 86400 & wait"] },
      ],
    });
    const spec = (rules: FirewallRules) => ({
      network,
      namespace: "default",
      pod: "target",
      sandboxId: pod.outs.infraContainerId,
      rules,
    });
    const fw = await podFirewallHandlers.create(spec({ ingress: [] }));
    const times: number[] = [];
    let outs = fw.outs;
    for (let i = 0; i < updates; i++) {
      const rules: FirewallRules =
        i % 2 === 0
          ? {
              ingress: [
                { policy: "default/p", peer: { cidr: "10.232.0.3/32" }, ports: [{ protocol: "TCP", port: 80 }] },
              ],
            }
          : { ingress: [] };
      const started = process.hrtime.bigint();
      outs = (await podFirewallHandlers.update(fw.id, outs, spec(rules))).outs;
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    times.sort((a, b) => a - b);
    console.log(
      `firewall update applied in the pod: median ${times[Math.floor(times.length / 2)].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms (${updates} updates)`,
    );
    for (const name of [`agent.${network}`, `agent-guard.${network}`]) console.log(await idleCost(name));
  } finally {
    await removeNetworkAndContainers(network);
  }
}

run(main);
