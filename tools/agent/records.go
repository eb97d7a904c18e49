package main

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// Headless services' DNS names follow live readiness too: the cluster DNS (dnsmasq --hostsdir) rereads
// a hosts file when it changes, and the agent rewrites it through /proc, with no docker exec.

// syncRecords rewrites a headless service's hosts file in the cluster DNS when the endpoints ready now
// give other addresses than it holds.
func (a *agent) syncRecords(e entry, ready map[string]bool) {
	r := e.desired.Records
	if !filepath.IsAbs(r.Path) || filepath.Clean(r.Path) != r.Path {
		log.Printf("%s: refusing records path %q: not absolute and clean", e.name, r.Path)
		return
	}
	dns, err := a.states.inspect(r.Container)
	if err != nil || !dns.Running {
		return
	}
	path := fmt.Sprintf("/proc/%d/root%s", dns.Pid, r.Path)
	text := renderRecords(r.Hostname, a.liveSpec(ServiceSpec{Namespace: r.Namespace, Endpoints: r.Endpoints, Selector: r.Selector}, ready).Endpoints)
	if held, err := os.ReadFile(path); err == nil && string(held) == text {
		return
	}
	what := fmt.Sprintf("%s now %d addresses", r.Hostname, strings.Count(text, "\n"))
	timed(e.name, what, func() error { return os.WriteFile(path, []byte(text), 0o644) })
}

// renderRecords is the hosts file of a headless service: one line per distinct address of a ready
// endpoint, in address order, then one per ready endpoint with a hostname (<hostname>.<service's name>),
// in name order, as provider/rules/dns-records.ts renders it.
func renderRecords(hostname string, endpoints []ServiceEndpoint) string {
	var ips, named []string
	for _, ep := range endpoints {
		if ep.Ready && !slices.Contains(ips, ep.IP) {
			ips = append(ips, ep.IP)
		}
		if key := ep.Hostname + "." + hostname + " " + ep.IP; ep.Ready && ep.Hostname != "" && !slices.Contains(named, key) {
			named = append(named, key)
		}
	}
	sort.Strings(ips)
	sort.Strings(named)
	var b strings.Builder
	for _, ip := range ips {
		b.WriteString(ip + " " + hostname + "\n")
	}
	for _, key := range named {
		name, ip, _ := strings.Cut(key, " ")
		b.WriteString(ip + " " + name + "\n")
	}
	return b.String()
}
