package main

import (
	"encoding/json"
	"os"
	"sync"
	"time"
)

// State is what the provider reads back through `podling-init status` (schema/state.schema.json).
type State struct {
	Started bool   `json:"started"`
	Ready   bool   `json:"ready"`
	Reason  string `json:"reason,omitempty"`
	// ReadySince is when the container last became ready (RFC 3339), while it is.
	ReadySince string `json:"readySince,omitempty"`
}

// setReady records readiness, and since when it has held.
func (s *State) setReady(ready bool, now time.Time) {
	switch {
	case !ready:
		s.ReadySince = ""
	case !s.Ready || s.ReadySince == "":
		s.ReadySince = now.UTC().Format(time.RFC3339Nano)
	}
	s.Ready = ready
}

type stateFile struct {
	mu    sync.Mutex
	state State
}

func (s *stateFile) update(change func(*State)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	change(&s.state)
	data, _ := json.Marshal(s.state)
	// Written whole and renamed, so a reader never sees half a file; without the tmpfs there is no state.
	tmp := StateFile + ".tmp"
	if os.WriteFile(tmp, data, 0o644) == nil {
		os.Rename(tmp, StateFile)
	}
}
