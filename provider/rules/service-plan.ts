// From a service's spec to its dataplane: which ready endpoint gets which port. Pure.
import type { ServiceSpec } from "../../core/types";
import type { ServiceDataplane } from "./service-rules";

export function planOf(spec: ServiceSpec, clusterIP: string): ServiceDataplane {
  const ready = [...spec.endpoints].filter((e) => e.ready).sort((a, b) => a.pod.localeCompare(b.pod));
  return {
    service: `${spec.namespace}/${spec.name}`,
    clusterIP,
    affinitySeconds: spec.sessionAffinity === "ClientIP" ? spec.sessionAffinityTimeoutSeconds : undefined,
    ports: spec.ports.map((p) => ({
      name: p.name ?? "",
      port: p.port,
      protocol: p.protocol,
      targets: ready.flatMap((e) => {
        // Own properties only: a port named like an Object member ("constructor") is not one.
        const named =
          e.namedPorts && Object.hasOwn(e.namedPorts, p.targetPort) ? e.namedPorts[p.targetPort] : undefined;
        const port = typeof p.targetPort === "number" ? p.targetPort : named;
        return port === undefined ? [] : [{ pod: e.pod, ip: e.ip, port }];
      }),
    })),
  };
}

/** The same dataplane without one pod address: how a deleted pod leaves its services at once. */
export function withoutAddress(plan: ServiceDataplane, ip: string): ServiceDataplane {
  return { ...plan, ports: plan.ports.map((p) => ({ ...p, targets: p.targets.filter((t) => t.ip !== ip) })) };
}
