// What a program declares per PodNetwork (pods, network policies) and namespaces, so that services and
// firewalls can be computed from them. Those are computed once the program's top-level code has run, so
// declarations may come in any order there; a pod declared later (inside an apply callback, say) is
// refused with an error, because nothing could see it any more.
import * as pulumi from "@pulumi/pulumi";
import type { Namespace } from "./namespace";
import type { NetworkPolicy } from "./network-policy";
import type { Pod } from "./pod";
import type { PodNetwork } from "./pod-network";
import type { Service } from "./service";
import type { ContainerArgs } from "./types/input";

export interface DeclaredPod {
  pod: Pod;
  resourceName: string;
  /** What the scheduler's plan needs, as declared (the pod's outputs would come too late for it). */
  placement: { nodeName?: pulumi.Input<string>; containers: pulumi.Input<pulumi.Input<ContainerArgs>[]> };
}

interface NetworkDeclarations {
  pods: DeclaredPod[];
  policies: NetworkPolicy[];
  services: Service[];
  /** Who took the list of pods first; set once it was taken. */
  takenBy?: string;
}

const networks = new Map<PodNetwork, NetworkDeclarations>();
const namespaceResources: Namespace[] = [];

function declarationsOf(network: PodNetwork): NetworkDeclarations {
  let d = networks.get(network);
  if (!d) networks.set(network, (d = { pods: [], policies: [], services: [] }));
  return d;
}

export function registerPod(network: PodNetwork, pod: Pod, resourceName: string, placement: DeclaredPod["placement"]): void {
  const d = declarationsOf(network);
  if (d.takenBy) {
    throw new pulumi.RunError(
      `Pod "${resourceName}" was declared after ${d.takenBy} took the list of pods on its network. ` +
        "Declare pods in the program's top-level code (in any order), not in callbacks that run later such as apply().",
    );
  }
  d.pods.push({ pod, resourceName, placement });
}

export function registerPolicy(network: PodNetwork, policy: NetworkPolicy): boolean {
  const d = declarationsOf(network);
  d.policies.push(policy);
  return d.policies.length === 1;
}

export function registerService(network: PodNetwork, service: Service): void {
  declarationsOf(network).services.push(service);
}

export function registerNamespace(namespace: Namespace): void {
  namespaceResources.push(namespace);
}

export interface Declarations {
  pods: DeclaredPod[];
  policies: NetworkPolicy[];
  services: Service[];
  namespaces: Namespace[];
}

/** Everything declared on the network, once the top-level code of the program has run. */
export function declarationsOn(network: PodNetwork, takenBy: string): Promise<Declarations> {
  return new Promise((resolve) =>
    setImmediate(() => {
      const d = declarationsOf(network);
      d.takenBy ??= takenBy;
      resolve({ pods: d.pods, policies: d.policies, services: d.services, namespaces: namespaceResources });
    }),
  );
}
