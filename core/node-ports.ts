// Where a PodNetwork's NodePort services may publish: kube-proxy's --service-node-port-range and
// --nodeport-addresses, per network. Pure.
import { isIPv4, parseCidr, prefixOf } from "./cidr";

/** Kubernetes' default --service-node-port-range. */
export const DEFAULT_NODE_PORT_RANGE = "30000-32767";
/**
 * Loopback only, unlike kube-proxy's default of every address: Docker's published ports bypass the
 * host's firewall, so on a laptop anything wider would open services to the whole network.
 */
export const DEFAULT_NODE_PORT_ADDRESSES: readonly string[] = ["127.0.0.1"];
/** In nodePortAddresses: every host address (Docker's 0.0.0.0). */
export const EVERY_ADDRESS = "0.0.0.0/0";

export interface PortRange {
  min: number;
  max: number;
}

/** "30000-32767", "30000+2767" or one port "30080", as kube-proxy's --service-node-port-range reads it. */
export function parsePortRange(text: unknown): PortRange | { reason: string } {
  const match = typeof text === "string" ? /^(\d{1,5})(?:([-+])(\d{1,5}))?$/.exec(text.trim()) : null;
  if (!match) return { reason: `${JSON.stringify(text)} must be a port range such as "30000-32767"` };
  const min = Number(match[1]);
  const max = match[2] === "-" ? Number(match[3]) : match[2] === "+" ? min + Number(match[3]) : min;
  if (min < 1 || max > 65535) return { reason: `${JSON.stringify(text)} must lie within 1-65535` };
  if (max < min) return { reason: `${JSON.stringify(text)} ends before it starts` };
  return { min, max };
}

export const inRange = (port: number, range: PortRange): boolean => port >= range.min && port <= range.max;

/**
 * What is wrong with one entry of nodePortAddresses: an IPv4 address of the host, a /32, or 0.0.0.0/0.
 * Docker binds addresses, not ranges, and cannot tell which of a remote engine's addresses a wider CIDR
 * would hold, so other CIDRs are refused.
 */
export function nodePortAddressProblem(entry: unknown): string | undefined {
  if (entry === EVERY_ADDRESS) return undefined;
  if (isIPv4(entry))
    return entry === "0.0.0.0"
      ? `"0.0.0.0" is not a host address; write ${EVERY_ADDRESS} for every address`
      : undefined;
  const parsed = parseCidr(entry);
  if (!parsed.ok) return `${JSON.stringify(entry)} is not an IPv4 address or CIDR`;
  if (prefixOf(parsed.range) !== 32)
    return `${JSON.stringify(entry)}: list the host's addresses one by one (or ${EVERY_ADDRESS} for all); Docker publishes on addresses, not ranges`;
  return undefined;
}

/** The address Docker binds a published port to, for one entry of nodePortAddresses. */
export function hostIpOf(entry: string): string {
  return entry === EVERY_ADDRESS ? "0.0.0.0" : entry.replace(/\/32$/, "");
}
