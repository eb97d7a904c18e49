package main

import (
	"errors"
	"fmt"
	"io/fs"
	"log"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// retryAfter is how soon a failed entry is tried again: a full pass's period.
const retryAfter = 5 * time.Second

// agent holds the desired state true: each pass reads every desired file and acts on the entries whose
// sandbox or router started anew. Container states come from the cache, which Docker's events keep.
type agent struct {
	docker docker
	store  store
	// states serves the passes' and the readiness ticks' looks; an action inspects afresh.
	states *stateCache

	mu      sync.Mutex
	again   func()
	busy    map[string]bool      // reference containers whose entries are being handled
	skipped map[string]bool      // busy ones that a pass had to leave, to pass again when done
	failed  map[string]time.Time // entry name → when it last failed
	backoff map[string]backoff   // app container ID → when the agent may start it again
	// As the last pass read them: the router entries that carry a service, the headless services' records,
	// each desired pod by "namespace/name", and each pod's sandbox (of a pod or firewall entry) with
	// its "namespace/name".
	routers    []entry
	records    []entry
	pods       map[string]*Pod
	sandboxes  map[string]string
	selectable []selectablePod
	// cluster is this node's view of a cluster network (nil on one engine); peers the nodes its overlay
	// reached at the last sync.
	cluster *Cluster
	peers   map[string]bool
	// enforcer renders the firewalls of the pods whose entries ask it to (firewalls.go), which are in
	// these sandboxes.
	enforcer          enforcer
	enforcedSandboxes []string

	// endpoints is held by whoever loads service rules; clients is what it last loaded into each sandbox,
	// routerPlans what it last found in each router (by entry name).
	endpoints   sync.Mutex
	clients     map[string]clientRules
	routerPlans map[string]heldPlan
	// clientErrors holds, per sandbox, why its service rules last failed to load.
	clientErrors map[string]string
	// resync asks holdEndpoints for a sync before its next tick.
	resync chan struct{}
	// exchange tells the cluster's other agents this node's readiness, and holds theirs.
	exchange *readinessExchange
	// lastGood is each desired file as the last pass read it whole (the passes alone use it).
	lastGood map[string]goodEntry
}

// rewriteAtMost bounds how long a desired file may be missing while the provider rewrites it.
const rewriteAtMost = 5 * time.Second

// goodEntry is a desired file's last good reading, and since when the file has been missing or unreadable.
type goodEntry struct {
	desired Desired
	missing time.Time
}

func (g goodEntry) missingSince(now time.Time) time.Time {
	if g.missing.IsZero() {
		return now
	}
	return g.missing
}

// newAgent makes an agent; again asks for another pass, which it does when a group it had to skip
// because it was busy is done.
func newAgent(d docker, s store, again func()) *agent {
	return &agent{docker: d, store: s, states: newStateCache(d), again: again, busy: map[string]bool{}, skipped: map[string]bool{}, failed: map[string]time.Time{}, backoff: map[string]backoff{}, clients: map[string]clientRules{}, routerPlans: map[string]heldPlan{}, clientErrors: map[string]string{}, resync: make(chan struct{}, 1), exchange: newReadinessExchange(), enforcer: enforcer{loaded: map[string]loadedFirewall{}}}
}

// entry is one valid desired file that names a reference container.
type entry struct {
	name    string
	desired Desired
}

// reference is the container whose start the entry follows.
func (e entry) reference() string {
	switch d := e.desired; {
	case d.Pod != nil:
		return d.Pod.Sandbox
	case d.Firewall != nil:
		return d.Firewall.Sandbox
	}
	return e.desired.System.Container
}

// inLine says whether the entry already holds in this start of its reference container: the provider
// brought it up in that start, or the agent did (a firewall: with the rules of its current revision).
func (e entry) inLine(start string, prev Status) bool {
	switch d := e.desired; {
	case d.Pod != nil:
		return start == d.Pod.SyncedStart || start == prev.HandledStart
	case d.Firewall != nil:
		return start == prev.HandledStart && d.Firewall.Revision == prev.HandledRevision
	}
	return start == e.desired.System.SyncedStart || start == prev.HandledStart
}

// pass reconciles every desired file. Entries of one reference container are handled together, in
// their own goroutine so that a slow init container holds up only its pod; a group still busy from an
// earlier pass is left to it.
func (a *agent) pass() {
	now := time.Now()
	names, err := a.store.names()
	if err != nil {
		log.Printf("listing desired files: %v", err)
	}
	groups := map[string][]entry{}
	var routers, records []entry
	var cluster *Cluster
	podsByName, sandboxes := map[string]*Pod{}, map[string]string{}
	var selectable []selectablePod
	var pods []*Pod
	var netpols, enforced []entry
	var enforcedSandboxes []string
	withdrawals := map[string]string{} // entry name → the token of its tombstone
	// Docker's archive API replaces a file by removing it and writing it anew: listed or read meanwhile,
	// it is missing or cut short. Its last good version holds until the write ends (which passes again),
	// so that no pod drops out of the firewalls or services for a moment. Only the agent removes desired
	// files; one missing for longer than a rewrite takes was removed by hand, and is let go.
	lastGood := map[string]goodEntry{}
	for name, good := range a.lastGood {
		if !slices.Contains(names, name) && time.Since(good.missingSince(now)) < rewriteAtMost {
			names = append(names, name)
		}
	}
	for _, name := range names {
		data, err := a.store.desired(name)
		var d Desired
		if err == nil {
			d, err = parseDesired(data)
		}
		good := goodEntry{desired: d}
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				a.invalid(name, err)
			}
			var ok bool
			if good, ok = a.lastGood[name]; !ok {
				continue
			}
			good.missing = good.missingSince(now)
			d = good.desired
		}
		lastGood[name] = good
		switch {
		case d.Deleted != nil:
			if t := d.Deleted.Token; t != "" && a.store.status(name).Withdrawn != t {
				withdrawals[name] = t
			} else if a.store.settled(name) {
				timed(name, "remove", func() error { return a.store.remove(name) })
				delete(lastGood, name)
				if strings.HasPrefix(name, "pod.") {
					a.store.removeStatus(policyFirewallName(name))
				}
				a.noteResult(name, nil)
			}
		case d.Records != nil:
			records = append(records, entry{name, d}) // held by the readiness ticks alone
		case d.Cluster != nil:
			cluster = d.Cluster
		case d.NetPol != nil:
			netpols = append(netpols, entry{name, d})
		case d.Deployment != nil:
			// kept for the CLI; the Deployment's pods are what the agent holds true
		default:
			e := entry{name, d}
			if err == nil { // a file being rewritten is acted on once it is whole
				groups[e.reference()] = append(groups[e.reference()], e)
			}
			if d.Pod != nil {
				podsByName[d.Pod.Namespace+"/"+d.Pod.Name] = d.Pod
				sandboxes[d.Pod.Sandbox] = d.Pod.Namespace + "/" + d.Pod.Name
				if p, ok := selectableOf(d.Pod); ok {
					selectable = append(selectable, p)
				}
				pods = append(pods, d.Pod)
				if d.Pod.PolicyRevision != "" {
					enforced = append(enforced, e)
					enforcedSandboxes = append(enforcedSandboxes, d.Pod.Sandbox)
				}
			}
			if d.Firewall != nil {
				sandboxes[d.Firewall.Sandbox] = d.Firewall.Namespace + "/" + d.Firewall.Name
			}
			if d.System != nil && d.System.Service != nil {
				routers = append(routers, e)
			}
		}
	}
	// Firewalls first: a pod that a service may select from now on is already among every firewall's
	// peers, and a deleted one is out of them before its tombstone is answered.
	a.syncFirewalls(worldOf(pods, netpolsOf(netpols), routers, selectable), enforced, netpols, routers, selectable)
	a.lastGood = lastGood
	a.mu.Lock()
	a.routers, a.records, a.pods, a.sandboxes, a.selectable, a.cluster, a.enforcedSandboxes =
		routers, records, podsByName, sandboxes, selectable, cluster, enforcedSandboxes
	a.mu.Unlock()
	if len(withdrawals) > 0 {
		a.withdraw(withdrawals)
	} else {
		signal(a.resync)()
	}
	for ref, entries := range groups {
		if !a.claim(ref) {
			continue
		}
		go func() {
			defer a.release(ref)
			a.handleGroup(ref, entries)
		}()
	}
}

// withdraw takes deleted pods out of every service, in routers and client pods, before it answers each
// tombstone's token: the provider waits for that answer before it stops the pod's containers, so that
// a pod being deleted gets no new connection once it has its SIGTERM.
func (a *agent) withdraw(tokens map[string]string) {
	a.syncServices()
	for name, token := range tokens {
		a.writeStatus(name, Status{Version: 1, Withdrawn: token})
	}
}

// invalid records why a desired file cannot be read, once per distinct reason.
func (a *agent) invalid(name string, err error) {
	msg := "invalid desired file: " + err.Error()
	st := a.store.status(name)
	if st.Error == msg {
		return
	}
	log.Printf("%s: %s", name, msg)
	a.writeStatus(name, Status{Version: 1, HandledStart: st.HandledStart, Error: msg})
}

func (a *agent) claim(ref string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.busy[ref] {
		a.skipped[ref] = true
		return false
	}
	a.busy[ref] = true
	return true
}

func (a *agent) release(ref string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.busy, ref)
	if a.skipped[ref] {
		delete(a.skipped, ref)
		a.again()
	}
}

// handleGroup acts on the entries of one reference container if it is running: firewalls first, so
// that the policy is in place before any app container runs; a pod whose firewall failed waits for it.
func (a *agent) handleGroup(ref string, entries []entry) {
	st, err := a.states.inspect(ref)
	if err != nil {
		if !errors.Is(err, errNotFound) {
			log.Printf("inspecting %s: %v", ref, err)
		}
		return
	}
	if !st.Running {
		a.startStopped(ref, entries, st)
		return
	}
	sort.SliceStable(entries, func(i, j int) bool {
		return entries[i].desired.Firewall != nil && entries[j].desired.Firewall == nil
	})
	var firewallErr error
	for _, e := range entries {
		err := a.handle(e, st, firewallErr)
		if e.desired.Firewall != nil && err != nil {
			firewallErr = fmt.Errorf("firewall %s is not loaded", e.name)
		}
	}
}

// handle acts on one entry whose reference container runs, unless that start was already brought in
// line, by the provider or by the agent, or the entry failed too recently. It returns the entry's error.
func (a *agent) handle(e entry, ref containerState, blocked error) error {
	prev := a.store.status(e.name)
	if e.inLine(ref.StartedAt, prev) {
		// A stale error, such as that of a file read while the provider was writing it, goes.
		next := Status{Version: 1, HandledStart: prev.HandledStart, HandledRevision: prev.HandledRevision, Restarts: prev.Restarts}
		if e.desired.Pod != nil {
			next.Restarts = a.keepRunning(e.name, e.desired.Pod, prev.Restarts)
			next.Error = a.clientError(e.desired.Pod.Sandbox)
		}
		if prev.Error != next.Error || !maps.Equal(next.Restarts, prev.Restarts) {
			a.writeStatus(e.name, next)
		}
		return nil
	}
	if a.failedRecently(e.name) {
		return errors.New(prev.Error)
	}
	err := blocked
	if err == nil {
		err = a.act(e, ref, prev)
	}
	st := Status{Version: 1, HandledStart: ref.StartedAt, Restarts: prev.Restarts}
	if e.desired.Firewall != nil {
		st.HandledRevision = e.desired.Firewall.Revision
	}
	if err != nil {
		st.HandledStart, st.HandledRevision, st.Error = prev.HandledStart, prev.HandledRevision, err.Error()
		if e.desired.Firewall != nil {
			st.FailedRevision = e.desired.Firewall.Revision
		}
	}
	a.noteResult(e.name, err)
	a.writeStatus(e.name, st)
	return err
}

func (a *agent) act(e entry, ref containerState, prev Status) error {
	d := e.desired
	switch {
	case d.Firewall != nil && a.enforces(d.Firewall.Sandbox):
		log.Printf("%s: superseded by the firewall the agent renders for the pod", e.name)
		return nil
	case d.Firewall != nil:
		if err := timed(e.name, "load firewall", func() error { return loadRules(ref.Pid, d.Firewall.Rules, false) }); err != nil {
			return err
		}
		if ref.StartedAt != prev.HandledStart {
			return nil // a new namespace tracks no flows yet
		}
		// A UDP flow has no end: without this, one that the old rules allowed would stay allowed as long
		// as it keeps talking. TCP connections that were allowed go on, as with most network plugins.
		return timed(e.name, "forget UDP flows", func() error { return forgetUDPFlows(ref.Pid) })
	case d.System != nil:
		for i, r := range d.System.Restore {
			what := fmt.Sprintf("load rules %d/%d", i+1, len(d.System.Restore))
			if err := timed(e.name, what, func() error { return loadRules(ref.Pid, r.Rules, r.Noflush) }); err != nil {
				return err
			}
		}
		if d.System.Service == nil {
			return nil
		}
		if err := timed(e.name, "load service rules", func() error { return a.loadServiceFresh(ref.Pid, *d.System.Service) }); err != nil {
			return err
		}
		return a.enforceRouter(e, ref)
	}
	if d.Pod.PolicyRevision != "" {
		if err := a.enforceNow(e.name, d.Pod, ref); err != nil {
			return fmt.Errorf("the pod's firewall is not loaded: %w", err)
		}
	}
	return a.syncPod(e.name, d.Pod, ref.StartedAt)
}

// startStopped starts a system container or a pod's sandbox that is not running: Docker's restart policy
// does not, after a docker kill, and the kubelet would make the pod's sandbox again. (The provider never
// stops either on purpose: it tells the agent to let go before it removes them.) The next pass sees the
// new start, loads the rules and, for a pod, brings its containers up in the new sandbox.
func (a *agent) startStopped(ref string, entries []entry, st containerState) {
	if st.Restarting || len(entries) == 0 || a.failedRecently(ref) {
		return
	}
	a.noteResult(ref, timed(entries[0].name, "start", func() error { return a.docker.start(ref) }))
	a.states.forget(ref, ref)
}

func (a *agent) failedRecently(name string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	at, ok := a.failed[name]
	return ok && time.Since(at) < retryAfter
}

func (a *agent) noteResult(name string, err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if err != nil {
		a.failed[name] = time.Now()
	} else {
		delete(a.failed, name)
	}
}

func (a *agent) writeStatus(name string, st Status) {
	st.At = time.Now().UTC().Format(time.RFC3339Nano)
	if err := a.store.writeStatus(name, st); err != nil {
		log.Printf("%s: writing status: %v", name, err)
	}
}

// timed runs one action and logs it with its duration and outcome.
func timed(entry, what string, fn func() error) error {
	start := time.Now()
	err := fn()
	ms := time.Since(start).Milliseconds()
	if err != nil {
		log.Printf("%s: %s failed after %d ms: %v", entry, what, ms, err)
	} else {
		log.Printf("%s: %s (%d ms)", entry, what, ms)
	}
	return err
}
