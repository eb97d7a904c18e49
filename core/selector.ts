// Kubernetes label selection (apimachinery's labels.Requirement.Matches), for both selector shapes a
// NetworkPolicy takes: a LabelSelector, or a plain label map as shorthand for its matchLabels. Pure.
import type { LabelMap, LabelSelector, LabelSelectorRequirement, Selector } from "./types";

const SELECTOR_FIELDS = ["matchLabels", "matchExpressions"];

/**
 * Whether a selector is written as a LabelSelector. A label map holds only strings, so a matchLabels or
 * matchExpressions key with any other value marks the LabelSelector shape; a label literally named
 * "matchLabels" stays a label.
 */
export function isLabelSelector(selector: object): selector is LabelSelector {
  return SELECTOR_FIELDS.some((k) => k in selector && typeof (selector as Record<string, unknown>)[k] !== "string");
}

/** The selector as a LabelSelector: a plain map becomes its matchLabels. */
export function asLabelSelector(selector: Selector): LabelSelector {
  return isLabelSelector(selector) ? selector : { matchLabels: selector as LabelMap };
}

/** A plain label map (a Service's selector, a matchLabels): every entry must be among the labels. */
export function matchesLabels(required: LabelMap, labels: LabelMap): boolean {
  return Object.entries(required).every(([k, v]) => labels[k] === v);
}

/** Absent or `{}` selects everything, as an empty LabelSelector does in Kubernetes. */
export function matchesSelector(selector: Selector | undefined, labels: LabelMap): boolean {
  const { matchLabels = {}, matchExpressions = [] } = asLabelSelector(selector ?? {});
  return matchesLabels(matchLabels, labels) && matchExpressions.every((r) => requirementHolds(r, labels));
}

function requirementHolds({ key, operator, values = [] }: LabelSelectorRequirement, labels: LabelMap): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, key);
  switch (operator) {
    case "In":
      return has && values.includes(labels[key]);
    case "NotIn":
      return !has || !values.includes(labels[key]);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
  }
}
