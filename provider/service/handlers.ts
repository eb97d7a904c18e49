// Service: a stable virtual IP (held by a router container) and DNS names, balancing over the ready pods
// the SDK matched with the selector. Endpoint changes update the router's rules in place; the ClusterIP
// and the names never change for the life of the service.
import type { ServiceSpec, ServiceState } from "../../core/types";
import { SERVICE_INPUTS } from "./diff-table";
import { describeActions } from "../diff/actions";
import { log } from "../log";
import { computeServiceActions, ServiceUpdateStep } from "./plan";
import * as containers from "../docker/containers";
import { onEngine } from "../docker/client";
import { isConflict, messageOf } from "../docker/errors";
import { NamedAddress, recordsFileName, renderServiceRecords, serviceDnsName } from "../rules/dns-records";
import { planOf } from "../rules/service-plan";
import { writeRecords } from "../pod-network/cluster-dns";
import { releaseAddress, startOnFreeAddress } from "../pod-network/ipam";
import {
  applyDataplane,
  applyServiceFilter,
  handRouterToAgent,
  liveEndpoints,
  routerError,
  installHooks,
  routerConfig,
  routerName,
  takeRouterFromAgent,
} from "./router";
import { checkService } from "./check";
import { loadBalancerHolders, withLoadBalancerIP } from "./load-balancer";
import { CheckFailure, isUnknown } from "../check/failures";
import { handRecordsToAgent, takeRecordsFromAgent } from "./headless";
import { onEveryNode } from "./every-node";
import { compact } from "../check/common";
import { checkOwned, pick, pickOwned, ResourceHandlers } from "../handler";
import { ownershipOf } from "../labels";
import { describeOtherOwner } from "../../core/owner";

const HEADLESS = "None";

/** What a service's DNS names resolve to: its ClusterIP, or a headless service's ready endpoints. */
export function addressesFor(spec: ServiceSpec, clusterIP: string): string[] {
  if (spec.type !== "Headless") return [clusterIP];
  return [...new Set(spec.endpoints.filter((e) => e.ready).map((e) => e.ip))].sort();
}

/** A headless service's ready endpoints that carry a hostname (pods whose subdomain is its name). */
export function namedAddressesFor(spec: ServiceSpec): NamedAddress[] {
  if (spec.type !== "Headless") return [];
  return spec.endpoints.flatMap((e) => (e.ready && e.hostname ? [{ hostname: e.hostname, ip: e.ip }] : []));
}

/** Into every node's DNS (on one engine, the one DNS). */
async function publishNames(spec: ServiceSpec, clusterIP: string): Promise<void> {
  const text = renderServiceRecords(spec.namespace, spec.name, addressesFor(spec, clusterIP), namedAddressesFor(spec));
  await onEveryNode(spec, () => writeRecords(spec.network, recordsFileName(spec.namespace, spec.name), text));
}

export const serviceHandlers: ResourceHandlers = {
  check: checkOwned(async (_olds, news) => {
    const result = checkService(news);
    const failure = await loadBalancerClash(result.inputs);
    return failure ? { ...result, failures: [...result.failures, failure] } : result;
  }),

  async diff(_id, olds, news) {
    const { changes, replaces } = computeServiceActions(olds, news);
    return { changes, replaces, deleteBeforeReplace: true };
  },

  async create(inputs) {
    const spec = pickOwned(inputs, SERVICE_INPUTS) as unknown as ServiceSpec;
    return onEngine(spec.routerNode, () => createService(spec));
  },

  async read(id, props) {
    const state = props as unknown as ServiceState;
    return onEngine(state.routerNode, async () => {
      const router = state.routerContainerId;
      if (!router) return { id, props };
      if (!(await containers.inspectContainer(router))) return {};
      const { liveEndpoints: _live, agentError: _error, ...rest } = state;
      const [live, agentError] = await Promise.all([liveEndpoints(state, router), routerError(state)]);
      return { id, props: compact({ ...rest, liveEndpoints: live, agentError }) };
    });
  },

  async update(_id, olds, news) {
    const state = olds as unknown as ServiceState;
    const spec = pick(news, SERVICE_INPUTS) as unknown as ServiceSpec;
    const actions = computeServiceActions(olds, news);
    log.debug(`service ${spec.namespace}/${spec.name}: ${describeActions(actions).trimEnd()}`);
    return onEngine(state.routerNode, () => updateService(state, spec, actions.inPlace));
  },

  async delete(_id, props) {
    const state = props as unknown as ServiceState;
    await onEngine(state.routerNode, () => deleteService(state));
  },
};

/**
 * A loadBalancerIP asked for that another service or container already publishes on fails at preview.
 * Only when the engine answers then: create checks again, under the lock that allocates addresses.
 */
async function loadBalancerClash(spec: ServiceSpec): Promise<CheckFailure | undefined> {
  const ip = spec.loadBalancerIP;
  if (spec.type !== "LoadBalancer" || typeof ip !== "string" || isUnknown(ip) || isUnknown(spec.routerNode)) return;
  const holders = await onEngine(spec.routerNode, () => loadBalancerHolders(spec)).catch(() => undefined);
  const holder = holders?.get(ip);
  return holder ? { property: "loadBalancerIP", reason: `${ip} is already published by ${holder}` } : undefined;
}

async function createService(spec: ServiceSpec): Promise<{ id: string; outs: ServiceState }> {
  const label = `service ${spec.namespace}/${spec.name}`;
  let routerId: string | undefined;
  let clusterIP = HEADLESS;
  let loadBalancerIP: string | undefined;
  try {
    if (spec.type !== "Headless") {
      const startRouter = (publishOn?: string) =>
        startOnFreeAddress(
          { network: spec.network },
          "service",
          (ip) => containers.createContainer(routerConfig(spec, ip, publishOn)),
          (id) => containers.startContainer(id, routerName(spec)),
          containers.removeContainer,
        );
      const router =
        spec.type === "LoadBalancer"
          ? await withLoadBalancerIP(spec, (ip) => {
              loadBalancerIP = ip;
              return startRouter(ip);
            })
          : await startRouter();
      routerId = router.id;
      clusterIP = router.address;
      await installHooks(routerId);
      await applyServiceFilter(routerId, spec.policyFilter);
      await applyDataplane(routerId, planOf(spec, clusterIP));
      await handRouterToAgent(spec, routerId, clusterIP);
    }
    await publishNames(spec, clusterIP);
    if (clusterIP === HEADLESS) await handRecordsToAgent(spec);
  } catch (err) {
    if (routerId) await containers.removeContainer(routerId);
    if (clusterIP !== HEADLESS) await releaseAddress({ network: spec.network }, clusterIP);
    const holder = isConflict(err) ? await containers.inspectContainer(routerName(spec)) : undefined;
    const ownership = holder && ownershipOf(holder.Config.Labels, spec.owner);
    if (ownership && ownership.kind !== "ours") {
      const whose =
        ownership.kind === "theirs"
          ? `belongs to ${describeOtherOwner(ownership.owner, spec.owner)}`
          : "exists without an owner label (an older Podling made it)";
      throw new Error(
        `${label} on network "${spec.network}" already ${whose}; Podling touched none of it: give this service another name or namespace`,
      );
    }
    throw new Error(`${label}: ${messageOf(err)}`);
  }
  const state: ServiceState = compact({
    ...spec,
    clusterIP,
    dnsName: serviceDnsName(spec.namespace, spec.name),
    routerContainerId: routerId,
    status: loadBalancerIP ? { loadBalancer: { ingress: [{ ip: loadBalancerIP }] } } : undefined,
  });
  return { id: routerId ?? `headless/${spec.network}/${spec.namespace}/${spec.name}`, outs: state };
}

/**
 * Carries out an update's plan in steps: (1) the router's filter, (2) its NAT rules, (3) a headless service's
 * names.
 */
async function updateService(
  state: ServiceState,
  spec: ServiceSpec,
  inPlace: readonly ServiceUpdateStep[],
): Promise<{ outs: ServiceState }> {
  const router = state.routerContainerId;
  if (router && inPlace.includes("filter")) await applyServiceFilter(router, spec.policyFilter);
  if (router && inPlace.includes("dataplane")) await applyDataplane(router, planOf(spec, state.clusterIP));
  if (router && (inPlace.includes("filter") || inPlace.includes("dataplane")))
    await handRouterToAgent(spec, router, state.clusterIP);
  // A ClusterIP's names never change; a headless service's names follow its endpoints.
  if (inPlace.includes("names")) {
    await publishNames(spec, state.clusterIP);
    if (state.clusterIP === HEADLESS) await handRecordsToAgent(spec);
  }
  // What refresh read of the router is out of date now; the next refresh reads it again.
  const { liveEndpoints: _live, agentError: _error, ...kept } = state;
  return { outs: { ...kept, ...spec } };
}

async function deleteService(state: ServiceState): Promise<void> {
  if (state.clusterIP === HEADLESS) await takeRecordsFromAgent(state);
  await onEveryNode(state, () =>
    writeRecords(state.network, recordsFileName(state.namespace, state.name), "").catch(() => undefined),
  ); // the DNS may be gone already
  if (state.routerContainerId) {
    await takeRouterFromAgent(state);
    await containers.removeContainer(state.routerContainerId);
  }
  if (state.clusterIP && state.clusterIP !== HEADLESS)
    await releaseAddress({ network: state.network }, state.clusterIP);
}
