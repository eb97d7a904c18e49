// Namespace holds labels only, for the namespaceSelectors of network policies.
import { declarationHandlers } from "../handler";
import { checkNamespace } from "./check";

export const NAMESPACE_INPUTS = ["name", "labels"] as const;

export const namespaceHandlers = declarationHandlers(
  async (_olds, news) => checkNamespace(news),
  NAMESPACE_INPUTS,
  [{ field: "labels", action: "update", why: "namespace labels only feed policy selection" }],
  (s) => String(s.name),
);
