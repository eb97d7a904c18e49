// DNS names as hosts files for the cluster DNS (dnsmasq --hostsdir), and the resolver file pods get. Pure.
export const CLUSTER_DOMAIN = "cluster.local";

/**
 * A service's only name. Shorter forms ("web.default") come from the pod's search path, never from a
 * record: a record of `github.com` (service github, namespace com) would answer for the outside name.
 */
export function serviceDnsName(namespace: string, name: string): string {
  return `${name}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}

/** A ready endpoint whose pod's subdomain is the headless service's name, under its pod's hostname. */
export interface NamedAddress {
  hostname: string;
  ip: string;
}

/**
 * One line per address (the ClusterIP, or each ready endpoint of a headless service), then, for a headless
 * service, `<hostname>.<service name>` per pod whose subdomain names the service, sorted by name: the
 * agent's renderRecords (tools/agent/records.go) writes the same text.
 */
export function renderServiceRecords(
  namespace: string,
  name: string,
  addresses: string[],
  named: NamedAddress[] = [],
): string {
  const fqdn = serviceDnsName(namespace, name);
  const byName = [...new Set(named.map((n) => `${n.ip} ${n.hostname}.${fqdn}\n`))].sort(byHostname);
  return addresses.map((ip) => `${ip} ${fqdn}\n`).join("") + byName.join("");
}

/** Orders `<ip> <name>` lines by name, then address (as Go's sort on the same key). */
function byHostname(a: string, b: string): number {
  const key = (line: string) => `${line.split(" ")[1]} ${line.split(" ")[0]}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

export function recordsFileName(namespace: string, name: string): string {
  return `svc.${namespace}.${name}`;
}

/**
 * A pod's A record, `a-b-c-d.<namespace>.pod.cluster.local`, as Kubernetes names pods. Only the pod's own
 * namespace gets one (CoreDNS's "pods verified"): the address under another namespace stays NXDOMAIN.
 */
export function podDnsName(namespace: string, ip: string): string {
  return `${ip.replace(/\./g, "-")}.${namespace}.pod.${CLUSTER_DOMAIN}`;
}

export function renderPodRecords(namespace: string, ip: string): string {
  return `${ip} ${podDnsName(namespace, ip)}\n`;
}

/** "_" cannot occur in a namespace or pod name, nor in a service's file name: no pod file clashes with one. */
export function podRecordsFileName(namespace: string, name: string): string {
  return `pod_${namespace}_${name}`;
}

/** The domain of a pod with a subdomain: its /etc/hosts and `hostname -f` give the FQDN, as in Kubernetes. */
export function podSubdomainDomain(namespace: string, subdomain: string): string {
  return `${subdomain}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}

/** The search path that makes `web` and `web.default` resolve from a pod in `namespace`. */
export function podDnsSearch(namespace: string): string[] {
  return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
}

/** A resolv.conf, as the kubelet writes one for a pod: nameservers, then the search path and options. */
export function renderResolvConf(settings: { Dns?: string[]; DnsSearch?: string[]; DnsOptions?: string[] }): string {
  const lines = (settings.Dns ?? []).map((ip) => `nameserver ${ip}`);
  if (settings.DnsSearch?.length) lines.push(`search ${settings.DnsSearch.join(" ")}`);
  if (settings.DnsOptions?.length) lines.push(`options ${settings.DnsOptions.join(" ")}`);
  return lines.map((l) => `${l}\n`).join("");
}
