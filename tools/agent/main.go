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
	"time"
)

const (
	// debounce gathers the burst of events of a daemon restart into one pass.
	debounce = 100 * time.Millisecond
	// fullPass catches whatever the events missed, and retries failed entries.
	fullPass = 5 * time.Second
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
	a := newAgent(d, store{*stateDir})
	changed := containerEvents(d)
	log.Printf("podling-agent: watching %s, state in %s", socket, *stateDir)
	a.pass()
	ticker := time.NewTicker(fullPass)
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
		case <-ticker.C:
			a.pass()
		}
	}
}

// containerEvents signals container starts and deaths; signals that come while one waits are merged.
func containerEvents(d docker) <-chan struct{} {
	changed := make(chan struct{}, 1)
	go watchEvents(d, func() {
		select {
		case changed <- struct{}{}:
		default:
		}
	})
	return changed
}

// watchEvents calls changed for each container start or die, reconnecting with backoff when the stream
// ends; a reconnection also calls changed, since events may have been missed meanwhile.
func watchEvents(d docker, changed func()) {
	backoff := debounce
	for {
		connected := time.Now()
		err := d.events(context.Background(), changed)
		log.Printf("docker events: %v", err)
		changed()
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
	changed := containerEvents(d)
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
