// `podling get networkpolicies` from a node agent's state alone: the NetPol entries and their reports,
// kubectl's POD-SELECTOR and AGE, the warning for a revision not in force, the networking.k8s.io/v1 object,
// and what is said of a cluster network, whose agents hold no policy.
import type { AgentStatus, DesiredEntry, NetPolEntry } from "../../provider/agent/contract";
import type { AgentState } from "../../provider/cli/read/agent-state";
import { onCluster, policiesOf } from "../../provider/cli/read/network-policies";
import type { NetworkPolicyView } from "../../provider/cli/read/model";
import { clusterPoliciesMessage } from "../../provider/cli/messages";
import { networkPolicyRow, networkPolicyWarning } from "../../provider/cli/view/network-policy-rows";
import { networkPolicyObject } from "../../provider/cli/view/objects";

const NOW = Date.parse("2026-12-03T12:00:00Z");

const netpol = (over: Partial<NetPolEntry> = {}): NetPolEntry => ({
  version: 1,
  kind: "netpol",
  namespace: "shop",
  name: "api-from-web",
  podSelector: { app: "api" },
  policyTypes: ["Ingress"],
  ingress: [
    { from: [{ namespaceSelector: {}, podSelector: { app: "web" } }], ports: [{ port: 9090, protocol: "TCP" }] },
  ],
  egress: [],
  namespaces: {},
  revision: "r2",
  created: "2026-12-03T11:00:00Z",
  ...over,
});

const state = (desired: Record<string, DesiredEntry>, reports: Record<string, AgentStatus> = {}): AgentState => ({
  desired: new Map(Object.entries(desired)),
  reports: new Map(Object.entries(reports)),
});

const view = (over: Partial<NetworkPolicyView> = {}): NetworkPolicyView => {
  const { version: _v, kind: _k, namespaces: _n, ...entry } = netpol();
  return { network: "net", ...entry, ...over };
};

describe("policiesOf", () => {
  it("lists the NetPol entries by namespace and name, leaving other entries and tombstones out", () => {
    const agent = state({
      "netpol.net_shop_b": netpol({ name: "b" }),
      "netpol.net_default_z": netpol({ namespace: "default", name: "z", created: undefined }),
      "netpol.net_shop_a": netpol({ name: "a" }),
      "netpol.net_shop_gone": { version: 1, deleted: true },
      "system.svc.net_default_web": {
        version: 1,
        kind: "system",
        namespace: "default",
        name: "web",
        container: "svc.net_default_web",
        restore: [],
        syncedStart: "",
      },
    });
    const policies = policiesOf("net", agent);
    expect(policies.map((p) => `${p.namespace}/${p.name}`)).toEqual(["default/z", "shop/a", "shop/b"]);
    expect(policies[1]).toEqual({
      network: "net",
      namespace: "shop",
      name: "a",
      podSelector: { app: "api" },
      policyTypes: ["Ingress"],
      ingress: netpol().ingress,
      egress: [],
      revision: "r2",
      created: "2026-12-03T11:00:00Z",
    });
    expect(policies[0]).not.toHaveProperty("created");
  });

  it("carries the agent's error only when it is about the entry's current revision", () => {
    const failedNow: AgentStatus = {
      version: 1,
      handledStart: "every pod",
      handledRevision: "r1",
      error: "firewalls not loaded: pod shop/api: iptables-restore: exit status 1",
      failedRevision: "r2",
      at: "2026-12-03T11:59:00Z",
    };
    const failedBefore: AgentStatus = { ...failedNow, failedRevision: "r1" };
    const inForce: AgentStatus = { version: 1, handledStart: "every pod", handledRevision: "r2", at: "" };
    const agent = state(
      {
        "netpol.net_shop_a": netpol({ name: "a" }),
        "netpol.net_shop_b": netpol({ name: "b" }),
        "netpol.net_shop_c": netpol({ name: "c" }),
        "netpol.net_shop_d": netpol({ name: "d" }),
      },
      { "netpol.net_shop_a": failedNow, "netpol.net_shop_b": failedBefore, "netpol.net_shop_c": inForce },
    );
    expect(policiesOf("net", agent).map((p) => [p.name, p.error])).toEqual([
      ["a", failedNow.error],
      ["b", undefined],
      ["c", undefined],
      ["d", undefined],
    ]);
  });
});

describe("onCluster", () => {
  it("is true for a node agent of a cluster network (it holds a cluster entry), false for one engine's", () => {
    const cluster: DesiredEntry = { version: 1, kind: "cluster", network: "lab", node: "n1", nodes: [] };
    expect(onCluster(state({ "cluster.lab": cluster }))).toBe(true);
    expect(onCluster(state({ "netpol.net_shop_a": netpol() }))).toBe(false);
    expect(onCluster(state({}))).toBe(false);
  });
});

describe("networkPolicyRow", () => {
  it("NAME, POD-SELECTOR as kubectl writes it, and AGE from the policy's creation", () => {
    expect(networkPolicyRow(view(), NOW)).toEqual(["api-from-web", "app=api", "60m"]);
  });

  it("writes <none> for a selector of every pod, in either shape", () => {
    expect(networkPolicyRow(view({ podSelector: {} }), NOW)[1]).toBe("<none>");
    expect(networkPolicyRow(view({ podSelector: { matchLabels: {}, matchExpressions: [] } }), NOW)[1]).toBe("<none>");
  });

  it("writes matchExpressions as kubectl's requirements, sorted by key, values sorted", () => {
    const podSelector = {
      matchLabels: { tier: "db" },
      matchExpressions: [
        { key: "env", operator: "In" as const, values: ["staging", "prod"] },
        { key: "canary", operator: "DoesNotExist" as const },
        { key: "zone", operator: "NotIn" as const, values: ["b"] },
        { key: "app", operator: "Exists" as const },
      ],
    };
    expect(networkPolicyRow(view({ podSelector }), NOW)[1]).toBe(
      "app,!canary,env in (prod,staging),tier=db,zone notin (b)",
    );
  });

  it("shows <unknown> AGE for an entry written before the provider recorded the creation time", () => {
    expect(networkPolicyRow(view({ created: undefined }), NOW)[2]).toBe("<unknown>");
  });
});

describe("networkPolicyWarning", () => {
  it("names the policy, its network and the agent's error; none without an error", () => {
    expect(networkPolicyWarning(view({ error: "firewalls not loaded: pod shop/api: gone" }))).toBe(
      'Warning: NetworkPolicy shop/api-from-web on network "net" is not in force in every pod: ' +
        "firewalls not loaded: pod shop/api: gone",
    );
    expect(networkPolicyWarning(view())).toBeUndefined();
  });
});

describe("networkPolicyObject", () => {
  it("is a networking.k8s.io/v1 NetworkPolicy whose selectors are all LabelSelectors", () => {
    expect(networkPolicyObject(view())).toEqual({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: {
        name: "api-from-web",
        namespace: "shop",
        creationTimestamp: "2026-12-03T11:00:00Z",
        annotations: { "podling.io/network": "net", "podling.io/revision": "r2" },
      },
      spec: {
        podSelector: { matchLabels: { app: "api" } },
        policyTypes: ["Ingress"],
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { app: "web" } }, namespaceSelector: {} }],
            ports: [{ port: 9090, protocol: "TCP" }],
          },
        ],
      },
    });
  });

  it("leaves out empty lists, as the API server does, and keeps ipBlock and expressions as they are", () => {
    const egress = [
      { to: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } }], ports: [] },
      { to: [{ podSelector: { matchExpressions: [{ key: "app", operator: "Exists" as const }] } }] },
    ];
    const object = networkPolicyObject(
      view({ podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [], egress, created: undefined }),
    );
    expect(object.metadata).not.toHaveProperty("creationTimestamp");
    expect(object.spec).toEqual({
      podSelector: {},
      policyTypes: ["Ingress", "Egress"],
      egress: [
        { to: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } }] },
        { to: [{ podSelector: { matchExpressions: [{ key: "app", operator: "Exists" }] } }] },
      ],
    });
  });
});

describe("clusterPoliciesMessage", () => {
  it("says where a cluster network's policies are, and what to type instead", () => {
    expect(clusterPoliciesMessage(["lab"])).toBe(
      `network "lab" spans a cluster, where each pod's PodFirewall enforces the NetworkPolicies and no node agent ` +
        "holds them: they are only in the Pulumi state (pulumi stack lists them; podling describe pod NAME -n NS " +
        "shows which policies a pod's firewall carries out)",
    );
    expect(clusterPoliciesMessage(["a", "b"])).toMatch(/^networks "a", "b" span a cluster, /);
  });
});
