package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"podling.dev/tools/agent/policy"
)

// The desired and status files follow schema/desired.schema.json and schema/status.schema.json.

// Pod is a pod's containers, held up whenever its sandbox starts anew.
type Pod struct {
	Version        int            `json:"version"`
	Kind           string         `json:"kind"`
	Namespace      string         `json:"namespace"`
	Name           string         `json:"name"`
	Sandbox        string         `json:"sandbox"`
	InitContainers []string       `json:"initContainers"`
	Containers     []AppContainer `json:"containers"`
	SyncedStart    string         `json:"syncedStart"`
	// IP, Labels and NamedPorts let services select the pod by label here, as the EndpointSlice
	// controller does: a Deployment's pods come and go without their services being updated.
	IP         string            `json:"ip,omitempty"`
	Labels     map[string]string `json:"labels,omitempty"`
	NamedPorts map[string]int    `json:"namedPorts,omitempty"`
	// Ports are the containers' declared ports, against which policies resolve named ports.
	Ports []policy.ContainerPort `json:"ports,omitempty"`
	// PolicyRevision, when set, makes the agent the pod's policy enforcer: it renders the pod's firewall
	// from every pod and NetPol entry (firewalls.go) and reports it under policyFirewallName, with this
	// revision, which names the pod's address, labels and ports as the provider wrote them.
	PolicyRevision string `json:"policyRevision,omitempty"`
}

// AppContainer is one of a pod's app containers.
type AppContainer struct {
	Name          string `json:"name"`
	ID            string `json:"id"`
	RestartPolicy string `json:"restartPolicy"`
}

// Firewall is a pod's network-policy rules, which the agent loads into its sandbox's namespace: in every
// new start of the sandbox, and whenever the revision changes.
type Firewall struct {
	Version   int    `json:"version"`
	Kind      string `json:"kind"`
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
	Sandbox   string `json:"sandbox"`
	Rules     string `json:"rules"`
	Revision  string `json:"revision"`
}

// NetPol is a NetworkPolicy of the network, with the labels of the program's namespaces that its
// namespaceSelectors read. The agent renders the firewalls of the pods it enforces from all of them.
type NetPol struct {
	Version int    `json:"version"`
	Kind    string `json:"kind"`
	policy.Policy
	Namespaces map[string]map[string]string `json:"namespaces"`
	Revision   string                       `json:"revision"`
	// Created is when the policy was created, for the CLI; the agent does not read it.
	Created string `json:"created,omitempty"`
}

// DeploymentRecord is a Deployment as the provider last declared it. The agent keeps it and does not act
// on it (its pods come as pod entries): it lets the CLI show the desired state from the engine alone.
type DeploymentRecord struct {
	Version      int    `json:"version"`
	Kind         string `json:"kind"`
	Namespace    string `json:"namespace"`
	Name         string `json:"name"`
	Replicas     int    `json:"replicas"`
	TemplateHash string `json:"templateHash"`
	Selector     string `json:"selector"`
	Created      string `json:"created"`
	// MinReadySeconds is how long a pod must be ready to count as available; absent in older records.
	MinReadySeconds int `json:"minReadySeconds,omitempty"`
}

// System is a container that must run (a service router, the cluster DNS, the agent's guard), and the
// rules loaded into its namespace, in order, whenever it starts anew.
type System struct {
	Version   int       `json:"version"`
	Kind      string    `json:"kind"`
	Namespace string    `json:"namespace"`
	Name      string    `json:"name"`
	Container string    `json:"container"`
	Restore   []Restore `json:"restore"`
	// Service, on a service router, is rendered by the agent after Restore, over the pods ready now.
	Service     *ServiceSpec `json:"service,omitempty"`
	SyncedStart string       `json:"syncedStart"`
}

// Records is a headless service's DNS name, kept in a hosts file of the cluster DNS to the addresses of
// the endpoints ready now.
type Records struct {
	Version   int               `json:"version"`
	Kind      string            `json:"kind"`
	Namespace string            `json:"namespace"`
	Name      string            `json:"name"`
	Container string            `json:"container"`
	Path      string            `json:"path"`
	Hostname  string            `json:"hostname"`
	Endpoints []ServiceEndpoint `json:"endpoints"`
	// Selector, when set, adds the pods of Namespace it selects to Endpoints (see selection.go).
	Selector map[string]string `json:"selector,omitempty"`
}

// Restore is one iptables-restore input of a system container.
type Restore struct {
	Rules   string `json:"rules"`
	Noflush bool   `json:"noflush"`
}

// Deleted says the object is gone: its files are removed.
type Deleted struct {
	Version int  `json:"version"`
	Deleted bool `json:"deleted"`
	// Token, on a pod's tombstone, asks the agent to take the pod out of every service first, and to say
	// so by writing it back as the status's Withdrawn.
	Token string `json:"token,omitempty"`
}

// Desired is one parsed desired file: exactly one field is set.
type Desired struct {
	Pod        *Pod
	Firewall   *Firewall
	System     *System
	Records    *Records
	Cluster    *Cluster
	NetPol     *NetPol
	Deployment *DeploymentRecord
	Deleted    *Deleted
}

// Status is what the agent last did for one desired file.
type Status struct {
	Version      int    `json:"version"`
	HandledStart string `json:"handledStart,omitempty"`
	// HandledRevision is the revision of a firewall's rules loaded in HandledStart.
	HandledRevision string `json:"handledRevision,omitempty"`
	Error           string `json:"error,omitempty"`
	// FailedRevision is, for a firewall, the revision whose rules the failed attempt could not load.
	FailedRevision string `json:"failedRevision,omitempty"`
	// Restarts counts, per app container name, the times the agent started a container that had exited.
	Restarts map[string]int `json:"restarts,omitempty"`
	// Withdrawn is the token of the tombstone whose pod the agent took out of every service.
	Withdrawn string `json:"withdrawn,omitempty"`
	At        string `json:"at"`
}

// parseDesired decodes a desired file by its version and kind, refusing fields the contract lacks.
func parseDesired(data []byte) (Desired, error) {
	var head struct {
		Version int    `json:"version"`
		Kind    string `json:"kind"`
		Deleted bool   `json:"deleted"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return Desired{}, err
	}
	if head.Version != 1 {
		return Desired{}, fmt.Errorf("unknown version %d", head.Version)
	}
	var d Desired
	var target any
	switch {
	case head.Deleted:
		d.Deleted = &Deleted{}
		target = d.Deleted
	case head.Kind == "pod":
		d.Pod = &Pod{}
		target = d.Pod
	case head.Kind == "firewall":
		d.Firewall = &Firewall{}
		target = d.Firewall
	case head.Kind == "system":
		d.System = &System{}
		target = d.System
	case head.Kind == "records":
		d.Records = &Records{}
		target = d.Records
	case head.Kind == "cluster":
		d.Cluster = &Cluster{}
		target = d.Cluster
	case head.Kind == "netpol":
		d.NetPol = &NetPol{}
		target = d.NetPol
	case head.Kind == "deployment":
		d.Deployment = &DeploymentRecord{}
		target = d.Deployment
	default:
		return Desired{}, fmt.Errorf("unknown kind %q", head.Kind)
	}
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(target); err != nil {
		return Desired{}, err
	}
	return d, nil
}

// value is the set field, as written to JSON.
func (d Desired) value() any {
	switch {
	case d.Pod != nil:
		return d.Pod
	case d.Firewall != nil:
		return d.Firewall
	case d.System != nil:
		return d.System
	case d.Records != nil:
		return d.Records
	case d.Cluster != nil:
		return d.Cluster
	case d.NetPol != nil:
		return d.NetPol
	case d.Deployment != nil:
		return d.Deployment
	}
	return d.Deleted
}

// store is the /state volume: desired/ written by the provider, status/ by the agent.
type store struct{ dir string }

// names lists the desired files, without .json, in name order.
func (s store) names() ([]string, error) {
	files, err := filepath.Glob(filepath.Join(s.dir, "desired", "*.json"))
	names := make([]string, len(files))
	for i, file := range files {
		names[i] = strings.TrimSuffix(filepath.Base(file), ".json")
	}
	return names, err
}

func (s store) desired(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join(s.dir, "desired", name+".json"))
}

// status is the last status written for name; the zero Status when there is none or it is unreadable,
// which only makes the agent act again.
func (s store) status(name string) Status {
	var st Status
	if data, err := os.ReadFile(s.statusPath(name)); err == nil {
		_ = json.Unmarshal(data, &st)
	}
	return st
}

// writeStatus replaces the status file atomically, so the provider never reads half of one.
func (s store) writeStatus(name string, st Status) error {
	data, err := json.Marshal(st)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(s.dir, "status"), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Join(s.dir, "status"), "."+name+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), s.statusPath(name)); err != nil {
		return err
	}
	return s.syncAcks(name, st)
}

// tombstoneGrace is how long a tombstone stays before the agent removes it. Docker writes a file of an
// archive in steps (create, write, chown, chmod, times), and an upload fails when the file vanishes
// between them; every step touches the file's change time, so a file unchanged this long is written.
const tombstoneGrace = 3 * time.Second

// settled says whether the desired file has not changed for tombstoneGrace. The full pass comes back
// to one that has not settled yet.
func (s store) settled(name string) bool {
	info, err := os.Stat(filepath.Join(s.dir, "desired", name+".json"))
	if err != nil {
		return false
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return false
	}
	changed := time.Unix(st.Ctim.Sec, st.Ctim.Nsec)
	return time.Since(changed) >= tombstoneGrace
}

// remove drops a deleted entry's desired and status files.
func (s store) remove(name string) error {
	err := errors.Join(os.Remove(filepath.Join(s.dir, "desired", name+".json")), os.RemoveAll(s.acksDir(name)))
	if e := os.Remove(s.statusPath(name)); !errors.Is(e, os.ErrNotExist) {
		err = errors.Join(err, e)
	}
	return err
}

// removeStatus drops a status the agent keeps for no desired file of its own, with its acknowledgements.
func (s store) removeStatus(name string) {
	_ = os.Remove(s.statusPath(name))
	_ = os.RemoveAll(s.acksDir(name))
}

func (s store) statusPath(name string) string { return filepath.Join(s.dir, "status", name+".json") }
