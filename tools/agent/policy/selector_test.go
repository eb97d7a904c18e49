package policy

import (
	"encoding/json"
	"reflect"
	"testing"
)

// Kubernetes label selection operator by operator, the cases of test/unit/selector.test.ts.
func TestRequirementOperators(t *testing.T) {
	web := map[string]string{"app": "web", "tier": "front"}
	for _, c := range []struct {
		what   string
		req    Requirement
		labels map[string]string
		want   bool
	}{
		{"In: the value is listed", Requirement{"app", "In", []string{"api", "web"}}, web, true},
		{"In: another value", Requirement{"app", "In", []string{"api"}}, web, false},
		{"In: the key is absent", Requirement{"team", "In", []string{"web"}}, web, false},
		{"NotIn: the value is listed", Requirement{"app", "NotIn", []string{"web"}}, web, false},
		{"NotIn: another value", Requirement{"app", "NotIn", []string{"api"}}, web, true},
		{"NotIn: the key is absent, which NotIn matches", Requirement{"team", "NotIn", []string{"a"}}, web, true},
		{"Exists: the key is there", Requirement{"tier", "Exists", nil}, web, true},
		{"Exists: the key is there with an empty value", Requirement{"tier", "Exists", nil}, map[string]string{"tier": ""}, true},
		{"Exists: the key is absent", Requirement{"team", "Exists", nil}, web, false},
		{"DoesNotExist: the key is absent", Requirement{"team", "DoesNotExist", nil}, web, true},
		{"DoesNotExist: the key is there", Requirement{"app", "DoesNotExist", nil}, web, false},
		{"DoesNotExist: the key is there with an empty value", Requirement{"tier", "DoesNotExist", nil}, map[string]string{"tier": ""}, false},
		{"an unknown operator matches nothing", Requirement{"app", "Equals", []string{"web"}}, web, false},
	} {
		selector := Selector{MatchExpressions: []Requirement{c.req}}
		if got := selector.Matches(c.labels); got != c.want {
			t.Errorf("%s: Matches = %v, want %v", c.what, got, c.want)
		}
	}
}

func TestSelectorANDsMatchLabelsWithEveryExpression(t *testing.T) {
	selector := Selector{
		MatchLabels: map[string]string{"app": "web"},
		MatchExpressions: []Requirement{
			{Key: "tier", Operator: "In", Values: []string{"front"}},
			{Key: "canary", Operator: "DoesNotExist"},
		},
	}
	for _, c := range []struct {
		labels map[string]string
		want   bool
	}{
		{map[string]string{"app": "web", "tier": "front"}, true},
		{map[string]string{"app": "web", "tier": "front", "canary": "yes"}, false},
		{map[string]string{"app": "api", "tier": "front"}, false},
		{map[string]string{"app": "web", "tier": "back"}, false},
		{map[string]string{"tier": "front"}, false},
	} {
		if got := selector.Matches(c.labels); got != c.want {
			t.Errorf("Matches(%v) = %v, want %v", c.labels, got, c.want)
		}
	}
}

func TestSelectorThatNoLabelSetSatisfiesSelectsNothing(t *testing.T) {
	never := Selector{MatchExpressions: []Requirement{{Key: "app", Operator: "Exists"}, {Key: "app", Operator: "DoesNotExist"}}}
	for _, labels := range []map[string]string{nil, {"app": "web"}, {"app": ""}} {
		if never.Matches(labels) {
			t.Errorf("Exists and DoesNotExist on one key matched %v", labels)
		}
	}
}

// Both shapes a policy keeps as written read as one LabelSelector; {} in either shape selects everything.
func TestSelectorShapes(t *testing.T) {
	for _, c := range []struct {
		json string
		want Selector
	}{
		{`{}`, Selector{MatchLabels: map[string]string{}}},
		{`{"matchLabels": {}}`, Selector{MatchLabels: map[string]string{}}},
		{`{"matchExpressions": []}`, Selector{MatchExpressions: []Requirement{}}},
		{`{"app": "web"}`, Selector{MatchLabels: map[string]string{"app": "web"}}},
		{`{"matchLabels": {"app": "web"}}`, Selector{MatchLabels: map[string]string{"app": "web"}}},
		{
			`{"matchLabels": {"app": "web"}, "matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["db"]}]}`,
			Selector{MatchLabels: map[string]string{"app": "web"}, MatchExpressions: []Requirement{{"tier", "NotIn", []string{"db"}}}},
		},
		// A label literally named matchLabels, with a string value, stays a label.
		{`{"matchLabels": "x"}`, Selector{MatchLabels: map[string]string{"matchLabels": "x"}}},
		{`{"matchLabels" : "x", "matchExpressions": "y"}`, Selector{MatchLabels: map[string]string{"matchLabels": "x", "matchExpressions": "y"}}},
	} {
		var got Selector
		if err := json.Unmarshal([]byte(c.json), &got); err != nil {
			t.Errorf("%s: %v", c.json, err)
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s read as %+v, want %+v", c.json, got, c.want)
		}
	}
	if !(Selector{}).Matches(nil) {
		t.Error("the empty selector does not select a pod without labels")
	}
}

// What the provider's check refuses is refused here too, rather than read as something else.
func TestSelectorRefusesWhatCheckRefuses(t *testing.T) {
	for _, bad := range []string{
		`{"matchLabels": {"app": "web"}, "app": "web"}`,
		`{"matchExpressions": [{"key": "app", "operator": "In", "values": ["web"], "extra": 1}]}`,
		`{"app": 1}`,
		`[]`,
	} {
		if err := json.Unmarshal([]byte(bad), new(Selector)); err == nil {
			t.Errorf("%s read without error", bad)
		}
	}
}
