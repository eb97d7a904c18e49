// A service's dataplane rendered as iptables-restore text, kube-proxy style, for the service's router
// (the container that holds the virtual IP). Pure: the same input always renders the same text.
import type { Protocol } from "../../core/types";
import { chainName } from "./chain-names";

export interface ServiceEndpoint {
  /** "namespace/pod". */
  pod: string;
  ip: string;
  ready: boolean;
}

export interface ServicePortPlan {
  name: string;
  port: number;
  protocol: Protocol;
  /** One target per ready endpoint, in endpoint order. */
  targets: Array<{ pod: string; ip: string; port: number }>;
}

export interface ServiceDataplane {
  /** "namespace/name". */
  service: string;
  clusterIP: string;
  ports: ServicePortPlan[];
  /** Seconds a client stays with its backend; absent means no affinity. */
  affinitySeconds?: number;
}

export const ROOT_CHAIN = "PODLING-SERVICES";
export const MASQ_CHAIN = "PODLING-POSTROUTING";

const svcChainOf = (plan: ServiceDataplane, port: ServicePortPlan) =>
  chainName("PODLING-SVC", plan.service, String(port.port), port.protocol);
const sepChainOf = (plan: ServiceDataplane, port: ServicePortPlan, t: { ip: string; port: number }) =>
  chainName("PODLING-SEP", plan.service, String(port.port), port.protocol, t.ip, String(t.port));

/** Hooks the two fixed chains into the router's nat table, once, when the router starts. */
export function renderRouterHooks(): string {
  return [
    "*nat",
    `:${ROOT_CHAIN} - [0:0]`,
    `:${MASQ_CHAIN} - [0:0]`,
    `-A PREROUTING -j ${ROOT_CHAIN}`,
    `-A POSTROUTING -j ${MASQ_CHAIN}`,
    "COMMIT",
    "",
  ].join("\n");
}

/** Every chain a plan uses besides the two fixed ones. */
export function chainsOf(plan: ServiceDataplane): string[] {
  return plan.ports
    .filter((p) => p.targets.length > 0)
    .flatMap((p) => [svcChainOf(plan, p), ...p.targets.map((t) => sepChainOf(plan, p, t))]);
}

/**
 * The nat table for `iptables-restore --noflush`: declaring a chain flushes it, so a render replaces the
 * last one; chains only the previous plan used are flushed and deleted.
 */
export function renderServiceRules(plan: ServiceDataplane, previous?: ServiceDataplane): string {
  const current = chainsOf(plan);
  const stale = previous ? chainsOf(previous).filter((c) => !current.includes(c)) : [];
  const chains: string[] = [ROOT_CHAIN, MASQ_CHAIN, ...current, ...stale];
  const rules: string[] = [];
  for (const port of plan.ports) {
    const proto = port.protocol.toLowerCase();
    const owner = `${plan.service}:${port.name || port.port}`;
    if (port.targets.length === 0) continue; // no DNAT: the router itself answers with a reset or ICMP unreachable
    const svcChain = svcChainOf(plan, port);
    rules.push(
      `-A ${ROOT_CHAIN} -d ${plan.clusterIP}/32 -p ${proto} -m ${proto} --dport ${port.port} -m comment --comment "${owner}" -j ${svcChain}`,
    );
    const sepChains = port.targets.map((t) => sepChainOf(plan, port, t));
    if (plan.affinitySeconds !== undefined) {
      port.targets.forEach((t, i) => {
        rules.push(
          `-A ${svcChain} -m comment --comment "${owner} -> ${t.ip}:${t.port}" -m recent --name ${sepChains[i]} --rcheck --seconds ${plan.affinitySeconds} --reap -j ${sepChains[i]}`,
        );
      });
    }
    port.targets.forEach((t, i) => {
      const remaining = port.targets.length - i;
      const pick = remaining > 1 ? ` -m statistic --mode random --probability ${(1 / remaining).toFixed(10)}` : "";
      rules.push(`-A ${svcChain} -m comment --comment "${owner} -> ${t.ip}:${t.port}"${pick} -j ${sepChains[i]}`);
    });
    port.targets.forEach((t, i) => {
      const remember = plan.affinitySeconds !== undefined ? ` -m recent --name ${sepChains[i]} --set` : "";
      rules.push(
        `-A ${sepChains[i]} -p ${proto} -m comment --comment "${owner} -> ${t.ip}:${t.port}"${remember} -j DNAT --to-destination ${t.ip}:${t.port}`,
      );
    });
  }
  // Replies must come back through the router, so forwarded service traffic leaves with its address.
  rules.push(
    `-A ${MASQ_CHAIN} -m conntrack --ctstate DNAT -m comment --comment "${plan.service}: return traffic through the router" -j MASQUERADE`,
  );
  return ["*nat", ...chains.map((c) => `:${c} - [0:0]`), ...rules, ...stale.map((c) => `-X ${c}`), "COMMIT", ""].join(
    "\n",
  );
}
