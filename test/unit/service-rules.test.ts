// Golden tests of the rendered rules, plus a packet walk that follows them as the kernel would.
import * as fs from "fs";
import * as path from "path";
import { planOf, withoutAddress } from "../../provider/rules/service-plan";
import { renderRouterHooks, renderServiceRules } from "../../provider/rules/service-rules";
import type { ServiceSpec } from "../../core/types";
import { expectGolden } from "../support/golden";

/**
 * The golden cases are shared with the node agent's Go renderer (tools/agent/service_rules_test.go), so both
 * provably render the same text. A case's spec holds only what the agent is handed.
 */
type CaseSpec = Pick<
  ServiceSpec,
  "namespace" | "name" | "sessionAffinity" | "sessionAffinityTimeoutSeconds" | "ports" | "endpoints"
>;
interface GoldenCase {
  what: string;
  golden: string;
  clusterIP: string;
  spec: CaseSpec;
  previous?: CaseSpec;
}
const cases = JSON.parse(
  fs.readFileSync(path.join(__dirname, "..", "golden", "service-cases.json"), "utf8"),
) as GoldenCase[];
const specOf = (s: CaseSpec): ServiceSpec => ({ network: "net", selector: { app: "web" }, type: "ClusterIP", ...s });

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

const CLUSTER_IP = "10.244.224.1";
const unready = spec().endpoints.map((e) => ({ ...e, ready: false }));

describe("service rules", () => {
  it.each(cases.map((c) => [c.what, c] as const))("renders %s", (_what, c) => {
    const previous = c.previous && planOf(specOf(c.previous), c.clusterIP);
    expectGolden(c.golden, renderServiceRules(planOf(specOf(c.spec), c.clusterIP), previous));
  });

  it("resolves a named target port only from the pod's own named ports, never from Object's members", () => {
    const plan = planOf(
      spec({ ports: [{ name: "c", port: 80, targetPort: "constructor", protocol: "TCP" }] }),
      CLUSTER_IP,
    );
    expect(plan.ports[0].targets).toEqual([]);
  });

  it("renders the hooks that send the router's traffic through its chains", () => {
    expectGolden("service-router-hooks.rules", renderRouterHooks());
  });

  it("refuses at once where a port has no ready endpoint", () => {
    for (const endpoints of [[], unready]) {
      const rules = renderServiceRules(planOf(spec({ endpoints }), CLUSTER_IP));
      expect(walk(rules, CLUSTER_IP, "tcp", 80, 0.5)).toBeUndefined();
      expect(walk(rules, CLUSTER_IP, "udp", 53, 0.5)).toBeUndefined();
    }
  });

  it("deletes the chains of an endpoint that left, and sends it nothing more", () => {
    const before = planOf(spec(), CLUSTER_IP);
    const rules = renderServiceRules(withoutAddress(before, "10.244.0.2"), before);
    expectGolden("service-endpoint-left.rules", rules);
    for (const roll of [0.01, 0.5, 0.99]) {
      expect(walk(rules, CLUSTER_IP, "tcp", 80, roll)).toBe("10.244.0.3:8080");
      expect(walk(rules, CLUSTER_IP, "udp", 53, roll)).toBe("10.244.0.3:5353");
    }
  });

  it("spreads new connections evenly: each ready endpoint takes an equal share of rolls", () => {
    const rules = renderServiceRules(
      planOf(
        spec({
          endpoints: [0, 1, 2].map((i) => ({
            pod: `default/p${i}`,
            ip: `10.244.0.${10 + i}`,
            ready: true,
            namedPorts: { http: 8080 },
          })),
        }),
        CLUSTER_IP,
      ),
    );
    const counts: Record<string, number> = {};
    for (let i = 0; i < 300; i++) {
      const target = walk(rules, CLUSTER_IP, "tcp", 80, (i + 0.5) / 300)!;
      counts[target] = (counts[target] ?? 0) + 1;
    }
    expect(counts).toEqual({ "10.244.0.10:8080": 100, "10.244.0.11:8080": 100, "10.244.0.12:8080": 100 });
  });

  it("sends UDP to the UDP port's target and never TCP to it", () => {
    const rules = renderServiceRules(planOf(spec(), CLUSTER_IP));
    expect(walk(rules, CLUSTER_IP, "udp", 53, 0.1)).toBe("10.244.0.2:5353");
    expect(walk(rules, CLUSTER_IP, "tcp", 53, 0.1)).toBeUndefined();
    expect(walk(rules, "10.244.224.9", "tcp", 80, 0.1)).toBeUndefined();
  });
});
