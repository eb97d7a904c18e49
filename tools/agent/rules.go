package main

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// loadRules runs iptables-restore in the network namespace of process pid (the agent shares the host's
// PID namespace), with rules on stdin. Without noflush the tables the rules name are replaced whole.
func loadRules(pid int, rules string, noflush bool) error {
	args := []string{"iptables-restore"}
	if noflush {
		args = append(args, "--noflush")
	}
	_, err := inNamespace(pid, rules, args...)
	return err
}

// forgetUDPFlows drops the UDP flows that the namespace's connection tracking holds, so that the next
// datagram of each is checked against the rules as they are now.
func forgetUDPFlows(pid int) error {
	stderr, err := inNamespace(pid, "", "conntrack", "-D", "-p", "udp")
	// conntrack exits 1 when there was nothing to delete, and says so
	if err != nil && strings.Contains(stderr, "0 flow entries") {
		return nil
	}
	return err
}

// inNamespace runs a command in the network namespace of process pid, with stdin; an error carries the
// command's own message. It returns what the command wrote to stderr.
func inNamespace(pid int, stdin string, command ...string) (string, error) {
	cmd := exec.Command("nsenter", append([]string{fmt.Sprintf("--net=/proc/%d/ns/net", pid)}, command...)...)
	cmd.Stdin = strings.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	msg := strings.TrimSpace(stderr.String())
	if err != nil && msg != "" {
		return msg, errors.New(msg)
	}
	return msg, err
}
