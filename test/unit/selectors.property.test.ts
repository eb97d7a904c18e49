// Properties of label selection and of how a policy's peer selectors pick pods (Kubernetes semantics:
// matchLabels matches labels that include all of it, every matchExpressions requirement must hold too, a
// plain map is matchLabels; podSelector and namespaceSelector in one peer AND).
import * as fc from "fast-check";
import { firewallFor, NAMESPACE_NAME_LABEL, namespaceLabels, PodView, PolicyWorld } from "../../core/policy";
import { matchesSelector } from "../../core/selector";
import type { LabelMap, LabelSelector, LabelSelectorRequirement, Selector } from "../../core/types";
import { RUNS } from "../support/arbitraries";

// Few keys and values, so that selectors and labels often share keys and sometimes agree.
const labels: fc.Arbitrary<LabelMap> = fc.dictionary(
  fc.constantFrom("app", "tier", "team"),
  fc.constantFrom("a", "b", "c"),
  { maxKeys: 3 },
);
const NAMESPACES = ["x", "y", "z"];
const KEYS = ["app", "tier", "team", NAMESPACE_NAME_LABEL];
const VALUES = ["a", "b", "c", ...NAMESPACES];

const requirement: fc.Arbitrary<LabelSelectorRequirement> = fc.oneof(
  fc.record({
    key: fc.constantFrom(...KEYS),
    operator: fc.constantFrom("In" as const, "NotIn" as const),
    values: fc.uniqueArray(fc.constantFrom(...VALUES), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ key: fc.constantFrom(...KEYS), operator: fc.constantFrom("Exists" as const, "DoesNotExist" as const) }),
);
const labelSelector: fc.Arbitrary<LabelSelector> = fc.record(
  { matchLabels: labels, matchExpressions: fc.array(requirement, { maxLength: 3 }) },
  { requiredKeys: [] },
);
/** Either shape a NetworkPolicy takes. */
const selector: fc.Arbitrary<Selector> = fc.oneof(labels, labelSelector);

describe("matchesSelector, plain maps", () => {
  it("selects everything with an empty or absent selector", () => {
    fc.assert(
      fc.property(labels, (l) => matchesSelector({}, l) && matchesSelector(undefined, l)),
      RUNS,
    );
  });
  it("selects labels by any part of them, with more labels added", () => {
    const labelsAndPart = labels.chain((l) => fc.tuple(fc.constant(l), fc.subarray(Object.keys(l))));
    fc.assert(
      fc.property(labelsAndPart, labels, ([l, keys], extra) => {
        const part = Object.fromEntries(keys.map((k) => [k, l[k]]));
        return matchesSelector(part, l) && matchesSelector(l, { ...extra, ...l });
      }),
      RUNS,
    );
  });
  it("rejects labels that lack a selected key or carry another value for it", () => {
    fc.assert(
      fc.property(labels, fc.constantFrom("app", "tier", "team"), (l, key) => {
        const { [key]: _dropped, ...without } = l;
        return !matchesSelector({ [key]: "a" }, without) && !matchesSelector({ ...l, [key]: "other" }, l);
      }),
      RUNS,
    );
  });
  it("selects with the union of two agreeing selectors exactly when both select", () => {
    fc.assert(
      fc.property(labels, labels, labels, (s1, s2, l) => {
        fc.pre(Object.keys(s1).every((k) => !(k in s2) || s1[k] === s2[k]));
        return matchesSelector({ ...s1, ...s2 }, l) === (matchesSelector(s1, l) && matchesSelector(s2, l));
      }),
      RUNS,
    );
  });
});

describe("matchesSelector, LabelSelectors", () => {
  it("reads a plain map exactly as the LabelSelector with it as matchLabels", () => {
    fc.assert(
      fc.property(labels, labels, (map, l) => matchesSelector(map, l) === matchesSelector({ matchLabels: map }, l)),
      RUNS,
    );
  });
  it("holds exactly when matchLabels and every requirement hold, each on its own", () => {
    fc.assert(
      fc.property(labelSelector, labels, ({ matchLabels, matchExpressions = [] }, l) => {
        const parts: LabelSelector[] = [{ matchLabels }, ...matchExpressions.map((r) => ({ matchExpressions: [r] }))];
        return (
          matchesSelector({ matchLabels, matchExpressions }, l) === parts.every((part) => matchesSelector(part, l))
        );
      }),
      RUNS,
    );
  });
  it("matches NotIn exactly where In fails, and DoesNotExist exactly where Exists fails", () => {
    const opposite = { In: "NotIn", NotIn: "In", Exists: "DoesNotExist", DoesNotExist: "Exists" } as const;
    fc.assert(
      fc.property(requirement, labels, (r, l) => {
        const negated = { ...r, operator: opposite[r.operator] };
        return matchesSelector({ matchExpressions: [r] }, l) === !matchesSelector({ matchExpressions: [negated] }, l);
      }),
      RUNS,
    );
  });
  it("matches In exactly when one of its values would match as a label, and Exists exactly when the key is there", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KEYS),
        fc.uniqueArray(fc.constantFrom(...VALUES), { minLength: 1 }),
        labels,
        (key, values, l) => {
          const anyOf = (vs: string[]) => vs.some((v) => matchesSelector({ [key]: v }, l));
          return (
            matchesSelector({ matchExpressions: [{ key, operator: "In", values }] }, l) === anyOf(values) &&
            matchesSelector({ matchExpressions: [{ key, operator: "Exists" }] }, l) === key in l
          );
        },
      ),
      RUNS,
    );
  });
});

describe("peer selection", () => {
  const world = fc.record({
    pods: fc.array(fc.tuple(fc.constantFrom(...NAMESPACES), labels), { maxLength: 8 }),
    namespaces: fc.tuple(labels, labels, labels),
    podSelector: fc.option(selector, { nil: undefined }),
    namespaceSelector: fc.option(
      fc.oneof(
        selector,
        fc.constantFrom(...NAMESPACES).map((ns): LabelMap => ({ [NAMESPACE_NAME_LABEL]: ns })),
        fc.uniqueArray(fc.constantFrom(...NAMESPACES), { minLength: 1 }).map((values): Selector => ({
          matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: "NotIn", values }],
        })),
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
            ? matchesSelector(namespaceSelector, namespaceLabels(w, p.namespace))
            : p.namespace === "x";
          return inNamespace && matchesSelector(podSelector, p.labels);
        });
        expect(firewallFor(target, w).ingress?.map((a) => a.peer?.cidr)).toEqual(admitted.map((p) => `${p.ip}/32`));
        // A policy never isolates pods of another namespace.
        for (const other of views.filter((p) => p.namespace !== "x")) expect(firewallFor(other, w)).toEqual({});
      }),
      RUNS,
    );
  });
});
