// LoadBalancer services' addresses: each gets one loopback address of its own, so that the host reaches
// it at its real ports with no tunnel and no clash between services (kind and minikube need a tunnel or a
// cloud-provider shim for this). Pure.
import { contains, isIPv4, lowestFree } from "./cidr";

/** 127.0.0.1 is left to NodePorts (the default nodePortAddresses). */
export const LOAD_BALANCER_FIRST = "127.0.0.2";
export const LOAD_BALANCER_LAST = "127.0.0.254";

/** What is wrong with a requested loadBalancerIP, if anything. */
export function loadBalancerIPProblem(value: unknown): string | undefined {
  if (!isIPv4(value) || !contains("127.0.0.0/8", value))
    return `${JSON.stringify(value)} must be a loopback IPv4 address (127.0.0.0/8), which the host alone reaches`;
  if (value === "127.0.0.1") return '"127.0.0.1" is where NodePorts are published; choose another, e.g. "127.0.0.5"';
  if (value === "127.0.0.0" || value === "127.255.255.255") return `${JSON.stringify(value)} is not a host address`;
  return undefined;
}

/** The lowest address of the range that no other service or container publishes on. */
export function firstFreeLoadBalancerIP(taken: ReadonlySet<string>): string | undefined {
  return lowestFree(LOAD_BALANCER_FIRST, LOAD_BALANCER_LAST, taken);
}
