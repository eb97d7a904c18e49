package main

import (
	"reflect"
	"testing"
)

const (
	oldStart = "2026-12-02T10:00:00.1Z"
	newStart = "2026-12-02T10:05:00.2Z"
	later    = "2026-12-02T10:05:00.3Z"
)

func TestPlanPod(t *testing.T) {
	app := func(name, policy string) AppContainer { return AppContainer{name, "id-" + name, policy} }
	running := func(start string) containerState { return containerState{Running: true, StartedAt: start} }
	failedToJoin := containerState{Error: "cannot join network of a non running container: 5f0c2a9e"}
	for _, tc := range []struct {
		name   string
		pod    Pod
		states map[string]containerState
		want   []action
	}{{
		name: "daemon restart: one app failed to join, one came up after the sandbox",
		pod:  Pod{Containers: []AppContainer{app("web", "Always"), app("side", "Always")}},
		states: map[string]containerState{
			"id-web":  failedToJoin,
			"id-side": running(later),
		},
		want: []action{{startApp, "id-web", "web"}},
	}, {
		name: "sandbox restart with init containers: every app stops, inits run in order, apps start",
		pod: Pod{
			InitContainers: []string{"init-1", "init-2"},
			Containers:     []AppContainer{app("web", "Always"), app("job", "OnFailure"), app("done", "Never")},
		},
		states: map[string]containerState{
			"id-web":  running(oldStart),
			"id-job":  running(later),
			"id-done": {},
		},
		want: []action{
			{stopApp, "id-web", "web"}, {stopApp, "id-job", "job"},
			{runInit, "init-1", "init-1"}, {runInit, "init-2", "init-2"},
			{startApp, "id-web", "web"}, {startApp, "id-job", "job"},
		},
	}, {
		name: "Never: moved when it ran in the dead namespace, started when it never joined, else left",
		pod:  Pod{Containers: []AppContainer{app("moved", "Never"), app("joined", "Never"), app("exited", "Never")}},
		states: map[string]containerState{
			"id-moved":  running(oldStart),
			"id-joined": failedToJoin,
			"id-exited": {StartedAt: oldStart},
		},
		want: []action{{stopApp, "id-moved", "moved"}, {startApp, "id-moved", "moved"}, {startApp, "id-joined", "joined"}},
	}, {
		name: "a container the pod does not name is untouched",
		pod:  Pod{Containers: []AppContainer{app("web", "Always")}},
		states: map[string]containerState{
			"id-web":   running(later),
			"stranger": running(oldStart),
			"id-other": failedToJoin,
		},
		want: nil,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			if got := planPod(&tc.pod, newStart, tc.states); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("planPod =\n%v\nwant\n%v", got, tc.want)
			}
		})
	}
}
