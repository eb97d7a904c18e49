// Package policy is a port of the provider's NetworkPolicy semantics and firewall renderer
// (core/policy.ts, core/selector.ts, provider/rules/policy-rules.ts), so that a node agent can render a
// pod's firewall from the pods, namespaces and policies it watches, byte for byte as the provider renders it.
// test/golden/policy-cases.json holds the cases both sides render against the same golden files.
package policy

import "podling.dev/tools/agent/ports"

// World is everything a pod's firewall depends on: the TypeScript PolicyWorld, with its field names.
type World struct {
	Pods []Pod `json:"pods"`
	// Namespace labels; kubernetes.io/metadata.name is implied (see namespaceLabels).
	Namespaces map[string]map[string]string `json:"namespaces"`
	Policies   []Policy                     `json:"policies"`
	// Service routers: traffic through a ClusterIP arrives from the router, which enforces policies itself.
	Routers []Router `json:"routers,omitempty"`
}

// Pod is a pod as policies see it.
type Pod struct {
	Namespace string            `json:"namespace"`
	Name      string            `json:"name"`
	IP        string            `json:"ip"`
	Labels    map[string]string `json:"labels"`
	Ports     []ContainerPort   `json:"ports"`
}

// ContainerPort is a port some container of the pod declares; named ports resolve against it.
type ContainerPort struct {
	Name          string `json:"name,omitempty"`
	ContainerPort int    `json:"containerPort"`
	Protocol      string `json:"protocol"`
}

// Router is a service's router and the pods ("namespace/name") behind it.
type Router struct {
	IP        string   `json:"ip"`
	Endpoints []string `json:"endpoints"`
}

// Policy is a NetworkPolicy as the provider stores it, less its network.
type Policy struct {
	Namespace   string        `json:"namespace"`
	Name        string        `json:"name"`
	PodSelector Selector      `json:"podSelector"`
	PolicyTypes []string      `json:"policyTypes"` // Ingress | Egress
	Ingress     []IngressRule `json:"ingress"`
	Egress      []EgressRule  `json:"egress"`
}

// IngressRule allows traffic from any of its peers (none: every source) to any of its ports (none: all).
type IngressRule struct {
	From  []Peer `json:"from,omitempty"`
	Ports []Port `json:"ports,omitempty"`
}

// EgressRule allows traffic to any of its peers (none: every destination) on any of its ports (none: all).
type EgressRule struct {
	To    []Peer `json:"to,omitempty"`
	Ports []Port `json:"ports,omitempty"`
}

// Peer is an address block, or pods: podSelector and namespaceSelector together mean AND. A nil
// namespaceSelector means the policy's own namespace; a nil podSelector, every pod.
type Peer struct {
	PodSelector       *Selector `json:"podSelector,omitempty"`
	NamespaceSelector *Selector `json:"namespaceSelector,omitempty"`
	IPBlock           *IPBlock  `json:"ipBlock,omitempty"`
}

// IPBlock is a CIDR less its except ranges.
type IPBlock struct {
	CIDR   string   `json:"cidr"`
	Except []string `json:"except,omitempty"`
}

// Port is a rule's port: a number (with EndPort, a range), a destination container port's name, or nil
// for every port of the protocol.
type Port struct {
	Port     *ports.Ref `json:"port,omitempty"`
	EndPort  *int       `json:"endPort,omitempty"`
	Protocol string     `json:"protocol"` // TCP | UDP | SCTP
}
