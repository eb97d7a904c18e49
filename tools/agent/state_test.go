package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestSettled(t *testing.T) {
	s := store{t.TempDir()}
	if err := os.MkdirAll(filepath.Join(s.dir, "desired"), 0o755); err != nil {
		t.Fatal(err)
	}
	if s.settled("pod.gone") {
		t.Error("a missing file counts as settled")
	}
	path := filepath.Join(s.dir, "desired", "pod.p.json")
	if err := os.WriteFile(path, []byte(`{"version":1,"deleted":true}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if s.settled("pod.p") {
		t.Error("a file written just now counts as settled")
	}
	time.Sleep(tombstoneGrace + 100*time.Millisecond)
	if !s.settled("pod.p") {
		t.Errorf("a file unchanged for %v does not count as settled", tombstoneGrace)
	}
	// Docker's last step on an extracted file is a chmod or utimes: that too must count as a change.
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if s.settled("pod.p") {
		t.Error("a file chmodded just now counts as settled")
	}
}
