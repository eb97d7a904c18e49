// PodFirewall: the network-policy rules of one pod, which the SDK computes from every NetworkPolicy, pod
// and namespace of the network. Updating it re-renders the rules in place; the pod keeps running.
import type { FirewallRules, NodeBlock } from "../../core/types";
import { onEngine, onEngineUnlessLost } from "../docker/client";
import { diffByTable, keepOldWhereUnknown } from "../diff/field-table";
import { POD_FIREWALL_INPUTS, POD_FIREWALL_RULES } from "./diff-table";
import { inspectContainer } from "../docker/containers";
import { messageOf } from "../docker/errors";
import type { Owner } from "../../core/owner";
import { renderFirewall } from "../rules/policy-rules";
import { applyFirewallRules } from "./apply";
import { checkOwned, OWNER_KEY, pick, pickOwned, ResourceHandlers } from "../handler";
import { agentReport, letGo } from "../agent/desired-state";
import { firewallKey } from "../pod/agent-entry";

interface PodFirewallSpec {
  network: string;
  namespace: string;
  pod: string;
  sandboxId: string;
  rules: FirewallRules;
  /** On a cluster: the pod's node, whose engine runs the sandbox. */
  node?: NodeBlock;
  owner?: Owner;
}

/** Applies the rules; returns when the sandbox started, since its rules live and die with that start. */
function apply(spec: PodFirewallSpec, rules: FirewallRules): Promise<string | undefined> {
  return onEngine(spec.node, () => applyHere(spec, rules));
}

async function applyHere(spec: PodFirewallSpec, rules: FirewallRules): Promise<string | undefined> {
  const target = { ...spec, key: keyOf(spec) };
  return applyFirewallRules(target, renderFirewall(rules)).catch((err) => {
    throw new Error(`pod ${spec.namespace}/${spec.pod}: cannot apply network policies: ${messageOf(err)}`);
  });
}

function keyOf(spec: PodFirewallSpec): string {
  return firewallKey({ network: spec.network, namespace: spec.namespace, pod: spec.pod });
}

/** The pod's sandbox; undefined when it is gone, or its cluster node is lost (its pod is gone too). */
function sandboxOf(spec: PodFirewallSpec) {
  return onEngineUnlessLost(
    spec.node,
    () => inspectContainer(spec.sandboxId),
    () => undefined,
  );
}

export const podFirewallHandlers: ResourceHandlers = {
  check: checkOwned(async (_olds, news) => ({ inputs: news })),

  async diff(_id, olds, news) {
    const result = diffByTable(
      olds,
      keepOldWhereUnknown(olds, news, ["node"]),
      POD_FIREWALL_INPUTS,
      POD_FIREWALL_RULES,
    );
    return { changes: result.changes, replaces: result.replaces };
  },

  async create(inputs) {
    const spec = pickOwned(inputs, POD_FIREWALL_INPUTS) as unknown as PodFirewallSpec;
    const sandboxStartedAt = await apply(spec, spec.rules);
    return { id: `${spec.sandboxId}/firewall`, outs: { ...spec, sandboxStartedAt } };
  },

  async read(id, props) {
    const spec = props as unknown as PodFirewallSpec & { sandboxStartedAt?: string };
    const sandbox = await sandboxOf(spec);
    if (!sandbox) return {};
    const startedAt = sandbox.State.StartedAt;
    if (!spec.sandboxStartedAt || startedAt === spec.sandboxStartedAt) return { id, props };
    // A restarted sandbox has a new network namespace: the rules are there only if the agent loaded them
    // since. Otherwise they are reported gone, so that `up` loads them again.
    const report = await onEngine(spec.node, () => agentReport(spec.network, keyOf(spec)));
    if (report?.handledStart !== startedAt || report.error) return {};
    return { id, props: { ...props, sandboxStartedAt: startedAt } };
  },

  async update(_id, olds, news) {
    // The stored owner stays (handler.ts, OWNER_KEY).
    const spec = { ...pick(news, POD_FIREWALL_INPUTS), ...pick(olds, [OWNER_KEY]) } as unknown as PodFirewallSpec;
    const sandboxStartedAt = await apply(spec, spec.rules);
    return { outs: { ...spec, sandboxStartedAt } };
  },

  async delete(_id, props) {
    const spec = props as unknown as PodFirewallSpec;
    const sandbox = await sandboxOf(spec);
    if (sandbox?.State.Running) await apply(spec, {}); // no policy selects the pod any more: open again
    if (sandbox) await onEngine(spec.node, () => letGo(spec.network, keyOf(spec)));
  },
};
