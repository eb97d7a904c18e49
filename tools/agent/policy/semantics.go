package policy

import "slices"

// Kubernetes NetworkPolicy semantics, computed per pod into allow lists, as core/policy.ts does it:
//   - A pod is isolated for a direction once any policy of its namespace with that policy type selects it;
//     it then allows the union of the matching rules.
//   - In a peer, podSelector and namespaceSelector together mean AND; peers in a list mean OR.
//   - A named port means the port of that name on the destination pod.

// NamespaceNameLabel is the label every namespace carries, declared or not.
const NamespaceNameLabel = "kubernetes.io/metadata.name"

// Rules is what the policies of a network say about one pod, per direction.
type Rules struct {
	Ingress, Egress Direction
}

// Direction is one direction of a pod's firewall. One that is not isolated is open; an isolated one
// allows only its Allows.
type Direction struct {
	Isolated bool
	Allows   []Allow
}

// Allow is one allow entry: traffic from (ingress) or to (egress) Peer on Ports.
type Allow struct {
	// "namespace/name" of the policy that allows it, or "service router".
	Policy string
	// Nil: any address.
	Peer *IPBlock
	// Nil: any port and protocol.
	Ports []AllowPort
}

// AllowPort is a protocol, with a port when Port is not zero, and a range up to EndPort when that is not
// zero (the provider allows ports 1 to 65535 only).
type AllowPort struct {
	Protocol      string
	Port, EndPort int
}

// FirewallFor is the pod's own firewall. Service routers are let through: each checks the real client
// against the backend's ingress and the client's egress (see ServiceFilterFor).
func FirewallFor(pod Pod, w World) Rules {
	rules := policyRulesFor(pod, w)
	id := pod.Namespace + "/" + pod.Name
	viaRouter := func(r Router) Allow { return Allow{Policy: "service router", Peer: &IPBlock{CIDR: r.IP + "/32"}} }
	for _, r := range w.Routers {
		if rules.Ingress.Isolated && slices.Contains(r.Endpoints, id) {
			rules.Ingress.Allows = append(rules.Ingress.Allows, viaRouter(r))
		}
	}
	if rules.Egress.Isolated {
		for _, r := range w.Routers {
			rules.Egress.Allows = append(rules.Egress.Allows, viaRouter(r))
		}
	}
	return rules
}

// StartupFirewallFor is the pod's ingress rules that need no other pod's address (ipBlock peers, any
// peer), for the moment its sandbox starts: a subset of what FirewallFor allows later. Egress stays open
// until then: an init container that must reach a peer pod would otherwise never finish. The pod's IP
// and the world's pods and routers are not read.
func StartupFirewallFor(pod Pod, w World) Rules {
	rules := policyRulesFor(pod, World{Namespaces: w.Namespaces, Policies: w.Policies})
	return Rules{Ingress: rules.Ingress}
}

func policyRulesFor(pod Pod, w World) Rules {
	var rules Rules
	for _, policy := range w.Policies {
		if policy.Namespace != pod.Namespace || !policy.PodSelector.Matches(pod.Labels) {
			continue
		}
		if slices.Contains(policy.PolicyTypes, "Ingress") {
			rules.Ingress.Isolated = true
			for _, rule := range policy.Ingress {
				ports, every := resolvePorts(rule.Ports, &pod)
				if !every && len(ports) == 0 {
					continue // only named ports this pod lacks: allows nothing
				}
				for _, peer := range peersOf(rule.From, policy, w) {
					rules.Ingress.Allows = append(rules.Ingress.Allows, allow(policy, peer, ports))
				}
			}
		}
		if slices.Contains(policy.PolicyTypes, "Egress") {
			rules.Egress.Isolated = true
			for _, rule := range policy.Egress {
				rules.Egress.Allows = append(rules.Egress.Allows, egressAllows(rule, policy, w)...)
			}
		}
	}
	return rules
}

func allow(policy Policy, peer *IPBlock, ports []AllowPort) Allow {
	return Allow{Policy: policy.Namespace + "/" + policy.Name, Peer: peer, Ports: ports}
}

// peersOf is every peer as an address block; a nil block means any address.
func peersOf(peers []Peer, policy Policy, w World) []*IPBlock {
	if len(peers) == 0 {
		return []*IPBlock{nil}
	}
	var blocks []*IPBlock
	for _, peer := range peers {
		if peer.IPBlock != nil {
			blocks = append(blocks, peer.IPBlock)
			continue
		}
		for _, p := range podsOf(peer, policy, w) {
			blocks = append(blocks, podBlock(p))
		}
	}
	return blocks
}

func podBlock(p Pod) *IPBlock { return &IPBlock{CIDR: p.IP + "/32"} }

func podsOf(peer Peer, policy Policy, w World) []Pod {
	var pods []Pod
	for _, p := range w.Pods {
		inNamespace := p.Namespace == policy.Namespace
		if peer.NamespaceSelector != nil {
			inNamespace = peer.NamespaceSelector.Matches(namespaceLabels(w, p.Namespace))
		}
		if inNamespace && (peer.PodSelector == nil || peer.PodSelector.Matches(p.Labels)) {
			pods = append(pods, p)
		}
	}
	return pods
}

func namespaceLabels(w World, namespace string) map[string]string {
	labels := map[string]string{}
	for k, v := range w.Namespaces[namespace] {
		labels[k] = v
	}
	labels[NamespaceNameLabel] = namespace
	return labels
}

// resolvePorts resolves a rule's ports against the destination pod (nil: none known, so named ports
// resolve to nothing). every says the rule names no port, so it allows every port.
func resolvePorts(rulePorts []Port, destination *Pod) (resolved []AllowPort, every bool) {
	if len(rulePorts) == 0 {
		return nil, true
	}
	for _, p := range rulePorts {
		switch {
		case p.Port == nil:
			resolved = append(resolved, AllowPort{Protocol: p.Protocol})
		case p.Port.Name == "":
			port := AllowPort{Protocol: p.Protocol, Port: p.Port.Number}
			if p.EndPort != nil {
				port.EndPort = *p.EndPort
			}
			resolved = append(resolved, port)
		case destination != nil:
			if i := slices.IndexFunc(destination.Ports, func(c ContainerPort) bool {
				return c.Name == p.Port.Name && c.Protocol == p.Protocol
			}); i >= 0 {
				resolved = append(resolved, AllowPort{Protocol: p.Protocol, Port: destination.Ports[i].ContainerPort})
			}
		}
	}
	return resolved, false
}

// egressAllows lists, for named ports, the destinations one by one: a port name resolves per pod.
func egressAllows(rule EgressRule, policy Policy, w World) []Allow {
	var named, plain []Port
	for _, p := range rule.Ports {
		if p.Port != nil && p.Port.Name != "" {
			named = append(named, p)
		} else {
			plain = append(plain, p)
		}
	}
	var out []Allow
	if len(rule.Ports) == 0 || len(plain) > 0 {
		ports, _ := resolvePorts(plain, nil)
		for _, peer := range peersOf(rule.To, policy, w) {
			out = append(out, allow(policy, peer, ports))
		}
	}
	if len(named) == 0 {
		return out
	}
	destinations := w.Pods
	if len(rule.To) > 0 {
		destinations = nil
		for _, peer := range rule.To {
			if peer.IPBlock == nil {
				destinations = append(destinations, podsOf(peer, policy, w)...)
			}
		}
	}
	for _, pod := range destinations {
		if ports, _ := resolvePorts(named, &pod); len(ports) > 0 {
			out = append(out, allow(policy, podBlock(pod), ports))
		}
	}
	return out
}
