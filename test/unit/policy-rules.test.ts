// Golden files of the pod firewall, its startup firewall and the service router's filter, rendered from the
// policy worlds the Go renderer shares (test/golden/policy-cases.json), plus packets walked through the shop
// world's pod firewalls to say what the text means.
import { firewallFor, PodView, PolicyWorld, serviceFilterFor, startupFirewallFor } from "../../core/policy";
import { renderFirewall, renderServiceFilter } from "../../provider/rules/policy-rules";
import type { ServiceFilter } from "../../core/types";
import { Packet, verdict } from "../support/filter-walk";
import { expectGolden } from "../support/golden";
import { POLICY_CASES, POLICY_WORLDS, PolicyCase } from "../support/policy-cases";
import { API, API_ROUTER, DB, PROMETHEUS, SHOP_WORLD, WEB, WEB_ROUTER } from "../support/shop-world";

const firewallOf = (pod: PodView) => renderFirewall(firewallFor(pod, SHOP_WORLD));

/** What a case renders, as the SDK and the provider render it. */
function rendered(c: PolicyCase): string {
  const world: PolicyWorld | undefined = POLICY_WORLDS[c.world];
  if (!world) throw new Error(`${c.what}: no world ${c.world}`);
  if (c.render === "service-filter") return renderServiceFilter(serviceFilterFor(c.endpoints ?? [], world));
  const pod = world.pods.find((p) => `${p.namespace}/${p.name}` === c.pod);
  if (!pod) throw new Error(`${c.what}: the world ${c.world} has no pod ${c.pod}`);
  if (c.render === "firewall") return renderFirewall(firewallFor(pod, world));
  const { ip: _ip, ...declared } = pod;
  return renderFirewall(startupFirewallFor(declared, { namespaces: world.namespaces, policies: world.policies }));
}

describe("policy cases shared with the Go renderer", () => {
  it.each(POLICY_CASES.map((c) => [c.what, c] as const))("renders %s", (_what, c) => {
    expectGolden(c.golden, rendered(c));
  });
});

describe("pod firewall", () => {
  const tcp = (peer: string, dport: number): Packet => ({ peer, proto: "tcp", dport });
  it.each<[string, "ACCEPT" | "REJECT", PodView, "INPUT" | "OUTPUT", Packet]>([
    ["web from the office on its named port", "ACCEPT", WEB, "INPUT", tcp("192.168.1.5", 8080)],
    ["web from an excepted office block", "REJECT", WEB, "INPUT", tcp("192.168.13.5", 8080)],
    ["web from the office on another port", "REJECT", WEB, "INPUT", tcp("192.168.1.5", 22)],
    ["web from its own service router", "ACCEPT", WEB, "INPUT", tcp(WEB_ROUTER, 8080)],
    ["web from a router it is no backend of", "REJECT", WEB, "INPUT", tcp(API_ROUTER, 8080)],
    ["api from web on grpc", "ACCEPT", API, "INPUT", tcp(WEB.ip, 9090)],
    ["api from web on metrics", "REJECT", API, "INPUT", tcp(WEB.ip, 9100)],
    ["api from prometheus on metrics", "ACCEPT", API, "INPUT", tcp(PROMETHEUS.ip, 9100)],
    ["api from prometheus on grpc", "REJECT", API, "INPUT", tcp(PROMETHEUS.ip, 9090)],
    ["db from api", "ACCEPT", DB, "INPUT", tcp(API.ip, 5432)],
    ["db from web, a peer no policy admits", "REJECT", DB, "INPUT", tcp(WEB.ip, 5432)],
    ["api to db on its named port", "ACCEPT", API, "OUTPUT", tcp(DB.ip, 5432)],
    ["api to a node port range", "ACCEPT", API, "OUTPUT", tcp("10.96.5.5", 31000)],
    ["api below the node port range", "REJECT", API, "OUTPUT", tcp("10.96.5.5", 29999)],
    ["api to the excepted block", "REJECT", API, "OUTPUT", tcp("10.100.1.1", 31000)],
    ["api to any DNS server", "ACCEPT", API, "OUTPUT", { peer: "192.0.2.53", proto: "udp", dport: 53 }],
    ["api to web", "REJECT", API, "OUTPUT", tcp(WEB.ip, 8080)],
    ["web to the api router", "ACCEPT", WEB, "OUTPUT", tcp(API_ROUTER, 80)],
    ["web to SCTP peers on any port", "ACCEPT", WEB, "OUTPUT", { peer: "203.0.113.9", proto: "sctp", dport: 3868 }],
    ["web to db", "REJECT", WEB, "OUTPUT", tcp(DB.ip, 5432)],
    ["prometheus, which no policy selects, from anywhere", "ACCEPT", PROMETHEUS, "INPUT", tcp("198.51.100.1", 9999)],
  ])("%s: %s", (_what, expected, pod, start, packet) => {
    expect(verdict(firewallOf(pod), start, packet)).toBe(expected);
  });
});

describe("service router filter", () => {
  const empty: ServiceFilter = { backends: [], clients: [] };
  it.each<[string, string, ServiceFilter | undefined]>([
    ["an open filter table without policies", "router-filter-open.rules", undefined],
    ["an open filter table when no pod is isolated", "router-filter-open.rules", empty],
  ])("renders %s", (_what, golden, filter) => {
    expectGolden(golden, renderServiceFilter(filter));
  });
});
