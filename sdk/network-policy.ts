import * as pulumi from "@pulumi/pulumi";
import { firewallFor, PolicyWorld, startupFirewallFor } from "../core/policy";
import { podView, policyView, policyWorldOf } from "./policy-world";
import type { PodNetwork } from "./pod-network";
import { declarationsOn, DeclaredPod, registerPolicy } from "./pod-registry";
import { PodlingResource } from "./podling-resource";
import type {
  ContainerArgs,
  NetworkPolicyEgressRuleArgs,
  NetworkPolicyIngressRuleArgs,
  SelectorArgs,
} from "./types/input";
import type {
  Container,
  FirewallRules,
  LabelMap,
  NetworkPolicyEgressRule,
  NetworkPolicyIngressRule,
  PolicyType,
  Selector,
} from "../core/types";

export interface NetworkPolicyArgs {
  network: PodNetwork;
  /** Default: the resource name. */
  name?: pulumi.Input<string>;
  /** Default "default". The policy selects pods of this namespace only. */
  namespace?: pulumi.Input<string>;
  /**
   * Pods this policy applies to: a LabelSelector (`matchLabels`, `matchExpressions`) or a plain label map
   * as shorthand for matchLabels; `{}` selects every pod of the namespace.
   */
  podSelector?: pulumi.Input<SelectorArgs>;
  /** Default: ["Ingress"], plus "Egress" when egress rules are given, as in Kubernetes. */
  policyTypes?: pulumi.Input<pulumi.Input<PolicyType>[]>;
  ingress?: pulumi.Input<pulumi.Input<NetworkPolicyIngressRuleArgs>[]>;
  egress?: pulumi.Input<pulumi.Input<NetworkPolicyEgressRuleArgs>[]>;
}

/**
 * A network policy with Kubernetes semantics. Once any policy selects a pod for a direction, that pod
 * only allows what some selecting policy's rules allow; replies are always allowed. A connection needs
 * the client's egress and the server's ingress to allow it.
 *
 * Enforced per pod, inside each pod's own network namespace. On one engine the network's node agent
 * renders every pod's firewall (a Deployment's pods too) from all policies, pods and namespaces; on a
 * cluster the SDK gives every declared pod a PodFirewall (a child of the pod). Policy, pod and label
 * changes update the firewalls in place, with no pod restart.
 *
 * Gotcha: with default-deny egress, service names stop resolving, because lookups leave the pod for the
 * cluster DNS on port 53. Allow it:
 * `egress: [{ ports: [{ port: 53, protocol: "UDP" }, { port: 53, protocol: "TCP" }] }]`.
 */
export class NetworkPolicy extends PodlingResource {
  declare public readonly namespace: pulumi.Output<string>;
  declare public readonly name: pulumi.Output<string>;
  declare public readonly podSelector: pulumi.Output<Selector>;
  declare public readonly policyTypes: pulumi.Output<PolicyType[]>;
  declare public readonly ingress: pulumi.Output<NetworkPolicyIngressRule[]>;
  declare public readonly egress: pulumi.Output<NetworkPolicyEgressRule[]>;

  constructor(name: string, args: NetworkPolicyArgs, opts?: pulumi.CustomResourceOptions) {
    if (!args?.network) throw new pulumi.RunError(`NetworkPolicy "${name}": network is required (pass a PodNetwork)`);
    super(
      "NetworkPolicy",
      name,
      {
        network: args.network.networkName,
        name: args.name ?? name,
        namespace: args.namespace,
        podSelector: args.podSelector ?? {},
        policyTypes: args.policyTypes,
        ingress: args.ingress,
        egress: args.egress,
        enforcement: enforcementOf(args.network),
        namespaceLabels:
          enforcementOf(args.network) === "node-agent" ? namespaceLabelsOf(args.network, name) : undefined,
      },
      opts,
    );
    if (registerPolicy(args.network, policyView(this)) && enforcementOf(args.network) === "pod-firewalls")
      declareFirewalls(args.network);
  }
}

/**
 * Who renders the firewalls. On one engine the network's node agent, which holds every pod, a
 * Deployment's included. A cluster node's agent holds only its node's pods, so there the SDK computes a
 * PodFirewall per declared pod from every policy, pod and namespace of the program.
 */
function enforcementOf(network: PodNetwork): "node-agent" | "pod-firewalls" {
  return network.clusterNodeNames ? "pod-firewalls" : "node-agent";
}

/** The program's namespace labels, which the agent reads namespaceSelectors against. */
function namespaceLabelsOf(network: PodNetwork, resourceName: string): pulumi.Output<Record<string, LabelMap>> {
  const declarations = declarationsOn(network, `NetworkPolicy "${resourceName}"`);
  return pulumi.output(declarations.then((d) => pulumi.all(d.namespaces).apply((n) => Object.fromEntries(n))));
}

/** Internal: the network-policy rules of one pod. Created by the SDK, one per pod, while policies exist. */
class PodFirewall extends PodlingResource {
  constructor(name: string, props: Record<string, pulumi.Input<unknown>>, opts: pulumi.CustomResourceOptions) {
    super("PodFirewall", name, props, opts);
  }
}

function declareFirewalls(network: PodNetwork): void {
  void declarationsOn(network, "the network policies").then((d) => {
    const routers = pulumi.all(
      d.services.map((svc) =>
        pulumi
          .all([svc.clusterIP, svc.endpoints])
          .apply(([ip, endpoints]) => ({ ip, endpoints: endpoints.map((e) => e.pod) })),
      ),
    );
    const world = pulumi
      .all([policyWorldOf(d), routers])
      .apply(([w, r]): PolicyWorld => ({ ...w, routers: r.filter((x) => x.ip !== "None") }));
    for (const declared of d.pods) firewallOf(network, declared, world);
  });
}

function firewallOf(
  network: PodNetwork,
  { resource, resourceName, outputs: pod }: DeclaredPod,
  world: pulumi.Output<PolicyWorld>,
): PodFirewall {
  const rules = pulumi.all([podView(pod), world]).apply(([view, w]): FirewallRules => firewallFor(view, w));
  return new PodFirewall(
    `${resourceName}-firewall`,
    {
      network: network.networkName,
      namespace: pod.namespace,
      pod: pod.podName,
      sandboxId: pod.infraContainerId,
      rules,
      node: pod.node,
    },
    { parent: resource },
  );
}

/**
 * Internal: a pod's startup firewall (core/policy.ts), from the network's policies and the pod's own
 * declared namespace, labels and ports. The pod depends on the policies' resources through it.
 */
export function startupFirewallOf(
  network: PodNetwork,
  resourceName: string,
  pod: {
    namespace?: pulumi.Input<string>;
    name: pulumi.Input<string>;
    labels?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    containers: pulumi.Input<pulumi.Input<ContainerArgs>[]>;
  },
): pulumi.Output<FirewallRules> {
  const world = declarationsOn(network, `Pod "${resourceName}"`).then((d) => ({
    policies: d.policies,
    namespaces: d.namespaces,
  }));
  return pulumi
    .all([pulumi.output(world), pod.namespace ?? "default", pod.name, pod.labels ?? {}, pod.containers])
    .apply(([w, namespace, name, labels, containers]) => {
      const ports = (containers as Container[])
        .flatMap((c) => c.ports ?? [])
        .map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol ?? "TCP" }));
      return startupFirewallFor(
        { namespace, name, labels, ports },
        { policies: w.policies, namespaces: Object.fromEntries(w.namespaces) },
      );
    });
}
