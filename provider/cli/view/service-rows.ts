// A service's kubectl columns (TYPE, CLUSTER-IP, EXTERNAL-IP, PORT(S)) and its endpoints as
// `kubectl get endpoints` lists them. Pure.
import { ageOf } from "./age";
import type { EndpointAddress, ServiceView } from "../read/model";

export const SERVICE_HEADERS = ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"];
export const SERVICE_WIDE_HEADERS = [...SERVICE_HEADERS, "ENDPOINTS"];

/** kubectl lists this many endpoints, then says how many more there are. */
const ENDPOINTS_SHOWN = 3;

export function serviceRow(svc: ServiceView, now: number, wide: boolean): string[] {
  const row = [
    svc.name,
    svc.type === "Headless" ? "ClusterIP" : svc.type,
    svc.type === "Headless" ? "None" : (svc.clusterIP ?? "<unknown>"),
    svc.externalIP ?? "<none>",
    portsColumn(svc),
    ageOf(svc.created, now),
  ];
  return wide ? [...row, endpointsColumn(svc.readyEndpoints)] : row;
}

/** "80/TCP", "80:30080/TCP" for a nodePort, comma-separated; "<unknown>" where the engine has no record. */
export function portsColumn(svc: ServiceView): string {
  if (!svc.ports) return "<unknown>";
  if (svc.ports.length === 0) return "<none>";
  return svc.ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ""}/${p.protocol}`).join(",");
}

export function endpointsColumn(endpoints: EndpointAddress[]): string {
  if (endpoints.length === 0) return "<none>";
  const shown = endpoints
    .slice(0, ENDPOINTS_SHOWN)
    .map((e) => (e.port === undefined ? e.ip : `${e.ip}:${e.port}`))
    .join(",");
  const more = endpoints.length - ENDPOINTS_SHOWN;
  return more > 0 ? `${shown} + ${more} more...` : shown;
}
