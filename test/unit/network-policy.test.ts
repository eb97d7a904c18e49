import { firewallFor, PodView, PolicyWorld, serviceFilterFor, startupFirewallFor } from "../../core/policy";
import { checkNetworkPolicy } from "../../provider/network-policy/check";
import { checkNamespace } from "../../provider/namespace/check";
import { networkPolicyHandlers } from "../../provider/network-policy/handlers";
import type { NetworkPolicySpec } from "../../core/types";

const pod = (namespace: string, name: string, ip: string, labels: Record<string, string> = { pod: name }): PodView => ({
  namespace,
  name,
  ip,
  labels,
  ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }],
});
const policy = (over: Partial<NetworkPolicySpec>): NetworkPolicySpec => ({
  network: "n",
  namespace: "x",
  name: "p",
  podSelector: {},
  policyTypes: ["Ingress"],
  ingress: [],
  egress: [],
  ...over,
});
const world = (policies: NetworkPolicySpec[]): PolicyWorld => ({
  pods: [pod("x", "a", "10.0.0.2"), pod("x", "b", "10.0.0.3"), pod("y", "a", "10.0.0.4"), pod("y", "b", "10.0.0.5")],
  namespaces: { y: { team: "blue" } },
  policies,
});

describe("firewallFor", () => {
  it("leaves a pod open while no policy selects it", () => {
    expect(firewallFor(pod("y", "a", "10.0.0.4"), world([policy({})]))).toEqual({});
  });
  it("isolates a selected pod with an empty allow list for default deny", () => {
    expect(firewallFor(pod("x", "a", "10.0.0.2"), world([policy({})]))).toEqual({ ingress: [] });
  });
  it("ANDs namespaceSelector and podSelector in one peer, using the implicit namespace name label", () => {
    const p = policy({
      ingress: [{ from: [{ namespaceSelector: { "kubernetes.io/metadata.name": "y" }, podSelector: { pod: "b" } }] }],
    });
    expect(firewallFor(pod("x", "a", "10.0.0.2"), world([p])).ingress).toEqual([
      { policy: "x/p", peer: { cidr: "10.0.0.5/32" } },
    ]);
  });
  it("selects namespaces with NotIn on the implicit name label, and pods with a LabelSelector", () => {
    const p = policy({
      podSelector: { matchExpressions: [{ key: "pod", operator: "In", values: ["a"] }] },
      ingress: [
        {
          from: [
            {
              namespaceSelector: {
                matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "NotIn", values: ["x"] }],
              },
              podSelector: { matchLabels: { pod: "b" } },
            },
          ],
        },
      ],
    });
    expect(firewallFor(pod("x", "a", "10.0.0.2"), world([p])).ingress).toEqual([
      { policy: "x/p", peer: { cidr: "10.0.0.5/32" } },
    ]);
    expect(firewallFor(pod("x", "b", "10.0.0.3"), world([p]))).toEqual({});
  });
  it("ORs two peers", () => {
    const p = policy({ ingress: [{ from: [{ namespaceSelector: { team: "blue" } }, { podSelector: { pod: "b" } }] }] });
    expect(firewallFor(pod("x", "a", "10.0.0.2"), world([p])).ingress?.map((a) => a.peer?.cidr)).toEqual([
      "10.0.0.4/32",
      "10.0.0.5/32",
      "10.0.0.3/32",
    ]);
  });
  it("resolves a named ingress port against the selected pod, and drops a name it lacks", () => {
    const p = policy({
      ingress: [{ ports: [{ port: "http", protocol: "TCP" }] }, { ports: [{ port: "grpc", protocol: "TCP" }] }],
    });
    expect(firewallFor(pod("x", "a", "10.0.0.2"), world([p])).ingress).toEqual([
      { policy: "x/p", ports: [{ protocol: "TCP", port: 8080 }] },
    ]);
  });
  it("resolves a named egress port per destination pod", () => {
    const p = policy({
      policyTypes: ["Egress"],
      egress: [{ to: [{ podSelector: { pod: "b" } }], ports: [{ port: "http", protocol: "TCP" }] }],
    });
    expect(firewallFor(pod("x", "a", "10.0.0.2"), world([p]))).toEqual({
      egress: [{ policy: "x/p", peer: { cidr: "10.0.0.3/32" }, ports: [{ protocol: "TCP", port: 8080 }] }],
    });
  });
  it("unions the rules of every selecting policy", () => {
    const p1 = policy({ name: "one", ingress: [{ from: [{ podSelector: { pod: "b" } }] }] });
    const p2 = policy({
      name: "two",
      podSelector: { pod: "a" },
      ingress: [{ ports: [{ port: 80, endPort: 90, protocol: "UDP" }] }],
    });
    expect(firewallFor(pod("x", "a", "10.0.0.2"), world([p1, p2])).ingress).toEqual([
      { policy: "x/one", peer: { cidr: "10.0.0.3/32" } },
      { policy: "x/two", ports: [{ protocol: "UDP", port: 80, endPort: 90 }] },
    ]);
  });
});

describe("checkNetworkPolicy", () => {
  const problems = (news: Record<string, unknown>) =>
    checkNetworkPolicy({ network: "n", name: "p", ...news }).failures.map((f) => `${f.property}: ${f.reason}`);
  it("defaults policyTypes as Kubernetes does", () => {
    expect(checkNetworkPolicy({ network: "n", name: "p" }).inputs.policyTypes).toEqual(["Ingress"]);
    expect(checkNetworkPolicy({ network: "n", name: "p", egress: [{}] }).inputs.policyTypes).toEqual([
      "Ingress",
      "Egress",
    ]);
  });
  it.each<[string, Record<string, unknown>, RegExp]>([
    ["an unknown policy type", { policyTypes: ["Sideways"] }, /^policyTypes\[0\]: "Sideways" is not a policy type/],
    [
      "a bad CIDR",
      { ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.1/8" } }] }] },
      /^ingress\[0\]\.from\[0\]\.ipBlock\.cidr: .*host bits set/,
    ],
    [
      "an except outside its cidr",
      { ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/24", except: ["10.0.1.0/28"] } }] }] },
      /^ingress\[0\]\.from\[0\]\.ipBlock\.except\[0\]: 10\.0\.1\.0\/28 is not a range strictly inside 10\.0\.0\.0\/24/,
    ],
    [
      "endPort lower than port",
      { egress: [{ ports: [{ port: 90, endPort: 80 }] }] },
      /^egress\[0\]\.ports\[0\]\.endPort: 80 is lower than port 90/,
    ],
    [
      "an unknown protocol",
      { ingress: [{ ports: [{ port: 80, protocol: "ICMP" }] }] },
      /^ingress\[0\]\.ports\[0\]\.protocol: "ICMP" must be one of TCP, UDP, SCTP/,
    ],
    [
      "a peer with nothing in it",
      { ingress: [{ from: [{}] }] },
      /^ingress\[0\]\.from\[0\]: needs podSelector, namespaceSelector or ipBlock/,
    ],
    [
      "In without values in a namespaceSelector",
      { ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: "team", operator: "In" }] } }] }] },
      /^ingress\[0\]\.from\[0\]\.namespaceSelector\.matchExpressions\[0\]\.values: must be non-empty when operator is In/,
    ],
    [
      "an unknown operator in the podSelector",
      { podSelector: { matchExpressions: [{ key: "app", operator: "Has" }] } },
      /^podSelector\.matchExpressions\[0\]\.operator: "Has" is not an operator/,
    ],
    [
      "Exists with values in an egress podSelector",
      {
        egress: [{ to: [{ podSelector: { matchExpressions: [{ key: "app", operator: "Exists", values: ["a"] }] } }] }],
      },
      /^egress\[0\]\.to\[0\]\.podSelector\.matchExpressions\[0\]\.values: must be empty when operator is Exists/,
    ],
    [
      "ipBlock mixed with a selector",
      { ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/8" }, podSelector: {} }] }] },
      /ipBlock cannot be combined/,
    ],
  ])("rejects %s, naming the field", (_what, news, expected) => {
    expect(problems(news)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });
});

describe("NetworkPolicy diff", () => {
  const checked = (news: Record<string, unknown>) =>
    checkNetworkPolicy({ network: "n", name: "p", ...news }).inputs as unknown as Record<string, unknown>;
  const notInY = (values: string[]) => ({
    namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "NotIn", values }] },
  });
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      "a plain map turned into matchExpressions",
      { podSelector: { app: "web" } },
      { podSelector: { matchExpressions: [{ key: "app", operator: "In", values: ["web", "api"] }] } },
    ],
    [
      "a value of a peer's NotIn",
      { ingress: [{ from: [notInY(["y"])] }] },
      { ingress: [{ from: [notInY(["y", "z"])] }] },
    ],
  ])("shows %s as an update in place", async (_what, olds, news) => {
    const stored = checked(olds);
    expect(await networkPolicyHandlers.diff("id", stored, checked(news))).toEqual({ changes: true, replaces: [] });
    expect(await networkPolicyHandlers.diff("id", stored, checked(olds))).toEqual({ changes: false, replaces: [] });
  });
});

describe("checkNamespace", () => {
  it("adds the implicit name label", () => {
    expect(checkNamespace({ name: "x", labels: { team: "blue" } }).inputs).toEqual({
      name: "x",
      labels: { team: "blue", "kubernetes.io/metadata.name": "x" },
    });
  });
});

describe("service traffic", () => {
  const routerWorld = (policies: NetworkPolicySpec[]): PolicyWorld => ({
    ...world(policies),
    routers: [{ ip: "10.0.0.200", endpoints: ["x/a"] }],
  });

  it("lets a backend's router through its firewall, and an egress-isolated client reach every router", () => {
    const p = policy({
      podSelector: {},
      policyTypes: ["Ingress", "Egress"],
      ingress: [{ from: [{ podSelector: { pod: "b" } }] }],
    });
    expect(firewallFor(pod("x", "a", "10.0.0.2"), routerWorld([p]))).toEqual({
      ingress: [
        { policy: "x/p", peer: { cidr: "10.0.0.3/32" } },
        { policy: "service router", peer: { cidr: "10.0.0.200/32" } },
      ],
      egress: [{ policy: "service router", peer: { cidr: "10.0.0.200/32" } }],
    });
    // x/b is no backend of that router: its ingress does not admit it
    expect(firewallFor(pod("x", "b", "10.0.0.3"), routerWorld([p])).ingress).toEqual([
      { policy: "x/p", peer: { cidr: "10.0.0.3/32" } },
    ]);
  });

  it("gives the router the backends' ingress and the isolated clients' egress, without router allows", () => {
    const ingress = policy({
      name: "in",
      podSelector: { pod: "a" },
      ingress: [{ from: [{ podSelector: { pod: "b" } }] }],
    });
    const egress = policy({ name: "out", namespace: "y", podSelector: { pod: "b" }, policyTypes: ["Egress"] });
    expect(serviceFilterFor(["x/a"], routerWorld([ingress, egress]))).toEqual({
      backends: [{ ip: "10.0.0.2", ingress: [{ policy: "x/in", peer: { cidr: "10.0.0.3/32" } }] }],
      clients: [{ ip: "10.0.0.5", egress: [] }],
    });
  });
});

describe("startupFirewallFor", () => {
  const { ip: _ip, ...newPod } = pod("x", "a", "10.0.0.2");
  it("keeps of the ingress rules only those that need no other pod: a subset of the full rules", () => {
    const p = policy({
      policyTypes: ["Ingress", "Egress"],
      ingress: [
        { from: [{ podSelector: { pod: "b" } }, { ipBlock: { cidr: "192.0.2.0/24" } }] },
        { ports: [{ port: "http", protocol: "TCP" }] },
      ],
      egress: [{ to: [{ podSelector: { pod: "b" } }] }],
    });
    const startup = startupFirewallFor(newPod, { policies: [p], namespaces: {} });
    expect(startup).toEqual({
      ingress: [
        { policy: "x/p", peer: { cidr: "192.0.2.0/24" } },
        { policy: "x/p", ports: [{ protocol: "TCP", port: 8080 }] },
      ],
    });
    const full = firewallFor(pod("x", "a", "10.0.0.2"), world([p])).ingress!;
    for (const allow of startup.ingress!) expect(full).toContainEqual(allow);
  });
  it("is empty for a pod that no policy isolates for ingress", () => {
    const egressOnly = policy({ policyTypes: ["Egress"] });
    expect(startupFirewallFor(newPod, { policies: [egressOnly], namespaces: {} })).toEqual({});
    expect(startupFirewallFor({ ...newPod, namespace: "y" }, { policies: [policy({})], namespaces: {} })).toEqual({});
  });
});
