package main

import (
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Exit codes that say why podling-init ended the container, besides the command's own.
const (
	exitKilledByProbe = 137 // as when kubelet kills a container: Docker's restart policy then applies
	exitNetworkGone   = 1
	exitCannotStart   = 127
)

var forwarded = []os.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP, syscall.SIGQUIT, syscall.SIGUSR1, syscall.SIGUSR2, syscall.SIGWINCH}

func run(spec Spec, argv []string) {
	r := newReaper()
	signals := make(chan os.Signal, 32)
	signal.Notify(signals, append(forwarded, syscall.SIGCHLD)...)

	pid, err := r.start(argv, false)
	if err != nil {
		fatalf(exitCannotStart, "cannot start %q: %v", argv[0], err)
	}
	child := r.exited(pid)
	state := &stateFile{}
	stopper := &stopper{pid: pid, grace: seconds(spec.GraceSeconds)}

	go func() {
		for sig := range signals {
			if sig == syscall.SIGCHLD {
				r.reapAll()
			} else {
				syscall.Kill(pid, sig.(syscall.Signal))
			}
		}
	}()
	go watchNetwork(stopper)
	go runProbes(spec, r, state, stopper)

	status := <-child
	if code, stopping := stopper.code(); stopping {
		os.Exit(code)
	}
	os.Exit(exitCode(status))
}

func runProbes(spec Spec, r *reaper, state *stateFile, stop *stopper) {
	state.update(func(s *State) {
		if spec.Readiness != nil {
			s.Reason = "the readiness probe has not succeeded yet"
		}
	})
	if spec.Startup != nil {
		started := make(chan struct{})
		var once sync.Once
		go watch(spec.Startup, r, false, func(ok bool, why string) {
			if ok {
				once.Do(func() { close(started) })
			} else {
				stop.now(exitKilledByProbe, "startup probe failed: "+why+"; stopping the container")
			}
		})
		<-started
	}
	state.update(func(s *State) {
		s.Started = true
		s.setReady(spec.Readiness == nil, time.Now())
	})
	if spec.Liveness != nil {
		go watch(spec.Liveness, r, true, func(ok bool, why string) {
			if !ok {
				stop.now(exitKilledByProbe, "liveness probe failed: "+why+"; stopping the container")
			}
		})
	}
	if spec.Readiness != nil {
		go watch(spec.Readiness, r, false, func(ok bool, why string) {
			state.update(func(s *State) {
				s.setReady(ok, time.Now())
				s.Reason = ""
				if !ok {
					s.Reason = "readiness probe failed: " + why
				}
			})
		})
	}
}

// watchNetwork ends the container when the pod's interface leaves its namespace: the sandbox that held
// the namespace is gone, and only a restart joins the new one.
func watchNetwork(stop *stopper) {
	seen := false
	for {
		has := hasPodInterface()
		if has {
			seen = true
		} else if seen {
			stop.now(exitNetworkGone, "the pod's network namespace is gone (its sandbox stopped or restarted); stopping so that Docker restarts this container in the new one")
			return
		}
		time.Sleep(time.Second)
	}
}

// hasPodInterface reads /proc/net/dev, which shows the reader's own network namespace.
func hasPodInterface() bool {
	data, err := os.ReadFile("/proc/net/dev")
	if err != nil {
		return true // cannot tell: never end a container on a guess
	}
	for _, line := range strings.Split(string(data), "\n")[2:] {
		name, _, found := strings.Cut(strings.TrimSpace(line), ":")
		if found && name != "lo" {
			return true
		}
	}
	return false
}

// stopper ends the command once: SIGTERM, then SIGKILL after the grace period, as kubelet does.
type stopper struct {
	pid      int
	grace    time.Duration
	mu       sync.Mutex
	stopping bool
	exitWith int
}

func (s *stopper) now(code int, why string) {
	s.mu.Lock()
	if s.stopping {
		s.mu.Unlock()
		return
	}
	s.stopping, s.exitWith = true, code
	s.mu.Unlock()
	logf("%s", why)
	syscall.Kill(s.pid, syscall.SIGTERM)
	time.Sleep(s.grace)
	syscall.Kill(s.pid, syscall.SIGKILL)
}

func (s *stopper) code() (int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.exitWith, s.stopping
}
