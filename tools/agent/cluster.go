package main

import (
	"net"
	"net/http"
	"net/url"

	"podling.dev/tools/agent/ports"
)

// On a cluster's overlay network every node runs an agent, so that no node is the others' home: each
// translates its own pods' service traffic and serves their names from its own DNS container. The
// provider tells each agent where it stands with one cluster entry.

// Cluster is one node's view of a cluster network: the nodes with their pod blocks, and its own DNS.
type Cluster struct {
	Version int    `json:"version"`
	Kind    string `json:"kind"`
	// Network is the overlay network; its peers are the nodes that answer.
	Network string        `json:"network"`
	Node    string        `json:"node"`
	Nodes   []ClusterNode `json:"nodes"`
	DNS     *NodeDNS      `json:"dns,omitempty"`
}

// ClusterNode is one node: its pods' addresses lie in PodCidr, and Address is its advertise address. DNS
// is its DNS container's address on the network, where its agent tells the others its pods' readiness
// (empty where the provider could not reach the node).
type ClusterNode struct {
	Name    string `json:"name"`
	PodCidr string `json:"podCidr"`
	Address string `json:"address"`
	DNS     string `json:"dns,omitempty"`
}

// NodeDNS is the address every pod has as its nameserver, and this node's own DNS container: its address,
// and its name, in whose network namespace the agent serves and asks for readiness.
type NodeDNS struct {
	ClusterIP string `json:"clusterIP"`
	Local     string `json:"local"`
	Container string `json:"container,omitempty"`
}

// nodeOf is the node whose pod block holds ip.
func (c *Cluster) nodeOf(ip string) (ClusterNode, bool) {
	addr := net.ParseIP(ip)
	for _, n := range c.Nodes {
		if _, block, err := net.ParseCIDR(n.PodCidr); err == nil && addr != nil && block.Contains(addr) {
			return n, true
		}
	}
	return ClusterNode{}, false
}

// remoteReadiness decides an endpoint on another node, whose probes only that node's agent reads: not
// ready once the node is no peer of the network; otherwise as that agent's last report says (a pod it
// does not hold is not ready), which stands while the agent does not answer, as Kubernetes keeps a pod's
// last condition while its kubelet is silent; as the provider last saw it when no report ever came.
// remote is false for an endpoint on this node (or outside every block), which the agent judges itself.
func (c *Cluster) remoteReadiness(ep ServiceEndpoint, peers map[string]bool, reports map[string]readinessReport) (ready, remote bool) {
	if c == nil {
		return false, false
	}
	node, ok := c.nodeOf(ep.IP)
	if !ok || node.Name == c.Node {
		return false, false
	}
	if !peers[node.Address] {
		return false, true
	}
	if report, ok := reports[node.Name]; ok {
		return report.Ready[ep.Pod], true
	}
	return ep.Ready, true
}

// dnsPlan translates the cluster DNS address to this node's own DNS container, in this node's pods: the
// nameserver pods have never changes, and names still resolve while any other node is lost. Nil where
// the node's DNS holds the cluster DNS address itself.
func (c *Cluster) dnsPlan() *Dataplane {
	if c == nil || c.DNS == nil || c.DNS.Local == c.DNS.ClusterIP {
		return nil
	}
	plan := planOf(ServiceSpec{
		Namespace:       "podling-system",
		Name:            "dns",
		ClusterIP:       c.DNS.ClusterIP,
		SessionAffinity: "None",
		Ports: []ServicePort{
			{Name: "dns", Port: 53, TargetPort: ports.Ref{Number: 53}, Protocol: "UDP"},
			{Name: "dns-tcp", Port: 53, TargetPort: ports.Ref{Number: 53}, Protocol: "TCP"},
		},
		Endpoints: []ServiceEndpoint{{Pod: "podling-system/dns-" + c.Node, IP: c.DNS.Local, Ready: true}},
	})
	return &plan
}

// networkPeers lists the advertise addresses of the nodes the overlay network's gossip reaches now
// (Docker's verbose network inspect). A lost node leaves the list within seconds, without the Swarm
// managers, which may themselves be lost.
func (d docker) networkPeers(network string) (map[string]bool, error) {
	var n struct{ Peers []struct{ IP string } }
	err := d.call(http.MethodGet, "/networks/"+url.PathEscape(network), url.Values{"verbose": {"true"}}, &n)
	if err != nil {
		return nil, err
	}
	peers := map[string]bool{}
	for _, p := range n.Peers {
		peers[p.IP] = true
	}
	return peers, nil
}
