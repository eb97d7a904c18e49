// Package chains names iptables chains as the provider does (provider/rules/chain-names.ts).
package chains

import (
	"crypto/sha256"
	"encoding/base64"
	"strings"
)

// Name is a deterministic, bounded iptables chain name: the prefix plus a truncated hash, at most 28
// characters. JavaScript slices UTF-16 units where this slices bytes: the same, as the prefixes are ASCII.
func Name(prefix string, parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "|")))
	hash := strings.NewReplacer("-", "", "_", "").Replace(base64.RawURLEncoding.EncodeToString(sum[:]))
	name := prefix + "-" + strings.ToUpper(hash)
	if len(name) > 28 {
		name = name[:28]
	}
	return name
}
