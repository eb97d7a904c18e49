package main

import (
	"fmt"
	"math/big"
	"slices"
	"sort"
	"strconv"
	"strings"

	"podling.dev/tools/agent/chains"
	"podling.dev/tools/agent/ports"
)

// A port of the provider's service renderer (provider/rules/service-plan.ts, service-rules.ts and
// chain-names.ts), so that the agent can re-render a router's nat rules when a pod's readiness changes,
// loading byte for byte what the provider would load; and the client pods' rules, which only the agent renders. test/golden/service-cases.json
// holds the cases both sides render against the same golden files.

// ServiceSpec is what the provider hands the agent for one service.
type ServiceSpec struct {
	Namespace       string `json:"namespace"`
	Name            string `json:"name"`
	ClusterIP       string `json:"clusterIP"`
	SessionAffinity string `json:"sessionAffinity"` // "None" | "ClientIP"
	// Zero is absent: the provider allows 1 to 86400 and fills in the default for ClientIP.
	SessionAffinityTimeoutSeconds int               `json:"sessionAffinityTimeoutSeconds,omitempty"`
	Ports                         []ServicePort     `json:"ports"`
	Endpoints                     []ServiceEndpoint `json:"endpoints"`
	// Selector, when set, adds the pods of Namespace it selects to Endpoints (see selection.go).
	Selector map[string]string `json:"selector,omitempty"`
}

// ServicePort is one port of the service's virtual IP.
type ServicePort struct {
	Name       string    `json:"name,omitempty"`
	Port       int       `json:"port"`
	TargetPort ports.Ref `json:"targetPort"`
	Protocol   string    `json:"protocol"` // TCP | UDP | SCTP
}

// ServiceEndpoint is a pod the service may send traffic to.
type ServiceEndpoint struct {
	Pod        string         `json:"pod"` // "namespace/pod"
	IP         string         `json:"ip"`
	Ready      bool           `json:"ready"`
	NamedPorts map[string]int `json:"namedPorts,omitempty"`
	// Hostname is the pod's, when its subdomain names the service: a headless service's records then
	// give it <hostname>.<service name> too, as Kubernetes does.
	Hostname string `json:"hostname,omitempty"`
}

// Dataplane is the TypeScript ServiceDataplane: same field names, and the same field order, so json.Marshal
// writes what JSON.stringify does and a plan stored by either side reads on the other.
type Dataplane struct {
	Service   string `json:"service"` // "namespace/name"
	ClusterIP string `json:"clusterIP"`
	// Seconds a client stays with its backend; nil is no affinity.
	AffinitySeconds *int            `json:"affinitySeconds,omitempty"`
	Ports           []DataplanePort `json:"ports"`
}

// DataplanePort is the TypeScript ServicePortPlan.
type DataplanePort struct {
	Name     string `json:"name"`
	Port     int    `json:"port"`
	Protocol string `json:"protocol"`
	// One target per ready endpoint, in endpoint order.
	Targets []DataplaneTarget `json:"targets"`
}

// DataplaneTarget is where one ready endpoint takes a port's traffic.
type DataplaneTarget struct {
	Pod  string `json:"pod"`
	IP   string `json:"ip"`
	Port int    `json:"port"`
}

const (
	rootChain = "PODLING-SERVICES"
	masqChain = "PODLING-POSTROUTING"
)

// planOf decides which ready endpoint gets which port.
func planOf(s ServiceSpec) Dataplane {
	var ready []ServiceEndpoint
	for _, e := range s.Endpoints {
		if e.Ready {
			ready = append(ready, e)
		}
	}
	// The provider sorts with localeCompare. Over what Kubernetes names may hold (lowercase letters, digits,
	// '-' and '.', and the '/' after the namespace) ICU's root collation orders as bytes do; both sorts are stable.
	sort.SliceStable(ready, func(i, j int) bool { return ready[i].Pod < ready[j].Pod })
	// Empty, not nil, lists: the provider reads a stored plan's lists without checking for null.
	plan := Dataplane{
		Service:   s.Namespace + "/" + s.Name,
		ClusterIP: s.ClusterIP,
		Ports:     make([]DataplanePort, 0, len(s.Ports)),
	}
	if s.SessionAffinity == "ClientIP" && s.SessionAffinityTimeoutSeconds != 0 {
		seconds := s.SessionAffinityTimeoutSeconds
		plan.AffinitySeconds = &seconds
	}
	for _, p := range s.Ports {
		targets := make([]DataplaneTarget, 0, len(ready))
		for _, e := range ready {
			port, ok := p.TargetPort.Number, true
			if p.TargetPort.Name != "" {
				port, ok = e.NamedPorts[p.TargetPort.Name]
			}
			if ok {
				targets = append(targets, DataplaneTarget{Pod: e.Pod, IP: e.IP, Port: port})
			}
		}
		plan.Ports = append(plan.Ports, DataplanePort{Name: p.Name, Port: p.Port, Protocol: p.Protocol, Targets: targets})
	}
	return plan
}

func svcChainOf(plan Dataplane, port DataplanePort) string {
	return chains.Name("PODLING-SVC", plan.Service, strconv.Itoa(port.Port), port.Protocol)
}

func sepChainOf(plan Dataplane, port DataplanePort, t DataplaneTarget) string {
	return chains.Name("PODLING-SEP", plan.Service, strconv.Itoa(port.Port), port.Protocol, t.IP, strconv.Itoa(t.Port))
}

// renderRouterHooks hooks the two fixed chains into the router's nat table, once, when the router starts.
func renderRouterHooks() string {
	return strings.Join([]string{
		"*nat",
		":" + rootChain + " - [0:0]",
		":" + masqChain + " - [0:0]",
		"-A PREROUTING -j " + rootChain,
		"-A POSTROUTING -j " + masqChain,
		"COMMIT",
		"",
	}, "\n")
}

// chainsOf lists every chain a plan uses besides the two fixed ones.
func chainsOf(plan Dataplane) []string {
	var chains []string
	for _, p := range plan.Ports {
		if len(p.Targets) == 0 {
			continue
		}
		chains = append(chains, svcChainOf(plan, p))
		for _, t := range p.Targets {
			chains = append(chains, sepChainOf(plan, p, t))
		}
	}
	return chains
}

// renderServiceRules renders a router's nat table for `iptables-restore --noflush`: declaring a chain flushes
// it, so a render replaces the last one; chains only the previous plan used are flushed and deleted.
func renderServiceRules(plan Dataplane, previous *Dataplane) string {
	var loaded []string
	if previous != nil {
		loaded = chainsOf(*previous)
	}
	current := chainsOf(plan)
	stale := staleOf(loaded, current)
	lines := declare(slices.Concat([]string{rootChain, masqChain}, current, stale))
	lines = append(lines, serviceLines(plan)...)
	// Replies must come back through the router, so forwarded service traffic leaves with its address.
	lines = append(lines, fmt.Sprintf(
		`-A %s -m conntrack --ctstate DNAT -m comment --comment "%s: return traffic through the router" -j MASQUERADE`,
		masqChain, plan.Service))
	return finish(lines, stale)
}

// renderClientRules renders the nat table of a client pod's own namespace, as kube-proxy renders a node's:
// every service of the network is translated in the pod's OUTPUT, so a connection leaves the pod already
// addressed to a ready endpoint, with the pod's own address as its source. loaded is the chains the
// namespace holds now (besides the root), and hooked whether OUTPUT already jumps to the root.
func renderClientRules(plans []Dataplane, loaded []string, hooked bool) string {
	var current []string
	for _, plan := range plans {
		current = append(current, chainsOf(plan)...)
	}
	stale := staleOf(loaded, current)
	lines := declare(slices.Concat([]string{rootChain}, current, stale))
	if !hooked {
		lines = append(lines, "-A OUTPUT -j "+rootChain)
	}
	for _, plan := range plans {
		lines = append(lines, serviceLines(plan)...)
	}
	return finish(lines, stale)
}

// staleOf is the chains of loaded that current no longer uses.
func staleOf(loaded, current []string) []string {
	var stale []string
	for _, c := range loaded {
		if !slices.Contains(current, c) {
			stale = append(stale, c)
		}
	}
	return stale
}

// declare opens the nat table and declares chains, which flushes those that exist.
func declare(chains []string) []string {
	lines := []string{"*nat"}
	for _, c := range chains {
		lines = append(lines, ":"+c+" - [0:0]")
	}
	return lines
}

// finish deletes the stale chains, emptied by their declaration, and commits.
func finish(lines, stale []string) string {
	for _, c := range stale {
		lines = append(lines, "-X "+c)
	}
	return strings.Join(append(lines, "COMMIT", ""), "\n")
}

// serviceLines is one plan's rules: a jump from the root chain per port of the ClusterIP, then the chains that
// pick a ready endpoint (with ClientIP affinity, the one picked last) and translate to it.
func serviceLines(plan Dataplane) []string {
	var lines []string
	for _, port := range plan.Ports {
		if len(port.Targets) == 0 {
			continue // no DNAT: the router itself answers with a reset or ICMP unreachable
		}
		proto := strings.ToLower(port.Protocol)
		owner := plan.Service + ":" + port.Name
		if port.Name == "" {
			owner = plan.Service + ":" + strconv.Itoa(port.Port)
		}
		svcChain := svcChainOf(plan, port)
		lines = append(lines, fmt.Sprintf(`-A %s -d %s/32 -p %s -m %s --dport %d -m comment --comment "%s" -j %s`,
			rootChain, plan.ClusterIP, proto, proto, port.Port, owner, svcChain))
		sepChains := make([]string, len(port.Targets))
		comments := make([]string, len(port.Targets))
		for i, t := range port.Targets {
			sepChains[i] = sepChainOf(plan, port, t)
			comments[i] = fmt.Sprintf(`-m comment --comment "%s -> %s:%d"`, owner, t.IP, t.Port)
		}
		if plan.AffinitySeconds != nil {
			for i := range port.Targets {
				lines = append(lines, fmt.Sprintf("-A %s %s -m recent --name %s --rcheck --seconds %d --reap -j %s",
					svcChain, comments[i], sepChains[i], *plan.AffinitySeconds, sepChains[i]))
			}
		}
		for i := range port.Targets {
			pick := ""
			if remaining := len(port.Targets) - i; remaining > 1 {
				pick = " -m statistic --mode random --probability " + toFixed10(1/float64(remaining))
			}
			lines = append(lines, fmt.Sprintf("-A %s %s%s -j %s", svcChain, comments[i], pick, sepChains[i]))
		}
		for i, t := range port.Targets {
			remember := ""
			if plan.AffinitySeconds != nil {
				remember = " -m recent --name " + sepChains[i] + " --set"
			}
			lines = append(lines, fmt.Sprintf("-A %s -p %s %s%s -j DNAT --to-destination %s:%d",
				sepChains[i], proto, comments[i], remember, t.IP, t.Port))
		}
	}
	return lines
}

// toFixed10 is JavaScript's x.toFixed(10) for 0 <= x < 1e21: the double's exact value rounded half up.
// strconv rounds an exact half to even, so 1/2048 (0.00048828125) would end in 2 rather than 3.
func toFixed10(x float64) string {
	scaled := new(big.Rat).Mul(new(big.Rat).SetFloat64(x), new(big.Rat).SetInt64(1e10))
	// floor(scaled + 1/2) = floor((2·num + den) / (2·den))
	twice := new(big.Int).Lsh(scaled.Num(), 1)
	n := new(big.Int).Quo(twice.Add(twice, scaled.Denom()), new(big.Int).Lsh(scaled.Denom(), 1))
	whole, frac := new(big.Int).QuoRem(n, big.NewInt(1e10), new(big.Int))
	return fmt.Sprintf("%d.%010d", whole, frac.Int64())
}
