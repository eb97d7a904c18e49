// Kubernetes label selection, operator by operator (apimachinery's labels.Requirement.Matches), and the
// check of a selector's shape with Kubernetes' validation.
import { asLabelSelector, isLabelSelector, matchesSelector } from "../../core/selector";
import { checkSelector } from "../../provider/check/label-selector";
import { Failures, UNKNOWN } from "../../provider/check/failures";
import type { LabelSelectorRequirement } from "../../core/types";

const web = { app: "web", tier: "front" };
const expr = (r: LabelSelectorRequirement) => ({ matchExpressions: [r] });

describe("matchesSelector", () => {
  it.each<[string, LabelSelectorRequirement, Record<string, string>, boolean]>([
    ["In: the value is listed", { key: "app", operator: "In", values: ["api", "web"] }, web, true],
    ["In: another value", { key: "app", operator: "In", values: ["api"] }, web, false],
    ["In: the key is absent", { key: "team", operator: "In", values: ["web"] }, web, false],
    ["NotIn: the value is listed", { key: "app", operator: "NotIn", values: ["web"] }, web, false],
    ["NotIn: another value", { key: "app", operator: "NotIn", values: ["api"] }, web, true],
    ["NotIn: the key is absent, which NotIn matches", { key: "team", operator: "NotIn", values: ["a"] }, web, true],
    ["Exists: the key is there", { key: "tier", operator: "Exists" }, web, true],
    ["Exists: the key is there with an empty value", { key: "tier", operator: "Exists" }, { tier: "" }, true],
    ["Exists: the key is absent", { key: "team", operator: "Exists" }, web, false],
    ["DoesNotExist: the key is absent", { key: "team", operator: "DoesNotExist" }, web, true],
    ["DoesNotExist: the key is there", { key: "app", operator: "DoesNotExist" }, web, false],
  ])("%s", (_what, requirement, labels, expected) => {
    expect(matchesSelector(expr(requirement), labels)).toBe(expected);
  });

  it("ANDs matchLabels with every expression", () => {
    const selector = {
      matchLabels: { app: "web" },
      matchExpressions: [
        { key: "tier", operator: "In" as const, values: ["front"] },
        { key: "canary", operator: "DoesNotExist" as const },
      ],
    };
    expect(matchesSelector(selector, web)).toBe(true);
    expect(matchesSelector(selector, { ...web, canary: "yes" })).toBe(false);
    expect(matchesSelector(selector, { ...web, app: "api" })).toBe(false);
    expect(matchesSelector(selector, { app: "web", tier: "back" })).toBe(false);
  });

  it("selects everything with an empty LabelSelector, an empty map, or none", () => {
    for (const selector of [{}, { matchLabels: {} }, { matchExpressions: [] }, undefined])
      expect(matchesSelector(selector, {})).toBe(true);
  });

  it("reads a plain map as matchLabels, and a label named matchLabels as a label", () => {
    expect(matchesSelector({ app: "web" }, web)).toBe(true);
    expect(matchesSelector({ app: "api" }, web)).toBe(false);
    expect(isLabelSelector({ matchLabels: "x" })).toBe(false);
    expect(asLabelSelector({ matchLabels: "x" })).toEqual({ matchLabels: { matchLabels: "x" } });
    expect(matchesSelector({ matchLabels: "x" }, { matchLabels: "x" })).toBe(true);
    expect(isLabelSelector({ matchLabels: { app: "web" } })).toBe(true);
  });

  it("accepts a selector no label set can satisfy, and it selects nothing", () => {
    const never = {
      matchExpressions: [
        { key: "app", operator: "Exists" as const },
        { key: "app", operator: "DoesNotExist" as const },
      ],
    };
    expect(failuresOf(never)).toEqual([]);
    for (const labels of [{}, web, { app: "" }] as Array<Record<string, string>>)
      expect(matchesSelector(never, labels)).toBe(false);
  });
});

function failuresOf(value: unknown): string[] {
  const f = new Failures();
  checkSelector(value, "podSelector", f);
  return f.list.map((x) => `${x.property}: ${x.reason}`);
}

describe("checkSelector", () => {
  it("keeps both shapes as written", () => {
    const f = new Failures();
    const selector = { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "Exists" }] };
    expect(checkSelector(selector, "podSelector", f)).toEqual(selector);
    expect(checkSelector({ app: "web" }, "podSelector", f)).toEqual({ app: "web" });
    expect(checkSelector(undefined, "podSelector", f)).toEqual({});
    expect(f.list).toEqual([]);
  });

  it("lets values unknown at preview through", () => {
    expect(failuresOf(UNKNOWN)).toEqual([]);
    expect(failuresOf({ matchExpressions: UNKNOWN })).toEqual([]);
    expect(failuresOf({ matchExpressions: [{ key: "app", operator: "In", values: UNKNOWN }] })).toEqual([]);
    expect(failuresOf({ matchExpressions: [{ key: "app", operator: UNKNOWN, values: ["a"] }] })).toEqual([]);
  });

  it.each<[string, unknown, RegExp]>([
    [
      "In without values",
      { matchExpressions: [{ key: "app", operator: "In" }] },
      /^podSelector\.matchExpressions\[0\]\.values: must be non-empty when operator is In/,
    ],
    [
      "NotIn with an empty list",
      { matchExpressions: [{ key: "app", operator: "NotIn", values: [] }] },
      /^podSelector\.matchExpressions\[0\]\.values: must be non-empty when operator is NotIn/,
    ],
    [
      "Exists with values",
      { matchExpressions: [{ key: "app", operator: "Exists", values: ["web"] }] },
      /^podSelector\.matchExpressions\[0\]\.values: must be empty when operator is Exists/,
    ],
    [
      "DoesNotExist with values",
      { matchExpressions: [{ key: "app", operator: "DoesNotExist", values: ["web"] }] },
      /^podSelector\.matchExpressions\[0\]\.values: must be empty when operator is DoesNotExist/,
    ],
    [
      "an unknown operator",
      { matchExpressions: [{ key: "app", operator: "Gt", values: ["1"] }] },
      /^podSelector\.matchExpressions\[0\]\.operator: "Gt" is not an operator; use In, NotIn, Exists, DoesNotExist/,
    ],
    [
      "a lower-case operator",
      { matchExpressions: [{ key: "app", operator: "in", values: ["web"] }] },
      /^podSelector\.matchExpressions\[0\]\.operator: "in" is not an operator/,
    ],
    [
      "a bad key",
      { matchExpressions: [{ key: "a b", operator: "Exists" }] },
      /^podSelector\.matchExpressions\[0\]\.key: key "a b": the name must be 1-63 characters/,
    ],
    [
      "a missing key",
      { matchExpressions: [{ operator: "Exists" }] },
      /^podSelector\.matchExpressions\[0\]\.key: must be a label key/,
    ],
    [
      "a bad value",
      { matchExpressions: [{ key: "app", operator: "In", values: ["ok", "not ok!"] }] },
      /^podSelector\.matchExpressions\[0\]\.values\[1\]: value of "app" must be empty or 1-63 characters/,
    ],
    [
      "values that are not a list",
      { matchExpressions: [{ key: "app", operator: "In", values: "web" }] },
      /^podSelector\.matchExpressions\[0\]\.values: must be a list of label values/,
    ],
    [
      "an unknown requirement field",
      { matchExpressions: [{ key: "app", operator: "Exists", value: "web" }] },
      /^podSelector\.matchExpressions\[0\]\["value"\]: is not a field of a selector requirement/,
    ],
    [
      "matchExpressions that are not a list",
      { matchExpressions: { key: "app", operator: "Exists" } },
      /^podSelector\.matchExpressions: must be a list/,
    ],
    [
      "a bad matchLabels value",
      { matchLabels: { app: "a b" } },
      /^podSelector\.matchLabels\["app"\]: value of "app" must be empty or 1-63/,
    ],
    [
      "labels mixed into a LabelSelector",
      { matchLabels: { app: "web" }, tier: "front" },
      /^podSelector\["tier"\]: a LabelSelector takes only matchLabels and matchExpressions/,
    ],
    ["a selector that is not an object", "app=web", /^podSelector: must be a label map or a LabelSelector/],
  ])("rejects %s, naming the field", (_what, value, expected) => {
    expect(failuresOf(value)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });
});
