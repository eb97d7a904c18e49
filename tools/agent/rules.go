package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
)

// loadRules runs iptables-restore in the network namespace of process pid, with rules on stdin. Without
// noflush the tables the rules name are replaced whole.
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
	if tracked, ok := tracksUDP(pid); ok && !tracked {
		return nil // conntrack's own run costs ~12 ms, most of an update's time in the agent
	}
	stderr, err := inNamespace(pid, "", "conntrack", "-D", "-p", "udp")
	// conntrack exits 1 when there was nothing to delete, and says so
	if err != nil && strings.Contains(stderr, "0 flow entries") {
		return nil
	}
	return err
}

// inNamespace runs a command in the network namespace of process pid (the agent shares the host's PID
// namespace), with stdin; an error carries the command's own message. It returns what the command wrote
// to stderr. The namespace is entered on an OS thread of its own, which forks the command and ends with
// its goroutine, so no other goroutine ever runs in the pod's namespace; nsenter did the same for one
// more exec, about 2 ms of an update's time.
func inNamespace(pid int, stdin string, command ...string) (string, error) {
	type result struct {
		stderr string
		err    error
	}
	done := make(chan result, 1)
	go func() {
		// Never unlocked: Go ends a thread whose goroutine exits while locked, namespace and all.
		runtime.LockOSThread()
		if err := enterNetNamespace(pid); err != nil {
			done <- result{"", err}
			return
		}
		stderr, err := run(stdin, command...)
		done <- result{stderr, err}
	}()
	r := <-done
	return r.stderr, r.err
}

// enterNetNamespace moves the calling thread into the network namespace of process pid.
func enterNetNamespace(pid int) error {
	ns, err := os.Open(fmt.Sprintf("/proc/%d/ns/net", pid))
	if err != nil {
		return fmt.Errorf("the network namespace of process %d: %w", pid, err)
	}
	defer ns.Close()
	if _, _, errno := syscall.RawSyscall(sysSetns, ns.Fd(), syscall.CLONE_NEWNET, 0); errno != 0 {
		return fmt.Errorf("entering the network namespace of process %d: %w", pid, errno)
	}
	return nil
}

// run runs a command with stdin; an error carries the command's own message. It returns what the
// command wrote to stderr.
func run(stdin string, command ...string) (string, error) {
	cmd := exec.Command(command[0], command[1:]...)
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

// tracksUDP reads the namespace's connection table through procfs, which costs no process; ok is false
// where the kernel offers no such file.
func tracksUDP(pid int) (tracked, ok bool) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/net/nf_conntrack", pid))
	if err != nil {
		return false, false
	}
	return hasUDPFlow(string(data)), true
}

// hasUDPFlow says whether a procfs connection table lists a UDP flow: its fourth field, the layer 4
// protocol's number, is 17 ("ipv4 2 udp 17 ...").
func hasUDPFlow(table string) bool {
	for _, line := range strings.Split(table, "\n") {
		if fields := strings.Fields(line); len(fields) > 3 && fields[3] == "17" {
			return true
		}
	}
	return false
}
