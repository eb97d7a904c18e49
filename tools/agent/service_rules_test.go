package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"podling.dev/tools/internal/golden"
)

// The provider's renderer and this one render the same cases against the same golden files
// (test/unit/service-rules.test.ts reads them too), so both write the same text.

var goldenDir = golden.Dir

type serviceCase struct {
	What      string       `json:"what"`
	Golden    string       `json:"golden"`
	ClusterIP string       `json:"clusterIP"`
	Spec      ServiceSpec  `json:"spec"`
	Previous  *ServiceSpec `json:"previous"`
}

// serviceCases reads the shared cases strictly: a field the agent's types do not know fails here.
func serviceCases(t *testing.T) []serviceCase {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(goldenDir, "service-cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var cases []serviceCase
	if err := dec.Decode(&cases); err != nil {
		t.Fatalf("service-cases.json: %v", err)
	}
	if len(cases) == 0 {
		t.Fatal("service-cases.json holds no cases")
	}
	for i := range cases {
		c := &cases[i]
		c.Spec.ClusterIP = c.ClusterIP
		if c.Previous != nil {
			c.Previous.ClusterIP = c.ClusterIP
		}
	}
	return cases
}

func TestServiceRulesMatchGolden(t *testing.T) {
	for _, c := range serviceCases(t) {
		t.Run(c.What, func(t *testing.T) {
			var previous *Dataplane
			if c.Previous != nil {
				p := planOf(*c.Previous)
				previous = &p
			}
			golden.Expect(t, c.Golden, renderServiceRules(planOf(c.Spec), previous))
		})
	}
}

func TestRouterHooksMatchGolden(t *testing.T) {
	golden.Expect(t, "service-router-hooks.rules", renderRouterHooks())
}

// Plans as the provider's planOf writes them (JSON.stringify), for cases in service-cases.json.
var providerPlans = map[string]string{
	"ClientIP affinity with recent-match chains": `{"service":"default/web","clusterIP":"10.244.224.1","affinitySeconds":600,"ports":[{"name":"http","port":80,"protocol":"TCP","targets":[{"pod":"default/web-a","ip":"10.244.0.2","port":8080},{"pod":"default/web-b","ip":"10.244.0.3","port":8080}]}]}`,
	"no DNAT when there are no endpoints":        `{"service":"default/web","clusterIP":"10.244.224.1","ports":[{"name":"http","port":80,"protocol":"TCP","targets":[]},{"name":"dns","port":53,"protocol":"UDP","targets":[]}]}`,
}

func TestPlanJSONMatchesProvider(t *testing.T) {
	found := 0
	for _, c := range serviceCases(t) {
		want, ok := providerPlans[c.What]
		if !ok {
			continue
		}
		found++
		what, plan := c.What, planOf(c.Spec)
		got, err := json.Marshal(plan)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%s: plan written as\n %s\nthe provider writes\n %s", what, got, want)
		}
		var read Dataplane
		if err := json.Unmarshal([]byte(want), &read); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(read, plan) {
			t.Errorf("%s: the provider's plan reads as %+v, not %+v", what, read, plan)
		}
	}
	if found != len(providerPlans) {
		t.Errorf("%d of the %d plans name no case in service-cases.json", len(providerPlans)-found, len(providerPlans))
	}
}

// Expected text computed with JavaScript's (1 / n).toFixed(10).
func TestToFixed10(t *testing.T) {
	for n, want := range map[int]string{
		2:    "0.5000000000",
		3:    "0.3333333333",
		7:    "0.1428571429",
		2048: "0.0004882813", // an exact half at the eleventh decimal: JavaScript rounds it up
	} {
		if got := toFixed10(1 / float64(n)); got != want {
			t.Errorf("toFixed10(1/%d) = %s, want %s", n, got, want)
		}
	}
}
