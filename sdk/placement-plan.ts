// The scheduler's plan for the pods of a cluster network, computed in the program from everything it
// declares (see provider/cluster/scheduler.ts): each pod without nodeName gets the nodes in the order
// the provider tries them when the pod is created.
import * as pulumi from "@pulumi/pulumi";
import { planPreferences, podRequest } from "../core/scheduler";
import type { PodNetwork } from "./pod-network";
import { declarationsOn } from "./pod-registry";
import type { Container } from "../core/types";

export function nodePreferenceFor(network: PodNetwork, resourceName: string): pulumi.Output<string[] | undefined> {
  const declared = declarationsOn(network, `Pod "${resourceName}"`).then((d) =>
    d.pods.map((p) => ({ key: p.resourceName, ...p.placement })),
  );
  return pulumi.all([network.clusterNodeNames!, pulumi.output(declared)]).apply(([nodes, pods]) => {
    const plan = planPreferences(
      nodes,
      pods.map((p) => ({ key: p.key, nodeName: p.nodeName, request: podRequest((p.containers ?? []) as Container[]) })),
    );
    return plan[resourceName];
  });
}
