package main

import (
	"testing"
	"time"
)

func TestWantsRestart(t *testing.T) {
	exited := func(code int) containerState {
		return containerState{StartedAt: oldStart, FinishedAt: newStart, ExitCode: code}
	}
	for _, tc := range []struct {
		name   string
		policy string
		st     containerState
		want   bool
	}{
		{"Always, exited 0", "Always", exited(0), true},
		{"OnFailure, exited 0", "OnFailure", exited(0), false},
		{"OnFailure, exited 137", "OnFailure", exited(137), true},
		{"Never, exited 1", "Never", exited(1), false},
		{"running", "Always", containerState{Running: true, StartedAt: oldStart}, false},
		{"Docker is restarting it", "Always", containerState{Restarting: true, StartedAt: oldStart}, false},
		{"created, never started", "Always", containerState{StartedAt: "0001-01-01T00:00:00Z"}, false},
	} {
		if got := wantsRestart(tc.policy, tc.st); got != tc.want {
			t.Errorf("%s: wantsRestart = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestNextBackoff(t *testing.T) {
	short := containerState{StartedAt: "2026-12-02T10:00:00Z", FinishedAt: "2026-12-02T10:00:05Z"}
	long := containerState{StartedAt: "2026-12-02T10:00:00Z", FinishedAt: "2026-12-02T10:10:00Z"}
	var delays []time.Duration
	last := time.Duration(0)
	for range 7 {
		last = nextBackoff(last, short)
		delays = append(delays, last)
	}
	want := []time.Duration{10 * time.Second, 20 * time.Second, 40 * time.Second, 80 * time.Second, 160 * time.Second, 300 * time.Second, 300 * time.Second}
	for i := range want {
		if delays[i] != want[i] {
			t.Fatalf("delays = %v, want %v", delays, want)
		}
	}
	if got := nextBackoff(maxBackoff, long); got != firstBackoff {
		t.Errorf("after 10 min of running the backoff starts again: got %v", got)
	}
}
