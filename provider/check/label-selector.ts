// `check` for a Kubernetes LabelSelector, or a plain label map as its matchLabels shorthand, with
// Kubernetes' validation (ValidateLabelSelector): label keys and values, In and NotIn with values,
// Exists and DoesNotExist without. The selector is kept as written.
import type { LabelSelectorRequirement, Selector, SelectorOperator } from "../../core/types";
import { isLabelSelector } from "../../core/selector";
import { checkStringMap, compact, isRecord } from "./common";
import { entryPath, Failures, isUnknown } from "./failures";
import { labelKey, labelValue } from "./names";

const OPERATORS: SelectorOperator[] = ["In", "NotIn", "Exists", "DoesNotExist"];
const REQUIREMENT_FIELDS = ["key", "operator", "values"];

export function checkSelector(value: unknown, at: string, f: Failures): Selector {
  if (value === undefined || value === null) return {};
  if (isUnknown(value)) return value as never;
  if (!isRecord(value)) {
    f.add(at, "must be a label map or a LabelSelector ({ matchLabels, matchExpressions })");
    return {};
  }
  if (!isLabelSelector(value)) return checkStringMap(value, at, f, "labels");
  for (const key of Object.keys(value).filter((k) => k !== "matchLabels" && k !== "matchExpressions"))
    f.add(
      entryPath(at, key),
      "a LabelSelector takes only matchLabels and matchExpressions; give labels either as a plain map or under matchLabels",
    );
  const matchLabels =
    value.matchLabels === undefined ? undefined : checkStringMap(value.matchLabels, `${at}.matchLabels`, f, "labels");
  return compact({
    matchLabels,
    matchExpressions: checkExpressions(value.matchExpressions, `${at}.matchExpressions`, f),
  });
}

function checkExpressions(value: unknown, at: string, f: Failures): LabelSelectorRequirement[] | undefined {
  if (value === undefined || isUnknown(value)) return value as undefined;
  if (!Array.isArray(value)) {
    f.add(at, "must be a list of {key, operator, values}");
    return undefined;
  }
  value.forEach((raw, i) => checkRequirement(raw, `${at}[${i}]`, f));
  return value as LabelSelectorRequirement[];
}

function checkRequirement(raw: unknown, at: string, f: Failures): void {
  if (isUnknown(raw)) return;
  if (!isRecord(raw)) return f.add(at, "must be an object with key, operator and values");
  for (const field of Object.keys(raw).filter((k) => !REQUIREMENT_FIELDS.includes(k)))
    f.add(entryPath(at, field), "is not a field of a selector requirement (key, operator, values)");
  const { key, operator, values } = raw;
  if (!isUnknown(key)) {
    const problem = typeof key === "string" ? labelKey(key) : "must be a label key";
    if (problem) f.add(`${at}.key`, problem);
  }
  if (isUnknown(operator)) return;
  if (!OPERATORS.includes(operator as SelectorOperator)) {
    f.add(`${at}.operator`, `${JSON.stringify(operator)} is not an operator; use ${OPERATORS.join(", ")}`);
    return;
  }
  if (isUnknown(values)) return;
  const list = values === undefined || values === null ? [] : values;
  if (!Array.isArray(list)) return f.add(`${at}.values`, "must be a list of label values");
  if (operator === "In" || operator === "NotIn") {
    if (list.length === 0) f.add(`${at}.values`, `must be non-empty when operator is ${operator}, as in Kubernetes`);
    list.forEach((v, j) => {
      const problem = isUnknown(v) ? undefined : labelValue(typeof key === "string" ? key : "key", v);
      if (problem) f.add(`${at}.values[${j}]`, problem);
    });
  } else if (list.length > 0) {
    f.add(`${at}.values`, `must be empty when operator is ${operator}, as in Kubernetes`);
  }
}
