// A pod's firewall as the agent holds it (iptables-restore text, provider/rules/policy-rules.ts renders
// it), summed up for `describe`: which policies it carries out and whether it isolates the pod. Pure.
import type { DesiredEntry, NetPolEntry, PodEntry } from "../../agent/contract";
import { firewallFor, PodView, PolicyWorld } from "../../../core/policy";
import { renderFirewall } from "../../rules/policy-rules";
import type { FirewallView } from "./model";

/**
 * The firewall the agent renders for a pod it enforces policies for, from the same desired entries it
 * reads (the pods and the NetPols), with the same semantics. Service routers are left out: they add
 * allows, never a policy or an isolation.
 */
export function enforcedFirewall(pod: PodEntry, desired: Iterable<DesiredEntry>): string {
  const entries = [...desired];
  const pods = entries.filter((e): e is PodEntry => "kind" in e && e.kind === "pod" && !!e.ip);
  const netpols = entries.filter((e): e is NetPolEntry => "kind" in e && e.kind === "netpol");
  const view = (p: PodEntry): PodView => ({
    namespace: p.namespace,
    name: p.name,
    ip: p.ip ?? "",
    labels: p.labels ?? {},
    ports: p.ports ?? [],
  });
  const world: PolicyWorld = {
    pods: pods.map(view),
    namespaces: Object.assign({}, ...netpols.map((n) => n.namespaces)),
    policies: netpols.map((n) => ({
      namespace: n.namespace,
      name: n.name,
      podSelector: n.podSelector,
      policyTypes: n.policyTypes,
      ingress: n.ingress,
      egress: n.egress,
    })),
  };
  return renderFirewall(firewallFor(view(pod), world));
}

const POLICY_COMMENT = /--comment "([^"/]+\/[^"]+)"/;

export function summarizeFirewall(rules: string, error?: string): FirewallView {
  const lines = rules.split("\n");
  const policies = [...new Set(lines.map((l) => POLICY_COMMENT.exec(l)?.[1]).filter((p): p is string => !!p))].sort();
  // A direction is isolated when its chain is hooked in and ends by rejecting what no rule allowed.
  const isolated = (hook: string, chain: string) =>
    lines.includes(`-A ${hook} -j ${chain}`) && lines.some((l) => l.startsWith(`-A ${chain} -j REJECT`));
  return {
    policies,
    isolatedIngress: isolated("INPUT", "PODLING-INGRESS"),
    isolatedEgress: isolated("OUTPUT", "PODLING-EGRESS"),
    ...(error ? { error } : {}),
  };
}
