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

// inNamespace runs fn in the network namespace of process pid (the agent shares the host's PID
// namespace), and returns what fn returns. The namespace is entered on an OS thread of its own, which
// forks fn's commands and ends with its goroutine, so no other goroutine ever runs in the pod's
// namespace; nsenter did the same for one more exec, about 2 ms of an update's time.
func inNamespace(pid int, fn func() (string, error)) (string, error) {
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
		stderr, err := fn()
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
	return failure(strings.TrimSpace(stderr.String()), err)
}

// failure is a command's outcome: its error carries the command's own message, when it wrote one.
func failure(stderr string, err error) (string, error) {
	if err != nil && stderr != "" {
		return stderr, errors.New(stderr)
	}
	return stderr, err
}
