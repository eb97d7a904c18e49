// A service's DNS names as a hosts file for the cluster DNS (dnsmasq --hostsdir). Pure.
export const CLUSTER_DOMAIN = "cluster.local";

/**
 * A service's only name. Shorter forms ("web.default") come from the pod's search path, never from a
 * record: a record of `github.com` (service github, namespace com) would answer for the outside name.
 */
export function serviceDnsName(namespace: string, name: string): string {
  return `${name}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}

/** One line per address: the ClusterIP, or each ready endpoint of a headless service. */
export function renderServiceRecords(namespace: string, name: string, addresses: string[]): string {
  return addresses.map((ip) => `${ip} ${serviceDnsName(namespace, name)}\n`).join("");
}

export function recordsFileName(namespace: string, name: string): string {
  return `svc.${namespace}.${name}`;
}

/** The search path that makes `web` and `web.default` resolve from a pod in `namespace`. */
export function podDnsSearch(namespace: string): string[] {
  return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
}
