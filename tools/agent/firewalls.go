package main

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"

	"podling.dev/tools/agent/policy"
)

// The agent as the network's policy enforcer, as a CNI's policy agent is in Kubernetes: for every pod
// whose entry carries a PolicyRevision it renders the firewall from the NetPol entries and the pods and
// services it holds (tools/agent/policy: the provider's semantics and text), and loads it whenever the
// text changes, and in every new start of the sandbox before anything runs in it. A Deployment's pods
// come and go without any Pulumi resource naming them; only here are they all known.

// everyPod is a NetPol status's HandledStart: its revision is in force in every running enforced pod.
const everyPod = "every pod"

// policyFirewallName is the status under which the agent reports an enforced pod's firewall: loaded for
// the pod's PolicyRevision in a sandbox start, or failed.
func policyFirewallName(podEntry string) string {
	return "policy-firewall." + strings.TrimPrefix(podEntry, "pod.")
}

// enforcer holds what the firewalls were last rendered from and what each sandbox holds now.
type enforcer struct {
	mu     sync.Mutex
	world  policy.World
	loaded map[string]loadedFirewall // sandbox ID → the rules loaded into it
}

// loadedFirewall is what the agent last loaded into a container's filter table. For a router, provided
// is the provider's own rules as its entry had them then: the provider reloads its filter when they
// change (a Service update), which overwrites the agent's.
type loadedFirewall struct{ start, rules, provided string }

// providedRules is the provider's rules of a router's entry.
func providedRules(s *System) string {
	var b strings.Builder
	for _, r := range s.Restore {
		b.WriteString(r.Rules)
	}
	return b.String()
}

// worldOf is what the firewalls depend on, from one pass's entries: every pod with an address (enforced
// or not, each may be a peer), the policies, and the service routers with the pods behind them.
func worldOf(pods []*Pod, netpols []*NetPol, routers []entry, selectable []selectablePod) policy.World {
	w := policy.World{Namespaces: map[string]map[string]string{}}
	for _, p := range pods {
		if p.IP == "" {
			continue
		}
		labels := p.Labels
		if labels == nil {
			labels = map[string]string{}
		}
		ports := p.Ports
		if ports == nil {
			ports = []policy.ContainerPort{}
		}
		w.Pods = append(w.Pods, policy.Pod{Namespace: p.Namespace, Name: p.Name, IP: p.IP, Labels: labels, Ports: ports})
	}
	sort.Slice(w.Pods, func(i, j int) bool {
		return w.Pods[i].Namespace+"/"+w.Pods[i].Name < w.Pods[j].Namespace+"/"+w.Pods[j].Name
	})
	// Every policy carries the program's namespace labels; after an up they are the same in all of them.
	for _, np := range netpols {
		maps.Copy(w.Namespaces, np.Namespaces)
		w.Policies = append(w.Policies, np.Policy)
	}
	for _, r := range routers {
		s := r.desired.System.Service
		var endpoints []string
		for _, ep := range withSelected(*s, selectable) {
			endpoints = append(endpoints, ep.Pod)
		}
		w.Routers = append(w.Routers, policy.Router{IP: s.ClusterIP, Endpoints: endpoints})
	}
	return w
}

func netpolsOf(entries []entry) []*NetPol {
	out := make([]*NetPol, len(entries))
	for i, e := range entries {
		out[i] = e.desired.NetPol
	}
	return out
}

// firewallText is the pod's firewall in the world, as iptables-restore input.
func firewallText(p *Pod, w policy.World) string {
	ports := p.Ports
	if ports == nil {
		ports = []policy.ContainerPort{}
	}
	pod := policy.Pod{Namespace: p.Namespace, Name: p.Name, IP: p.IP, Labels: p.Labels, Ports: ports}
	return policy.RenderFirewall(policy.FirewallFor(pod, w))
}

// syncFirewalls renders every enforced pod's firewall in world w and loads those whose text changed into
// their running sandboxes (a stopped one gets its firewall at its next start, before its containers),
// and so the routers' filters while policies exist. It then reports each NetPol revision in force, or
// why not.
func (a *agent) syncFirewalls(w policy.World, enforced, netpols, routers []entry, selectable []selectablePod) {
	a.enforcer.mu.Lock()
	defer a.enforcer.mu.Unlock()
	a.enforcer.world = w
	var failures []string
	held := map[string]bool{}
	for _, e := range enforced {
		p := e.desired.Pod
		held[p.Sandbox] = true
		rules := firewallText(p, w)
		if a.enforcer.loaded[p.Sandbox].rules == rules {
			continue
		}
		st, err := a.docker.inspect(p.Sandbox)
		if err != nil || !st.Running {
			continue
		}
		if err := a.loadFirewall(e.name, p, st, rules); err != nil && a.stillRuns(p.Sandbox, st) {
			failures = append(failures, fmt.Sprintf("pod %s/%s: %v", p.Namespace, p.Name, err))
		}
	}
	for _, r := range routers {
		held[r.desired.System.Container] = true
		rules, ok := routerFilterText(r, w, selectable)
		loaded := a.enforcer.loaded[r.desired.System.Container]
		if !ok || (loaded.rules == rules && loaded.provided == providedRules(r.desired.System)) {
			continue
		}
		st, err := a.docker.inspect(r.desired.System.Container)
		if err != nil || !st.Running {
			continue
		}
		if err := a.loadRouterFilter(r, st, rules); err != nil && a.stillRuns(r.desired.System.Container, st) {
			failures = append(failures, fmt.Sprintf("service %s/%s: %v", r.desired.System.Namespace, r.desired.System.Name, err))
		}
	}
	for sandbox := range a.enforcer.loaded {
		if !held[sandbox] {
			delete(a.enforcer.loaded, sandbox)
		}
	}
	for _, e := range netpols {
		a.reportNetPol(e.name, e.desired.NetPol.Revision, failures)
	}
}

// stillRuns says whether a container whose rules failed to load still runs in the same start: one that
// stopped or started anew meanwhile (a pod being deleted, a daemon restart) is no failure of the
// policies, and a new start gets its rules before anything runs in it.
func (a *agent) stillRuns(id string, loadedIn containerState) bool {
	st, err := a.docker.inspect(id)
	return err == nil && st.Running && st.StartedAt == loadedIn.StartedAt
}

// reportNetPol says that a policy's revision is in force, or which firewalls failed to load with it.
func (a *agent) reportNetPol(name, revision string, failures []string) {
	prev := a.store.status(name)
	next := Status{Version: 1, HandledStart: everyPod, HandledRevision: revision}
	if len(failures) > 0 {
		next = Status{Version: 1, HandledStart: prev.HandledStart, HandledRevision: prev.HandledRevision,
			Error: "firewalls not loaded: " + strings.Join(failures, "; "), FailedRevision: revision}
	}
	if next.HandledStart != prev.HandledStart || next.HandledRevision != prev.HandledRevision || next.Error != prev.Error {
		a.writeStatus(name, next)
	}
}

// enforceNow loads an enforced pod's firewall into a new start of its sandbox, from the last rendered
// world: the pod's containers start only after it.
func (a *agent) enforceNow(name string, p *Pod, sandbox containerState) error {
	a.enforcer.mu.Lock()
	defer a.enforcer.mu.Unlock()
	return a.loadFirewall(name, p, sandbox, firewallText(p, a.enforcer.world))
}

// loadFirewall loads rules into the sandbox and reports the outcome for the pod's PolicyRevision. The
// caller holds the enforcer's lock.
func (a *agent) loadFirewall(name string, p *Pod, sandbox containerState, rules string) error {
	status := policyFirewallName(name)
	prev := a.store.status(status)
	err := timed(status, "load firewall", func() error { return loadRules(sandbox.Pid, rules, false) })
	if err == nil && prev.HandledStart == sandbox.StartedAt {
		// As for a firewall entry (reconcile.go): the old rules' UDP flows must not outlive them.
		err = timed(status, "forget UDP flows", func() error { return forgetUDPFlows(sandbox.Pid) })
	}
	next := Status{Version: 1, HandledStart: sandbox.StartedAt, HandledRevision: p.PolicyRevision}
	if err != nil {
		delete(a.enforcer.loaded, p.Sandbox)
		next = Status{Version: 1, HandledStart: prev.HandledStart, HandledRevision: prev.HandledRevision,
			Error: err.Error(), FailedRevision: p.PolicyRevision}
	} else {
		a.enforcer.loaded[p.Sandbox] = loadedFirewall{start: sandbox.StartedAt, rules: rules}
	}
	if next.HandledStart != prev.HandledStart || next.HandledRevision != prev.HandledRevision ||
		next.Error != prev.Error || next.FailedRevision != prev.FailedRevision {
		a.writeStatus(status, next)
	}
	return err
}

// routerFilterText is the filter a service router applies to what it forwards (NodePort traffic from the
// host, whose backends see the router's address): the backends' ingress and every pod's egress, as the
// pods' own firewalls would. Not ok while the network has no policy: the provider's open filter stands.
func routerFilterText(r entry, w policy.World, selectable []selectablePod) (string, bool) {
	if len(w.Policies) == 0 {
		return "", false
	}
	var endpoints []string
	for _, ep := range withSelected(*r.desired.System.Service, selectable) {
		endpoints = append(endpoints, ep.Pod)
	}
	filter := policy.ServiceFilterFor(endpoints, w)
	return policy.RenderServiceFilter(&filter), true
}

// enforceRouter loads the filter into a new start of a router, after the provider's rules (Restore).
func (a *agent) enforceRouter(r entry, router containerState) error {
	a.enforcer.mu.Lock()
	defer a.enforcer.mu.Unlock()
	rules, ok := routerFilterText(r, a.enforcer.world, a.selectableNow())
	if !ok {
		return nil
	}
	return a.loadRouterFilter(r, router, rules)
}

// loadRouterFilter replaces the router's filter table. The caller holds the enforcer's lock.
func (a *agent) loadRouterFilter(r entry, router containerState, rules string) error {
	id := r.desired.System.Container
	if err := timed(r.name, "load filter", func() error { return loadRules(router.Pid, rules, false) }); err != nil {
		delete(a.enforcer.loaded, id)
		return err
	}
	a.enforcer.loaded[id] = loadedFirewall{start: router.StartedAt, rules: rules, provided: providedRules(r.desired.System)}
	return nil
}

func (a *agent) selectableNow() []selectablePod {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.selectable
}

// enforces says whether the agent renders the firewall of the pod in this sandbox.
func (a *agent) enforces(sandbox string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return slices.Contains(a.enforcedSandboxes, sandbox)
}
