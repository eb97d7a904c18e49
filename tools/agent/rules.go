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
// datagram of each is checked against the rules as they are now. Extra conntrack arguments narrow it.
func forgetUDPFlows(pid int, narrow ...string) error {
	_, err := inNamespace(pid, "", append([]string{"conntrack", "-D", "-p", "udp"}, narrow...)...)
	// conntrack exits 1 when there was nothing to delete, and says so
	if err != nil && strings.Contains(err.Error(), "0 flow entries") {
		return nil
	}
	return err
}

// natChains lists the chains of the namespace's nat table whose names start with prefix, and says whether
// OUTPUT jumps to the chain named root.
func natChains(pid int, prefix, root string) (chains []string, hooked bool, err error) {
	out, err := inNamespace(pid, "", "iptables-save", "-t", "nat")
	if err != nil {
		return nil, false, err
	}
	for _, line := range strings.Split(out, "\n") {
		if name, ok := strings.CutPrefix(line, ":"+prefix); ok {
			chains = append(chains, prefix+strings.Fields(name)[0])
		}
		hooked = hooked || line == "-A OUTPUT -j "+root
	}
	return chains, hooked, nil
}

// inNamespace runs a command in the network namespace of process pid, with stdin, and returns what it
// wrote to stdout; an error carries the command's own message.
func inNamespace(pid int, stdin string, command ...string) (string, error) {
	cmd := exec.Command("nsenter", append([]string{fmt.Sprintf("--net=/proc/%d/ns/net", pid)}, command...)...)
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if msg := strings.TrimSpace(stderr.String()); err != nil && msg != "" {
		return "", errors.New(msg)
	}
	return stdout.String(), err
}
