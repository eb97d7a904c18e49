// Service: a stable virtual IP (held by a router container) and DNS names, balancing over the ready pods
// the SDK matched with the selector. Endpoint changes update the router's rules in place; the ClusterIP
// and the names never change for the life of the service.
import type { ServiceSpec, ServiceState } from "../../sdk/types/output";
import { diffByTable, keepOldWhereUnknown } from "../diff/field-table";
import { SERVICE_INPUTS, SERVICE_RULES } from "../diff/tables";
import * as containers from "../docker/containers";
import { onEngine } from "../docker/client";
import { messageOf } from "../docker/errors";
import { recordsFileName, renderServiceRecords, serviceNames } from "../rules/dns-records";
import { planOf } from "../rules/service-plan";
import { writeRecords } from "../runtime/cluster-dns";
import { releaseAddress, startOnFreeAddress } from "../runtime/ipam";
import { applyDataplane, applyServiceFilter, installHooks, routerConfig, routerName } from "../runtime/service-router";
import { checkService } from "../validation/service";
import { compact } from "../validation/common";
import { pick, ResourceHandlers } from "./handler";

const HEADLESS = "None";

/** What a service's DNS names resolve to: its ClusterIP, or a headless service's ready endpoints. */
export function addressesFor(spec: ServiceSpec, clusterIP: string): string[] {
  if (spec.type !== "Headless") return [clusterIP];
  return [...new Set(spec.endpoints.filter((e) => e.ready).map((e) => e.ip))].sort();
}

async function publishNames(spec: ServiceSpec, clusterIP: string): Promise<void> {
  await writeRecords(spec.network, recordsFileName(spec.namespace, spec.name), renderServiceRecords(spec.namespace, spec.name, addressesFor(spec, clusterIP)));
}

function nodePortsOf(spec: ServiceSpec): string {
  return spec.ports.map((p) => `${p.port}/${p.protocol}:${p.nodePort ?? ""}`).sort().join(",");
}

export const serviceHandlers: ResourceHandlers = {
  async check(_olds, news) {
    return checkService(news);
  },

  async diff(_id, olds, news) {
    const result = diffByTable(olds, keepOldWhereUnknown(olds, news, ["routerNode"]), SERVICE_INPUTS, SERVICE_RULES);
    const replaces = new Set(result.replaces);
    // Published host ports are fixed when the router is created.
    if (Array.isArray(news.ports) && nodePortsOf(olds as unknown as ServiceSpec) !== nodePortsOf(news as unknown as ServiceSpec) && (olds.type === "NodePort" || news.type === "NodePort")) {
      replaces.add("ports");
    }
    return { changes: result.changes, replaces: [...replaces], deleteBeforeReplace: true };
  },

  async create(inputs) {
    const spec = pick(inputs, SERVICE_INPUTS) as unknown as ServiceSpec;
    return onEngine(spec.routerNode, () => createService(spec));
  },

  async read(id, props) {
    const state = props as unknown as ServiceState;
    return onEngine(state.routerNode, async () => {
      if (state.routerContainerId && !(await containers.inspectContainer(state.routerContainerId))) return {};
      return { id, props };
    });
  },

  async update(_id, olds, news) {
    const state = olds as unknown as ServiceState;
    const spec = pick(news, SERVICE_INPUTS) as unknown as ServiceSpec;
    return onEngine(state.routerNode, () => updateService(state, spec));
  },

  async delete(_id, props) {
    const state = props as unknown as ServiceState;
    await onEngine(state.routerNode, () => deleteService(state));
  },
};

async function createService(spec: ServiceSpec): Promise<{ id: string; outs: ServiceState }> {
  const label = `service ${spec.namespace}/${spec.name}`;
  let routerId: string | undefined;
  let clusterIP = HEADLESS;
  try {
    if (spec.type !== "Headless") {
      const router = await startOnFreeAddress(
        { network: spec.network },
        "service",
        (ip) => containers.createContainer(routerConfig(spec, ip)),
        (id) => containers.startContainer(id, routerName(spec)),
        containers.removeContainer,
      );
      routerId = router.id;
      clusterIP = router.address;
      await installHooks(routerId);
      await applyServiceFilter(routerId, spec.policyFilter);
      await applyDataplane(routerId, planOf(spec, clusterIP));
    }
    await publishNames(spec, clusterIP);
  } catch (err) {
    if (routerId) await containers.removeContainer(routerId);
    if (clusterIP !== HEADLESS) await releaseAddress({ network: spec.network }, clusterIP);
    throw new Error(`${label}: ${messageOf(err)}`);
  }
  const state: ServiceState = compact({ ...spec, clusterIP, dnsName: serviceNames(spec.namespace, spec.name)[0], routerContainerId: routerId });
  return { id: routerId ?? `headless/${spec.network}/${spec.namespace}/${spec.name}`, outs: state };
}

async function updateService(state: ServiceState, spec: ServiceSpec): Promise<{ outs: ServiceState }> {
  if (state.routerContainerId) {
    if (JSON.stringify(state.policyFilter) !== JSON.stringify(spec.policyFilter)) await applyServiceFilter(state.routerContainerId, spec.policyFilter);
    await applyDataplane(state.routerContainerId, planOf(spec, state.clusterIP));
  }
  // A ClusterIP's names never change; a headless service's names follow its endpoints.
  if (spec.type === "Headless") await publishNames(spec, state.clusterIP);
  return { outs: { ...state, ...spec } };
}

async function deleteService(state: ServiceState): Promise<void> {
  await writeRecords(state.network, recordsFileName(state.namespace, state.name), "").catch(() => undefined); // the DNS may be gone already
  if (state.routerContainerId) await containers.removeContainer(state.routerContainerId);
  if (state.clusterIP && state.clusterIP !== HEADLESS) await releaseAddress({ network: state.network }, state.clusterIP);
}
