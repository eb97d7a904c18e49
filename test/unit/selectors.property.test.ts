// Properties of label selection and of how a policy's peer selectors pick pods (Kubernetes semantics:
// a selector matches labels that include all of it; podSelector and namespaceSelector in one peer AND).
import * as fc from "fast-check";
import { firewallFor, NAMESPACE_NAME_LABEL, namespaceLabels, PodView, PolicyWorld, selects } from "../../core/policy";
import type { LabelMap } from "../../core/types";
import { RUNS } from "../support/arbitraries";

// Few keys and values, so that selectors and labels often share keys and sometimes agree.
const labels: fc.Arbitrary<LabelMap> = fc.dictionary(
  fc.constantFrom("app", "tier", "team"),
  fc.constantFrom("a", "b", "c"),
  { maxKeys: 3 },
);
const NAMESPACES = ["x", "y", "z"];

describe("selects", () => {
  it("selects everything with an empty or absent selector", () => {
    fc.assert(
      fc.property(labels, (l) => selects({}, l) && selects(undefined, l)),
      RUNS,
    );
  });
  it("selects labels by any part of them, with more labels added", () => {
    const labelsAndPart = labels.chain((l) => fc.tuple(fc.constant(l), fc.subarray(Object.keys(l))));
    fc.assert(
      fc.property(labelsAndPart, labels, ([l, keys], extra) => {
        const part = Object.fromEntries(keys.map((k) => [k, l[k]]));
        return selects(part, l) && selects(l, { ...extra, ...l });
      }),
      RUNS,
    );
  });
  it("rejects labels that lack a selected key or carry another value for it", () => {
    fc.assert(
      fc.property(labels, fc.constantFrom("app", "tier", "team"), (l, key) => {
        const { [key]: _dropped, ...without } = l;
        return !selects({ [key]: "a" }, without) && !selects({ ...l, [key]: "other" }, l);
      }),
      RUNS,
    );
  });
  it("selects with the union of two agreeing selectors exactly when both select", () => {
    fc.assert(
      fc.property(labels, labels, labels, (s1, s2, l) => {
        fc.pre(Object.keys(s1).every((k) => !(k in s2) || s1[k] === s2[k]));
        return selects({ ...s1, ...s2 }, l) === (selects(s1, l) && selects(s2, l));
      }),
      RUNS,
    );
  });
});

describe("peer selection", () => {
  const world = fc.record({
    pods: fc.array(fc.tuple(fc.constantFrom(...NAMESPACES), labels), { maxLength: 8 }),
    namespaces: fc.tuple(labels, labels, labels),
    podSelector: fc.option(labels, { nil: undefined }),
    namespaceSelector: fc.option(
      fc.oneof(
        labels,
        fc.constantFrom(...NAMESPACES).map((ns): LabelMap => ({ [NAMESPACE_NAME_LABEL]: ns })),
      ),
      { nil: undefined },
    ),
  });

  it("admits exactly the pods (itself included) both selectors pick, in the policy's namespace without a namespaceSelector", () => {
    fc.assert(
      fc.property(world, ({ pods, namespaces, podSelector, namespaceSelector }) => {
        const views: PodView[] = pods.map(([namespace, l], i) => ({
          namespace,
          name: `p${i}`,
          ip: `10.0.0.${i + 2}`,
          labels: l,
          ports: [],
        }));
        const target: PodView = { namespace: "x", name: "target", ip: "10.0.1.1", labels: {}, ports: [] };
        const w: PolicyWorld = {
          pods: [...views, target],
          namespaces: Object.fromEntries(NAMESPACES.map((ns, i) => [ns, namespaces[i]])),
          policies: [
            {
              namespace: "x",
              name: "p",
              podSelector: {},
              policyTypes: ["Ingress"],
              ingress: [{ from: [{ podSelector, namespaceSelector }] }],
              egress: [],
            },
          ],
        };
        const admitted = w.pods.filter((p) => {
          const inNamespace = namespaceSelector
            ? selects(namespaceSelector, namespaceLabels(w, p.namespace))
            : p.namespace === "x";
          return inNamespace && selects(podSelector, p.labels);
        });
        expect(firewallFor(target, w).ingress?.map((a) => a.peer?.cidr)).toEqual(admitted.map((p) => `${p.ip}/32`));
        // A policy never isolates pods of another namespace.
        for (const other of views.filter((p) => p.namespace !== "x")) expect(firewallFor(other, w)).toEqual({});
      }),
      RUNS,
    );
  });
});
