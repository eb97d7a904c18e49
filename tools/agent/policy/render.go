package policy

import (
	"fmt"
	"slices"
	"strings"

	"podling.dev/tools/agent/chains"
)

// The firewall and the router's filter as iptables-restore text, as provider/rules/policy-rules.ts
// renders them: the filter table alone, which iptables-restore replaces whole, so Docker's nat rules for
// its DNS stay.

const (
	ingressChain = "PODLING-INGRESS"
	egressChain  = "PODLING-EGRESS"
	forwardChain = "PODLING-FORWARD"
	egressOK     = "0x8000/0x8000"
)

// RenderFirewall is a pod's firewall, for its own network namespace.
func RenderFirewall(rules Rules) string {
	t := &table{chains: []string{ingressChain, egressChain}}
	// Replies are always allowed, and so is the pod talking to itself.
	base := func(chain, loopback string) {
		t.add("-A "+chain+" -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT", "-A "+chain+" "+loopback+" lo -j ACCEPT")
	}
	if rules.Ingress.Isolated {
		t.add("-A INPUT -j " + ingressChain)
		base(ingressChain, "-i")
		t.allowChain(ingressChain, "-s", rules.Ingress.Allows, "ACCEPT")
	}
	if rules.Egress.Isolated {
		t.add("-A OUTPUT -j " + egressChain)
		base(egressChain, "-o")
		t.allowChain(egressChain, "-d", rules.Egress.Allows, "ACCEPT")
	}
	return t.String()
}

// RenderServiceFilter is a service router's FORWARD filter (nil: the network has no policies): after DNAT
// it applies the client's egress (allowed: go on) and then the backend's ingress (allowed: forward).
func RenderServiceFilter(filter *ServiceFilter) string {
	t := &table{chains: []string{forwardChain}}
	if filter == nil || len(filter.Clients)+len(filter.Backends) == 0 {
		return t.String()
	}
	t.add("-A FORWARD -j "+forwardChain, "-A "+forwardChain+" -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT")
	for _, client := range filter.Clients {
		// The client chain only marks what the client's egress allows; unmarked traffic is rejected here.
		chain := chains.Name("PODLING-CLIENT", client.IP)
		t.chains = append(t.chains, chain)
		t.add(fmt.Sprintf("-A %s -s %s/32 -j %s", forwardChain, client.IP, chain))
		t.allowChain(chain, "-d", client.Egress, "MARK")
		unmarked := fmt.Sprintf("-A %s -s %s/32 -m mark ! --mark %s", forwardChain, client.IP, egressOK)
		t.add(unmarked+" -p tcp -j REJECT --reject-with tcp-reset", unmarked+" -j REJECT --reject-with icmp-port-unreachable")
	}
	for _, backend := range filter.Backends {
		chain := chains.Name("PODLING-BACKEND", backend.IP)
		t.chains = append(t.chains, chain)
		t.add(fmt.Sprintf("-A %s -d %s/32 -j %s", forwardChain, backend.IP, chain))
		t.allowChain(chain, "-s", backend.Ingress, "ACCEPT")
	}
	return t.String()
}

// table is a filter table being written: the chains it declares, and its rules.
type table struct {
	chains, lines []string
}

func (t *table) add(lines ...string) { t.lines = append(t.lines, lines...) }

func (t *table) String() string {
	out := []string{"*filter", ":INPUT ACCEPT [0:0]", ":FORWARD ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]"}
	for _, c := range t.chains {
		out = append(out, ":"+c+" - [0:0]")
	}
	return strings.Join(append(append(out, t.lines...), "COMMIT", ""), "\n")
}

// allowChain writes one rule per allowed peer and port. With ACCEPT, what no rule allows is rejected at
// once; with MARK, allowed traffic is only marked, for the caller to decide.
func (t *table) allowChain(chain, addressFlag string, allows []Allow, mode string) {
	allowed := "ACCEPT"
	if mode == "MARK" {
		allowed = "MARK --set-xmark " + egressOK
	}
	for _, entry := range allows {
		target := allowed
		if entry.Peer != nil && len(entry.Peer.Except) > 0 {
			target = chains.Name("PODLING-EXCEPT", slices.Concat([]string{chain, entry.Policy, entry.Peer.CIDR}, entry.Peer.Except)...)
			if !slices.Contains(t.chains, target) {
				t.chains = append(t.chains, target)
				for _, e := range entry.Peer.Except {
					t.add(fmt.Sprintf("-A %s %s %s -j RETURN", target, addressFlag, e))
				}
				t.add(fmt.Sprintf("-A %s -j %s", target, allowed))
			}
		}
		peer := ""
		if entry.Peer != nil {
			peer = " " + addressFlag + " " + entry.Peer.CIDR
		}
		comment := fmt.Sprintf(` -m comment --comment "%s"`, entry.Policy)
		if entry.Ports == nil {
			t.add("-A " + chain + peer + comment + " -j " + target)
		}
		for _, port := range entry.Ports {
			t.add("-A " + chain + peer + portMatch(port) + comment + " -j " + target)
		}
	}
	if mode == "ACCEPT" {
		t.add("-A "+chain+" -p tcp -j REJECT --reject-with tcp-reset", "-A "+chain+" -j REJECT --reject-with icmp-port-unreachable")
	}
}

func portMatch(port AllowPort) string {
	proto := strings.ToLower(port.Protocol)
	match := " -p " + proto
	if port.Port != 0 {
		match += fmt.Sprintf(" -m %s --dport %d", proto, port.Port)
		if port.EndPort != 0 {
			match += fmt.Sprintf(":%d", port.EndPort)
		}
	}
	return match
}
