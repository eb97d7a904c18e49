// Measures, between our own containers on a network this script creates:
//  - one HTTP request's time through a service's ClusterIP versus straight to the pod IP;
//  - how long an endpoint update takes in the provider (rules re-rendered and applied in the router).
// Run: npx ts-node bench/service-latency.ts [requests]. It removes everything it created.
import { execIn } from "../provider/docker/containers";
import { podHandlers } from "../provider/pod/handlers";
import { podNetworkHandlers } from "../provider/pod-network/handlers";
import { serviceHandlers } from "../provider/service/handlers";
import { create, removeNetworkAndContainers, run } from "./support";

const requests = Number(process.argv[2] ?? 500);
const network = `bench-svc-${process.pid}`;
const server = (name: string) => ({
  network,
  name,
  labels: { app: "bench" },
  terminationGracePeriodSeconds: 0,
  containers: [
    {
      name: "http",
      image: "podling/busybox:1",
      command: [
        "sh",
        "-c",
        "trap 'exit 0' TERM; mkdir -p /www; echo ok > /www/index.html; httpd -f -p 8080 -h /www & wait",
      ],
      ports: [{ containerPort: 8080 }],
    },
  ],
});

/** Seconds for `requests` sequential wgets from the client to url, as busybox `time` reports them. */
async function loop(client: string, url: string): Promise<number> {
  const r = await execIn(client, [
    "sh",
    "-c",
    `time sh -c 'for i in $(seq ${requests}); do wget -qO- ${url} >/dev/null || exit 1; done'`,
  ]);
  const m = /real\s+(\d+)m\s*([\d.]+)s/.exec(r.stderr);
  if (r.exitCode !== 0 || !m) throw new Error(`loop failed: ${r.stderr}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

async function main() {
  await create(podNetworkHandlers, { name: network, cidr: "10.231.0.0/24" });
  try {
    const a = await create(podHandlers, server("a"));
    const b = await create(podHandlers, server("b"));
    const client = await create(podHandlers, {
      network,
      name: "client",
      terminationGracePeriodSeconds: 0,
      containers: [
        { name: "c", image: "podling/busybox:1", command: ["sh", "-c", "trap 'exit 0' TERM; sleep 86400 & wait"] },
      ],
    });
    const ep = (o: Record<string, any>) => ({ pod: `default/${o.name}`, ip: o.podIP, ready: true });
    const svc = await create(serviceHandlers, {
      network,
      name: "bench",
      selector: { app: "bench" },
      ports: [{ port: 80, targetPort: 8080 }],
      endpoints: [ep(a.outs)],
    });
    const clientId = client.outs.containerIds.c;

    await loop(clientId, `http://${a.outs.podIP}:8080/`); // warm up
    const direct = await loop(clientId, `http://${a.outs.podIP}:8080/`);
    const viaVip = await loop(clientId, `http://${svc.outs.clusterIP}/`);

    const updates: number[] = [];
    let outs = svc.outs;
    for (let i = 0; i < 10; i++) {
      const endpoints = i % 2 === 0 ? [ep(a.outs), ep(b.outs)] : [ep(a.outs)];
      const news = (await serviceHandlers.check({}, { ...outs, endpoints })).inputs!;
      const started = process.hrtime.bigint();
      outs = (await serviceHandlers.update(svc.id, outs, news)).outs;
      updates.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    updates.sort((x, y) => x - y);
    console.log(`requests per loop: ${requests}`);
    console.log(`direct to pod IP : ${((direct / requests) * 1000).toFixed(3)} ms per request (wget process included)`);
    console.log(`through ClusterIP: ${((viaVip / requests) * 1000).toFixed(3)} ms per request`);
    console.log(`added by the ClusterIP: ${(((viaVip - direct) / requests) * 1000).toFixed(3)} ms per connection`);
    console.log(
      `endpoint update in the provider: median ${updates[5].toFixed(1)} ms, max ${updates[9].toFixed(1)} ms (10 updates)`,
    );
  } finally {
    await removeNetworkAndContainers(network);
  }
}

run(main);
