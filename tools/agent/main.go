// Command podling-agent holds a pod network's containers and rules true between pulumi runs: when a
// sandbox or service router starts anew (a daemon restart, a host reboot, a restart of the container),
// it loads the rules into the new network namespace and brings the pod's containers up again, as the
// desired files in /state/desired say. See schema/ for the contract with the provider.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

const (
	// debounce gathers the burst of events of a daemon restart into one pass.
	debounce = 10 * time.Millisecond
	// fullPass catches whatever the events missed, and retries failed entries.
	fullPass = 5 * time.Second
	// forgetEvery is how many full passes go by before one inspects every container afresh: the event
	// stream keeps the cached states, and a reconnection forgets them all.
	forgetEvery = 12
)

func main() {
	stateDir := flag.String("state", "/state", "the directory holding desired/ and status/")
	guarded := flag.String("guard", "", "run as the guard of this container instead: start it whenever it stops")
	flag.Parse()
	socket := os.Getenv("DOCKER_SOCKET")
	if socket == "" {
		socket = "/var/run/docker.sock"
	}
	log.SetOutput(os.Stdout)
	log.SetFlags(log.LstdFlags | log.Lmicroseconds | log.LUTC)

	d := newDocker(socket)
	if *guarded != "" {
		guard(d, *guarded)
		return
	}
	changed := make(chan struct{}, 1)
	// A desired file written by the provider is acted on at once, with no debounce: the provider may be
	// waiting for it.
	written := make(chan struct{}, 1)
	a := newAgent(d, store{*stateDir}, signal(written))
	go watchEvents(d, func(id, name string) {
		a.states.forget(id, name)
		signal(changed)()
	}, func() {
		a.states.forgetAll()
		signal(changed)()
	})
	go watchDesired(filepath.Join(*stateDir, "desired"), signal(written))
	log.Printf("podling-agent: watching %s, state in %s", socket, *stateDir)
	a.pass()
	go a.holdEndpoints()
	go a.exchangeReadiness()
	ticker := time.NewTicker(fullPass)
	passes := 0
	var soon <-chan time.Time
	for {
		select {
		case <-changed:
			if soon == nil {
				soon = time.After(debounce)
			}
		case <-soon:
			soon = nil
			a.pass()
		case <-written:
			a.pass()
		case <-ticker.C:
			if passes++; passes%forgetEvery == 0 {
				a.states.forgetAll() // whatever the events missed
			}
			a.pass()
		}
	}
}

// watchDesired calls changed whenever a file in dir is written or moved in. Docker's archive API writes the
// provider's files in place; inotify tells of each one. Without inotify, the full passes still come.
func watchDesired(dir string, changed func()) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Printf("watching %s: %v", dir, err)
		return
	}
	fd, err := syscall.InotifyInit1(syscall.IN_CLOEXEC)
	if err == nil {
		_, err = syscall.InotifyAddWatch(fd, dir, syscall.IN_CLOSE_WRITE|syscall.IN_MOVED_TO)
	}
	if err != nil {
		log.Printf("watching %s: %v", dir, err)
		return
	}
	buf := make([]byte, 4096)
	for {
		if _, err := syscall.Read(fd, buf); err != nil {
			log.Printf("watching %s: %v", dir, err)
			return
		}
		changed()
	}
}

// signal sends on ch without blocking: signals that come while one waits are merged into it.
func signal(ch chan struct{}) func() {
	return func() {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

// watchEvents calls seen with the container of each start or die from now on, reconnecting with backoff
// when the stream ends; the new stream begins with the events since the old one ended, which Docker
// replays, and missed is called at once, since what was looked at meanwhile may be stale.
func watchEvents(d docker, seen func(id, name string), missed func()) {
	backoff := debounce
	since := time.Now()
	for {
		connected := time.Now()
		err := d.events(context.Background(), since, seen)
		log.Printf("docker events: %v", err)
		since = time.Now()
		missed()
		if time.Since(connected) > time.Minute {
			backoff = debounce
		}
		time.Sleep(backoff)
		backoff = min(2*backoff, fullPass)
	}
}

// guard keeps one container running: Docker does not restart a container stopped with docker kill, so
// the agent and its guard each start the other (the agent holds the guard as a system entry).
func guard(d docker, name string) {
	changed := make(chan struct{}, 1)
	go watchEvents(d, func(string, string) { signal(changed)() }, signal(changed))
	log.Printf("podling-agent: guarding %s", name)
	ticker := time.NewTicker(time.Second)
	for {
		st, err := d.inspect(name)
		if err == nil && !st.Running && !st.Restarting {
			timed(name, "start", func() error { return d.start(name) })
		}
		select {
		case <-changed:
		case <-ticker.C:
		}
	}
}
