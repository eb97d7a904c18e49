// NetworkPolicy and Namespace hold declarations only: Docker sees them through the PodFirewall of each
// pod, which the SDK computes from them. check validates; everything else keeps the state.
import { diffByTable, FieldRule } from "../diff/field-table";
import { NETWORK_POLICY_INPUTS, NETWORK_POLICY_RULES } from "../diff/tables";
import { checkNamespace, checkNetworkPolicy } from "./check";
import { pick, ResourceHandlers } from "../handler";

function declaration(check: ResourceHandlers["check"], inputs: readonly string[], rules: FieldRule[], idOf: (spec: Record<string, unknown>) => string): ResourceHandlers {
  return {
    check,
    async diff(_id, olds, news) {
      const result = diffByTable(olds, news, inputs, rules);
      return { changes: result.changes, replaces: result.replaces };
    },
    async create(news) {
      const spec = pick(news, inputs);
      return { id: idOf(spec), outs: spec };
    },
    async read(id, props) {
      return { id, props };
    },
    async update(_id, _olds, news) {
      return { outs: pick(news, inputs) };
    },
    async delete() {},
  };
}

export const networkPolicyHandlers = declaration(
  async (_olds, news) => checkNetworkPolicy(news),
  NETWORK_POLICY_INPUTS,
  NETWORK_POLICY_RULES,
  (s) => `${s.network}/${s.namespace}/${s.name}`,
);

export const namespaceHandlers = declaration(
  async (_olds, news) => checkNamespace(news),
  ["name", "labels"],
  [{ field: "labels", action: "update", why: "namespace labels only feed policy selection" }],
  (s) => String(s.name),
);
