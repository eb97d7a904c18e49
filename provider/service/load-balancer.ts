// A LoadBalancer service's loopback address: who holds which on the engine, and the choice of one. The
// router carries its address as a label, so that the choice survives this process and `podling get svc`
// can show it; a container of anyone else's that publishes on a loopback address counts as holding it.
import type { ServiceSpec } from "../../core/types";
import { contains } from "../../core/cidr";
import { firstFreeLoadBalancerIP } from "../../core/load-balancer";
import * as containers from "../docker/containers";
import { LABEL } from "../labels";

type Identity = Pick<ServiceSpec, "network" | "namespace" | "name">;

/** Which container holds each loopback address on this engine, described for an error message. */
export async function loadBalancerHolders(except?: Identity): Promise<Map<string, string>> {
  const holders = new Map<string, string>();
  for (const c of await containers.listContainers([])) {
    const l = c.Labels ?? {};
    const own =
      except &&
      l[LABEL.network] === except.network &&
      l[LABEL.namespace] === except.namespace &&
      l[LABEL.service] === except.name;
    if (own) continue;
    const described = l[LABEL.service]
      ? `service ${l[LABEL.namespace]}/${l[LABEL.service]} of network "${l[LABEL.network]}"`
      : `container ${c.Names?.[0]?.replace(/^\//, "") ?? c.Id.slice(0, 12)}`;
    if (l[LABEL.loadBalancerIP]) holders.set(l[LABEL.loadBalancerIP], described);
    for (const p of c.Ports ?? []) if (p.IP && contains("127.0.0.0/8", p.IP)) holders.set(p.IP, described);
  }
  return holders;
}

// One provider process serves every resource of an `up`: services created side by side must not both
// take the lowest free address before either router holds it.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `publish` with the service's address: the one asked for, or the lowest free one. Serialized in
 * this process, so the address is published before the next service chooses.
 */
export function withLoadBalancerIP<T>(spec: ServiceSpec, publish: (ip: string) => Promise<T>): Promise<T> {
  const run = queue.then(async () => {
    const holders = await loadBalancerHolders(spec);
    const ip = spec.loadBalancerIP ?? firstFreeLoadBalancerIP(new Set(holders.keys()));
    if (!ip) throw new Error("every loopback address from 127.0.0.2 to 127.0.0.254 is taken by another service");
    const holder = holders.get(ip);
    if (holder) throw new Error(`loadBalancerIP ${ip} is already published by ${holder}`);
    return publish(ip);
  });
  queue = run.catch(() => undefined);
  return run;
}
