// The placement part of a pod's diff. The network's cluster layout lists every node, but a pod depends
// only on its own node: another node joining or leaving changes nothing for it, so that is no diff.
import type { ClusterLayout, PodState } from "../../core/types";
import { isUnknown } from "../check/failures";

export function placementDiff(olds: PodState, news: Record<string, unknown>): { changes: boolean; replaces: string[] } {
  const replaces: string[] = [];
  let changes = false;
  const layout = news.clusterLayout as ClusterLayout | undefined;
  if (!isUnknown(layout)) {
    const own = olds.node && layout?.nodes.find((n) => n.name === olds.node!.name);
    // On a cluster now and not before, or the other way round, or the node left, or its block moved.
    if (Boolean(olds.node) !== Boolean(layout) || (olds.node && (!own || own.podCidr !== olds.node.podCidr)))
      replaces.push("clusterLayout");
    else if (own && own.dockerHost !== olds.node!.dockerHost) changes = true;
  }
  const pin = news.nodeName;
  if (pin !== undefined && !isUnknown(pin) && pin !== olds.nodeName) replaces.push("nodeName");
  else if (olds.node && (pin !== undefined) !== (olds.pinned === true)) changes = true;
  return { changes: changes || replaces.length > 0, replaces };
}
