package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A pass while the provider rewrites a desired file (Docker's archive API removes it, then writes it
// anew) must not drop the pod from what the agent holds: its last good version stands.
func TestAPassKeepsAFileBeingRewritten(t *testing.T) {
	d, _ := countingDocker(t, os.Getpid())
	dir := t.TempDir()
	data, err := os.ReadFile("schema/testdata/desired-pod-selectable.json")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "desired", "pod.web.json")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(content []byte) {
		if err := os.WriteFile(file, content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	a := newAgent(d, store{dir}, func() {})
	held := func() bool {
		a.waitIdle(t)
		a.mu.Lock()
		defer a.mu.Unlock()
		_, ok := a.pods["shop/web-5d8f7c9b4x-k2x7q"]
		return ok && len(a.selectable) == 1
	}
	write(data)
	a.pass()
	if !held() {
		t.Fatal("the pod is not held after its desired file was read")
	}

	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	a.pass()
	if !held() {
		t.Error("a pass between the removal and the new write dropped the pod")
	}
	if st := a.store.status("pod.web"); strings.Contains(st.Error, "invalid") {
		t.Errorf("a file being rewritten was reported invalid: %s", st.Error)
	}

	write(data[:len(data)/2])
	a.pass()
	if !held() {
		t.Error("a pass that read the file cut short dropped the pod")
	}
	if st := a.store.status("pod.web"); !strings.Contains(st.Error, "invalid desired file") {
		t.Errorf("a file cut short was not reported: %q", st.Error)
	}

	write(data)
	a.pass()
	if !held() {
		t.Error("the pod is not held after the rewrite")
	}
}

// waitIdle waits until no group of a pass is still being handled.
func (a *agent) waitIdle(t *testing.T) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		a.mu.Lock()
		busy := len(a.busy)
		a.mu.Unlock()
		if busy == 0 {
			return
		}
	}
	t.Fatal("the pass's groups are still busy after 10 s")
}
