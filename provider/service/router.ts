// A service's router: a container that holds the ClusterIP on the pod network and forwards connections
// to the endpoints with kernel NAT rules (kube-proxy's iptables mode, in one network namespace). Only
// it has NET_ADMIN. Its current dataplane is kept in a file inside it, so a deleted pod can be taken out
// of every service at once, before its containers stop.
import type { ContainerCreateOptions } from "../docker/types";
import type { ServiceEndpoint, ServiceFilter, ServiceSpec } from "../../core/types";
import * as containers from "../docker/containers";
import { LABEL, networkLabels } from "../labels";
import { log } from "../log";
import { renderRouterHooks, renderServiceRules, ServiceDataplane } from "../rules/service-rules";
import { withoutAddress } from "../rules/service-plan";
import { renderServiceFilter } from "../rules/policy-rules";
import { NETUTIL_IMAGE, readFileIn, restoreRules, writeFileIn } from "../docker/netutil";
import { DEFAULT_NODE_PORT_ADDRESSES, hostIpOf } from "../../core/node-ports";
import type { SystemEntry } from "../agent/contract";
import { agentReport, entryKey, holdTrue, letGo } from "../agent/desired-state";
import { onEveryNode } from "./every-node";

const PLAN_FILE = "/run/podling-dataplane.json";

export function routerName(spec: Pick<ServiceSpec, "network" | "namespace" | "name">): string {
  return `svc.${spec.network}_${spec.namespace}_${spec.name}`;
}

/** `loadBalancerIP`: a LoadBalancer service's loopback address, where its ports are published as they are. */
export function routerConfig(spec: ServiceSpec, clusterIP: string, loadBalancerIP?: string): ContainerCreateOptions {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const p of spec.ports) {
    // Only on the network's nodePortAddresses: Docker's published ports bypass the host's firewall.
    const published = [
      ...(p.nodePort === undefined
        ? []
        : (spec.nodePortAddresses ?? DEFAULT_NODE_PORT_ADDRESSES).map((entry) => ({
            HostIp: hostIpOf(entry),
            HostPort: String(p.nodePort),
          }))),
      ...(loadBalancerIP ? [{ HostIp: loadBalancerIP, HostPort: String(p.port) }] : []),
    ];
    if (published.length === 0) continue;
    const key = `${p.port}/${p.protocol.toLowerCase()}`;
    exposed[key] = {};
    bindings[key] = published;
  }
  return {
    name: routerName(spec),
    Image: NETUTIL_IMAGE,
    Entrypoint: ["sleep", "infinity"],
    Labels: {
      ...networkLabels(spec.network, spec.owner),
      [LABEL.role]: "service",
      [LABEL.namespace]: spec.namespace,
      [LABEL.service]: spec.name,
      ...(loadBalancerIP ? { [LABEL.loadBalancerIP]: loadBalancerIP } : {}),
    },
    ExposedPorts: exposed,
    HostConfig: {
      NetworkMode: spec.network,
      CapAdd: ["NET_ADMIN"],
      Sysctls: { "net.ipv4.ip_forward": "1" },
      PortBindings: bindings,
      RestartPolicy: { Name: "unless-stopped" },
    },
    NetworkingConfig: { EndpointsConfig: { [spec.network]: { IPAMConfig: { IPv4Address: clusterIP } } } },
  };
}

/** Hooks our chains into the router's nat table; done once, when the router starts. */
export async function installHooks(routerId: string): Promise<void> {
  await restoreRules(routerId, renderRouterHooks());
}

/** The router's filter table, wholly ours: the network policies of the traffic it forwards. */
export async function applyServiceFilter(routerId: string, filter: ServiceFilter | undefined): Promise<void> {
  await restoreRules(routerId, renderServiceFilter(filter), true);
}

export async function applyDataplane(routerId: string, plan: ServiceDataplane): Promise<void> {
  const previousText = await readFileIn(routerId, PLAN_FILE);
  const previous = previousText ? (JSON.parse(previousText) as ServiceDataplane) : undefined;
  await restoreRules(routerId, renderServiceRules(plan, previous));
  await writeFileIn(routerId, PLAN_FILE, JSON.stringify(plan));
}

/**
 * The endpoints as the router's rules have them now, through the archive API: ready where the plan the
 * agent (or, without one, the provider) last loaded sends them traffic. Undefined when the router has no plan.
 */
export async function liveEndpoints(
  spec: Pick<ServiceSpec, "endpoints">,
  routerId: string,
): Promise<ServiceEndpoint[] | undefined> {
  const text = (await containers.readFiles(routerId, PLAN_FILE).catch(() => undefined))?.[0]?.content;
  if (!text) return undefined;
  const plan = JSON.parse(text) as ServiceDataplane;
  const serving = new Set(plan.ports.flatMap((p) => p.targets.map((t) => t.pod)));
  return spec.endpoints.map((e) => ({ ...e, ready: serving.has(e.pod) }));
}

/** What the agent last reported failing for the service's router. */
export async function routerError(spec: ServiceSpec): Promise<string | undefined> {
  return (await agentReport(spec.network, routerKey(spec)))?.error;
}

/** Takes one pod address out of every service router on the network. Best effort: deletion goes on. */
export async function withdrawFromRouters(network: string, podIP: string): Promise<void> {
  const routers = await containers.listContainers([`${LABEL.network}=${network}`, `${LABEL.role}=service`]);
  await Promise.all(
    routers
      .filter((r) => r.State === "running")
      .map(async (r) => {
        try {
          const text = await readFileIn(r.Id, PLAN_FILE);
          if (!text) return;
          const plan = JSON.parse(text) as ServiceDataplane;
          if (!plan.ports.some((p) => p.targets.some((t) => t.ip === podIP))) return;
          await applyDataplane(r.Id, withoutAddress(plan, podIP));
        } catch (err) {
          log.debug(`could not withdraw ${podIP} from router ${r.Names[0]}: ${String(err)}`);
        }
      }),
  );
}

/**
 * Pure: what the router's namespace holds, for the agent to load into a new start: the hooks and the filter
 * in that order, then the NAT rules, which the agent renders itself over the endpoints ready at that time.
 */
export function routerEntry(spec: ServiceSpec, routerId: string, clusterIP: string, syncedStart: string): SystemEntry {
  return {
    version: 1,
    kind: "system",
    namespace: spec.namespace,
    name: spec.name,
    container: routerId,
    restore: [
      { rules: renderRouterHooks(), noflush: true },
      { rules: renderServiceFilter(spec.policyFilter), noflush: false },
    ],
    service: {
      namespace: spec.namespace,
      name: spec.name,
      clusterIP,
      sessionAffinity: spec.sessionAffinity,
      ...(spec.sessionAffinityTimeoutSeconds !== undefined
        ? { sessionAffinityTimeoutSeconds: spec.sessionAffinityTimeoutSeconds }
        : {}),
      ports: spec.ports.map(({ name, port, targetPort, protocol }) => ({
        ...(name !== undefined ? { name } : {}),
        port,
        targetPort,
        protocol,
      })),
      endpoints: spec.endpoints.map(({ pod, ip, ready, namedPorts }) => ({
        pod,
        ip,
        ready,
        ...(namedPorts ? { namedPorts } : {}),
      })),
      ...selectorOf(spec),
    },
    syncedStart,
  };
}

/** The selector the agent matches against its pods' labels, so a Deployment's pods are endpoints too. */
export function selectorOf(spec: Pick<ServiceSpec, "selector">): { selector?: Record<string, string> } {
  return spec.selector && Object.keys(spec.selector).length > 0 ? { selector: spec.selector } : {};
}

/**
 * Hands the router to the network's agent, which from then on keeps its endpoints to the ready pods; on a
 * cluster, to every node's agent, which translates the service in its own pods (only the home's has the router).
 */
export async function handRouterToAgent(spec: ServiceSpec, routerId: string, clusterIP: string): Promise<void> {
  const router = await containers.inspectContainer(routerId);
  if (!router) return;
  const entry = routerEntry(spec, routerId, clusterIP, router.State.StartedAt);
  await onEveryNode(spec, () => holdTrue(spec.network, routerKey(spec), entry));
}

export async function takeRouterFromAgent(
  spec: Pick<ServiceSpec, "network" | "namespace" | "name" | "clusterNodes">,
): Promise<void> {
  await onEveryNode(spec, () => letGo(spec.network, routerKey(spec)));
}

function routerKey(spec: Pick<ServiceSpec, "network" | "namespace" | "name">): string {
  return entryKey("system", routerName(spec));
}
