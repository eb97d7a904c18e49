// Which policies could select a Deployment's pods: as their own podSelector, or as a peer of a rule.
import { policiesSelecting } from "../../core/policy-reach";
import type { PolicyView } from "../../core/policy";

const policy = (name: string, over: Partial<PolicyView>): PolicyView => ({
  namespace: "shop",
  name,
  podSelector: { app: "other" },
  policyTypes: ["Ingress"],
  ingress: [],
  egress: [],
  ...over,
});
const web = { namespace: "shop", labels: { app: "web", tier: "front" } };

describe("policiesSelecting", () => {
  it("names a policy whose podSelector selects the pods in their namespace", () => {
    expect(policiesSelecting(web, [policy("a", { podSelector: { app: "web" } })], {})).toEqual(["shop/a"]);
  });

  it("ignores a podSelector of another namespace's policy", () => {
    expect(policiesSelecting(web, [policy("a", { namespace: "other", podSelector: {} })], {})).toEqual([]);
  });

  it("names a policy that has the pods as an ingress or egress peer", () => {
    const from = policy("from", { ingress: [{ from: [{ podSelector: { tier: "front" } }] }] });
    const to = policy("to", {
      egress: [{ to: [{ podSelector: { matchExpressions: [{ key: "app", operator: "In", values: ["web"] }] } }] }],
    });
    expect(policiesSelecting(web, [from, to], {})).toEqual(["shop/from", "shop/to"]);
  });

  it("follows namespaceSelector for peers in other namespaces", () => {
    const elsewhere = policy("x", {
      namespace: "ops",
      ingress: [{ from: [{ namespaceSelector: { "kubernetes.io/metadata.name": "shop" } }] }],
    });
    const notShop = policy("y", { namespace: "ops", ingress: [{ from: [{ namespaceSelector: { team: "a" } }] }] });
    expect(policiesSelecting(web, [elsewhere, notShop], { shop: { team: "b" } })).toEqual(["ops/x"]);
  });

  it("ignores ipBlock peers and rules open to everyone", () => {
    const open = policy("open", { ingress: [{}, { from: [{ ipBlock: { cidr: "10.0.0.0/8" } }] }] });
    expect(policiesSelecting(web, [open], {})).toEqual([]);
  });
});
