// kubectl's -l syntax read into a LabelSelector (and written back for the SELECTOR column): each form of
// requirement, commas as AND, what the matcher then selects, and errors that say what to type.
import { formatSelector, parseSelector, SelectorSyntaxError } from "../../core/selector-text";
import { matchesSelector } from "../../core/selector";
import type { LabelSelector } from "../../core/types";

describe("parseSelector", () => {
  it.each<[string, LabelSelector]>([
    ["app=web", { matchLabels: { app: "web" } }],
    ["app==web", { matchLabels: { app: "web" } }],
    ["app = web", { matchLabels: { app: "web" } }],
    ["app=", { matchLabels: { app: "" } }],
    ["app!=web", { matchExpressions: [{ key: "app", operator: "NotIn", values: ["web"] }] }],
    ["env in (prod,staging)", { matchExpressions: [{ key: "env", operator: "In", values: ["prod", "staging"] }] }],
    ["env in(prod, staging )", { matchExpressions: [{ key: "env", operator: "In", values: ["prod", "staging"] }] }],
    ["env notin (dev)", { matchExpressions: [{ key: "env", operator: "NotIn", values: ["dev"] }] }],
    ["canary", { matchExpressions: [{ key: "canary", operator: "Exists" }] }],
    ["!canary", { matchExpressions: [{ key: "canary", operator: "DoesNotExist" }] }],
    ["example.com/team=a_b.c-d", { matchLabels: { "example.com/team": "a_b.c-d" } }],
    ["in=notin", { matchLabels: { in: "notin" } }],
    [
      "app=web,tier!=db,env in (prod,staging),!canary",
      {
        matchLabels: { app: "web" },
        matchExpressions: [
          { key: "tier", operator: "NotIn", values: ["db"] },
          { key: "env", operator: "In", values: ["prod", "staging"] },
          { key: "canary", operator: "DoesNotExist" },
        ],
      },
    ],
    ["app=a,app=b", { matchLabels: { app: "a" }, matchExpressions: [{ key: "app", operator: "In", values: ["b"] }] }],
  ])("%s", (text, expected) => {
    expect(parseSelector(text)).toEqual(expected);
  });

  it("selects with the project's matcher: commas are AND, != and notin match an absent key", () => {
    const pods = {
      a: { app: "web", env: "prod" },
      b: { app: "web", env: "dev", canary: "true" },
      c: { app: "db" },
    };
    const selected = (text: string) =>
      Object.entries(pods)
        .filter(([, labels]) => matchesSelector(parseSelector(text), labels))
        .map(([name]) => name);
    expect(selected("app=web,!canary")).toEqual(["a"]);
    expect(selected("env notin (prod)")).toEqual(["b", "c"]);
    expect(selected("env!=dev")).toEqual(["a", "c"]);
    expect(selected("env")).toEqual(["a", "b"]);
    expect(selected("app in (db,cache)")).toEqual(["c"]);
    expect(selected("app=a,app=b")).toEqual([]);
  });

  it.each<[string, string]>([
    ["", "it is empty"],
    ["app=web,", "it ends with a comma"],
    ["app web", 'after "app" comes =, !=, in or notin, not "web"'],
    ["app=web tier=db", 'requirements are joined by ",", not "tier"'],
    ["env in prod", '"env in" needs a list in parentheses, like "env in (a,b)"'],
    ["env in (prod", 'the list after "env in" is not closed with ")"'],
    ["env in ()", 'the list after "env in" has an empty value'],
    ["replicas>2", '">" (Gt, Lt) is not supported by a LabelSelector; use "replicas in (...)"'],
    ["-app=web", '"-app" is not a label key'],
    ["app=-web", '"-web" is not a label value for "app"'],
    ["=web", 'expected a label key before "="'],
    ["!", "expected a label key at the end"],
  ])("refuses %j: %s", (text, why) => {
    const attempt = () => parseSelector(text);
    expect(attempt).toThrow(SelectorSyntaxError);
    expect(attempt).toThrow(why);
    expect(attempt).toThrow("like -l 'app=web,tier!=db,env in (prod,staging),!canary'");
  });
});

describe("formatSelector", () => {
  it("writes kubectl's SELECTOR text, sorted by key, that parses back to the same selection", () => {
    const selector: LabelSelector = {
      matchLabels: { tier: "front", app: "web" },
      matchExpressions: [
        { key: "env", operator: "In", values: ["staging", "prod"] },
        { key: "canary", operator: "DoesNotExist" },
      ],
    };
    const text = formatSelector(selector);
    expect(text).toBe("app=web,!canary,env in (prod,staging),tier=front");
    const labels = { app: "web", tier: "front", env: "prod" };
    expect(matchesSelector(parseSelector(text), labels)).toBe(true);
    expect(matchesSelector(parseSelector(text), { ...labels, canary: "yes" })).toBe(false);
  });

  it("writes <none> for an empty selector", () => {
    expect(formatSelector({})).toBe("<none>");
  });
});
