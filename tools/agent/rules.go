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
	args := []string{fmt.Sprintf("--net=/proc/%d/ns/net", pid), "iptables-restore"}
	if noflush {
		args = append(args, "--noflush")
	}
	cmd := exec.Command("nsenter", args...)
	cmd.Stdin = strings.NewReader(rules)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return errors.New(msg)
		}
		return err
	}
	return nil
}
