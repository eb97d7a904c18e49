// Command podling-init is PID 1 of every Podling app container, in the way kubelet and tini share that
// job elsewhere. It starts the container's real command, forwards signals to it and reaps orphans; runs
// the container's startup, liveness and readiness probes with Kubernetes' thresholds; and ends the
// container when its pod's network namespace disappears (the sandbox restarted), so that Docker's
// restart policy starts it again inside the sandbox's new namespace.
//
//	podling-init run SPEC_JSON -- COMMAND [ARGS...]
//	podling-init status    prints the probe state that `run` keeps in /.podling/run/state.json
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"time"
)

// StateFile lives on a small tmpfs that the provider mounts in each container.
const StateFile = "/.podling/run/state.json"

// Spec is what the provider passes (schema/spec.schema.json): the probes already validated, named ports
// resolved to numbers.
type Spec struct {
	Container    string `json:"container"`
	GraceSeconds int    `json:"graceSeconds"`
	Startup      *Probe `json:"startupProbe,omitempty"`
	Liveness     *Probe `json:"livenessProbe,omitempty"`
	Readiness    *Probe `json:"readinessProbe,omitempty"`
}

func main() {
	if len(os.Args) == 2 && os.Args[1] == "status" {
		printStatus()
		return
	}
	if len(os.Args) >= 5 && os.Args[1] == "run" && os.Args[3] == "--" {
		var spec Spec
		if err := json.Unmarshal([]byte(os.Args[2]), &spec); err != nil {
			fatalf(2, "bad spec: %v", err)
		}
		run(spec, os.Args[4:])
		return
	}
	fatalf(2, "usage: podling-init run SPEC_JSON -- COMMAND [ARGS...] | podling-init status")
}

func printStatus() {
	data, err := os.ReadFile(StateFile)
	if err != nil {
		data, _ = json.Marshal(State{Reason: "podling-init has not reported yet"})
	}
	os.Stdout.Write(data)
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "podling-init: "+format+"\n", args...)
}

func fatalf(code int, format string, args ...any) {
	logf(format, args...)
	os.Exit(code)
}

func seconds(n int) time.Duration { return time.Duration(n) * time.Second }
