// Docker object names. "_" cannot occur in the Kubernetes-style names we accept, so it separates the
// parts unambiguously, and the network name keeps two pod networks on one engine apart.
import type { PodIdentity } from "./labels";

export function sandboxName(id: PodIdentity): string {
  return `${id.network}_${id.namespace}_${id.pod}`;
}

export function appContainerName(id: PodIdentity, container: string): string {
  return `${sandboxName(id)}_${container}`;
}
