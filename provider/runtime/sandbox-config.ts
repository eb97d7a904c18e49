// The pod sandbox (CRI's RunPodSandbox): the infra container that owns the pod's network namespace, its
// address, hostname and published ports. Building the config is pure; running it lives in sync-pod.ts.
import type Dockerode from "dockerode";
import { createHash } from "crypto";
import type { PodSpec } from "../../sdk/types/output";
import { LABEL, PodIdentity, podLabels } from "../labels";
import { sandboxName } from "../names";
import type { NetworkLayout } from "../net/cidr";
import { podDnsSearch } from "../rules/dns-records";

export const PAUSE_IMAGE = process.env.PODLING_PAUSE_IMAGE ?? "podling/pause:1";

export function identityOf(spec: PodSpec): PodIdentity {
  return { network: spec.network, namespace: spec.namespace, pod: spec.name };
}

/** Hash of what the containers were built from; labels and annotations change in place and are left out. */
export function specHash(spec: PodSpec): string {
  const { labels: _labels, annotations: _annotations, ...built } = spec;
  return createHash("sha256").update(JSON.stringify(built)).digest("hex").slice(0, 16);
}

export function sandboxConfig(spec: PodSpec, podIP: string, layout: NetworkLayout): Dockerode.ContainerCreateOptions {
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
    Hostname: spec.name,
    Labels: podLabels(id, "infra", { [LABEL.podIP]: podIP, [LABEL.specHash]: specHash(spec) }),
    ExposedPorts: exposed,
    HostConfig: {
      NetworkMode: spec.network,
      PortBindings: bindings,
      // The sandbox comes back with the daemon, keeping its fixed address.
      RestartPolicy: { Name: "unless-stopped" },
      // Docker's resolver in the pod forwards what it does not know to the cluster DNS, which serves
      // service names; the search path makes "web" and "web.default" work, as in Kubernetes.
      ...(layout.dnsIP ? { Dns: [layout.dnsIP], DnsSearch: podDnsSearch(spec.namespace), DnsOptions: ["ndots:5"] } : {}),
    },
    NetworkingConfig: {
      EndpointsConfig: { [spec.network]: { IPAMConfig: { IPv4Address: podIP }, Aliases: [spec.name] } },
    },
  };
}
