import * as pulumi from "@pulumi/pulumi";
import type { PodNetwork } from "./pod-network";
import { serviceFilterFor } from "../core/policy";
import { matchesLabels } from "../core/selector";
import {
  claimName,
  DeclaredDeployment,
  DeclaredPod,
  declarationsOn,
  Declarations,
  PodOutputs,
  registerService,
} from "./pod-registry";
import { policyWorldOf } from "./policy-world";
import { PodlingResource } from "./podling-resource";
import type {
  Container,
  Protocol,
  ServiceEndpoint,
  ServiceFilter,
  ServicePort,
  ServiceStatus,
  ServiceType,
  SessionAffinity,
} from "../core/types";

export interface ServicePortArgs {
  name?: pulumi.Input<string>;
  port: pulumi.Input<number>;
  /** A number, or the name of a container port. Default: `port`. */
  targetPort?: pulumi.Input<number | string>;
  /** "TCP" (default) or "UDP". */
  protocol?: pulumi.Input<Protocol>;
  /**
   * With type NodePort (required) or LoadBalancer (optional): the port published on the Docker host, within
   * the network's serviceNodePortRange, on its nodePortAddresses.
   */
  nodePort?: pulumi.Input<number>;
}

export interface ServiceArgs {
  network: PodNetwork;
  /** Default: the resource name. */
  name?: pulumi.Input<string>;
  /** Default "default". Only pods of this namespace are selected. */
  namespace?: pulumi.Input<string>;
  /** Pods whose labels include all of these are the endpoints. */
  selector: pulumi.Input<Record<string, pulumi.Input<string>>>;
  ports?: pulumi.Input<pulumi.Input<ServicePortArgs>[]>;
  /**
   * "ClusterIP" (default), "NodePort", "LoadBalancer" (its own loopback address on the Docker host, where
   * its ports are published as they are: `curl http://127.0.0.2/`), or "Headless" (no virtual IP: the
   * name resolves to the pods).
   */
  type?: pulumi.Input<ServiceType>;
  /** With type LoadBalancer: the loopback address to publish on (127.0.0.2-127.0.0.254); default: the lowest free. */
  loadBalancerIP?: pulumi.Input<string>;
  /** "None" (default) or "ClientIP": one client keeps its backend. */
  sessionAffinity?: pulumi.Input<SessionAffinity>;
  /** Default 10800. */
  sessionAffinityTimeoutSeconds?: pulumi.Input<number>;
}

/**
 * A service: a stable virtual IP and DNS names (`web`, `web.default`, `web.default.svc.cluster.local`
 * from any pod of the network) that balance connections over the ready pods its selector matches.
 *
 * Endpoints come from the pods this program declares on the same PodNetwork; Pulumi's dependency graph
 * updates the service in place whenever they change, and a deleted pod leaves the service before its
 * containers stop. Ready when the virtual IP forwards and the names resolve.
 *
 * @example
 * new podling.Service("web", {
 *   network: net,
 *   selector: { app: "web" },
 *   ports: [{ name: "http", port: 80, targetPort: "http" }],
 * });
 */
export class Service extends PodlingResource {
  declare public readonly network: pulumi.Output<string>;
  declare public readonly namespace: pulumi.Output<string>;
  declare public readonly selector: pulumi.Output<Record<string, string>>;
  declare public readonly type: pulumi.Output<ServiceType>;
  declare public readonly ports: pulumi.Output<ServicePort[]>;
  /** The stable virtual IP, or "None" when Headless. */
  declare public readonly clusterIP: pulumi.Output<string>;
  /** "<name>.<namespace>.svc.cluster.local". */
  declare public readonly dnsName: pulumi.Output<string>;
  declare public readonly endpoints: pulumi.Output<ServiceEndpoint[]>;
  /** As the last `refresh` read them: `ready` is whether the endpoint gets traffic now, as the node agent decided. */
  declare public readonly liveEndpoints: pulumi.Output<ServiceEndpoint[] | undefined>;
  /** What the node agent could not load for this service, as the last `refresh` read it. */
  declare public readonly agentError: pulumi.Output<string | undefined>;
  /** With type LoadBalancer: `status.loadBalancer.ingress[0].ip` is the address the host reaches it at. */
  declare public readonly status: pulumi.Output<ServiceStatus | undefined>;

  constructor(name: string, args: ServiceArgs, opts?: pulumi.CustomResourceOptions) {
    if (!args?.network) throw new pulumi.RunError(`Service "${name}": network is required (pass a PodNetwork)`);
    claimName("Service", args.network, args.namespace, args.name ?? name, name);
    rememberNodePorts(name, args.ports);
    rememberLoadBalancerIP(name, args.loadBalancerIP);
    const namespace = args.namespace ?? "default";
    const declarations = declarationsOn(args.network, `Service "${name}"`);
    const endpoints = endpointsOf(
      declarations,
      namespace,
      args.name ?? name,
      args.selector,
      args.network.clusterNodeNames !== undefined,
    );
    super(
      "Service",
      name,
      {
        network: args.network.networkName,
        routerNode: args.network.clusterLayout.apply((layout) => layout?.home),
        clusterNodes: args.network.clusterLayout.apply((layout) => layout?.nodes),
        serviceNodePortRange: args.network.serviceNodePortRange,
        nodePortAddresses: args.network.nodePortAddresses,
        name: args.name ?? name,
        namespace: args.namespace,
        selector: args.selector,
        type: args.type,
        ports: args.ports,
        sessionAffinity: args.sessionAffinity,
        sessionAffinityTimeoutSeconds: args.sessionAffinityTimeoutSeconds,
        loadBalancerIP: args.loadBalancerIP,
        endpoints,
        policyFilter: policyFilterOf(declarations, endpoints),
        clusterIP: undefined,
        dnsName: undefined,
        routerContainerId: undefined,
        liveEndpoints: undefined,
        agentError: undefined,
        status: undefined,
      },
      opts,
    );
    registerService(args.network, { clusterIP: this.clusterIP, endpoints: this.endpoints });
  }
}

/** While the network has policies: what the router must enforce, since backends see it, not the client. */
function policyFilterOf(
  declarations: Promise<Declarations>,
  endpoints: pulumi.Output<ServiceEndpoint[]>,
): pulumi.Output<ServiceFilter | undefined> {
  // Through a promise, not pulumi.output(declarations): that would unwrap every declared output in it.
  return pulumi.output(
    declarations.then((d) =>
      d.policies.length === 0
        ? undefined
        : pulumi.all([policyWorldOf(d), endpoints]).apply(([world, eps]) =>
            serviceFilterFor(
              eps.map((e) => e.pod),
              world,
            ),
          ),
    ),
  );
}

/**
 * The declared pods the selector selects. On a Cluster also a Deployment's pods: off one, the node agent
 * selects those itself as they come and go, and naming them here would change the service after each
 * rollout.
 */
function endpointsOf(
  declarations: Promise<Declarations>,
  namespace: pulumi.Input<string>,
  service: pulumi.Input<string>,
  selector: ServiceArgs["selector"],
  onCluster: boolean,
): pulumi.Output<ServiceEndpoint[]> {
  const pods = pulumi.output(
    declarations.then((d) =>
      pulumi
        .all([
          pulumi.all(d.pods.map((p) => candidateOf(p.outputs, p.dnsNames ?? {}))),
          pulumi.all(onCluster ? d.deployments.map(deploymentCandidatesOf) : []),
        ])
        .apply(([declared, ofDeployments]) => [...declared, ...ofDeployments.flat()]),
    ),
  );
  return pulumi.all([pods, namespace, service, selector]).apply(([pods, ns, svc, sel]) =>
    pods
      .filter((p) => p.namespace === ns && Object.keys(sel ?? {}).length > 0 && matchesLabels(sel ?? {}, p.labels))
      .map((p) => (p.subdomain === svc ? { ...p.endpoint, hostname: p.hostname } : p.endpoint))
      .sort((a, b) => a.pod.localeCompare(b.pod)),
  );
}

/** A pod as a possible endpoint: what selection reads, and the endpoint it would be. */
interface Candidate {
  namespace: string;
  labels: Record<string, string>;
  endpoint: ServiceEndpoint;
  hostname: string;
  subdomain?: string;
}

function candidateOf(pod: PodOutputs, dnsNames: NonNullable<DeclaredPod["dnsNames"]>): pulumi.Output<Candidate> {
  return pulumi
    .all([
      pod.namespace,
      pod.labels,
      pod.podName,
      pod.podIP,
      pod.ready,
      pod.containers,
      dnsNames.hostname,
      dnsNames.subdomain,
    ])
    .apply(([ns, labels, name, ip, ready, containers, hostname, subdomain]) => ({
      namespace: ns,
      labels: labels ?? {},
      endpoint: { pod: `${ns}/${name}`, ip, ready: ready === true, namedPorts: namedPortsOf(containers) },
      hostname: hostname ?? name,
      subdomain,
    }));
}

/** A Deployment's pods as possible endpoints; a terminating pod (its node is lost) is none. */
function deploymentCandidatesOf(d: DeclaredDeployment): pulumi.Output<Candidate[]> {
  return pulumi
    .all([d.namespace, d.labels, d.containers, d.pods])
    .apply(([ns, labels, containers, pods]): Candidate[] =>
      (pods ?? [])
        .filter((p) => !p.terminating)
        .map((p) => ({
          namespace: ns,
          labels: { ...labels, "pod-template-hash": p.hash },
          endpoint: { pod: `${ns}/${p.name}`, ip: p.ip, ready: p.ready, namedPorts: namedPortsOf(containers) },
          hostname: p.name,
        })),
    );
}

function namedPortsOf(containers: Container[] | undefined): Record<string, number> {
  const named: Record<string, number> = {};
  for (const port of (containers ?? []).flatMap((c) => c.ports ?? []))
    if (port.name) named[port.name] = port.containerPort;
  return named;
}

// Two services of one program must not publish one host port. Only literal values can be compared here.
const nodePorts = new Map<string, string>();

export function rememberNodePorts(service: string, ports: ServiceArgs["ports"]): void {
  if (!Array.isArray(ports)) return;
  ports.forEach((p, i) => {
    if (!p || typeof p !== "object" || pulumi.Output.isInstance(p)) return;
    const port = p as ServicePortArgs;
    if (typeof port.nodePort !== "number") return;
    const key = `${port.nodePort}/${typeof port.protocol === "string" ? port.protocol : "TCP"}`;
    const owner = nodePorts.get(key);
    if (owner)
      throw new pulumi.RunError(
        `Service "${service}": ports[${i}].nodePort ${key} is already published by Service "${owner}" in this program`,
      );
    nodePorts.set(key, service);
  });
}

// Nor one loopback address: LoadBalancer services each have their own.
const loadBalancerIPs = new Map<string, string>();

export function rememberLoadBalancerIP(service: string, ip: ServiceArgs["loadBalancerIP"]): void {
  if (typeof ip !== "string") return;
  const owner = loadBalancerIPs.get(ip);
  if (owner)
    throw new pulumi.RunError(
      `Service "${service}": loadBalancerIP ${ip} is already asked for by Service "${owner}" in this program`,
    );
  loadBalancerIPs.set(ip, service);
}
