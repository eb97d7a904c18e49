// `check` for NetworkPolicy.
import type { NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicySpec, PolicyType } from "../../core/types";
import { contains, overlaps, parseCidr, prefixOf } from "../../core/cidr";
import { checkLabelName, checkPort, compact, isRecord } from "../check/common";
import { checkSelector } from "../check/label-selector";
import { CheckFailure, Failures, isUnknown } from "../check/failures";

const POLICY_TYPES: PolicyType[] = ["Ingress", "Egress"];
const PROTOCOLS = ["TCP", "UDP", "SCTP"];
const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function checkNetworkPolicy(news: Record<string, unknown>): {
  inputs: NetworkPolicySpec;
  failures: CheckFailure[];
} {
  const f = new Failures();
  checkLabelName(news.name, "name", f);
  checkLabelName(news.namespace ?? "default", "namespace", f);
  const ingress = checkRules(news.ingress, "ingress", "from", f);
  const egress = checkRules(news.egress, "egress", "to", f);
  let policyTypes = news.policyTypes as PolicyType[] | undefined;
  if (policyTypes === undefined)
    policyTypes = Array.isArray(news.egress) && news.egress.length > 0 ? ["Ingress", "Egress"] : ["Ingress"];
  else if (!isUnknown(policyTypes)) {
    if (!Array.isArray(policyTypes) || policyTypes.length === 0)
      f.add("policyTypes", 'must list "Ingress", "Egress" or both');
    else
      policyTypes.forEach(
        (t, i) =>
          POLICY_TYPES.includes(t) ||
          f.add(`policyTypes[${i}]`, `${JSON.stringify(t)} is not a policy type; use "Ingress" or "Egress"`),
      );
  }
  if (![undefined, "node-agent", "pod-firewalls"].includes(news.enforcement as string) && !isUnknown(news.enforcement))
    f.add("enforcement", 'is set by the SDK: "node-agent" on one engine, "pod-firewalls" on a cluster');
  const inputs = compact({
    network: news.network as string,
    namespace: (news.namespace ?? "default") as string,
    name: news.name as string,
    podSelector: checkSelector(news.podSelector, "podSelector", f),
    policyTypes,
    ingress,
    egress,
    enforcement: news.enforcement,
    namespaceLabels: news.namespaceLabels,
  });
  return { inputs: inputs as NetworkPolicySpec, failures: f.list };
}

function checkRules(
  value: unknown,
  property: string,
  peersKey: "from" | "to",
  f: Failures,
): Array<Record<string, unknown>> {
  if (value === undefined || value === null) return [];
  if (isUnknown(value)) return value as never;
  if (!Array.isArray(value)) {
    f.add(property, "must be a list of rules");
    return [];
  }
  return value.map((rule, i) => {
    const at = `${property}[${i}]`;
    if (!isRecord(rule)) {
      f.add(at, `must be an object with ${peersKey} and/or ports`);
      return {};
    }
    const peers = Array.isArray(rule[peersKey])
      ? (rule[peersKey] as unknown[]).map((p, j) => checkPeer(p, `${at}.${peersKey}[${j}]`, f))
      : undefined;
    if (rule[peersKey] !== undefined && !Array.isArray(rule[peersKey]) && !isUnknown(rule[peersKey]))
      f.add(`${at}.${peersKey}`, "must be a list of peers");
    const ports = Array.isArray(rule.ports)
      ? rule.ports.map((p, j) => checkPolicyPort(p, `${at}.ports[${j}]`, f))
      : undefined;
    return compact({ [peersKey]: peers, ports });
  });
}

function checkPeer(value: unknown, at: string, f: Failures): NetworkPolicyPeer {
  if (!isRecord(value)) {
    f.add(at, "must be an object with podSelector, namespaceSelector or ipBlock");
    return {};
  }
  const peer: NetworkPolicyPeer = {};
  if (value.podSelector !== undefined) peer.podSelector = checkSelector(value.podSelector, `${at}.podSelector`, f);
  if (value.namespaceSelector !== undefined)
    peer.namespaceSelector = checkSelector(value.namespaceSelector, `${at}.namespaceSelector`, f);
  if (value.ipBlock !== undefined) {
    if (peer.podSelector || peer.namespaceSelector)
      f.add(at, "ipBlock cannot be combined with podSelector or namespaceSelector");
    const block = value.ipBlock as Record<string, unknown>;
    const cidr = parseCidr(block?.cidr);
    if (!cidr.ok) f.add(`${at}.ipBlock.cidr`, cidr.reason);
    const except = Array.isArray(block?.except) ? (block.except as string[]) : [];
    except.forEach((e, k) => {
      const parsed = parseCidr(e);
      if (!parsed.ok) f.add(`${at}.ipBlock.except[${k}]`, parsed.reason);
      else if (
        cidr.ok &&
        !(
          overlaps(e, block.cidr as string) &&
          contains(block.cidr as string, parsed.range.getFirst().toString()) &&
          prefixOf(parsed.range) > prefixOf(cidr.range)
        )
      ) {
        f.add(`${at}.ipBlock.except[${k}]`, `${e} is not a range strictly inside ${block.cidr}`);
      }
    });
    peer.ipBlock = compact({ cidr: block?.cidr as string, except: except.length ? except : undefined });
  }
  if (!peer.podSelector && !peer.namespaceSelector && !peer.ipBlock)
    f.add(at, "needs podSelector, namespaceSelector or ipBlock");
  return peer;
}

function checkPolicyPort(value: unknown, at: string, f: Failures): NetworkPolicyPort {
  if (!isRecord(value)) {
    f.add(at, "must be an object with port and/or protocol");
    return { protocol: "TCP" };
  }
  const protocol = (value.protocol ?? "TCP") as NetworkPolicyPort["protocol"];
  if (!PROTOCOLS.includes(protocol))
    f.add(`${at}.protocol`, `${JSON.stringify(protocol)} must be one of ${PROTOCOLS.join(", ")}`);
  if (typeof value.port === "string") {
    if (value.port.length > 15 || !PORT_NAME.test(value.port))
      f.add(`${at}.port`, `${JSON.stringify(value.port)} is neither a port number nor a port name`);
    if (value.endPort !== undefined) f.add(`${at}.endPort`, "needs a numeric port");
  } else if (value.port !== undefined) {
    checkPort(value.port, `${at}.port`, f);
    if (value.endPort !== undefined) {
      checkPort(value.endPort, `${at}.endPort`, f);
      if (typeof value.endPort === "number" && typeof value.port === "number" && value.endPort < value.port)
        f.add(`${at}.endPort`, `${value.endPort} is lower than port ${value.port}`);
    }
  } else if (value.endPort !== undefined) f.add(`${at}.endPort`, "needs a port");
  return compact({
    port: value.port as number | string | undefined,
    endPort: value.endPort as number | undefined,
    protocol,
  });
}
