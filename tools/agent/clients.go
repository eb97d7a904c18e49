package main

import (
	"fmt"
	"log"
	"slices"
)

// Service traffic translated on the client's side, as kube-proxy translates it on every node: each pod's
// own namespace sends a connection to a ClusterIP straight to a ready endpoint, so the backend sees the
// client's pod IP and judges it by its own ingress policy, and the client's egress policy judges the real
// backend. The router still holds the ClusterIP, for NodePort traffic from the host, for containers the
// agent does not know, and to reject at once where a port has no ready endpoint (no rule translates it).

// clientRules is what the agent last loaded into one client pod's namespace.
type clientRules struct {
	start  string      // the sandbox start they are in
	chains []string    // the service chains the namespace holds, besides the root
	plans  []Dataplane // what they were rendered from
	texts  []string    // each plan's rules, to tell a change
}

// syncClients loads the plans into every running sandbox whose rules differ from them; texts are the
// plans' rules, and sandboxes maps a sandbox to its pod, "namespace/name".
func (a *agent) syncClients(sandboxes map[string]string, plans []Dataplane, texts []string) {
	for id, pod := range sandboxes {
		st, err := a.states.inspect(id)
		if err != nil || !st.Running {
			continue
		}
		err = a.syncClient(id, st, plans, texts)
		if err != nil {
			// The last good rules stay in force; the next tick tries again.
			log.Printf("pod %s: loading its service rules: %v", pod, err)
		}
		a.noteClientError(id, err)
	}
	for id := range a.clients {
		if _, ok := sandboxes[id]; !ok {
			delete(a.clients, id)
			a.noteClientError(id, nil)
		}
	}
}

// noteClientError records the outcome of a sandbox's last load, for its pod's status (and refresh).
func (a *agent) noteClientError(sandbox string, err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if err == nil {
		delete(a.clientErrors, sandbox)
	} else {
		a.clientErrors[sandbox] = "loading the pod's service rules: " + err.Error()
	}
}

// clientError is why the sandbox's service rules last failed to load; empty when they did not.
func (a *agent) clientError(sandbox string) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.clientErrors[sandbox]
}

func (a *agent) syncClient(id string, st containerState, plans []Dataplane, texts []string) error {
	last, known := a.clients[id]
	hooked := true
	if !known || last.start != st.StartedAt {
		// A new namespace, or one loaded before the agent started: it says what it holds.
		held, h, err := natChains(st.Pid, "PODLING-S", rootChain)
		if err != nil {
			return err
		}
		last = clientRules{start: st.StartedAt, chains: slices.DeleteFunc(held, func(c string) bool { return c == rootChain })}
		hooked, known = h, false
	}
	if known && slices.Equal(last.texts, texts) {
		return nil
	}
	if err := loadRules(st.Pid, renderClientRules(plans, last.chains, hooked), true); err != nil {
		return err
	}
	var chains []string
	for _, plan := range plans {
		chains = append(chains, chainsOf(plan)...)
	}
	a.clients[id] = clientRules{start: st.StartedAt, chains: chains, plans: plans, texts: texts}
	// A UDP flow keeps the endpoint it was translated to: one whose endpoint left is forgotten, so that its
	// next datagram is translated anew, as kube-proxy does.
	for _, clusterIP := range lostUDPTargets(last.plans, plans) {
		if err := forgetUDPFlows(st.Pid, "--orig-dst", clusterIP); err != nil {
			return fmt.Errorf("forgetting UDP flows to %s: %w", clusterIP, err)
		}
	}
	return nil
}

// lostUDPTargets lists the ClusterIPs of the UDP ports of before that lost an endpoint in after.
func lostUDPTargets(before, after []Dataplane) []string {
	kept := map[string]bool{}
	eachUDPTarget(after, func(_, key string) { kept[key] = true })
	var lost []string
	eachUDPTarget(before, func(clusterIP, key string) {
		if !kept[key] && !slices.Contains(lost, clusterIP) {
			lost = append(lost, clusterIP)
		}
	})
	return lost
}

// eachUDPTarget calls fn with the ClusterIP, and a key naming port and endpoint, of each UDP port's endpoint.
func eachUDPTarget(plans []Dataplane, fn func(clusterIP, key string)) {
	for _, plan := range plans {
		for _, p := range plan.Ports {
			if p.Protocol != "UDP" {
				continue
			}
			for _, t := range p.Targets {
				fn(plan.ClusterIP, fmt.Sprintf("%s:%d>%s:%d", plan.ClusterIP, p.Port, t.IP, t.Port))
			}
		}
	}
}
