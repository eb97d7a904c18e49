// The program's pods, policies and namespace labels of one network, as the pure policy semantics read
// them. Built from resource outputs, so whatever uses it is ordered after those resources.
import * as pulumi from "@pulumi/pulumi";
import type { PodView, PolicyView, PolicyWorld } from "../core/policy";
import type { Declarations, PodOutputs } from "./pod-registry";

export function policyWorldOf(d: Declarations): pulumi.Output<PolicyWorld> {
  return pulumi
    .all([pulumi.all(d.pods.map(({ outputs }) => podView(outputs))), pulumi.all(d.policies), pulumi.all(d.namespaces)])
    .apply(([pods, policies, namespaces]) => ({ pods, policies, namespaces: Object.fromEntries(namespaces) }));
}

export function podView(pod: PodOutputs): pulumi.Output<PodView> {
  return pulumi
    .all([pod.namespace, pod.podName, pod.podIP, pod.labels, pod.containers])
    .apply(([namespace, name, ip, labels, containers]) => ({
      namespace,
      name,
      ip,
      labels: labels ?? {},
      ports: (containers ?? [])
        .flatMap((c) => c.ports ?? [])
        .map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol })),
    }));
}

/** A policy as the semantics read it, from its outputs. */
export function policyView(policy: {
  namespace: pulumi.Output<string>;
  name: pulumi.Output<string>;
  podSelector: pulumi.Output<PolicyView["podSelector"]>;
  policyTypes: pulumi.Output<PolicyView["policyTypes"]>;
  ingress: pulumi.Output<PolicyView["ingress"]>;
  egress: pulumi.Output<PolicyView["egress"]>;
}): pulumi.Output<PolicyView> {
  return pulumi
    .all([policy.namespace, policy.name, policy.podSelector, policy.policyTypes, policy.ingress, policy.egress])
    .apply(([namespace, name, podSelector, policyTypes, ingress, egress]) => ({
      namespace,
      name,
      podSelector,
      policyTypes,
      ingress: ingress ?? [],
      egress: egress ?? [],
    }));
}
