// Golden tests of the rendered rules, plus a packet walk that follows them as the kernel would.
import * as fs from "fs";
import * as path from "path";
import { planOf, withoutAddress } from "../../provider/rules/service-plan";
import { renderServiceRules, ServiceDataplane } from "../../provider/rules/service-rules";
import type { ServiceSpec } from "../../core/types";

const spec = (over: Partial<ServiceSpec> = {}): ServiceSpec => ({
  network: "net",
  namespace: "default",
  name: "web",
  selector: { app: "web" },
  type: "ClusterIP",
  sessionAffinity: "None",
  ports: [
    { name: "http", port: 80, targetPort: "http", protocol: "TCP" },
    { name: "dns", port: 53, targetPort: 5353, protocol: "UDP" },
  ],
  endpoints: [
    { pod: "default/web-b", ip: "10.244.0.3", ready: true, namedPorts: { http: 8080 } },
    { pod: "default/web-a", ip: "10.244.0.2", ready: true, namedPorts: { http: 8080 } },
    { pod: "default/web-c", ip: "10.244.0.4", ready: false, namedPorts: { http: 8080 } },
  ],
  ...over,
});

function golden(name: string, text: string): void {
  const file = path.join(__dirname, "..", "golden", name);
  if (process.env.UPDATE_GOLDEN) fs.writeFileSync(file, text);
  expect(text).toBe(fs.readFileSync(file, "utf8"));
}

/** Follows a new connection through the rendered nat rules; `roll` stands in for the random statistic. */
function walk(rules: string, dst: string, proto: string, dport: number, roll: number): string | undefined {
  const lines = rules.split("\n").filter((l) => l.startsWith("-A "));
  const follow = (chain: string): string | undefined => {
    for (const line of lines.filter((l) => l.startsWith(`-A ${chain} `))) {
      if (line.includes(" -d ") && !line.includes(`-d ${dst}/32`)) continue;
      if (line.includes("--dport") && (!line.includes(`-p ${proto} `) || !line.includes(`--dport ${dport} `))) continue;
      const p = /--probability ([\d.]+)/.exec(line);
      if (p) {
        if (roll >= Number(p[1])) {
          roll = (roll - Number(p[1])) / (1 - Number(p[1]));
          continue;
        }
        roll = roll / Number(p[1]);
      }
      const dnat = /--to-destination (\S+)/.exec(line);
      if (dnat) return dnat[1];
      const jump = /-j (PODLING-\S+)/.exec(line);
      if (jump) return follow(jump[1]);
    }
    return undefined;
  };
  return follow("PODLING-SERVICES");
}

describe("service rules", () => {
  it("renders a two-port service over its ready endpoints", () => {
    golden("service-two-ports.rules", renderServiceRules(planOf(spec(), "10.244.224.1")));
  });

  it("renders ClientIP affinity with recent-match chains", () => {
    golden("service-affinity.rules", renderServiceRules(planOf(spec({ sessionAffinity: "ClientIP", sessionAffinityTimeoutSeconds: 600, ports: [spec().ports[0]] }), "10.244.224.1")));
  });

  it("renders no DNAT for a port without endpoints, so the router refuses at once", () => {
    const rules = renderServiceRules(planOf(spec({ endpoints: [] }), "10.244.224.1"));
    expect(rules).not.toContain("-j DNAT");
    expect(walk(rules, "10.244.224.1", "tcp", 80, 0.5)).toBeUndefined();
  });

  it("deletes the chains of endpoints that left", () => {
    const before = planOf(spec(), "10.244.224.1");
    const after: ServiceDataplane = withoutAddress(before, "10.244.0.2");
    const rules = renderServiceRules(after, before);
    expect(rules).not.toContain("10.244.0.2:");
    expect(rules.match(/^-X PODLING-SEP-/gm)).toHaveLength(2); // one per port
  });

  it("spreads new connections evenly: each ready endpoint takes an equal share of rolls", () => {
    const rules = renderServiceRules(planOf(spec({ endpoints: [0, 1, 2].map((i) => ({ pod: `default/p${i}`, ip: `10.244.0.${10 + i}`, ready: true, namedPorts: { http: 8080 } })) }), "10.244.224.1"));
    const counts: Record<string, number> = {};
    for (let i = 0; i < 300; i++) {
      const target = walk(rules, "10.244.224.1", "tcp", 80, (i + 0.5) / 300)!;
      counts[target] = (counts[target] ?? 0) + 1;
    }
    expect(counts).toEqual({ "10.244.0.10:8080": 100, "10.244.0.11:8080": 100, "10.244.0.12:8080": 100 });
  });

  it("sends UDP to the UDP port's target and never TCP to it", () => {
    const rules = renderServiceRules(planOf(spec(), "10.244.224.1"));
    expect(walk(rules, "10.244.224.1", "udp", 53, 0.1)).toBe("10.244.0.2:5353");
    expect(walk(rules, "10.244.224.1", "tcp", 53, 0.1)).toBeUndefined();
    expect(walk(rules, "10.244.224.9", "tcp", 80, 0.1)).toBeUndefined();
  });
});
