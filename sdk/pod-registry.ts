// What a program declares per PodNetwork (pods, network policies, services) and its namespaces, kept as
// output views, so that services and firewalls can be computed from them. Those are computed once the
// program's top-level code has run, so declarations may come in any order there; a pod declared later
// (inside an apply callback, say) is refused with an error, because nothing could see it any more.
import * as pulumi from "@pulumi/pulumi";
import type { PolicyView } from "../core/policy";
import type { Container, DeploymentPod, LabelMap, NodeBlock, ServiceEndpoint } from "../core/types";
import type { ContainerArgs } from "./types/input";

/** The outputs of a pod that its services and firewall read. */
export interface PodOutputs {
  namespace: pulumi.Output<string>;
  podName: pulumi.Output<string>;
  podIP: pulumi.Output<string>;
  labels: pulumi.Output<Record<string, string>>;
  containers: pulumi.Output<Container[]>;
  ready: pulumi.Output<boolean>;
  infraContainerId: pulumi.Output<string>;
  node: pulumi.Output<NodeBlock | undefined>;
}

export interface DeclaredPod {
  resourceName: string;
  /** The pod resource itself, the parent of its firewall. */
  resource: pulumi.Resource;
  outputs: PodOutputs;
  /** What the scheduler's plan needs, as declared (the pod's outputs would come too late for it). */
  placement: { nodeName?: pulumi.Input<string>; containers: pulumi.Input<pulumi.Input<ContainerArgs>[]> };
  /**
   * As declared, for `<hostname>.<subdomain>` under a headless service named like the subdomain. Not the
   * pod's outputs: at preview, an output the state does not hold is unknown, and every service would show
   * its endpoints as changing.
   */
  dnsNames?: { hostname?: pulumi.Input<string>; subdomain?: pulumi.Input<string> };
}

/**
 * A Deployment, for the services of a Cluster network to select its pods: there each node's agent knows
 * only its own node's pods, so the provider names the Deployment's pods in the service's endpoints.
 */
export interface DeclaredDeployment {
  namespace: pulumi.Output<string>;
  /** The template's labels and containers, as declared. */
  labels: pulumi.Output<Record<string, string>>;
  containers: pulumi.Output<Container[]>;
  pods: pulumi.Output<DeploymentPod[]>;
}

/** What the firewalls need of a service: the router's address and its backends. */
export interface DeclaredService {
  clusterIP: pulumi.Output<string>;
  endpoints: pulumi.Output<ServiceEndpoint[]>;
}

export interface Declarations {
  pods: DeclaredPod[];
  deployments: DeclaredDeployment[];
  policies: pulumi.Output<PolicyView>[];
  services: DeclaredService[];
  namespaces: pulumi.Output<[string, LabelMap]>[];
}

interface NetworkDeclarations extends Omit<Declarations, "namespaces"> {
  /** Who took the list of pods first; set once it was taken. */
  takenBy?: string;
}

/** Networks are told apart by their resource object: two programs' networks never meet here. */
const networks = new Map<object, NetworkDeclarations>();
const namespaces: Declarations["namespaces"] = [];

function declarationsOf(network: object): NetworkDeclarations {
  let d = networks.get(network);
  if (!d) networks.set(network, (d = { pods: [], deployments: [], policies: [], services: [] }));
  return d;
}

export function registerPod(network: object, pod: DeclaredPod): void {
  const d = declarationsOf(network);
  if (d.takenBy) {
    throw new pulumi.RunError(
      `Pod "${pod.resourceName}" was declared after ${d.takenBy} took the list of pods on its network. ` +
        "Declare pods in the program's top-level code (in any order), not in callbacks that run later such as apply().",
    );
  }
  d.pods.push(pod);
}

export function registerDeployment(network: object, deployment: DeclaredDeployment): void {
  declarationsOf(network).deployments.push(deployment);
}

/** True for the network's first policy, which is when its pods start to need firewalls. */
export function registerPolicy(network: object, policy: pulumi.Output<PolicyView>): boolean {
  const d = declarationsOf(network);
  d.policies.push(policy);
  return d.policies.length === 1;
}

export function registerService(network: object, service: DeclaredService): void {
  declarationsOf(network).services.push(service);
}

/** What the registry knows of a network before it exists: its Docker name, when the program gives it literally. */
export interface NetworkKey {
  declaredName?: string;
}

/** Pod and service names per network, as declared: network key -> "Pod default/web" -> resource name. */
const declaredNames = new Map<unknown, Map<string, string>>();

/**
 * One name in one namespace of a network is one pod (or one service): a second declaration in the program
 * fails here, at preview, naming both resources. Only literal names can be compared; a name that is an
 * output of another resource is known only later, and the provider refuses a clash when it creates.
 */
export function claimName(
  kind: "Pod" | "Service",
  network: NetworkKey,
  namespace: pulumi.Input<string> | undefined,
  name: pulumi.Input<string>,
  resourceName: string,
): void {
  const ns = namespace ?? "default";
  if (typeof ns !== "string" || typeof name !== "string") return;
  const key = network.declaredName ?? network;
  let names = declaredNames.get(key);
  if (!names) declaredNames.set(key, (names = new Map()));
  const other = names.get(`${kind} ${ns}/${name}`);
  const where = network.declaredName ? `network "${network.declaredName}"` : "its network";
  if (other !== undefined) {
    throw new pulumi.RunError(
      `${kind} "${resourceName}": ${kind.toLowerCase()} ${ns}/${name} on ${where} is also declared by ${kind} "${other}" in this program; ` +
        `two ${kind.toLowerCase()}s of one network and namespace cannot share a name. Give one of them another name or namespace`,
    );
  }
  names.set(`${kind} ${ns}/${name}`, resourceName);
}

export function registerNamespace(namespace: pulumi.Output<[string, LabelMap]>): void {
  namespaces.push(namespace);
}

/** Everything declared on the network, once the top-level code of the program has run. */
export function declarationsOn(network: object, takenBy: string): Promise<Declarations> {
  return new Promise((resolve) =>
    setImmediate(() => {
      const d = declarationsOf(network);
      d.takenBy ??= takenBy;
      resolve({ pods: d.pods, deployments: d.deployments, policies: d.policies, services: d.services, namespaces });
    }),
  );
}
