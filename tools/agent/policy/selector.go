package policy

import (
	"bytes"
	"encoding/json"
	"slices"
)

// Kubernetes label selection (apimachinery's labels.Requirement.Matches), as core/selector.ts does it.

// Requirement is one matchExpressions entry. In and NotIn take values; NotIn also matches an absent key.
type Requirement struct {
	Key      string   `json:"key"`
	Operator string   `json:"operator"` // In | NotIn | Exists | DoesNotExist
	Values   []string `json:"values,omitempty"`
}

// Selector is a LabelSelector: every matchLabels entry and every expression must hold. The zero value
// selects everything.
type Selector struct {
	MatchLabels      map[string]string `json:"matchLabels,omitempty"`
	MatchExpressions []Requirement     `json:"matchExpressions,omitempty"`
}

// UnmarshalJSON reads both shapes a policy keeps as written: a LabelSelector, or a plain label map as
// shorthand for its matchLabels. A label map holds only strings, so matchLabels or matchExpressions with
// any other value marks a LabelSelector, and a label literally named "matchLabels" stays a label.
func (s *Selector) UnmarshalJSON(data []byte) error {
	*s = Selector{}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return err
	}
	for _, key := range []string{"matchLabels", "matchExpressions"} {
		if value, ok := fields[key]; ok && !bytes.HasPrefix(value, []byte(`"`)) {
			type labelSelector Selector // without this method
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields()
			return dec.Decode((*labelSelector)(s))
		}
	}
	return json.Unmarshal(data, &s.MatchLabels)
}

// Matches says whether labels satisfy the selector.
func (s Selector) Matches(labels map[string]string) bool {
	for k, v := range s.MatchLabels {
		if got, ok := labels[k]; !ok || got != v {
			return false
		}
	}
	for _, r := range s.MatchExpressions {
		if !r.holds(labels) {
			return false
		}
	}
	return true
}

func (r Requirement) holds(labels map[string]string) bool {
	value, has := labels[r.Key]
	switch r.Operator {
	case "In":
		return has && slices.Contains(r.Values, value)
	case "NotIn":
		return !has || !slices.Contains(r.Values, value)
	case "Exists":
		return has
	case "DoesNotExist":
		return !has
	}
	return false // the provider refuses other operators
}
