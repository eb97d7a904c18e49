package policy

import "slices"

// ServiceFilter is what a service router checks after DNAT, where it sees the real client and backend:
// the ingress of each isolated backend, and the egress of every isolated pod of the network as a client.
type ServiceFilter struct {
	Backends []Backend
	Clients  []Client
}

// Backend is an endpoint of the service isolated for ingress.
type Backend struct {
	IP      string
	Ingress []Allow
}

// Client is a pod isolated for egress.
type Client struct {
	IP     string
	Egress []Allow
}

// ServiceFilterFor is the filter of the router in front of endpoints ("namespace/name" of pods).
func ServiceFilterFor(endpoints []string, w World) ServiceFilter {
	var filter ServiceFilter
	for _, p := range w.Pods {
		rules := policyRulesFor(p, w)
		if rules.Ingress.Isolated && slices.Contains(endpoints, p.Namespace+"/"+p.Name) {
			filter.Backends = append(filter.Backends, Backend{IP: p.IP, Ingress: rules.Ingress.Allows})
		}
		if rules.Egress.Isolated {
			filter.Clients = append(filter.Clients, Client{IP: p.IP, Egress: rules.Egress.Allows})
		}
	}
	return filter
}
