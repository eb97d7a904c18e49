// `check` for Service.
import type { ServiceEndpoint, ServicePort, ServiceSpec, ServiceType, SessionAffinity } from "../../core/types";
import { isIPv4 } from "../../core/cidr";
import { checkPort, checkStringMap, compact, isRecord, checkLabelName } from "../check/common";
import { CheckFailure, Failures, isUnknown } from "../check/failures";
import { dns1123Label } from "../check/names";
import {
  DEFAULT_NODE_PORT_ADDRESSES,
  DEFAULT_NODE_PORT_RANGE,
  inRange,
  parsePortRange,
  PortRange,
} from "../../core/node-ports";
import { loadBalancerIPProblem } from "../../core/load-balancer";

const TYPES: ServiceType[] = ["ClusterIP", "NodePort", "LoadBalancer", "Headless"];
const AFFINITIES: SessionAffinity[] = ["None", "ClientIP"];
const PROTOCOLS = ["TCP", "UDP"];
export const DEFAULT_AFFINITY_SECONDS = 10800;

export function checkService(news: Record<string, unknown>): { inputs: ServiceSpec; failures: CheckFailure[] } {
  const f = new Failures();
  checkLabelName(news.name, "name", f);
  checkLabelName(news.namespace ?? "default", "namespace", f);
  const selector = checkStringMap(news.selector, "selector", f, "labels");
  if (!isUnknown(news.selector) && Object.keys(selector).length === 0) {
    f.add("selector", 'is empty, so it would select no pods; give at least one label, e.g. { app: "web" }');
  }
  const type = (news.type ?? "ClusterIP") as ServiceType;
  if (!isUnknown(type) && !TYPES.includes(type))
    f.add("type", `${JSON.stringify(type)} must be one of ${TYPES.join(", ")}`);
  const sessionAffinity = (news.sessionAffinity ?? "None") as SessionAffinity;
  if (!isUnknown(sessionAffinity) && !AFFINITIES.includes(sessionAffinity))
    f.add("sessionAffinity", `${JSON.stringify(sessionAffinity)} must be None or ClientIP`);
  let timeout = news.sessionAffinityTimeoutSeconds as number | undefined;
  if (sessionAffinity === "ClientIP") timeout ??= DEFAULT_AFFINITY_SECONDS;
  if (timeout !== undefined && !isUnknown(timeout) && (!Number.isInteger(timeout) || timeout < 1 || timeout > 86400)) {
    f.add(
      "sessionAffinityTimeoutSeconds",
      `${JSON.stringify(timeout)} must be a whole number of seconds from 1 to 86400`,
    );
  }
  if (sessionAffinity === "None" && news.sessionAffinityTimeoutSeconds !== undefined)
    f.add("sessionAffinityTimeoutSeconds", "only applies with sessionAffinity ClientIP");
  const endpoints = checkEndpoints(news.endpoints, f);
  // At preview, endpoints of pods not created yet are unknown: named target ports are checked at up.
  // The network checked both; a range not known yet (preview) leaves nodePorts to be checked at up.
  const serviceNodePortRange = (news.serviceNodePortRange ?? DEFAULT_NODE_PORT_RANGE) as string;
  const nodePortAddresses = (news.nodePortAddresses ?? [...DEFAULT_NODE_PORT_ADDRESSES]) as string[];
  const range = isUnknown(serviceNodePortRange) ? undefined : parsePortRange(serviceNodePortRange);
  const nodePorts = range && !("reason" in range) ? { text: serviceNodePortRange, ...range } : undefined;
  const ports = checkServicePorts(news.ports, type, Array.isArray(endpoints) ? endpoints : [], nodePorts, f);
  const loadBalancerIP = news.loadBalancerIP as string | undefined;
  if (loadBalancerIP !== undefined && !isUnknown(loadBalancerIP)) {
    const problem =
      type === "LoadBalancer" ? loadBalancerIPProblem(loadBalancerIP) : "only applies when type is LoadBalancer";
    if (problem) f.add("loadBalancerIP", problem);
  }
  const inputs = compact({
    network: news.network as string,
    namespace: (news.namespace ?? "default") as string,
    name: news.name as string,
    selector,
    type,
    ports,
    sessionAffinity,
    sessionAffinityTimeoutSeconds: sessionAffinity === "ClientIP" ? timeout : undefined,
    endpoints,
    policyFilter: news.policyFilter as ServiceSpec["policyFilter"],
    routerNode: news.routerNode as ServiceSpec["routerNode"],
    clusterNodes: news.clusterNodes as ServiceSpec["clusterNodes"],
    serviceNodePortRange,
    nodePortAddresses,
    loadBalancerIP,
  });
  return { inputs, failures: f.list };
}

function checkServicePorts(
  value: unknown,
  type: ServiceType,
  endpoints: ServiceEndpoint[],
  nodePorts: (PortRange & { text: string }) | undefined,
  f: Failures,
): ServicePort[] {
  if (isUnknown(value)) return value as never;
  if (!Array.isArray(value) || value.length === 0) {
    if (type !== "Headless") f.add("ports", "a service needs at least one port");
    return [];
  }
  const names = new Set<string>();
  const pairs = new Set<string>();
  return value.map((raw, i) => {
    const at = `ports[${i}]`;
    if (!isRecord(raw)) {
      f.add(at, "must be an object with at least port");
      return raw as ServicePort;
    }
    const protocol = (raw.protocol ?? "TCP") as string;
    if (!isUnknown(protocol) && !PROTOCOLS.includes(protocol))
      f.add(`${at}.protocol`, `${JSON.stringify(protocol)} must be TCP or UDP`);
    checkPort(raw.port, `${at}.port`, f);
    const pair = `${raw.port}/${protocol}`;
    if (pairs.has(pair)) f.add(`${at}.port`, `${pair} is declared twice`);
    pairs.add(pair);
    if (raw.name !== undefined) {
      const problem = dns1123Label(raw.name);
      if (problem) f.add(`${at}.name`, problem);
      else if (names.has(raw.name as string)) f.add(`${at}.name`, `duplicate port name "${raw.name}"`);
      names.add(raw.name as string);
    } else if (value.length > 1) f.add(`${at}.name`, "is required when a service has more than one port");
    const targetPort = raw.targetPort ?? raw.port;
    if (typeof targetPort === "string" && !isUnknown(targetPort)) {
      const declaring = endpoints.filter((e) => isRecord(e) && e.namedPorts?.[targetPort] !== undefined);
      if (endpoints.length > 0 && declaring.length === 0)
        f.add(`${at}.targetPort`, `no container of the selected pods declares a port named "${targetPort}"`);
    } else checkPort(targetPort, `${at}.targetPort`, f);
    if (type === "NodePort" && raw.nodePort === undefined)
      f.add(`${at}.nodePort`, "is required when type is NodePort (the port to publish on the Docker host)");
    else if (type === "NodePort" || (type === "LoadBalancer" && raw.nodePort !== undefined))
      checkNodePort(raw.nodePort, `${at}.nodePort`, nodePorts, f);
    else if (raw.nodePort !== undefined) f.add(`${at}.nodePort`, "only applies when type is NodePort or LoadBalancer");
    return { ...raw, protocol, targetPort } as ServicePort;
  });
}

/** As Kubernetes: a nodePort lies in the service node port range, here the PodNetwork's. */
function checkNodePort(
  value: unknown,
  at: string,
  range: (PortRange & { text: string }) | undefined,
  f: Failures,
): void {
  const before = f.list.length;
  checkPort(value, at, f);
  if (f.list.length > before || isUnknown(value) || !range || inRange(value as number, range)) return;
  f.add(
    at,
    `${value} is outside the network's serviceNodePortRange ${range.text}; choose a port in it, or widen serviceNodePortRange on the PodNetwork`,
  );
}

function checkEndpoints(value: unknown, f: Failures): ServiceEndpoint[] {
  if (value === undefined) return [];
  if (isUnknown(value)) return value as never;
  if (!Array.isArray(value)) {
    f.add("endpoints", "must be a list (the SDK computes it from the selector)");
    return [];
  }
  value.forEach((e, i) => {
    if (isUnknown(e)) return;
    if (!isRecord(e) || typeof e.pod !== "string" || (!isIPv4(e.ip) && !isUnknown(e.ip)))
      f.add(`endpoints[${i}]`, "must be { pod, ip, ready }");
    else if (e.hostname !== undefined && !isUnknown(e.hostname) && dns1123Label(e.hostname))
      f.add(`endpoints[${i}].hostname`, dns1123Label(e.hostname)!);
  });
  return value as ServiceEndpoint[];
}
