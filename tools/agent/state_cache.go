package main

import (
	"strings"
	"sync"
)

// stateCache keeps the states of running containers between Docker's container events: a running
// container's state changes only with a die (or a start), and each of those forgets the state of its
// container; a reconnection of the event stream forgets them all, and so does every twelfth full pass.
// The passes and the readiness ticks would otherwise inspect every pod's containers each time. A state
// that is not running is never kept: Docker may start it, or give up restarting it, with no such event.
type stateCache struct {
	docker docker

	mu         sync.Mutex
	generation int
	states     map[string]containerState
}

func newStateCache(d docker) *stateCache {
	return &stateCache{docker: d, states: map[string]containerState{}}
}

// inspect returns the container's state, from the cache when no event came since it was read.
func (c *stateCache) inspect(id string) (containerState, error) {
	c.mu.Lock()
	st, ok := c.states[id]
	generation := c.generation
	c.mu.Unlock()
	if ok {
		return st, nil
	}
	st, err := c.docker.inspect(id)
	if err != nil {
		return st, err
	}
	c.mu.Lock()
	// An event that came while Docker answered may have made this answer stale: it is not kept.
	if c.generation == generation && st.Running && !st.Restarting {
		c.states[id] = st
	}
	c.mu.Unlock()
	return st, nil
}

// forget drops the cached state of one container, by the keys it may have been looked up by: its ID, a
// prefix of it, or its name.
func (c *stateCache) forget(id, name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.generation++
	for key := range c.states {
		if key == name || (len(key) >= 12 && strings.HasPrefix(id, key)) {
			delete(c.states, key)
		}
	}
}

// forgetAll drops every cached state.
func (c *stateCache) forgetAll() {
	c.mu.Lock()
	c.generation++
	c.states = map[string]containerState{}
	c.mu.Unlock()
}
