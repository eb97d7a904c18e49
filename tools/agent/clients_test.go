package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"podling.dev/tools/internal/golden"
)

// A client pod's namespace holds every service of the network: here the two-port service, one with
// ClientIP affinity and one without ready endpoints (which adds nothing), over a namespace that has no hook
// yet and still holds the chains of a service that is gone.
func TestClientRulesMatchGolden(t *testing.T) {
	cases := serviceCases(t)
	named := func(s ServiceSpec, name, clusterIP string) Dataplane {
		s.Name, s.ClusterIP = name, clusterIP
		return planOf(s)
	}
	plans := []Dataplane{
		named(cases[0].Spec, "web", "10.244.224.1"),
		named(cases[1].Spec, "sticky", "10.244.224.2"),
		named(cases[2].Spec, "idle", "10.244.224.3"),
	}
	loaded := slices.Concat(chainsOf(plans[0]), chainsOf(named(*cases[5].Previous, "gone", "10.244.224.4")))
	got := renderClientRules(plans, loaded, false)
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(filepath.Join(goldenDir, "client-services.rules"), []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	golden.Expect(t, "client-services.rules", got)
}

// Once hooked, a namespace is not hooked again, and a render over what it holds deletes nothing.
func TestClientRulesHookOnce(t *testing.T) {
	plans := []Dataplane{planOf(serviceCases(t)[0].Spec)}
	var chains []string
	for _, p := range plans {
		chains = append(chains, chainsOf(p)...)
	}
	text := renderClientRules(plans, chains, true)
	for _, unwanted := range []string{"-A OUTPUT", "-X "} {
		if slices.ContainsFunc(strings.Split(text, "\n"), func(l string) bool { return strings.HasPrefix(l, unwanted) }) {
			t.Errorf("render over a hooked namespace holding the same chains has a %q line:\n%s", unwanted, text)
		}
	}
}

func TestLostUDPTargets(t *testing.T) {
	udp := func(ip string, targets ...string) Dataplane {
		port := DataplanePort{Name: "dns", Port: 53, Protocol: "UDP"}
		for _, target := range targets {
			port.Targets = append(port.Targets, DataplaneTarget{Pod: "default/" + target, IP: target, Port: 5353})
		}
		tcp := DataplanePort{Name: "http", Port: 80, Protocol: "TCP", Targets: port.Targets}
		return Dataplane{Service: "default/" + ip, ClusterIP: ip, Ports: []DataplanePort{port, tcp}}
	}
	for _, c := range []struct {
		what          string
		before, after []Dataplane
		want          []string
	}{
		{"an endpoint left", []Dataplane{udp("10.0.0.200", "a", "b")}, []Dataplane{udp("10.0.0.200", "b")}, []string{"10.0.0.200"}},
		{"an endpoint came", []Dataplane{udp("10.0.0.200", "b")}, []Dataplane{udp("10.0.0.200", "a", "b")}, nil},
		{"the service went", []Dataplane{udp("10.0.0.200", "a"), udp("10.0.0.201", "a")}, []Dataplane{udp("10.0.0.201", "a")}, []string{"10.0.0.200"}},
		{"nothing changed", []Dataplane{udp("10.0.0.200", "a")}, []Dataplane{udp("10.0.0.200", "a")}, nil},
	} {
		if got := lostUDPTargets(c.before, c.after); !slices.Equal(got, c.want) {
			t.Errorf("%s: got %v, want %v", c.what, got, c.want)
		}
	}
	// A TCP endpoint that left forgets nothing: TCP connections end by themselves.
	tcpOnly := func(targets ...DataplaneTarget) []Dataplane {
		return []Dataplane{{ClusterIP: "10.0.0.202", Ports: []DataplanePort{{Port: 80, Protocol: "TCP", Targets: targets}}}}
	}
	if got := lostUDPTargets(tcpOnly(DataplaneTarget{IP: "a", Port: 1}), tcpOnly()); got != nil {
		t.Errorf("a TCP endpoint that left: got %v, want none", got)
	}
}
