package main

import (
	"maps"
	"time"
)

// The kubelet's crash-loop backoff: the first restart at once, then 10 s, doubling up to 5 min; a
// container that ran for 10 min before it exited starts the sequence again.
const (
	firstBackoff = 10 * time.Second
	maxBackoff   = 5 * time.Minute
	resetAfter   = 10 * time.Minute
)

// backoff is when the agent may start an app container again, and the delay it waited last.
type backoff struct {
	next  time.Time
	delay time.Duration
}

// wantsRestart says whether an app container that has run and exited comes back under its pod's
// restartPolicy, as the kubelet decides: Always, or OnFailure after a non-zero exit.
func wantsRestart(policy string, st containerState) bool {
	if st.Running || st.Restarting || !hasRun(st) {
		return false
	}
	return policy == "Always" || (policy == "OnFailure" && st.ExitCode != 0)
}

// hasRun tells a container that started at least once from one only created; Docker's zero time is year 1.
func hasRun(st containerState) bool {
	t, err := time.Parse(time.RFC3339Nano, st.StartedAt)
	return err == nil && t.Year() > 1
}

// nextBackoff is the delay before the restart after this one, given the last delay and how long the
// container ran.
func nextBackoff(last time.Duration, st containerState) time.Duration {
	started, errS := time.Parse(time.RFC3339Nano, st.StartedAt)
	finished, errF := time.Parse(time.RFC3339Nano, st.FinishedAt)
	if last == 0 || (errS == nil && errF == nil && finished.Sub(started) >= resetAfter) {
		return firstBackoff
	}
	return min(2*last, maxBackoff)
}

// keepRunning starts the pod's app containers that exited and that their restart policy brings back,
// each once its backoff has passed; it returns the restart counts with those starts added. The pod's
// sandbox runs in the start that the agent or the provider already brought in line.
func (a *agent) keepRunning(entry string, p *Pod, restarts map[string]int) map[string]int {
	counts := maps.Clone(restarts)
	now := time.Now()
	for _, c := range p.Containers {
		st, err := a.states.inspect(c.ID)
		if err != nil || !wantsRestart(c.RestartPolicy, st) {
			continue
		}
		a.mu.Lock()
		b := a.backoff[c.ID]
		a.mu.Unlock()
		if now.Before(b.next) {
			continue
		}
		err = timed(entry, "restart "+c.Name, func() error { return a.docker.start(c.ID) })
		a.states.forget(c.ID, c.ID)
		if err != nil {
			continue
		}
		delay := nextBackoff(b.delay, st)
		a.mu.Lock()
		a.backoff[c.ID] = backoff{next: now.Add(delay), delay: delay}
		a.mu.Unlock()
		if counts == nil {
			counts = map[string]int{}
		}
		counts[c.Name]++
	}
	return counts
}
