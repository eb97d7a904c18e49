package main

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// initTimeout bounds one init container's run, so that a hung one only holds up its own pod.
const initTimeout = 10 * time.Minute

type step int

const (
	stopApp step = iota
	runInit
	startApp
)

// action is one step of bringing a pod in line with a new start of its sandbox.
type action struct {
	step step
	id   string
	name string // for messages: the app container's name, or the init container's ID
}

// planPod decides, from the inspected states of the pod's containers, what makes the pod whole in the
// sandbox that started at sandboxStart: app containers in the old, dead namespace are stopped, init
// containers run again in order, then app containers start as their restart policy says. Containers the
// pod does not name are never in the plan.
func planPod(p *Pod, sandboxStart string, states map[string]containerState) []action {
	var plan []action
	stopped := map[string]bool{}
	for _, c := range p.Containers {
		st := states[c.ID]
		// Init containers run before any app container, as at a pod's first start.
		if st.Running && (len(p.InitContainers) > 0 || startedBefore(st.StartedAt, sandboxStart)) {
			plan = append(plan, action{stopApp, c.ID, c.Name})
			stopped[c.ID] = true
		}
	}
	for _, id := range p.InitContainers {
		plan = append(plan, action{runInit, id, id})
	}
	for _, c := range p.Containers {
		st := states[c.ID]
		running := st.Running && !stopped[c.ID]
		// A container that failed to join the sandbox never ran in it, whatever its policy.
		neverJoined := !st.Running && strings.Contains(st.Error, "non running container")
		exited := !running && wantsRestart(c.RestartPolicy, st)
		if (c.RestartPolicy == "Always" && !running) || exited || stopped[c.ID] || neverJoined {
			plan = append(plan, action{startApp, c.ID, c.Name})
		}
	}
	return plan
}

// startedBefore compares two of Docker's RFC 3339 times; an unreadable one counts as before, so that a
// container of unknown age is moved into the current sandbox.
func startedBefore(start, sandboxStart string) bool {
	a, errA := time.Parse(time.RFC3339Nano, start)
	b, errB := time.Parse(time.RFC3339Nano, sandboxStart)
	return errA != nil || errB != nil || a.Before(b)
}

// syncPod inspects the pod's app containers and carries out planPod's actions in order, stopping at the
// first failure.
func (a *agent) syncPod(entry string, p *Pod, sandboxStart string) error {
	states := map[string]containerState{}
	for _, c := range p.Containers {
		st, err := a.docker.inspect(c.ID)
		if err != nil && !errors.Is(err, errNotFound) {
			return fmt.Errorf("inspecting container %s: %w", c.Name, err)
		}
		states[c.ID] = st
	}
	for _, act := range planPod(p, sandboxStart, states) {
		if err := a.do(entry, act); err != nil {
			return err
		}
	}
	return nil
}

func (a *agent) do(entry string, act action) error {
	switch act.step {
	case stopApp:
		return timed(entry, "stop "+act.name, func() error {
			if err := a.docker.stop(act.id); err != nil {
				return fmt.Errorf("stopping container %s: %w", act.name, err)
			}
			return nil
		})
	case runInit:
		return timed(entry, "run init "+act.name, func() error {
			if err := a.docker.start(act.id); err != nil {
				return fmt.Errorf("init container %s will not start: %w", act.name, err)
			}
			code, err := a.docker.wait(act.id, initTimeout)
			if err != nil {
				return fmt.Errorf("waiting for init container %s: %w", act.name, err)
			}
			if code != 0 {
				return fmt.Errorf("init container %s exited with %d", act.name, code)
			}
			return nil
		})
	}
	return timed(entry, "start "+act.name, func() error {
		if err := a.docker.start(act.id); err != nil {
			return fmt.Errorf("container %s will not start: %w", act.name, err)
		}
		return nil
	})
}
