// The NetworkPolicy truth table, in the style of the Kubernetes netpol e2e suite: 9 pods in namespaces
// x, y, z; every ordered pair probed on 80 and 81, TCP and UDP, after each scenario's `pulumi up`.
import {
  docker,
  exec,
  freeCidr,
  managedObjects,
  removeNetworkAndPods,
  requireDocker,
  uniqueName,
} from "../support/docker";
import { TestStack, testStack } from "../support/pulumi";

jest.setTimeout(600_000);

const NAMESPACES = ["x", "y", "z"];
const PODS = NAMESPACES.flatMap((ns) => ["a", "b", "c"].map((p) => `${ns}/${p}`));
const PROBES = [
  { port: 80, proto: "tcp" },
  { port: 81, proto: "tcp" },
  { port: 80, proto: "udp" },
  { port: 81, proto: "udp" },
] as const;
type Expect = (src: string, dst: string, port: number, proto: string) => boolean;
const ns = (pod: string) => pod.split("/")[0];

interface Scenario {
  name: string;
  policies: Array<Record<string, unknown>>;
  podLabels?: Record<string, Record<string, string>>;
  expect: Expect;
}

describe("NetworkPolicy truth table", () => {
  const network = uniqueName("e2e-np");
  let cidr: string;
  let t: TestStack;
  let ips: Record<string, string>;
  let containers: Record<string, string>;
  let serviceIP: string;

  async function apply(s: Pick<Scenario, "policies" | "podLabels">): Promise<number> {
    await t.stack.setConfig("policies", { value: JSON.stringify(s.policies) });
    await t.stack.setConfig("podLabels", { value: JSON.stringify(s.podLabels ?? {}) });
    const started = Date.now();
    const result = await t.stack.up();
    const took = Date.now() - started;
    ips = result.outputs.podIPs.value;
    containers = result.outputs.containers.value;
    serviceIP = result.outputs.serviceIP.value;
    return took;
  }

  /** Probes every ordered pair in parallel; returns "src dst port/proto" -> reachable. */
  async function probeAll(): Promise<Map<string, boolean>> {
    const results = new Map<string, boolean>();
    const byAddress = Object.fromEntries(Object.entries(ips).map(([pod, ip]) => [ip, pod]));
    await Promise.all(
      PODS.map(async (src) => {
        const targets = PODS.flatMap((dst) => PROBES.map((p) => `${ips[dst]}:${p.port}/${p.proto}`));
        const out = await exec(containers[src], ["podling-probe", "check", "1s", ...targets]);
        for (const line of out.trim().split("\n")) {
          const [target, verdict, answeredBy] = line.split(" ");
          const [address, portProto] = target.split(":");
          const dst = byAddress[address];
          // a reply from another pod than the one addressed would be a routing bug, not reachability
          results.set(`${src} ${dst} ${portProto}`, verdict === "ok" && answeredBy === dst);
        }
      }),
    );
    return results;
  }

  function table(values: (src: string, dst: string) => boolean): string {
    const header = "      " + PODS.map((p) => p.padEnd(4)).join("");
    const rows = PODS.map((src) => src.padEnd(6) + PODS.map((dst) => (values(src, dst) ? ".   " : "X   ")).join(""));
    return [header, ...rows].join("\n");
  }

  async function expectMatrix(s: Pick<Scenario, "name" | "expect">): Promise<void> {
    const actual = await probeAll();
    const differences: string[] = [];
    for (const p of PROBES) {
      const key = `${p.port}/${p.proto}`;
      const expected = (src: string, dst: string) => src === dst || s.expect(src, dst, p.port, p.proto);
      const got = (src: string, dst: string) => actual.get(`${src} ${dst} ${key}`) === true;
      if (PODS.some((src) => PODS.some((dst) => expected(src, dst) !== got(src, dst)))) {
        differences.push(
          `${s.name}, ${key} (rows: from, columns: to; "." reachable, "X" blocked)\nexpected:\n${table(expected)}\nactual:\n${table(got)}`,
        );
      }
    }
    if (differences.length > 0) throw new Error(differences.join("\n\n"));
  }

  beforeAll(async () => {
    await requireDocker();
    cidr = await freeCidr(24);
    t = await testStack("netpol", { network, cidr });
  });
  afterAll(async () => {
    await t?.dispose().catch(() => undefined);
    await removeNetworkAndPods(network);
  });

  const all: Expect = () => true;
  const scenarios: Array<Scenario | (() => Scenario)> = [
    { name: "1. no policy: everything allowed", policies: [], expect: all },
    {
      name: "2. default-deny ingress in x",
      policies: [{ name: "deny", namespace: "x", podSelector: {}, policyTypes: ["Ingress"] }],
      expect: (_s, d) => ns(d) !== "x",
    },
    {
      name: "3a. default-deny all in x",
      policies: [{ name: "deny", namespace: "x", podSelector: {}, policyTypes: ["Ingress", "Egress"] }],
      expect: (s, d) => ns(d) !== "x" && ns(s) !== "x",
    },
    { name: "3b. deleting the last policy restores full reachability", policies: [], expect: all },
    {
      name: "4. podSelector allow: x/a accepts only x/b",
      policies: [
        {
          name: "a-from-b",
          namespace: "x",
          podSelector: { pod: "a" },
          ingress: [{ from: [{ podSelector: { pod: "b" } }] }],
        },
      ],
      expect: (s, d) => d !== "x/a" || s === "x/b",
    },
    {
      name: "5. namespaceSelector allow: x/a accepts only namespace y",
      policies: [
        {
          name: "a-from-y",
          namespace: "x",
          podSelector: { pod: "a" },
          ingress: [{ from: [{ namespaceSelector: { ns: "y" } }] }],
        },
      ],
      expect: (s, d) => d !== "x/a" || ns(s) === "y",
    },
    {
      name: "5b. namespaceSelector NotIn on kubernetes.io/metadata.name: x/a accepts every namespace but y",
      policies: [
        {
          name: "a-not-from-y",
          namespace: "x",
          podSelector: { matchLabels: { pod: "a" } },
          ingress: [
            {
              from: [
                {
                  namespaceSelector: {
                    matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "NotIn", values: ["y"] }],
                  },
                },
              ],
            },
          ],
        },
      ],
      expect: (s, d) => d !== "x/a" || ns(s) !== "y",
    },
    {
      name: "6a. AND: namespace y and pod b in one peer",
      policies: [
        {
          name: "and",
          namespace: "x",
          podSelector: { pod: "a" },
          ingress: [{ from: [{ namespaceSelector: { ns: "y" }, podSelector: { pod: "b" } }] }],
        },
      ],
      expect: (s, d) => d !== "x/a" || s === "y/b",
    },
    {
      name: "6b. OR: namespace y, or pod b of x, as two peers",
      policies: [
        {
          name: "or",
          namespace: "x",
          podSelector: { pod: "a" },
          ingress: [{ from: [{ namespaceSelector: { ns: "y" } }, { podSelector: { pod: "b" } }] }],
        },
      ],
      expect: (s, d) => d !== "x/a" || ns(s) === "y" || s === "x/b",
    },
    {
      name: "7. port-only allow: x/a accepts anyone on 80/TCP only",
      policies: [
        {
          name: "port80",
          namespace: "x",
          podSelector: { pod: "a" },
          ingress: [{ ports: [{ port: 80, protocol: "TCP" }] }],
        },
      ],
      expect: (_s, d, port, proto) => d !== "x/a" || (port === 80 && proto === "tcp"),
    },
    {
      name: "8. named port: x/a accepts only its port serve-81-tcp",
      policies: [
        {
          name: "named",
          namespace: "x",
          podSelector: { pod: "a" },
          ingress: [{ ports: [{ port: "serve-81-tcp", protocol: "TCP" }] }],
        },
      ],
      expect: (_s, d, port, proto) => d !== "x/a" || (port === 81 && proto === "tcp"),
    },
    {
      name: "9a. UDP only: x/a accepts UDP on any port, no TCP",
      policies: [
        { name: "udp", namespace: "x", podSelector: { pod: "a" }, ingress: [{ ports: [{ protocol: "UDP" }] }] },
      ],
      expect: (_s, d, _port, proto) => d !== "x/a" || proto === "udp",
    },
    {
      name: "9b. SCTP only allows neither TCP nor UDP",
      policies: [
        {
          name: "sctp",
          namespace: "x",
          podSelector: { pod: "a" },
          ingress: [{ ports: [{ port: 80, protocol: "SCTP" }] }],
        },
      ],
      expect: (_s, d) => d !== "x/a",
    },
    {
      name: "10. egress-only restriction at the client: x/a may only reach x/b",
      policies: [
        {
          name: "egress",
          namespace: "x",
          podSelector: { pod: "a" },
          policyTypes: ["Egress"],
          egress: [{ to: [{ podSelector: { pod: "b" } }] }],
        },
      ],
      expect: (s, d) => s !== "x/a" || d === "x/b",
    },
    () => ({
      name: "11. ipBlock with except: x/a accepts the network's CIDR except y/b",
      policies: [
        {
          name: "ipblock",
          namespace: "x",
          podSelector: { pod: "a" },
          ingress: [{ from: [{ ipBlock: { cidr, except: [`${ips["y/b"]}/32`] } }] }],
        },
      ],
      expect: (s, d) => d !== "x/a" || s !== "y/b",
    }),
  ];

  for (const entry of scenarios) {
    const title = typeof entry === "function" ? "11. ipBlock with except" : entry.name;
    it(title, async () => {
      const s = typeof entry === "function" ? entry() : entry;
      const took = await apply(s);
      console.log(`${s.name}: pulumi up ${took} ms`);
      await expectMatrix(s);
    });
  }

  it("service traffic obeys the same policies, against the real client and backend", async () => {
    // svc-a (namespace x) selects x/a. Each client's own namespace translates the ClusterIP to x/a, so x/a's
    // ingress and the client's egress judge the connection as an ordinary pod-to-pod one.
    const throughService = async (): Promise<string[]> => {
      const verdicts = await Promise.all(
        PODS.map(
          async (src) =>
            [src, await exec(containers[src], ["podling-probe", "check", "1s", `${serviceIP}:80/tcp`])] as const,
        ),
      );
      return verdicts.filter(([, out]) => out.includes(" ok x/a")).map(([src]) => src);
    };
    await apply({ policies: [] });
    expect(await throughService()).toEqual(PODS);
    await apply({
      policies: [
        {
          name: "a-from-b",
          namespace: "x",
          podSelector: { pod: "a" },
          ingress: [{ from: [{ podSelector: { pod: "b" } }] }],
        },
      ],
    });
    // x/a reaching itself through its own service is hairpin traffic that never leaves its namespace: like
    // localhost, a pod's policy does not block it (as with Cilium; Kubernetes leaves it to the plugin).
    expect(await throughService()).toEqual(["x/a", "x/b"]);
    await apply({
      policies: [
        {
          name: "egress",
          namespace: "y",
          podSelector: { pod: "c" },
          policyTypes: ["Egress"],
          egress: [{ to: [{ podSelector: { pod: "a" }, namespaceSelector: { ns: "x" } }] }],
        },
        { name: "y-b", namespace: "y", podSelector: { pod: "b" }, policyTypes: ["Egress"] },
      ],
    });
    expect(await throughService()).toEqual(PODS.filter((p) => p !== "y/b")); // y/c may reach x/a; y/b may reach nothing
  });

  it("12. a label change on a pod flips reachability, in place", async () => {
    const policies = [
      {
        name: "friends",
        namespace: "x",
        podSelector: { pod: "a" },
        ingress: [{ from: [{ podSelector: { role: "friend" } }] }],
      },
    ];
    await apply({ policies });
    const before = { ...containers };
    await expectMatrix({ name: "12a. nobody is a friend yet", expect: (_s, d) => d !== "x/a" });
    await apply({ policies, podLabels: { "x/c": { pod: "c", role: "friend" } } });
    await expectMatrix({ name: "12b. x/c became a friend", expect: (s, d) => d !== "x/a" || s === "x/c" });
    expect(containers).toEqual(before); // no pod was restarted
  });

  it("13. DNS gotcha: default-deny egress breaks name lookups until port 53 is allowed", async () => {
    const deny = { name: "lockdown", namespace: "x", podSelector: { pod: "b" }, policyTypes: ["Egress"] };
    await apply({ policies: [deny] });
    // busybox nslookup exits 1 when any search-path candidate fails, so look for an answer instead
    const lookup = () =>
      exec(containers["x/b"], ["sh", "-c", "nslookup svc-a 2>&1 | grep -q '^Name:' && echo resolved || echo failed"]);
    expect((await lookup()).trim()).toBe("failed");
    await apply({
      policies: [
        {
          ...deny,
          egress: [
            {
              ports: [
                { port: 53, protocol: "UDP" },
                { port: 53, protocol: "TCP" },
              ],
            },
          ],
        },
      ],
    });
    expect((await lookup()).trim()).toBe("resolved");
  });

  it("app containers cannot flush or change the rules: they hold no NET_ADMIN", async () => {
    await apply({ policies: [{ name: "deny", namespace: "x", podSelector: {}, policyTypes: ["Ingress"] }] });
    const info = await docker.getContainer(containers["x/a"]).inspect();
    expect(info.HostConfig.CapAdd ?? []).not.toContain("NET_ADMIN");
    const attempt = await exec(containers["x/a"], ["sh", "-c", "ip link set lo down 2>&1; echo exit=$?"]);
    expect(attempt).toMatch(/Operation not permitted[\s\S]*exit=[1-9]/);
    await expectMatrix({ name: "rules still hold", expect: (_s, d) => ns(d) !== "x" });
  });

  it("destroy leaves nothing behind", async () => {
    await t.stack.destroy();
    expect(await managedObjects(network)).toEqual({ containers: [], networks: [], volumes: [] });
  });
});
