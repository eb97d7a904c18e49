// A pod's firewall as the agent holds it (iptables-restore text, provider/rules/policy-rules.ts renders
// it), summed up for `describe`: which policies it carries out and whether it isolates the pod. Pure.
import type { FirewallView } from "./model";

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
