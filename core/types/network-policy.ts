// NetworkPolicy and Namespace as the provider stores them, and the per-pod firewall rules they mean.
import type { Protocol } from "./pod";

export type PolicyType = "Ingress" | "Egress";

/** Labels a selected object must all carry; `{}` selects everything. */
export type LabelMap = Record<string, string>;

export type SelectorOperator = "In" | "NotIn" | "Exists" | "DoesNotExist";

/** In and NotIn take a non-empty `values`; Exists and DoesNotExist take none. NotIn matches an absent key. */
export interface LabelSelectorRequirement {
  key: string;
  operator: SelectorOperator;
  values?: string[];
}

/** Kubernetes' LabelSelector: every matchLabels entry and every expression must hold; `{}` selects everything. */
export interface LabelSelector {
  matchLabels?: LabelMap;
  matchExpressions?: LabelSelectorRequirement[];
}

/** A LabelSelector, or a plain label map as shorthand for its matchLabels (kept as written). */
export type Selector = LabelSelector | LabelMap;

export interface IPBlock {
  cidr: string;
  except?: string[];
}

/** podSelector and namespaceSelector together mean AND; two peers in a list mean OR. */
export interface NetworkPolicyPeer {
  podSelector?: Selector;
  namespaceSelector?: Selector;
  ipBlock?: IPBlock;
}

export interface NetworkPolicyPort {
  /** A number, or the name of a container port (of the destination pod). Absent: every port. */
  port?: number | string;
  /** With a numeric port: the last port of a range. */
  endPort?: number;
  protocol: Protocol;
}

export interface NetworkPolicyIngressRule {
  /** Absent or empty: every source. */
  from?: NetworkPolicyPeer[];
  /** Absent or empty: every port. */
  ports?: NetworkPolicyPort[];
}

export interface NetworkPolicyEgressRule {
  to?: NetworkPolicyPeer[];
  ports?: NetworkPolicyPort[];
}

export interface NetworkPolicySpec {
  network: string;
  namespace: string;
  name: string;
  podSelector: Selector;
  policyTypes: PolicyType[];
  ingress: NetworkPolicyIngressRule[];
  egress: NetworkPolicyEgressRule[];
}

export interface NamespaceSpec {
  name: string;
  /** Always includes kubernetes.io/metadata.name=<name>. */
  labels: LabelMap;
}

/** One allow entry of a pod's firewall: traffic from (ingress) or to (egress) `peer` on `ports`. */
export interface FirewallAllow {
  /** "namespace/name" of the policy that allows it. */
  policy: string;
  /** Absent: any address. */
  peer?: IPBlock;
  /** Absent: any port and protocol. */
  ports?: Array<{ protocol: Protocol; port?: number; endPort?: number }>;
}

/** What the network policies of a network say about one pod; a direction that is absent is not isolated. */
export interface FirewallRules {
  ingress?: FirewallAllow[];
  egress?: FirewallAllow[];
}
