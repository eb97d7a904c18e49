// Finding one pod or service by name for describe, logs, exec and port-forward, with errors that say
// what to type next.
import { onEveryNode, Node, Scope } from "./engines";
import { readPods } from "./read/pods";
import { readServices } from "./read/services";
import type { ContainerView, PodView, ServiceView } from "./read/model";
import { notFoundMessage, UserError } from "./messages";

export { UserError };

/** Every pod of every engine in the scope. */
export function everyPod(scope: Scope): Promise<PodView[]> {
  return onEveryNode(scope, (node) => readPods({ network: scope.network, engineName: node.name }));
}

export function everyService(scope: Scope): Promise<ServiceView[]> {
  return onEveryNode(scope, () => readServices(scope.network));
}

export async function findPod(scope: Scope, namespace: string, name: string): Promise<{ pod: PodView; node: Node }> {
  const all = await onEveryNode(scope, async (node) =>
    (await readPods({ network: scope.network, engineName: node.name })).map((pod) => ({ pod, node })),
  );
  const found = all.find((p) => p.pod.namespace === namespace && p.pod.name === name);
  if (found) return found;
  const elsewhere = all.filter((p) => p.pod.name === name).map((p) => `${p.pod.namespace}/${p.pod.name}`);
  throw new UserError(notFoundMessage("pod", name, namespace, elsewhere, "pods"));
}

export async function findService(scope: Scope, namespace: string, name: string): Promise<ServiceView> {
  const all = await everyService(scope);
  const found = all.find((s) => s.namespace === namespace && s.name === name);
  if (found) return found;
  const elsewhere = all.filter((s) => s.name === name).map((s) => `${s.namespace}/${s.name}`);
  throw new UserError(notFoundMessage("service", name, namespace, elsewhere, "services"));
}

/** The named container, or the pod's first, as kubectl defaults to it (saying so on stderr). */
export function pickContainer(pod: PodView, name: string | undefined, command: string): ContainerView {
  if (name === undefined) {
    if (pod.containers.length > 1)
      process.stderr.write(
        `Defaulted container "${pod.containers[0].name}" out of: ${pod.containers.map((c) => c.name).join(", ")}\n`,
      );
    if (pod.containers[0]) return pod.containers[0];
  }
  const found = [...pod.containers, ...pod.initContainers].find((c) => c.name === name);
  if (found) return found;
  const names = [...pod.containers, ...pod.initContainers].map((c) => c.name).join(", ");
  throw new UserError(
    `container "${name}" is not in pod ${pod.namespace}/${pod.name}; its containers: ${names || "none"} ` +
      `(podling ${command} ${pod.name} -n ${pod.namespace} -c ${pod.containers[0]?.name ?? "NAME"})`,
  );
}
