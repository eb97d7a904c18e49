// `check` for a pod's dnsConfig, within the limits of the resolver Docker writes (glibc's resolv.conf).
import type { PodDNSConfig } from "../../core/types";
import { isIPv4 } from "../../core/cidr";
import { isRecord } from "../check/common";
import { Failures, isUnknown } from "../check/failures";

const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;
const SEARCH_DOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\.?$/;
const OPTION_NAME = /^[a-z][-a-z0-9_]*$/i;

export function checkDnsConfig(value: unknown, f: Failures): PodDNSConfig | undefined {
  if (value === undefined || isUnknown(value)) return value as undefined;
  if (!isRecord(value)) {
    f.add("dnsConfig", "must be an object with nameservers, searches and/or options");
    return undefined;
  }
  const { nameservers, searches, options } = value;
  if (isList(nameservers, "dnsConfig.nameservers", f)) {
    // The cluster DNS takes one of resolv.conf's three nameserver slots.
    if (nameservers.length > MAX_NAMESERVERS - 1)
      f.add(
        "dnsConfig.nameservers",
        `has ${nameservers.length}; at most ${MAX_NAMESERVERS - 1} fit beside the cluster DNS`,
      );
    nameservers.forEach((n, i) => {
      if (!isUnknown(n) && !isIPv4(n))
        f.add(`dnsConfig.nameservers[${i}]`, `${JSON.stringify(n)} is not an IPv4 address`);
    });
  }
  if (isList(searches, "dnsConfig.searches", f)) {
    if (searches.length > MAX_SEARCHES)
      f.add("dnsConfig.searches", `has ${searches.length}; at most ${MAX_SEARCHES} are allowed`);
    searches.forEach((d, i) => {
      if (!isUnknown(d) && (typeof d !== "string" || d.length > 253 || !SEARCH_DOMAIN.test(d)))
        f.add(`dnsConfig.searches[${i}]`, `${JSON.stringify(d)} is not a DNS domain`);
    });
  }
  if (isList(options, "dnsConfig.options", f)) {
    options.forEach((o, i) => {
      if (!isRecord(o)) f.add(`dnsConfig.options[${i}]`, "must be an object with name and value");
      else if (typeof o.name !== "string" || !OPTION_NAME.test(o.name))
        f.add(`dnsConfig.options[${i}].name`, "must be a resolver option name such as ndots or timeout");
      else if (o.value !== undefined && (typeof o.value !== "string" || !/^[0-9a-z]+$/i.test(o.value)))
        f.add(`dnsConfig.options[${i}].value`, `${JSON.stringify(o.value)} must be letters and digits`);
    });
  }
  return value as PodDNSConfig;
}

function isList(value: unknown, property: string, f: Failures): value is unknown[] {
  if (value === undefined || isUnknown(value)) return false;
  if (Array.isArray(value)) return true;
  f.add(property, "must be a list");
  return false;
}
