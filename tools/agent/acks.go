package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// Acknowledgements let the provider learn a firewall's outcome from a stat alone. For each status that
// names a revision, an empty file in status/acks/NAME/ carries the outcome in its name: loaded revision R
// in start S, or failed to load R. Docker answers a stat of a container's file (HEAD .../archive) in
// about a millisecond, while reading the file back (GET .../archive) re-executes dockerd to make a tar,
// about 45 ms. schema/acks.json holds the naming, shared with provider/agent/acks.ts.

// ackName names one outcome of an entry: the first 16 hex digits of the SHA-256 of the entry's name and
// the outcome's fields, one a line.
func ackName(name string, fields ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(append([]string{name}, fields...), "\n")))
	return hex.EncodeToString(sum[:8])
}

// acksOf is the acknowledgements that status st of entry name stands for.
func acksOf(name string, st Status) []string {
	var acks []string
	if st.HandledRevision != "" && st.HandledStart != "" {
		acks = append(acks, ackName(name, "loaded", st.HandledRevision, st.HandledStart))
	}
	if st.Error != "" && st.FailedRevision != "" {
		acks = append(acks, ackName(name, "failed", st.FailedRevision))
	}
	return acks
}

func (s store) acksDir(name string) string { return filepath.Join(s.dir, "status", "acks", name) }

// syncAcks makes the entry's acknowledgements those of st, after its status file was written. Stale ones
// (any left by a crash too) go before new ones are made: a provider that has seen the new one, and only
// then writes again, never finds a stale one.
func (s store) syncAcks(name string, st Status) error {
	acks := acksOf(name, st)
	dir := s.acksDir(name)
	if len(acks) == 0 {
		return os.RemoveAll(dir)
	}
	keep := map[string]bool{}
	for _, a := range acks {
		keep[a] = true
	}
	files, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for _, f := range files {
		if !keep[f.Name()] {
			if err := os.Remove(filepath.Join(dir, f.Name())); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		} else {
			delete(keep, f.Name())
		}
	}
	if len(keep) == 0 {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for a := range keep {
		if err := os.WriteFile(filepath.Join(dir, a), nil, 0o644); err != nil {
			return err
		}
	}
	return nil
}
