package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"maps"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Readiness crosses nodes as EndpointSlices carry it from each kubelet to every kube-proxy: each node's
// agent alone reads its pods' probes, serves what it reads to the other nodes' agents, and asks them for
// theirs every readiness tick. Both ends live in the network namespace of the node's DNS container, the
// one container every node has on the network: a socket stays in the namespace it was made in.

// readinessPort is where an agent serves its node's readiness report (the kubelet's old read-only port,
// which served its pods' status).
const readinessPort = 10255

// askTimeout bounds one question to another node's agent, within a tick.
const askTimeout = 400 * time.Millisecond

// readinessReport is one node's answer: each of its pods, "namespace/name", and whether it is ready now.
type readinessReport struct {
	Node  string          `json:"node"`
	Ready map[string]bool `json:"ready"`
}

// readinessExchange is the agent's side of it: the server in its DNS container, the last report of each
// other node, and this node's own, made each tick.
type readinessExchange struct {
	dnsPid atomic.Int64 // the DNS container's process, whose namespace the questions are asked from
	client *http.Client

	mu          sync.Mutex
	server      *http.Server
	serverStart string // the DNS container start the server listens in
	reports     map[string]readinessReport
	own         readinessReport
}

func newReadinessExchange() *readinessExchange {
	x := &readinessExchange{reports: map[string]readinessReport{}}
	x.client = &http.Client{
		Timeout: askTimeout,
		Transport: &http.Transport{
			DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
				var conn net.Conn
				_, err := inNamespace(int(x.dnsPid.Load()), func() (string, error) {
					var err error
					conn, err = (&net.Dialer{}).DialContext(ctx, network, addr)
					return "", err
				})
				return conn, err
			},
			MaxIdleConnsPerHost: 1,
			IdleConnTimeout:     time.Minute,
		},
	}
	return x
}

// exchangeReadiness makes this node's report and gathers the others', every readiness tick; a report
// that changed asks for a service sync at once. The server answers with the report of the last tick, so
// that a question never waits for Docker.
func (a *agent) exchangeReadiness() {
	tick := time.NewTicker(readinessTick)
	for range tick.C {
		a.mu.Lock()
		cluster := a.cluster
		a.mu.Unlock()
		pid := a.holdReadinessServer(cluster)
		if pid == 0 {
			continue
		}
		own := a.ownReport(cluster.Node)
		a.exchange.mu.Lock()
		a.exchange.own = own
		a.exchange.mu.Unlock()
		if a.askPeers(cluster, pid) {
			signal(a.resync)()
		}
	}
}

// holdReadinessServer keeps the server listening in the current start of this node's DNS container, and
// returns that container's process (0 while it does not run, or on one engine).
func (a *agent) holdReadinessServer(c *Cluster) int {
	x := a.exchange
	var dns containerState
	var err error
	if c != nil && c.DNS != nil && c.DNS.Container != "" {
		dns, err = a.states.inspect(c.DNS.Container)
	}
	running := c != nil && c.DNS != nil && c.DNS.Container != "" && err == nil && dns.Running
	x.mu.Lock()
	defer x.mu.Unlock()
	if running && x.serverStart == dns.StartedAt {
		return dns.Pid
	}
	if x.server != nil {
		x.server.Close()
		x.server, x.serverStart = nil, ""
		x.client.Transport.(*http.Transport).CloseIdleConnections()
	}
	if !running {
		return 0
	}
	var listener net.Listener
	_, err = inNamespace(dns.Pid, func() (string, error) {
		var err error
		listener, err = net.Listen("tcp4", fmt.Sprintf(":%d", readinessPort))
		return "", err
	})
	if err != nil {
		log.Printf("readiness: listening in %s: %v", c.DNS.Container, err)
		return 0
	}
	x.server = &http.Server{Handler: http.HandlerFunc(a.serveReport), ReadHeaderTimeout: time.Second, IdleTimeout: 10 * time.Second}
	x.serverStart = dns.StartedAt
	x.dnsPid.Store(int64(dns.Pid))
	go x.server.Serve(listener)
	log.Printf("readiness: serving on %s:%d", c.DNS.Local, readinessPort)
	return dns.Pid
}

// serveReport answers the other nodes' agents alone: the report names every pod of this node.
func (a *agent) serveReport(w http.ResponseWriter, r *http.Request) {
	host, _, _ := net.SplitHostPort(r.RemoteAddr)
	a.mu.Lock()
	cluster := a.cluster
	a.mu.Unlock()
	if !cluster.isOtherNodesDNS(host) {
		w.Header().Set("Connection", "close")
		http.Error(w, "only the agents of the cluster's other nodes may ask", http.StatusForbidden)
		return
	}
	a.exchange.mu.Lock()
	own := a.exchange.own
	a.exchange.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(own)
}

// isOtherNodesDNS says whether ip is the DNS address of another node of the cluster.
func (c *Cluster) isOtherNodesDNS(ip string) bool {
	if c == nil {
		return false
	}
	for _, n := range c.Nodes {
		if n.Name != c.Node && n.DNS != "" && n.DNS == ip {
			return true
		}
	}
	return false
}

// ownReport is this node's pods' readiness now.
func (a *agent) ownReport(node string) readinessReport {
	a.mu.Lock()
	pods := make([]string, 0, len(a.pods))
	for pod := range a.pods {
		pods = append(pods, pod)
	}
	a.mu.Unlock()
	report := readinessReport{Node: node, Ready: map[string]bool{}}
	for _, pod := range pods {
		report.Ready[pod] = a.podReady(pod)
	}
	return report
}

// askPeers asks every other node's agent for its report, all at once, from the DNS container's namespace
// (process pid); it says whether any report changed. A node that does not answer keeps its last report.
func (a *agent) askPeers(c *Cluster, pid int) bool {
	x := a.exchange
	x.dnsPid.Store(int64(pid))
	var wg sync.WaitGroup
	var mu sync.Mutex
	answers := map[string]readinessReport{}
	for _, n := range c.Nodes {
		if n.Name == c.Node || n.DNS == "" {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			report, err := x.ask(n)
			if err != nil {
				return
			}
			mu.Lock()
			answers[n.Name] = report
			mu.Unlock()
		}()
	}
	wg.Wait()
	changed := false
	x.mu.Lock()
	defer x.mu.Unlock()
	for node, report := range answers {
		if previous, ok := x.reports[node]; !ok || !maps.Equal(previous.Ready, report.Ready) {
			changed = true
		}
		x.reports[node] = report
	}
	return changed
}

func (x *readinessExchange) ask(n ClusterNode) (readinessReport, error) {
	var report readinessReport
	resp, err := x.client.Get(fmt.Sprintf("http://%s:%d/", n.DNS, readinessPort))
	if err != nil {
		return report, err
	}
	defer func() {
		io.Copy(io.Discard, resp.Body) // so that the connection serves the next question
		resp.Body.Close()
	}()
	if resp.StatusCode != http.StatusOK {
		return report, fmt.Errorf("node %s answered %s", n.Name, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(&report); err != nil {
		return report, err
	}
	if report.Node != n.Name {
		return report, fmt.Errorf("%s answered for node %q, not %s", n.DNS, report.Node, n.Name)
	}
	return report, nil
}

// lost forgets what a node that left the network reported: when it is back, its pods count as ready
// only once its agent says so again.
func (x *readinessExchange) lost(node string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.reports[node] = readinessReport{Node: node, Ready: map[string]bool{}}
}

// lastReports are the last report of each node that ever answered.
func (x *readinessExchange) lastReports() map[string]readinessReport {
	x.mu.Lock()
	defer x.mu.Unlock()
	return maps.Clone(x.reports)
}
