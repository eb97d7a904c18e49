// What a change to a service asks of Docker, decided before anything is done: pure, from the stored
// state and the checked new inputs, driven by the field table.
import type { ServiceSpec } from "../../core/types";
import type { Actions } from "../diff/actions";
import { diffByTable, keepOldWhereUnknown } from "../diff/field-table";
import { SERVICE_INPUTS, SERVICE_RULES } from "./diff-table";

/** The in-place steps, in the order an update carries them out. */
export type ServiceUpdateStep = "filter" | "dataplane" | "names";

export type ServiceActions = Actions<ServiceUpdateStep>;

export function computeServiceActions(olds: Record<string, unknown>, news: Record<string, unknown>): ServiceActions {
  const table = diffByTable(
    olds,
    keepOldWhereUnknown(olds, news, ["routerNode", "clusterNodes"]),
    SERVICE_INPUTS,
    SERVICE_RULES,
  );
  const replaces = new Set(table.replaces);
  // Published host ports, and the addresses they are bound to, are fixed when the router is created.
  const publishes = (type: unknown) => type === "NodePort" || type === "LoadBalancer";
  if (publishes(olds.type) || publishes(news.type)) {
    if (Array.isArray(news.ports) && nodePortsOf(olds) !== nodePortsOf(news)) replaces.add("ports");
    if (JSON.stringify(olds.nodePortAddresses) !== JSON.stringify(news.nodePortAddresses))
      replaces.add("nodePortAddresses");
  }
  // A headless service has no router: its backends are its DNS records.
  const headless = news.type === "Headless";
  const planned = new Set(table.steps);
  const inPlace: ServiceUpdateStep[] = [];
  if (!headless && planned.has("filter")) inPlace.push("filter");
  // New nodes get the service from the steps that hand it to every node's agent and DNS.
  const handed = planned.has("endpoints") || planned.has("nodes");
  if (!headless && (planned.has("dataplane") || handed)) inPlace.push("dataplane");
  if (planned.has("nodes") || (headless && planned.has("endpoints"))) inPlace.push("names");
  return { changes: table.changes, replaces: [...replaces], inPlace, changed: table.changed };
}

function nodePortsOf(spec: Record<string, unknown>): string {
  return ((spec.ports ?? []) as ServiceSpec["ports"])
    .map((p) => `${p.port}/${p.protocol}:${p.nodePort ?? ""}`)
    .sort()
    .join(",");
}
