// The pod sandbox (CRI's RunPodSandbox): the infra container that owns the pod's network namespace, its
// address, hostname and published ports. Building the config is pure; running it lives in sync-pod.ts.
import type { ContainerCreateOptions } from "../docker/types";
import type { PodSpec } from "../../core/types";
import { LABEL, PodIdentity, podLabels } from "../labels";
import { sandboxName } from "../names";
import type { NetworkLayout } from "../../core/cidr";
import { podDnsSearch } from "../rules/dns-records";

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
  return {
    name: sandboxName(id),
    Image: PAUSE_IMAGE,
    Hostname: spec.hostname ?? spec.name,
    Labels: podLabels(id, "infra", { [LABEL.podIP]: podIP, ...extraLabels }),
    ExposedPorts: exposed,
    HostConfig: {
      NetworkMode: spec.network,
      PortBindings: bindings,
      // The sandbox comes back with the daemon, keeping its fixed address.
      RestartPolicy: { Name: "unless-stopped" },
      // Docker's resolver in the pod forwards what it does not know to the cluster DNS, which serves
      // service names; the search path makes "web" and "web.default" work, as in Kubernetes.
      ...resolverSettings(spec, layout),
    },
    // No alias: Docker's resolver answers an alias network-wide, and as `<alias>.<network>` too, so pod
    // `github` on network `com` would answer for github.com. Kubernetes gives pods no name records either.
    NetworkingConfig: { EndpointsConfig: { [spec.network]: { IPAMConfig: { IPv4Address: podIP } } } },
  };
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
