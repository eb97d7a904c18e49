package main

import (
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"
)

// A stand-in for the Engine API that counts inspections: the Docker seam's unit test.
func countingDocker(t *testing.T, pid int) (docker, *atomic.Int32) {
	return answeringDocker(t, `{"State":{"Running":true,"Pid":`+strconv.Itoa(pid)+`}}`)
}

// answeringDocker answers every call with body, and counts the calls.
func answeringDocker(t *testing.T, body string) (docker, *atomic.Int32) {
	var calls atomic.Int32
	socket := filepath.Join(t.TempDir(), "docker.sock")
	listener, err := net.Listen("unix", socket)
	if err != nil {
		t.Fatal(err)
	}
	server := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	})}
	go server.Serve(listener)
	t.Cleanup(func() { server.Close() })
	return newDocker(socket), &calls
}

func TestStateCacheInspectsOnceBetweenEvents(t *testing.T) {
	d, calls := countingDocker(t, 7)
	cache := newStateCache(d)
	for i := 0; i < 3; i++ {
		st, err := cache.inspect("web")
		if err != nil || !st.Running || st.Pid != 7 {
			t.Fatalf("inspect: %+v, %v", st, err)
		}
	}
	if got := calls.Load(); got != 1 {
		t.Errorf("3 lookups without an event asked Docker %d times, want 1", got)
	}
	cache.forgetAll()
	if _, err := cache.inspect("web"); err != nil {
		t.Fatal(err)
	}
	if got := calls.Load(); got != 2 {
		t.Errorf("a lookup after an event did not ask Docker again (%d calls)", got)
	}
}

func TestAnEventForgetsItsContainerAlone(t *testing.T) {
	d, calls := countingDocker(t, 7)
	cache := newStateCache(d)
	id := "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	for _, key := range []string{"web", id, id[:12], "db"} {
		if _, err := cache.inspect(key); err != nil {
			t.Fatal(err)
		}
	}
	// The event of "web", whose ID is id: its three keys go, "db" stays.
	cache.forget(id, "web")
	before := calls.Load()
	for _, key := range []string{"web", id, id[:12], "db"} {
		if _, err := cache.inspect(key); err != nil {
			t.Fatal(err)
		}
	}
	if got := calls.Load() - before; got != 3 {
		t.Errorf("after web's event, 4 lookups asked Docker %d times, want 3 (web by name, ID and short ID)", got)
	}
}

// Docker may start a stopped container, or give up restarting one, with no start or die event: such a
// state is looked at afresh each time.
func TestAStateNotRunningIsNeverKept(t *testing.T) {
	for _, body := range []string{`{"State":{"Running":false,"ExitCode":1}}`, `{"State":{"Running":true,"Restarting":true}}`} {
		d, calls := answeringDocker(t, body)
		cache := newStateCache(d)
		for i := 0; i < 3; i++ {
			if _, err := cache.inspect("web"); err != nil {
				t.Fatal(err)
			}
		}
		if got := calls.Load(); got != 3 {
			t.Errorf("%s: 3 lookups asked Docker %d times, want 3", body, got)
		}
	}
}
