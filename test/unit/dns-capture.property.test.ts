// No declaration can shadow an outside name. Pods ask the cluster DNS, which answers its records and passes
// dotted names on to Docker's resolver, which answers every container name and alias on the network, each
// also as `<name>.<network>`. So: every such Docker name holds a "_" (no host name does), and every record
// is a name under cluster.local, a domain the cluster DNS keeps to itself (`--local`).
import * as fc from "fast-check";
import type { PodSpec, ServiceSpec } from "../../core/types";
import { layoutOf } from "../../core/cidr";
import { sandboxConfig } from "../../provider/pod/sandbox-config";
import { routerConfig } from "../../provider/service/router";
import { clusterDnsConfig } from "../../provider/pod-network/cluster-dns";
import { CLUSTER_DOMAIN, renderPodRecords, renderServiceRecords } from "../../provider/rules/dns-records";
import type { ContainerCreateOptions } from "../../provider/docker/types";
import { RUNS } from "../support/arbitraries";

/** A Kubernetes DNS label, as check accepts for network, namespace and object names; TLDs included. */
const label = fc.oneof(
  fc.constantFrom("com", "dev", "io", "local", "svc", "cluster", "github", "default"),
  fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,14}[a-z0-9])?$/),
);

/** Whether `name` could be an outside host name: dot-separated labels of letters, digits and "-". */
const hostLike = (name: string) => /^[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(name);

/** Every name Docker's resolver answers for a container on `network`. */
function dockerNames(config: ContainerCreateOptions, network: string): string[] {
  const aliases = config.NetworkingConfig?.EndpointsConfig?.[network]?.Aliases ?? [];
  return [config.name!, ...aliases].flatMap((n) => [n, `${n}.${network}`]);
}

const layout = layoutOf("10.1.0.0/24");

function pod(network: string, namespace: string, name: string): PodSpec {
  return {
    network,
    namespace,
    name,
    labels: {},
    restartPolicy: "Always",
    containers: [{ name: "main", image: "busybox" }],
  } as unknown as PodSpec;
}

function service(network: string, namespace: string, name: string): ServiceSpec {
  return {
    network,
    namespace,
    name,
    selector: { app: name },
    type: "ClusterIP",
    sessionAffinity: "None",
    ports: [{ port: 80, targetPort: 80, protocol: "TCP" }],
    endpoints: [],
  } as unknown as ServiceSpec;
}

describe("DNS capture", () => {
  it("no container Podling puts on a network answers in Docker's resolver to a host name", () => {
    fc.assert(
      fc.property(label, label, label, (network, namespace, name) => {
        const names = [
          ...dockerNames(sandboxConfig(pod(network, namespace, name), "10.1.0.5", layout), network),
          ...dockerNames(routerConfig(service(network, namespace, name), "10.1.0.230"), network),
          ...dockerNames(clusterDnsConfig(network, layout.dnsIP!, undefined), network),
        ];
        expect(names.filter(hostLike)).toEqual([]);
      }),
      RUNS,
    );
  });

  it("a pod's name is no alias on the network", () => {
    const config = sandboxConfig(pod("com", "default", "github"), "10.1.0.5", layout);
    expect(config.NetworkingConfig?.EndpointsConfig?.com?.Aliases ?? []).toEqual([]);
  });

  it("a service's records are only its name under svc.cluster.local, the cluster DNS's own domain", () => {
    expect(clusterDnsConfig("net", layout.dnsIP!, undefined).Cmd).toContain(`--local=/${CLUSTER_DOMAIN}/`);
    fc.assert(
      fc.property(label, label, (namespace, name) => {
        const names = renderServiceRecords(namespace, name, ["10.1.0.230"]).trim().split(/\s+/).slice(1);
        expect(names).toEqual([`${name}.${namespace}.svc.${CLUSTER_DOMAIN}`]);
      }),
      RUNS,
    );
  });

  it("a pod's records are only names under the service's or the pod's cluster.local domain", () => {
    fc.assert(
      fc.property(label, label, label, (namespace, name, hostname) => {
        const lines = [
          ...renderServiceRecords(namespace, name, [], [{ hostname, ip: "10.1.0.5" }])
            .trim()
            .split("\n"),
          ...renderPodRecords(namespace, "10.1.0.5").trim().split("\n"),
        ];
        expect(lines.map((l) => l.split(" ")[1])).toEqual([
          `${hostname}.${name}.${namespace}.svc.${CLUSTER_DOMAIN}`,
          `10-1-0-5.${namespace}.pod.${CLUSTER_DOMAIN}`,
        ]);
      }),
      RUNS,
    );
  });

  it("the cluster DNS passes no bare name on to Docker's resolver, which knows every pod's hostname", () => {
    expect(clusterDnsConfig("net", layout.dnsIP!, undefined).Cmd).toContain("--domain-needed");
  });
});
