// npm run bench:cluster [-- --reps 3]
// Several hosts: how long a three-node cluster takes to form, and what crossing nodes costs a pod's
// traffic (latency of one connection, latency on an open connection, one stream's throughput), measured
// between our own pods: same node over the overlay, another node over VXLAN, and another node through a
// service's ClusterIP. The nodes are scripts/lab-nodes.sh's engines on this one machine, so "another
// node" crosses veth pairs, a bridge and VXLAN in one kernel, never a physical network.
import * as fs from "fs";
import * as path from "path";
import { execOn, LabNode, removeLab, startLab } from "../test/support/lab";
import { testStack } from "../test/support/pulumi";
import { run } from "./support";

const PORT = 7000;
const ROUND_TRIPS = 2000;
const STREAM_SECONDS = 5;

interface Latency {
  connectRoundTripP50us: number;
  connectRoundTripP99us: number;
  roundTripP50us: number;
  roundTripP99us: number;
}
interface Path {
  name: string;
  latency: Latency[];
  megabitsPerSecond: number[];
}

const benchPod = (resource: string, nodeName: string, role: string) => ({
  resource,
  nodeName,
  labels: { role },
  terminationGracePeriodSeconds: 1,
  containers: [
    {
      name: "probe",
      image: "podling/probe:1",
      command: ["podling-probe", "bench-serve", String(PORT)],
      ports: [{ containerPort: PORT }],
    },
  ],
});

function world(nodes: LabNode[]) {
  return {
    cluster: { nodes },
    network: { name: "bench-net", cidr: "10.251.0.0/16" },
    pods: [benchPod("client", "n1", "client"), benchPod("near", "n1", "near"), benchPod("far", "n2", "far")],
    services: [{ resource: "far", selector: { role: "far" }, ports: [{ port: 80, targetPort: PORT }] }],
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (since: number) => (Date.now() - since) / 1000;

run(async () => {
  const reps = Number(process.argv[process.argv.indexOf("--reps") + 1] || 3) || 3;
  const nodes = startLab(3);
  const formation: number[] = [];
  const upSeconds: number[] = [];
  const destroySeconds: number[] = [];
  const paths: Record<string, Path> = {};
  const t = await testStack("cluster", {});
  try {
    const file = path.join(t.backendDir, "world.json");
    fs.writeFileSync(file, JSON.stringify(world(nodes)));
    await t.stack.setConfig("worldFile", { value: file });
    for (let rep = 1; rep <= reps; rep++) {
      let started = Date.now();
      await t.stack.up();
      upSeconds.push(seconds(started));
      const out = await t.stack.outputs();
      formation.push(out.formationSeconds.value);
      const pods = out.pod.value as Record<string, { podIP: string; containers: Record<string, string> }>;
      const targets = {
        "same node (n1 to n1)": `${pods.near.podIP}:${PORT}`,
        "another node (n1 to n2)": `${pods.far.podIP}:${PORT}`,
        "another node through a service ClusterIP": `${out.service.value.far.clusterIP}:80`,
      };
      for (const [name, target] of Object.entries(targets)) {
        const probe = (args: string[]) =>
          execOn(nodes[0], pods.client.containers.probe, ["podling-probe", ...args]).then((text) => JSON.parse(text));
        const p = (paths[name] ??= { name, latency: [], megabitsPerSecond: [] });
        p.latency.push(await probe(["latency", target, String(ROUND_TRIPS)]));
        p.megabitsPerSecond.push((await probe(["throughput", target, String(STREAM_SECONDS)])).megabitsPerSecond);
      }
      started = Date.now();
      await t.stack.destroy();
      destroySeconds.push(seconds(started));
      console.log(
        `rep ${rep}/${reps}: up ${upSeconds.at(-1)!.toFixed(1)} s (Swarm ${formation.at(-1)} s), destroy ${destroySeconds.at(-1)!.toFixed(1)} s`,
      );
    }
  } finally {
    await t.dispose().catch((err) => console.error(`destroy failed: ${err}`));
    removeLab();
  }
  const results = {
    date: new Date().toISOString(),
    reps,
    roundTrips: ROUND_TRIPS,
    streamSeconds: STREAM_SECONDS,
    formation,
    upSeconds,
    destroySeconds,
    paths: Object.values(paths),
  };
  fs.mkdirSync(path.join(__dirname, "cluster", "results"), { recursive: true });
  fs.writeFileSync(path.join(__dirname, "cluster", "results", "latest.json"), JSON.stringify(results, null, 2));
  const rows = Object.values(paths).map((p) => {
    const m = (k: keyof Latency) => median(p.latency.map((l) => l[k]));
    return `| ${p.name} | ${m("connectRoundTripP50us")} / ${m("connectRoundTripP99us")} | ${m("roundTripP50us")} / ${m("roundTripP99us")} | ${median(p.megabitsPerSecond).toFixed(0)} |`;
  });
  const report = [
    "# Several hosts: cluster formation and cross-node traffic",
    "",
    `Measured by \`npm run bench:cluster\` on ${results.date.slice(0, 10)}: ${reps} repetitions, medians. Three Docker engines`,
    "(scripts/lab-nodes.sh) on one 2-core machine, each in a network namespace of its own, joined by a bridge;",
    '"another node" crosses veth pairs, that bridge and Swarm\'s VXLAN overlay inside one kernel, so it shows',
    "the overlay's own cost, not a physical network's. Traffic runs between our own pods (podling-probe).",
    "",
    "## Forming the cluster",
    "",
    "| step | median | all runs |",
    "|---|---|---|",
    `| Swarm formed (init on n1, two manager joins) | ${median(formation).toFixed(2)} s | ${formation.map((x) => x.toFixed(2)).join(", ")} |`,
    `| whole \`up\`: Cluster, overlay PodNetwork, 3 pods on 2 nodes, 1 service | ${median(upSeconds).toFixed(1)} s | ${upSeconds.map((x) => x.toFixed(1)).join(", ")} |`,
    `| \`destroy\` of it all, Swarm dissolved | ${median(destroySeconds).toFixed(1)} s | ${destroySeconds.map((x) => x.toFixed(1)).join(", ")} |`,
    "",
    "## Pod traffic",
    "",
    `Latency in microseconds: a new TCP connection with one 1-byte round trip, and 1-byte round trips on an open`,
    `connection (${ROUND_TRIPS} of each, p50 / p99). Throughput: one TCP stream for ${STREAM_SECONDS} s, as the receiver counted it.`,
    "",
    "| from the client pod on n1 to | connect + round trip (µs) | round trip (µs) | throughput (Mbit/s) |",
    "|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
  fs.writeFileSync(path.join(__dirname, "..", "docs", "benchmarks-cluster.md"), report);
  console.log(report);
});
