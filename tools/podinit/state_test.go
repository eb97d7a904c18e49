package main

import (
	"testing"
	"time"
)

// readySince holds the moment readiness was gained, through probes that pass again, and goes with it.
func TestReadySince(t *testing.T) {
	t0 := time.Date(2026, 12, 3, 18, 0, 0, 0, time.UTC)
	var s State
	s.setReady(true, t0)
	s.setReady(true, t0.Add(time.Second))
	if s.ReadySince != "2026-12-03T18:00:00Z" {
		t.Fatalf("ready twice: readySince %q, want the first time", s.ReadySince)
	}
	s.setReady(false, t0.Add(2*time.Second))
	if s.Ready || s.ReadySince != "" {
		t.Fatalf("not ready: %+v, want no readySince", s)
	}
	s.setReady(true, t0.Add(3*time.Second))
	if s.ReadySince != "2026-12-03T18:00:03Z" {
		t.Fatalf("ready again: readySince %q, want the new time", s.ReadySince)
	}
}
