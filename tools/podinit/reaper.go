package main

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"
)

// reaper is the only caller of wait4: as PID 1 it collects every exited process, orphans included, and
// hands each exit status to whoever started that process.
type reaper struct {
	mu      sync.Mutex
	waiting map[int]chan syscall.WaitStatus
	early   map[int]syscall.WaitStatus // exited before anyone asked
}

func newReaper() *reaper {
	return &reaper{waiting: map[int]chan syscall.WaitStatus{}, early: map[int]syscall.WaitStatus{}}
}

// reapAll is called on every SIGCHLD.
func (r *reaper) reapAll() {
	for {
		var status syscall.WaitStatus
		pid, err := syscall.Wait4(-1, &status, syscall.WNOHANG, nil)
		if pid <= 0 || err != nil {
			return
		}
		r.mu.Lock()
		if ch, ok := r.waiting[pid]; ok {
			ch <- status
			delete(r.waiting, pid)
		} else {
			r.early[pid] = status
		}
		r.mu.Unlock()
	}
}

func (r *reaper) exited(pid int) <-chan syscall.WaitStatus {
	ch := make(chan syscall.WaitStatus, 1)
	r.mu.Lock()
	defer r.mu.Unlock()
	if status, ok := r.early[pid]; ok {
		ch <- status
		delete(r.early, pid)
	} else {
		r.waiting[pid] = ch
	}
	return ch
}

// start runs argv in its own process group, so that a probe's timeout can end its children too.
func (r *reaper) start(argv []string, ownGroup bool) (int, error) {
	path, err := lookPath(argv[0])
	if err != nil {
		return 0, err
	}
	proc, err := os.StartProcess(path, argv, &os.ProcAttr{
		Files: []*os.File{os.Stdin, os.Stdout, os.Stderr},
		Sys:   &syscall.SysProcAttr{Setpgid: ownGroup},
	})
	if err != nil {
		return 0, err
	}
	return proc.Pid, nil
}

func (r *reaper) runWithTimeout(argv []string, timeout time.Duration) (bool, string) {
	pid, err := r.start(argv, true)
	if err != nil {
		return false, fmt.Sprintf("exec probe %q: %v", strings.Join(argv, " "), err)
	}
	done := r.exited(pid)
	select {
	case status := <-done:
		if status.ExitStatus() == 0 {
			return true, "exec probe succeeded"
		}
		return false, fmt.Sprintf("exec probe %q exited with code %d", strings.Join(argv, " "), exitCode(status))
	case <-time.After(timeout):
		syscall.Kill(-pid, syscall.SIGKILL)
		<-done
		return false, fmt.Sprintf("exec probe %q timed out after %s", strings.Join(argv, " "), timeout)
	}
}

func exitCode(status syscall.WaitStatus) int {
	if status.Signaled() {
		return 128 + int(status.Signal())
	}
	return status.ExitStatus()
}

// lookPath resolves a bare name on the container's PATH, as a shell would.
func lookPath(name string) (string, error) {
	if strings.Contains(name, "/") {
		return name, nil
	}
	for _, dir := range strings.Split(os.Getenv("PATH"), ":") {
		if dir == "" {
			dir = "."
		}
		candidate := dir + "/" + name
		if info, err := os.Stat(candidate); err == nil && !info.IsDir() && info.Mode()&0o111 != 0 {
			return candidate, nil
		}
	}
	return "", fmt.Errorf("executable file %q not found in $PATH", name)
}
