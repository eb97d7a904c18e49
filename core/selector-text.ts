// kubectl's label selector text (apimachinery's labels.Parse): `a=b`, `a==b`, `a!=b`, `a in (x,y)`,
// `a notin (x)`, `a`, `!a`, joined by commas (AND), read into the LabelSelector shape that
// core/selector.ts matches; and a LabelSelector written back as that text. Pure.
import type { LabelSelector, LabelSelectorRequirement } from "./types";

export const SELECTOR_EXAMPLE = "-l 'app=web,tier!=db,env in (prod,staging),!canary'";

export class SelectorSyntaxError extends Error {}

type Token = { kind: "word"; text: string } | { kind: "op"; text: string };

/** Characters that end a word: kubectl's operators, parentheses, commas and blanks. */
const SPECIAL = /[\s,()=!<>]/;
const OPERATORS = ["==", "!=", "=", "!", "(", ")", ",", "<", ">"];
/** A label name, or a value: up to 63 alphanumerics, `-`, `_`, `.`, beginning and ending alphanumeric. */
const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
/** A key's optional prefix is a DNS subdomain. */
const PREFIX = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

export function parseSelector(text: string): LabelSelector {
  const fail = (why: string): never => {
    throw new SelectorSyntaxError(
      `bad selector "${text}": ${why}; write requirements joined by commas, like ${SELECTOR_EXAMPLE}`,
    );
  };
  const tokens = tokenize(text, fail);
  const matchLabels: Record<string, string> = {};
  const matchExpressions: LabelSelectorRequirement[] = [];
  let at = 0;
  const peek = () => tokens[at];
  const isOp = (t: Token | undefined, op: string) => t?.kind === "op" && t.text === op;
  const word = (what: string): string => {
    const t = tokens[at++];
    if (t?.kind !== "word") fail(`expected ${what}${t ? ` before "${t.text}"` : " at the end"}`);
    return t!.text;
  };
  const key = (): string => {
    const k = word("a label key");
    if (!validKey(k)) fail(`"${k}" is not a label key (a name of up to 63 letters, digits, "-", "_" or ".")`);
    return k;
  };
  const value = (k: string): string => {
    const t = peek();
    if (!t || t.kind === "op") return ""; // `a=` selects the empty value, as in kubectl
    const v = word("a value");
    if (!NAME.test(v)) fail(`"${v}" is not a label value for "${k}" (up to 63 letters, digits, "-", "_" or ".")`);
    return v;
  };
  const set = (k: string, op: string): string[] => {
    if (!isOp(tokens[at++], "(")) fail(`"${k} ${op}" needs a list in parentheses, like "${k} ${op} (a,b)"`);
    const values = [value(k)];
    while (isOp(peek(), ",")) {
      at++;
      values.push(value(k));
    }
    if (!isOp(tokens[at++], ")")) fail(`the list after "${k} ${op}" is not closed with ")"`);
    if (values.some((v) => v === "")) fail(`the list after "${k} ${op}" has an empty value`);
    return values;
  };
  if (tokens.length === 0) fail("it is empty");
  for (;;) {
    if (isOp(peek(), "!")) {
      at++;
      matchExpressions.push({ key: key(), operator: "DoesNotExist" });
    } else {
      const k = key();
      const t = peek();
      if (!t || isOp(t, ",")) matchExpressions.push({ key: k, operator: "Exists" });
      else if (isOp(t, "=") || isOp(t, "==")) {
        at++;
        const v = value(k);
        // A key given twice cannot sit in matchLabels twice; as an expression it still must hold.
        if (k in matchLabels) matchExpressions.push({ key: k, operator: "In", values: [v] });
        else matchLabels[k] = v;
      } else if (isOp(t, "!=")) {
        at++;
        matchExpressions.push({ key: k, operator: "NotIn", values: [value(k)] });
      } else if (t.kind === "word" && (t.text === "in" || t.text === "notin")) {
        at++;
        matchExpressions.push({ key: k, operator: t.text === "in" ? "In" : "NotIn", values: set(k, t.text) });
      } else if (isOp(t, "<") || isOp(t, ">"))
        fail(`"${t.text}" (Gt, Lt) is not supported by a LabelSelector; use "${k} in (...)"`);
      else fail(`after "${k}" comes =, !=, in or notin, not "${t.text}"`);
    }
    if (at === tokens.length) break;
    if (!isOp(tokens[at++], ",")) fail(`requirements are joined by ",", not "${tokens[at - 1].text}"`);
    if (at === tokens.length) fail("it ends with a comma");
  }
  return {
    ...(Object.keys(matchLabels).length ? { matchLabels } : {}),
    ...(matchExpressions.length ? { matchExpressions } : {}),
  };
}

function tokenize(text: string, fail: (why: string) => never): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i])) {
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      tokens.push({ kind: "op", text: op });
      i += op.length;
      continue;
    }
    let j = i;
    while (j < text.length && !SPECIAL.test(text[j])) j++;
    if (j === i) fail(`unexpected "${text[i]}"`);
    tokens.push({ kind: "word", text: text.slice(i, j) });
    i = j;
  }
  return tokens;
}

function validKey(key: string): boolean {
  const slash = key.indexOf("/");
  if (slash < 0) return NAME.test(key);
  return PREFIX.test(key.slice(0, slash)) && NAME.test(key.slice(slash + 1));
}

/** kubectl's SELECTOR column (metav1.FormatLabelSelector): requirements sorted by key; "<none>" when empty. */
export function formatSelector(selector: LabelSelector): string {
  const parts: Array<[string, string]> = [
    ...Object.entries(selector.matchLabels ?? {}).map(([k, v]): [string, string] => [k, `${k}=${v}`]),
    ...(selector.matchExpressions ?? []).map((r): [string, string] => [r.key, requirementText(r)]),
  ];
  if (parts.length === 0) return "<none>";
  return parts
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, text]) => text)
    .join(",");
}

function requirementText({ key, operator, values = [] }: LabelSelectorRequirement): string {
  switch (operator) {
    case "In":
      return `${key} in (${[...values].sort().join(",")})`;
    case "NotIn":
      return `${key} notin (${[...values].sort().join(",")})`;
    case "Exists":
      return key;
    case "DoesNotExist":
      return `!${key}`;
  }
}
