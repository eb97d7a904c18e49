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
	flag.Parse()
	socket := os.Getenv("DOCKER_SOCKET")
	if socket == "" {
		socket = "/var/run/docker.sock"
	}
	log.SetOutput(os.Stdout)
	log.SetFlags(log.LstdFlags | log.Lmicroseconds | log.LUTC)

	d := newDocker(socket)
	a := newAgent(d, store{*stateDir})
	changed := make(chan struct{}, 1)
	go watchEvents(d, func() {
		select {
		case changed <- struct{}{}:
		default:
		}
	})
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
