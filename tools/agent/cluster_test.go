package main

import (
	"strings"
	"testing"
)

var twoNodes = &Cluster{
	Version: 1, Kind: "cluster", Network: "lab", Node: "n2",
	Nodes: []ClusterNode{
		{Name: "n1", PodCidr: "10.244.0.0/24", Address: "10.213.0.11"},
		{Name: "n2", PodCidr: "10.244.1.0/24", Address: "10.213.0.12"},
	},
	DNS: &NodeDNS{ClusterIP: "10.244.255.2", Local: "10.244.255.3"},
}

func TestRemoteEndpointIsReadyWhileItsNodeIsAPeer(t *testing.T) {
	remote := ServiceEndpoint{Pod: "default/web-1", IP: "10.244.0.5", Ready: true}
	cases := []struct {
		name            string
		ep              ServiceEndpoint
		peers           map[string]bool
		ready, isRemote bool
	}{
		{"node a peer", remote, map[string]bool{"10.213.0.11": true, "10.213.0.12": true}, true, true},
		{"node gone", remote, map[string]bool{"10.213.0.12": true}, false, true},
		{"no peers read yet", remote, nil, false, true},
		{"unready as the provider saw it", ServiceEndpoint{Pod: "default/web-1", IP: "10.244.0.5"}, map[string]bool{"10.213.0.11": true}, false, true},
		{"on this node: the agent judges it", ServiceEndpoint{Pod: "default/web-2", IP: "10.244.1.7", Ready: true}, map[string]bool{}, false, false},
		{"in no block", ServiceEndpoint{Pod: "default/x", IP: "10.9.0.1", Ready: true}, map[string]bool{"10.213.0.11": true}, false, false},
	}
	for _, c := range cases {
		ready, isRemote := twoNodes.remoteReadiness(c.ep, c.peers, nil)
		if ready != c.ready || isRemote != c.isRemote {
			t.Errorf("%s: got ready=%v remote=%v, want ready=%v remote=%v", c.name, ready, isRemote, c.ready, c.isRemote)
		}
	}
	if _, isRemote := (*Cluster)(nil).remoteReadiness(remote, nil, nil); isRemote {
		t.Error("on one engine (no cluster entry) an endpoint counted as remote")
	}
}

func TestRemoteEndpointFollowsItsNodesLastReport(t *testing.T) {
	peers := map[string]bool{"10.213.0.11": true, "10.213.0.12": true}
	n1 := map[string]readinessReport{"n1": {Node: "n1", Ready: map[string]bool{"default/web-1": false, "default/web-3": true}}}
	cases := []struct {
		name  string
		ep    ServiceEndpoint
		ready bool
	}{
		{"ready as the provider saw it, unready by its node's report", ServiceEndpoint{Pod: "default/web-1", IP: "10.244.0.5", Ready: true}, false},
		{"unready as the provider saw it, ready by its node's report", ServiceEndpoint{Pod: "default/web-3", IP: "10.244.0.6"}, true},
		{"a pod its node does not hold", ServiceEndpoint{Pod: "default/gone", IP: "10.244.0.7", Ready: true}, false},
	}
	for _, c := range cases {
		ready, isRemote := twoNodes.remoteReadiness(c.ep, peers, n1)
		if ready != c.ready || !isRemote {
			t.Errorf("%s: got ready=%v remote=%v, want ready=%v remote=true", c.name, ready, isRemote, c.ready)
		}
	}
	// Another node's report says nothing of n1's pods: they go by what the provider saw.
	other := map[string]readinessReport{"n3": {Node: "n3", Ready: map[string]bool{"default/web-1": false}}}
	if ready, _ := twoNodes.remoteReadiness(cases[0].ep, peers, other); !ready {
		t.Error("a report of another node decided an endpoint of n1")
	}
	// Once n1 is no peer, its report no longer counts.
	if ready, _ := twoNodes.remoteReadiness(cases[1].ep, map[string]bool{"10.213.0.12": true}, n1); ready {
		t.Error("an endpoint of a node that is gone stayed ready by its last report")
	}
}

func TestOnlyOtherNodesDNSMayAskForTheReport(t *testing.T) {
	c := *twoNodes
	c.Nodes = []ClusterNode{
		{Name: "n1", PodCidr: "10.244.0.0/24", Address: "10.213.0.11", DNS: "10.244.255.2"},
		{Name: "n2", PodCidr: "10.244.1.0/24", Address: "10.213.0.12", DNS: "10.244.1.2"},
	}
	for ip, want := range map[string]bool{"10.244.255.2": true, "10.244.1.2": false, "10.244.0.9": false, "": false} {
		if got := c.isOtherNodesDNS(ip); got != want {
			t.Errorf("isOtherNodesDNS(%q) = %v, want %v", ip, got, want)
		}
	}
	if (*Cluster)(nil).isOtherNodesDNS("10.244.255.2") {
		t.Error("on one engine, an address counted as another node's DNS")
	}
}

func TestDNSPlanTranslatesTheClusterDNSToThisNodesDNS(t *testing.T) {
	plan := twoNodes.dnsPlan()
	if plan == nil {
		t.Fatal("no DNS plan on a node whose DNS has its own address")
	}
	text := renderServiceRules(*plan, nil)
	for _, want := range []string{
		"-d 10.244.255.2/32 -p udp -m udp --dport 53",
		"-d 10.244.255.2/32 -p tcp -m tcp --dport 53",
		"--to-destination 10.244.255.3:53",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("DNS rules lack %q:\n%s", want, text)
		}
	}
	home := *twoNodes
	home.DNS = &NodeDNS{ClusterIP: "10.244.255.2", Local: "10.244.255.2"}
	if home.dnsPlan() != nil {
		t.Error("the node holding the cluster DNS address translated it")
	}
	if (*Cluster)(nil).dnsPlan() != nil {
		t.Error("a DNS plan on one engine")
	}
}
