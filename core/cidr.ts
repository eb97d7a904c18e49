// All address and CIDR arithmetic of the project, on ip-num. Pure: no Docker, no I/O.
import { IPv4, IPv4CidrRange, IPv4Prefix, Validator } from "ip-num";

export type CidrResult = { ok: true; range: IPv4CidrRange } | { ok: false; reason: string };

/** The smallest pod network: a /29 holds the gateway plus five pods. */
export const MAX_POD_NETWORK_PREFIX = 29;

/** Parses an IPv4 CIDR and insists on a network address, so Docker never rewrites it into a spurious diff. */
export function parseCidr(text: unknown): CidrResult {
  if (typeof text !== "string" || text.trim() === "")
    return { ok: false, reason: "must be an IPv4 CIDR such as 10.244.0.0/16" };
  if (text.includes(":")) return { ok: false, reason: `"${text}" is IPv6; only IPv4 CIDRs are supported` };
  const [valid, messages] = Validator.isValidIPv4CidrNotation(text);
  if (!valid) return { ok: false, reason: `"${text}" is not an IPv4 CIDR (${messages.join("; ")})` };
  const range = IPv4CidrRange.fromCidr(text);
  const network = range.getFirst().toString();
  if (network !== text.split("/")[0]) {
    return {
      ok: false,
      reason: `"${text}" has host bits set; the network address is ${network}/${range.getPrefix().getValue()}`,
    };
  }
  return { ok: true, range };
}

export function prefixOf(range: IPv4CidrRange): number {
  return Number(range.getPrefix().getValue());
}

export function overlaps(a: string, b: string): boolean {
  return IPv4CidrRange.fromCidr(a).isOverlapping(IPv4CidrRange.fromCidr(b));
}

export function contains(cidr: string, address: string): boolean {
  return IPv4CidrRange.fromCidr(cidr).contains(IPv4.fromString(address));
}

export function isIPv4(text: unknown): text is string {
  return typeof text === "string" && Validator.isValidIPv4String(text)[0];
}

/** How a pod network's CIDR is divided: gateway, then pod addresses, then (when it is big enough) services. */
export interface NetworkLayout {
  cidr: string;
  gateway: string;
  /** Inclusive bounds of the addresses pods may get. */
  podFirst: string;
  podLast: string;
  /** The last eighth of the CIDR, kept for service virtual IPs; absent on networks smaller than a /26. */
  serviceCidr?: string;
  /** The cluster DNS server's address: the first of the service range. */
  dnsIP?: string;
  /** Inclusive bounds of the addresses services may get (the service range after the DNS server). */
  serviceFirst?: string;
  serviceLast?: string;
}

export function layoutOf(cidr: string): NetworkLayout {
  const range = IPv4CidrRange.fromCidr(cidr);
  const prefix = prefixOf(range);
  const first = range.getFirst().getValue();
  const last = range.getLast().getValue();
  const gateway = IPv4.fromNumber(first + 1n).toString();
  let podLastValue = last - 1n; // the broadcast address is not for hosts
  const layout: NetworkLayout = { cidr, gateway, podFirst: IPv4.fromNumber(first + 2n).toString(), podLast: "" };
  if (prefix <= 26) {
    const serviceFirst = last + 1n - range.getSize() / 8n;
    layout.serviceCidr = new IPv4CidrRange(
      IPv4.fromNumber(serviceFirst),
      IPv4Prefix.fromNumber(BigInt(prefix + 3)),
    ).toCidrString();
    layout.dnsIP = IPv4.fromNumber(serviceFirst).toString();
    layout.serviceFirst = IPv4.fromNumber(serviceFirst + 1n).toString();
    layout.serviceLast = IPv4.fromNumber(last - 1n).toString();
    podLastValue = serviceFirst - 1n;
  }
  layout.podLast = IPv4.fromNumber(podLastValue).toString();
  return layout;
}

/**
 * Where Docker may pick addresses for containers that join without a fixed one (`docker run --network`):
 * its IPAM takes a single CIDR as the ip-range, so the first half of the network, which lies within the
 * pod range and away from the DNS server and the service range. Below a /26 there are no such addresses
 * to protect, and the whole subnet is left to Docker.
 */
export function dynamicRangeOf(layout: NetworkLayout): string | undefined {
  if (!layout.serviceCidr) return undefined;
  const range = IPv4CidrRange.fromCidr(layout.cidr);
  return new IPv4CidrRange(range.getFirst(), IPv4Prefix.fromNumber(BigInt(prefixOf(range) + 1))).toCidrString();
}

/** The lowest address in [first, last] that is not in `used`, or undefined when the range is full. */
export function lowestFree(first: string, last: string, used: ReadonlySet<string>): string | undefined {
  const end = IPv4.fromString(last).getValue();
  for (let value = IPv4.fromString(first).getValue(); value <= end; value++) {
    const candidate = IPv4.fromNumber(value).toString();
    if (!used.has(candidate)) return candidate;
  }
  return undefined;
}

export function addressCount(first: string, last: string): number {
  return Number(IPv4.fromString(last).getValue() - IPv4.fromString(first).getValue() + 1n);
}

/** The address `offset` places after the network address of `cidr`. */
export function addressAt(cidr: string, offset: number): string {
  return new IPv4(IPv4CidrRange.fromCidr(cidr).getFirst().getValue() + BigInt(offset)).toString();
}
