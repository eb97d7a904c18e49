package chains

import "testing"

// Expected names computed with the provider's chainName.
func TestName(t *testing.T) {
	for _, c := range []struct {
		prefix string
		parts  []string
		want   string
	}{
		{"PODLING-SVC", []string{"default/web", "80", "TCP"}, "PODLING-SVC-1JEUSGTDH9IRAUBC"},
		{"PODLING-SEP", []string{"default/web", "53", "UDP", "10.244.0.3", "5353"}, "PODLING-SEP-9PI74THLBEQQATQC"},
		// The hashes of these hold '-' or '_', which are dropped before truncating.
		{"PODLING-FW", nil, "PODLING-FW-47DEQPJ8HBSATIMW5"},
		{"PODLING-SEP", []string{"0"}, "PODLING-SEP-XZRZVIBZJZUNHSBW"},
		// Parts are joined with '|' before hashing.
		{"P", []string{"a", "b"}, "P-DQUKCJOAQTH0FSLQ7ZQR7TKPLL"},
		{"P", []string{"a|b"}, "P-DQUKCJOAQTH0FSLQ7ZQR7TKPLL"},
		// Hashed as UTF-8, as Node does.
		{"P", []string{"ä", "🙂"}, "P-WOLODVW1EQFWGSTWNTG9S0EJRH"},
		{"PODLING-A-VERY-LONG-PREFIX-OVER-28", []string{"x"}, "PODLING-A-VERY-LONG-PREFIX-O"},
	} {
		if got := Name(c.prefix, c.parts...); got != c.want {
			t.Errorf("Name(%q, %q) = %s, want %s", c.prefix, c.parts, got, c.want)
		}
	}
}
