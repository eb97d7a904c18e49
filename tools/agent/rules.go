package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
)

// loadRules runs iptables-restore in the network namespace of process pid, with rules on stdin. Without
// noflush the tables the rules name are replaced whole.
func loadRules(pid int, rules string, noflush bool) error {
	args := []string{"iptables-restore"}
	if noflush {
		args = append(args, "--noflush")
	}
	_, err := inNamespace(pid, func() (string, error) { return restore(rules, args...) })
	return err
}

// committedMark ends the input of every iptables-restore: a table header that it refuses. It reads that
// line only once each table before it is committed, and says so on stderr at once, while its exit comes
// about 10 ms later (closing nf_tables' netlink socket waits for the kernel to free the replaced rules, an
// RCU grace period). The rules are in force when the refusal names the mark.
const committedMark = "podling-committed"

// restore runs iptables-restore (command) on rules and returns once they are committed, or with its
// error once it has exited; a committed run is left to exit on its own.
func restore(rules string, command ...string) (string, error) {
	if !strings.HasSuffix(rules, "\n") {
		rules += "\n"
	}
	cmd := exec.Command(command[0], command[1:]...)
	cmd.Stdin = strings.NewReader(rules + "*" + committedMark + "\n")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return "", err
	}
	if err := cmd.Start(); err != nil {
		return "", err
	}
	var said []string
	for lines := bufio.NewScanner(stderr); lines.Scan(); {
		if strings.Contains(lines.Text(), "'"+committedMark+"'") {
			go func() {
				_, _ = io.Copy(io.Discard, stderr)
				_ = cmd.Wait()
			}()
			return "", nil
		}
		said = append(said, lines.Text())
	}
	err = cmd.Wait()
	return failure(strings.TrimSpace(strings.Join(said, "\n")), err)
}

// forgetUDPFlows drops the UDP flows that the namespace's connection tracking holds, so that the next
// datagram of each is checked against the rules as they are now. Extra conntrack arguments narrow it.
func forgetUDPFlows(pid int, narrow ...string) error {
	if tracked, ok := tracksUDP(pid); ok && !tracked {
		return nil // conntrack's own run costs ~12 ms, most of an update's time in the agent
	}
	command := append([]string{"conntrack", "-D", "-p", "udp"}, narrow...)
	_, err := inNamespace(pid, func() (string, error) { return run("", command...) })
	if err != nil && flowsAlreadyGone(err.Error()) {
		return nil
	}
	return err
}

// flowsAlreadyGone tells conntrack's failures that mean there is nothing left to forget: it exits 1 when
// there was nothing to delete, and when a flow it listed ended before it could delete it (the flow is gone,
// which is all that was asked).
func flowsAlreadyGone(message string) bool {
	return strings.Contains(message, "0 flow entries") || strings.Contains(message, "such conntrack doesn't exist")
}

// natChains lists the chains of the namespace's nat table whose names start with prefix, and says whether
// OUTPUT jumps to the chain named root.
func natChains(pid int, prefix, root string) (chains []string, hooked bool, err error) {
	out, err := inNamespace(pid, func() (string, error) { return output("iptables-save", "-t", "nat") })
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

// output runs a command and returns what it wrote to stdout; an error carries its own message.
func output(command ...string) (string, error) {
	cmd := exec.Command(command[0], command[1:]...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if _, err := failure(strings.TrimSpace(stderr.String()), err); err != nil {
		return "", err
	}
	return string(out), nil
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
