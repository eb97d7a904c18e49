// The pods a program declares, per PodNetwork, so that a Service can compute its endpoints from its
// selector. A service takes the list once the program's top-level code has run, so pods and services may
// be declared in any order there; a pod declared later (inside an apply callback, say) is refused with
// an error, because no service could see it.
import * as pulumi from "@pulumi/pulumi";
import type { Pod } from "./pod";
import type { PodNetwork } from "./pod-network";

const podsByNetwork = new Map<PodNetwork, Pod[]>();
const takenBy = new Map<PodNetwork, string>();

export function registerPod(network: PodNetwork, pod: Pod, name: string): void {
  const service = takenBy.get(network);
  if (service) {
    throw new pulumi.RunError(
      `Pod "${name}" was declared after Service "${service}" took the list of pods on its network. ` +
        "Declare pods in the program's top-level code (before or after services), not in callbacks that run later such as apply().",
    );
  }
  podsByNetwork.set(network, [...(podsByNetwork.get(network) ?? []), pod]);
}

/** The network's pods, once the top-level code of the program has declared them all. */
export function podsOn(network: PodNetwork, service: string): Promise<Pod[]> {
  return new Promise((resolve) =>
    setImmediate(() => {
      if (!takenBy.has(network)) takenBy.set(network, service);
      resolve(podsByNetwork.get(network) ?? []);
    }),
  );
}
