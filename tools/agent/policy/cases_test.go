package policy

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"podling.dev/tools/internal/golden"
)

// The provider's renderer and this one render the same cases against the same golden files
// (test/unit/policy-rules.test.ts reads them too), so both write the same text.

type policyCase struct {
	What      string   `json:"what"`
	World     string   `json:"world"`
	Render    string   `json:"render"` // firewall | startup | service-filter
	Pod       string   `json:"pod"`
	Endpoints []string `json:"endpoints"`
	Golden    string   `json:"golden"`
}

// policyCases reads the shared cases strictly: a field the Go types do not know fails here.
func policyCases(t *testing.T) (map[string]World, []policyCase) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(golden.Dir, "policy-cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var file struct {
		Worlds map[string]World `json:"worlds"`
		Cases  []policyCase     `json:"cases"`
	}
	if err := dec.Decode(&file); err != nil {
		t.Fatalf("policy-cases.json: %v", err)
	}
	if len(file.Cases) == 0 {
		t.Fatal("policy-cases.json holds no cases")
	}
	return file.Worlds, file.Cases
}

func TestPolicyCasesMatchGolden(t *testing.T) {
	worlds, cases := policyCases(t)
	for _, c := range cases {
		t.Run(c.What, func(t *testing.T) {
			w, ok := worlds[c.World]
			if !ok {
				t.Fatalf("no world %s", c.World)
			}
			golden.Expect(t, c.Golden, rendered(t, c, w))
		})
	}
}

// rendered is what a case renders, as the agent would render it.
func rendered(t *testing.T, c policyCase, w World) string {
	if c.Render == "service-filter" {
		filter := ServiceFilterFor(c.Endpoints, w)
		return RenderServiceFilter(&filter)
	}
	var pod *Pod
	for i, p := range w.Pods {
		if p.Namespace+"/"+p.Name == c.Pod {
			pod = &w.Pods[i]
		}
	}
	if pod == nil {
		t.Fatalf("the world %s has no pod %s", c.World, c.Pod)
	}
	switch c.Render {
	case "firewall":
		return RenderFirewall(FirewallFor(*pod, w))
	case "startup":
		return RenderFirewall(StartupFirewallFor(*pod, w))
	}
	t.Fatalf("unknown render %q", c.Render)
	return ""
}

// A network without policies gives its routers no filter, which renders as an open filter table.
func TestNoServiceFilterRendersOpen(t *testing.T) {
	golden.Expect(t, "router-filter-open.rules", RenderServiceFilter(nil))
}
