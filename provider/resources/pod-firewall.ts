// PodFirewall: the network-policy rules of one pod, which the SDK computes from every NetworkPolicy, pod
// and namespace of the network. Updating it re-renders the rules in place; the pod keeps running.
import type { FirewallRules } from "../../sdk/types/output";
import { diffByTable } from "../diff/field-table";
import { POD_FIREWALL_INPUTS, POD_FIREWALL_RULES } from "../diff/tables";
import { inspectContainer } from "../docker/containers";
import { messageOf } from "../docker/errors";
import { LABEL } from "../labels";
import { renderFirewall } from "../rules/policy-rules";
import { applyFirewallRules } from "../runtime/pod-firewall";
import { pick, ResourceHandlers } from "./handler";

interface PodFirewallSpec {
  network: string;
  namespace: string;
  pod: string;
  sandboxId: string;
  rules: FirewallRules;
}

async function apply(spec: PodFirewallSpec, rules: FirewallRules): Promise<void> {
  const labels = { [LABEL.managed]: "true", [LABEL.network]: spec.network, [LABEL.namespace]: spec.namespace, [LABEL.pod]: spec.pod };
  await applyFirewallRules(spec.sandboxId, labels, renderFirewall(rules)).catch((err) => {
    throw new Error(`pod ${spec.namespace}/${spec.pod}: cannot apply network policies: ${messageOf(err)}`);
  });
}

export const podFirewallHandlers: ResourceHandlers = {
  async check(_olds, news) {
    return { inputs: news };
  },

  async diff(_id, olds, news) {
    const result = diffByTable(olds, news, POD_FIREWALL_INPUTS, POD_FIREWALL_RULES);
    return { changes: result.changes, replaces: result.replaces };
  },

  async create(inputs) {
    const spec = pick(inputs, POD_FIREWALL_INPUTS) as unknown as PodFirewallSpec;
    await apply(spec, spec.rules);
    return { id: `${spec.sandboxId}/firewall`, outs: spec };
  },

  async read(id, props) {
    const spec = props as unknown as PodFirewallSpec;
    return (await inspectContainer(spec.sandboxId)) ? { id, props } : {};
  },

  async update(_id, _olds, news) {
    const spec = pick(news, POD_FIREWALL_INPUTS) as unknown as PodFirewallSpec;
    await apply(spec, spec.rules);
    return { outs: spec };
  },

  async delete(_id, props) {
    const spec = props as unknown as PodFirewallSpec;
    const sandbox = await inspectContainer(spec.sandboxId);
    if (sandbox?.State.Running) await apply(spec, {}); // no policy selects the pod any more: open again
  },
};
