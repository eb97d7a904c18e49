// The pod sandbox (CRI's RunPodSandbox): the infra container that owns the pod's network namespace, its
// address, hostname and published ports. Building the config is pure; running it lives in sync-pod.ts.
import type { ContainerCreateOptions } from "../docker/types";
import type { PodSpec } from "../../core/types";
import { LABEL, PodIdentity, podLabels } from "../labels";
import { sandboxName } from "../names";
import type { NetworkLayout } from "../../core/cidr";
import { podDnsSearch, podSubdomainDomain, renderResolvConf } from "../rules/dns-records";

export const PAUSE_IMAGE = process.env.PODLING_PAUSE_IMAGE ?? "podling/pause:1";

export function identityOf(spec: Pick<PodSpec, "network" | "namespace" | "name" | "owner">): PodIdentity {
  return { network: spec.network, namespace: spec.namespace, pod: spec.name, owner: spec.owner };
}

export function sandboxConfig(
  spec: PodSpec,
  podIP: string,
  layout: NetworkLayout,
  extraLabels: Record<string, string> = {},
): ContainerCreateOptions {
  const id = identityOf(spec);
  const exposed: Record<string, object> = {};
  const bindings: Record<string, Array<{ HostPort: string; HostIp: string }>> = {};
  for (const port of spec.containers.flatMap((c) => c.ports ?? [])) {
    const key = `${port.containerPort}/${port.protocol.toLowerCase()}`;
    exposed[key] = {};
    if (port.hostPort !== undefined) bindings[key] = [{ HostPort: String(port.hostPort), HostIp: port.hostIP ?? "" }];
  }
  const resolver = resolverSettings(spec, layout);
  return {
    name: sandboxName(id),
    Image: PAUSE_IMAGE,
    Hostname: spec.hostname ?? spec.name,
    ...(spec.subdomain ? { Domainname: podSubdomainDomain(spec.namespace, spec.subdomain) } : {}),
    ...(layout.dnsIP ? clusterResolverCommand(resolver) : {}),
    Labels: podLabels(id, "infra", { [LABEL.podIP]: podIP, ...extraLabels }),
    ExposedPorts: exposed,
    HostConfig: {
      NetworkMode: spec.network,
      PortBindings: bindings,
      // The sandbox comes back with the daemon, keeping its fixed address.
      RestartPolicy: { Name: "unless-stopped" },
      // Docker's own copy of the settings; with a cluster DNS, the sandbox's command replaces its
      // resolv.conf (below). The search path makes "web" and "web.default" work, as in Kubernetes.
      ...resolver,
    },
    // No alias of ours: Docker's resolver answers an alias network-wide, and as `<alias>.<network>` too, so
    // pod `github` on network `com` would answer for github.com. (Docker adds the hostname as one anyway;
    // the pod's own resolv.conf keeps its pods from asking Docker's resolver for bare names.)
    NetworkingConfig: { EndpointsConfig: { [spec.network]: { IPAMConfig: { IPv4Address: podIP } } } },
  };
}

/**
 * The pause loop, after writing the pod's resolv.conf with the cluster DNS as its nameserver, as the kubelet
 * writes a sandbox's (dockershim rewrote Docker's). Docker's own file names its resolver, 127.0.0.11, which
 * answers every pod's hostname network-wide, across namespaces (Docker adds each hostname as an alias):
 * Kubernetes resolves no bare pod name. Docker writes its file at every start of the sandbox, before
 * this command runs, and app containers share the sandbox's file. A failed write stops the sandbox.
 */
function clusterResolverCommand(resolver: { Dns?: string[]; DnsSearch?: string[]; DnsOptions?: string[] }): {
  Entrypoint: string[];
  Env: string[];
} {
  const script =
    'printf "%s" "$PODLING_RESOLV_CONF" > /etc/resolv.conf || exit 1; ' +
    'trap "exit 0" TERM INT; while :; do sleep 86400 & wait $!; done';
  return { Entrypoint: ["/bin/sh", "-c", script], Env: [`PODLING_RESOLV_CONF=${renderResolvConf(resolver)}`] };
}

/** Cluster DNS first (when the network has one), then the pod's dnsConfig, as Kubernetes merges them. */
function resolverSettings(
  spec: PodSpec,
  layout: NetworkLayout,
): { Dns?: string[]; DnsSearch?: string[]; DnsOptions?: string[] } {
  const extra = spec.dnsConfig ?? {};
  const cluster = layout.dnsIP
    ? { Dns: [layout.dnsIP], DnsSearch: podDnsSearch(spec.namespace), DnsOptions: ["ndots:5"] }
    : { Dns: [], DnsSearch: [], DnsOptions: [] };
  const options = new Map(cluster.DnsOptions.map((o) => [o.split(":")[0], o]));
  for (const o of extra.options ?? []) options.set(o.name, o.value === undefined ? o.name : `${o.name}:${o.value}`);
  const settings = {
    Dns: [...cluster.Dns, ...(extra.nameservers ?? [])],
    DnsSearch: [...new Set([...cluster.DnsSearch, ...(extra.searches ?? [])])],
    DnsOptions: [...options.values()],
  };
  // Empty lists are left out, so Docker keeps its defaults for them.
  return Object.fromEntries(Object.entries(settings).filter(([, list]) => list.length > 0));
}
