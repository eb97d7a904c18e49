// A pod's firewall rendered as the filter table of its own network namespace, for iptables-restore
// (which replaces only the tables it names, so Docker's nat rules for its DNS stay). Pure.
import type { FirewallAllow, FirewallRules } from "../../sdk/types/output";
import { chainName } from "./chain-names";

const INGRESS = "PODLING-INGRESS";
const EGRESS = "PODLING-EGRESS";

export function renderFirewall(rules: FirewallRules): string {
  const chains = [INGRESS, EGRESS];
  const lines: string[] = [];
  if (rules.ingress) lines.push("-A INPUT -j " + INGRESS, ...direction(INGRESS, "-s", "-i", rules.ingress, chains));
  if (rules.egress) lines.push("-A OUTPUT -j " + EGRESS, ...direction(EGRESS, "-d", "-o", rules.egress, chains));
  return ["*filter", ":INPUT ACCEPT [0:0]", ":FORWARD ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]", ...chains.map((c) => `:${c} - [0:0]`), ...lines, "COMMIT", ""].join("\n");
}

function direction(chain: string, addressFlag: "-s" | "-d", loopbackFlag: "-i" | "-o", allows: FirewallAllow[], chains: string[]): string[] {
  const lines = [
    // Replies are always allowed, and so is the pod talking to itself.
    `-A ${chain} -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT`,
    `-A ${chain} ${loopbackFlag} lo -j ACCEPT`,
  ];
  for (const entry of allows) {
    let target = "ACCEPT";
    if (entry.peer?.except?.length) {
      target = chainName("PODLING-EXCEPT", chain, entry.policy, entry.peer.cidr, ...entry.peer.except);
      if (!chains.includes(target)) {
        chains.push(target);
        lines.push(...entry.peer.except.map((e) => `-A ${target} ${addressFlag} ${e} -j RETURN`), `-A ${target} -j ACCEPT`);
      }
    }
    const peer = entry.peer ? ` ${addressFlag} ${entry.peer.cidr}` : "";
    const comment = ` -m comment --comment "${entry.policy}"`;
    for (const port of entry.ports ?? [undefined]) {
      const proto = port ? ` -p ${port.protocol.toLowerCase()}` : "";
      const dport = port?.port !== undefined ? ` -m ${port.protocol.toLowerCase()} --dport ${port.port}${port.endPort !== undefined ? `:${port.endPort}` : ""}` : "";
      lines.push(`-A ${chain}${peer}${proto}${dport}${comment} -j ${target}`);
    }
  }
  lines.push(`-A ${chain} -p tcp -j REJECT --reject-with tcp-reset`, `-A ${chain} -j REJECT --reject-with icmp-port-unreachable`);
  return lines;
}
