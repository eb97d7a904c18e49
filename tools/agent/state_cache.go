package main

import "sync"

// stateCache keeps inspected container states between Docker's container events: a state changes only
// with a start or a die, and each of those (and each reconnection of the event stream) forgets them all.
// The readiness ticks would otherwise inspect every endpoint's containers twice a second.
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
	if c.generation == generation {
		c.states[id] = st
	}
	c.mu.Unlock()
	return st, nil
}

// forget drops every cached state.
func (c *stateCache) forget() {
	c.mu.Lock()
	c.generation++
	c.states = map[string]containerState{}
	c.mu.Unlock()
}
