// A pod's firewall rendered as the filter table of its own network namespace, for iptables-restore
// (which replaces only the tables it names, so Docker's nat rules for its DNS stay). Pure.
import type { FirewallAllow, FirewallRules, ServiceFilter } from "../../core/types";
import { chainName } from "./chain-names";

const INGRESS = "PODLING-INGRESS";
const EGRESS = "PODLING-EGRESS";
const FORWARD = "PODLING-FORWARD";
const EGRESS_OK = "0x8000/0x8000";

export function renderFirewall(rules: FirewallRules): string {
  const chains = [INGRESS, EGRESS];
  const lines: string[] = [];
  // Replies are always allowed, and so is the pod talking to itself.
  const base = (chain: string, loopback: string) => [
    `-A ${chain} -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT`,
    `-A ${chain} ${loopback} lo -j ACCEPT`,
  ];
  if (rules.ingress)
    lines.push(
      `-A INPUT -j ${INGRESS}`,
      ...base(INGRESS, "-i"),
      ...allowChain(INGRESS, "-s", rules.ingress, "ACCEPT", chains),
    );
  if (rules.egress)
    lines.push(
      `-A OUTPUT -j ${EGRESS}`,
      ...base(EGRESS, "-o"),
      ...allowChain(EGRESS, "-d", rules.egress, "ACCEPT", chains),
    );
  return filterTable(chains, lines);
}

/**
 * A service router's FORWARD filter: after DNAT it sees the real client and backend, so it applies the
 * client's egress (allowed: go on) and then the backend's ingress (allowed: forward).
 */
export function renderServiceFilter(filter: ServiceFilter | undefined): string {
  const chains = [FORWARD];
  const lines: string[] = [];
  if (filter && (filter.clients.length > 0 || filter.backends.length > 0)) {
    lines.push(`-A FORWARD -j ${FORWARD}`, `-A ${FORWARD} -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT`);
    for (const client of filter.clients) {
      // The client chain only marks what the client's egress allows; unmarked traffic is rejected here.
      const chain = chainName("PODLING-CLIENT", client.ip);
      chains.push(chain);
      lines.push(
        `-A ${FORWARD} -s ${client.ip}/32 -j ${chain}`,
        ...allowChain(chain, "-d", client.egress, "MARK", chains),
        `-A ${FORWARD} -s ${client.ip}/32 -m mark ! --mark ${EGRESS_OK} -p tcp -j REJECT --reject-with tcp-reset`,
        `-A ${FORWARD} -s ${client.ip}/32 -m mark ! --mark ${EGRESS_OK} -j REJECT --reject-with icmp-port-unreachable`,
      );
    }
    for (const backend of filter.backends) {
      const chain = chainName("PODLING-BACKEND", backend.ip);
      chains.push(chain);
      lines.push(
        `-A ${FORWARD} -d ${backend.ip}/32 -j ${chain}`,
        ...allowChain(chain, "-s", backend.ingress, "ACCEPT", chains),
      );
    }
  }
  return filterTable(chains, lines);
}

function filterTable(chains: string[], lines: string[]): string {
  return [
    "*filter",
    ":INPUT ACCEPT [0:0]",
    ":FORWARD ACCEPT [0:0]",
    ":OUTPUT ACCEPT [0:0]",
    ...chains.map((c) => `:${c} - [0:0]`),
    ...lines,
    "COMMIT",
    "",
  ].join("\n");
}

/**
 * One rule per allowed peer and port. With ACCEPT, what no rule allows is rejected at once; with MARK,
 * allowed traffic is only marked, for the caller to decide.
 */
function allowChain(
  chain: string,
  addressFlag: "-s" | "-d",
  allows: FirewallAllow[],
  mode: "ACCEPT" | "MARK",
  chains: string[],
): string[] {
  const allowed = mode === "ACCEPT" ? "ACCEPT" : `MARK --set-xmark ${EGRESS_OK}`;
  const lines: string[] = [];
  for (const entry of allows) {
    let target: string = allowed;
    if (entry.peer?.except?.length) {
      target = chainName("PODLING-EXCEPT", chain, entry.policy, entry.peer.cidr, ...entry.peer.except);
      if (!chains.includes(target)) {
        chains.push(target);
        lines.push(
          ...entry.peer.except.map((e) => `-A ${target} ${addressFlag} ${e} -j RETURN`),
          `-A ${target} -j ${allowed}`,
        );
      }
    }
    const peer = entry.peer ? ` ${addressFlag} ${entry.peer.cidr}` : "";
    const comment = ` -m comment --comment "${entry.policy}"`;
    for (const port of entry.ports ?? [undefined]) {
      const proto = port ? ` -p ${port.protocol.toLowerCase()}` : "";
      const dport =
        port?.port !== undefined
          ? ` -m ${port.protocol.toLowerCase()} --dport ${port.port}${port.endPort !== undefined ? `:${port.endPort}` : ""}`
          : "";
      lines.push(`-A ${chain}${peer}${proto}${dport}${comment} -j ${target}`);
    }
  }
  if (mode === "ACCEPT")
    lines.push(
      `-A ${chain} -p tcp -j REJECT --reject-with tcp-reset`,
      `-A ${chain} -j REJECT --reject-with icmp-port-unreachable`,
    );
  return lines;
}
