// `check` for Namespace.
import type { NamespaceSpec } from "../../core/types";
import { NAMESPACE_NAME_LABEL } from "../../core/policy";
import { checkLabelName, checkStringMap } from "../check/common";
import { CheckFailure, Failures, isUnknown } from "../check/failures";

export function checkNamespace(news: Record<string, unknown>): { inputs: NamespaceSpec; failures: CheckFailure[] } {
  const f = new Failures();
  checkLabelName(news.name, "name", f);
  const labels = checkStringMap(news.labels, "labels", f, "labels");
  if (!isUnknown(labels) && labels[NAMESPACE_NAME_LABEL] !== undefined && labels[NAMESPACE_NAME_LABEL] !== news.name) {
    f.add(`labels["${NAMESPACE_NAME_LABEL}"]`, "is set by Podling to the namespace name");
  }
  return {
    inputs: { name: news.name as string, labels: { ...labels, [NAMESPACE_NAME_LABEL]: news.name as string } },
    failures: f.list,
  };
}
