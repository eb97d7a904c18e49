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
		ready, isRemote := twoNodes.remoteReadiness(c.ep, c.peers)
		if ready != c.ready || isRemote != c.isRemote {
			t.Errorf("%s: got ready=%v remote=%v, want ready=%v remote=%v", c.name, ready, isRemote, c.ready, c.isRemote)
		}
	}
	if _, isRemote := (*Cluster)(nil).remoteReadiness(remote, nil); isRemote {
		t.Error("on one engine (no cluster entry) an endpoint counted as remote")
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
