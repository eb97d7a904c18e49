package main

import (
	"encoding/json"
	"fmt"
	"log"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Live endpoints, as EndpointSlices give them in Kubernetes: a service's NAT rules, in its router and in
// every client pod, follow the readiness of its pods as it is now, not as it was at the last pulumi up.
// The provider names the endpoints; the agent decides which of them are ready, and renders and loads the
// rules itself.

// readinessTick is how often the agent looks at the pods' readiness: podling-init changes it at most
// once a probe period, and a pod must leave its services within two periods and a second.
const readinessTick = 500 * time.Millisecond

// planFile is where a router keeps the plan its rules were rendered from; the provider reads and writes it
// too (provider/service/router.ts), so that each render knows which chains the last one made.
const planFile = "/run/podling-dataplane.json"

// probeStateFile is where podling-init keeps its probe state inside an app container.
const probeStateFile = "/.podling/run/state.json"

// holdEndpoints brings every service's rules in line with its pods' readiness, each tick, and at once
// after a pass, which may have read a new service or pod.
func (a *agent) holdEndpoints() {
	tick := time.NewTicker(readinessTick)
	for {
		select {
		case <-tick.C:
		case <-a.resync:
		}
		a.syncServices()
	}
}

// syncServices brings every router, and every client pod, in line with the endpoints ready now. Each
// pod's readiness is found once, however many services select it. The ticks, a pass's withdrawal of a
// deleted pod and a router's new start take turns here, so no two load one namespace's rules at once.
func (a *agent) syncServices() {
	a.endpoints.Lock()
	defer a.endpoints.Unlock()
	routers, records, sandboxes := a.services()
	cluster := a.lookAtPeers()
	ready := map[string]bool{}
	plans := make([]Dataplane, len(routers))
	texts := make([]string, len(routers)) // each plan's rules, rendered once for the router and the clients
	held := map[string]heldPlan{}
	for i, e := range routers {
		plans[i] = planOf(a.liveSpec(*e.desired.System.Service, ready))
		texts[i] = renderServiceRules(plans[i], nil)
		a.syncRouter(e, plans[i], texts[i])
		if p, ok := a.routerPlans[e.name]; ok {
			held[e.name] = p
		}
	}
	a.routerPlans = held // of the routers that still exist
	if dns := cluster.dnsPlan(); dns != nil {
		plans = append(plans, *dns)
		texts = append(texts, renderServiceRules(*dns, nil))
	}
	a.syncClients(sandboxes, plans, texts)
	for _, e := range records {
		a.syncRecords(e, ready)
	}
}

// lookAtPeers reads, on a cluster network, which nodes the overlay reaches now, for the remote endpoints'
// readiness; when Docker does not answer, the last answer stands. It returns this node's cluster view.
func (a *agent) lookAtPeers() *Cluster {
	a.mu.Lock()
	cluster := a.cluster
	a.mu.Unlock()
	if cluster == nil {
		return nil
	}
	peers, err := a.docker.networkPeers(cluster.Network)
	a.mu.Lock()
	defer a.mu.Unlock()
	if err != nil {
		log.Printf("network %s: reading its peers: %v", cluster.Network, err)
	} else if !maps.Equal(peers, a.peers) {
		log.Printf("network %s: peers now %s", cluster.Network, describeSet(peers))
		a.peers = peers
		for _, n := range cluster.Nodes {
			if !peers[n.Address] && n.Name != cluster.Node {
				a.exchange.lost(n.Name)
			}
		}
	}
	return cluster
}

// services is what the last pass read: the router entries that carry a service, the headless services'
// records, and the pods' sandboxes.
func (a *agent) services() ([]entry, []entry, map[string]string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.routers, a.records, a.sandboxes
}

// syncRouter loads the service's rules anew when plan (whose rules are text) differs from the one its
// router's rules were last rendered from, unless the router's start is not handled yet (that loads them whole).
func (a *agent) syncRouter(e entry, plan Dataplane, text string) {
	router, err := a.states.inspect(e.desired.System.Container)
	if err != nil || !router.Running || !e.inLine(router.StartedAt, a.store.status(e.name)) {
		return
	}
	path := fmt.Sprintf("/proc/%d/root%s", router.Pid, planFile)
	// The plan file is read and rendered again only when it changed: the provider writes it too.
	info, statErr := os.Stat(path)
	seen, known := a.routerPlans[e.name]
	if statErr == nil && known && seen.modified.Equal(info.ModTime()) && seen.size == info.Size() && seen.text == text {
		return
	}
	previous := readPlan(path)
	if previous != nil && renderServiceRules(*previous, nil) == text {
		if statErr == nil {
			a.routerPlans[e.name] = heldPlan{modified: info.ModTime(), size: info.Size(), text: text}
		}
		return
	}
	what := "endpoints now " + describeTargets(plan)
	err = timed(e.name, what, func() error { return loadService(router.Pid, plan, previous) })
	if prev := a.store.status(e.name); err != nil || prev.Error != "" {
		// The last good rules stay in force; the next tick tries again.
		prev.Error = ""
		if err != nil {
			prev.Error = "loading the service's rules: " + err.Error()
		}
		a.writeStatus(e.name, prev)
	}
}

// heldPlan is a router's plan file as the agent last found it in line with the rules it would render.
type heldPlan struct {
	modified time.Time
	size     int64
	text     string
}

// loadServiceFresh renders and loads a service's rules into a new start of its router, which has none.
func (a *agent) loadServiceFresh(pid int, s ServiceSpec) error {
	a.endpoints.Lock()
	defer a.endpoints.Unlock()
	return loadService(pid, planOf(a.liveSpec(s, map[string]bool{})), nil)
}

// loadService loads the rules of plan over those of previous, then records plan in the router.
func loadService(pid int, plan Dataplane, previous *Dataplane) error {
	if err := loadRules(pid, renderServiceRules(plan, previous), true); err != nil {
		return err
	}
	data, err := json.Marshal(plan)
	if err != nil {
		return err
	}
	return os.WriteFile(fmt.Sprintf("/proc/%d/root%s", pid, planFile), data, 0o644)
}

// liveSpec is the service with each endpoint's readiness as it is now; ready holds the pods already
// looked at, and gets those looked at here.
func (a *agent) liveSpec(s ServiceSpec, ready map[string]bool) ServiceSpec {
	a.mu.Lock()
	endpoints := withSelected(s, a.selectable)
	cluster, peers := a.cluster, a.peers
	a.mu.Unlock()
	var reports map[string]readinessReport
	if cluster != nil {
		reports = a.exchange.lastReports()
	}
	live := s
	live.Endpoints = make([]ServiceEndpoint, len(endpoints))
	for i, ep := range endpoints {
		r, known := ready[ep.Pod]
		if !known {
			if remoteReady, remote := cluster.remoteReadiness(ep, peers, reports); remote {
				r = remoteReady
			} else {
				r = a.podReady(ep.Pod)
			}
			ready[ep.Pod] = r
		}
		ep.Ready = r
		live.Endpoints[i] = ep
	}
	return live
}

// podReady says whether the pod "namespace/name" is ready: the provider still holds it (a pass reads a
// delete as soon as it is written, before a deleted pod's containers stop), and every app container runs
// and passes its probes.
func (a *agent) podReady(pod string) bool {
	a.mu.Lock()
	p, ok := a.pods[pod]
	a.mu.Unlock()
	if !ok || len(p.Containers) == 0 {
		return false
	}
	for _, c := range p.Containers {
		st, err := a.states.inspect(c.ID)
		if err != nil || !st.Running || !probesPass(st.Pid) {
			return false
		}
	}
	return true
}

// probesPass reads podling-init's state inside the container: started, and ready by its readiness probe
// (a container without one is ready once started). No state yet means not ready.
func probesPass(pid int) bool {
	data, err := os.ReadFile(filepath.Join(fmt.Sprintf("/proc/%d/root", pid), probeStateFile))
	if err != nil {
		return false
	}
	var st struct{ Started, Ready bool }
	return json.Unmarshal(data, &st) == nil && st.Started && st.Ready
}

// describeSet lists a set's members in order, or "none", for the log.
func describeSet(set map[string]bool) string {
	members := make([]string, 0, len(set))
	for member := range set {
		members = append(members, member)
	}
	sort.Strings(members)
	if len(members) == 0 {
		return "none"
	}
	return strings.Join(members, ", ")
}

func readPlan(path string) *Dataplane {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var plan Dataplane
	if json.Unmarshal(data, &plan) != nil {
		return nil
	}
	return &plan
}

// describeTargets names the ready endpoints of a plan, for the log.
func describeTargets(plan Dataplane) string {
	seen := map[string]bool{}
	for _, p := range plan.Ports {
		for _, t := range p.Targets {
			seen[t.Pod] = true
		}
	}
	return describeSet(seen)
}
