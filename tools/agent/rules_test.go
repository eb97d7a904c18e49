package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestHasUDPFlow(t *testing.T) {
	tcp := "ipv4     2 tcp      6 431999 ESTABLISHED src=10.0.0.2 dst=10.0.0.3 sport=40000 dport=80 src=10.0.0.3 dst=10.0.0.2 sport=80 dport=40000 [ASSURED] mark=0 zone=0 use=2\n"
	udp := "ipv4     2 udp      17 29 src=10.0.0.2 dst=10.0.0.3 sport=5000 dport=53 [UNREPLIED] src=10.0.0.3 dst=10.0.0.2 sport=53 dport=5000 mark=0 zone=0 use=2\n"
	for _, c := range []struct {
		table string
		want  bool
	}{{"", false}, {tcp, false}, {tcp + udp, true}, {"ipv6     10 udp      17 29 src=::1 dst=::1 sport=1 dport=2\n", true}} {
		if got := hasUDPFlow(c.table); got != c.want {
			t.Errorf("hasUDPFlow(%q) = %v, want %v", c.table, got, c.want)
		}
	}
}

// fakeRestore is an iptables-restore that copies its input to dir/input, fails on a line "bad" as the
// real one does, and refuses the committed mark at once but exits only once dir/exit exists (or dir is
// gone: the test's cleanup may remove it first, and the fake must not outlive the test).
const fakeRestore = `#!/bin/sh
dir=$(dirname "$0")
n=0
while IFS= read -r line; do
  n=$((n+1))
  echo "$line" >>"$dir/input"
  case "$line" in
  bad) echo "iptables-restore: line $n failed" >&2; exit 1 ;;
  "*` + committedMark + `") echo "iptables-restore: line $n table name '` + committedMark + `' invalid" >&2
    echo "Error occurred at line: $n" >&2
    while [ -d "$dir" ] && [ ! -e "$dir/exit" ]; do sleep 0.01; done
    exit 2 ;;
  esac
done
`

func writeFakeRestore(t *testing.T) (dir, path string) {
	dir = t.TempDir()
	path = filepath.Join(dir, "iptables-restore")
	if err := os.WriteFile(path, []byte(fakeRestore), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir, path
}

// restore returns once the rules are committed, before iptables-restore has exited.
func TestRestoreReturnsAtTheCommittedMark(t *testing.T) {
	dir, path := writeFakeRestore(t)
	done := make(chan error, 1)
	go func() {
		_, err := restore("*filter\nCOMMIT", path)
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("restore = %v", err)
		}
	case <-time.After(30 * time.Second): // only a guard against hanging: it waits for an exit that never comes
		t.Error("restore waited for iptables-restore to exit")
	}
	_ = os.WriteFile(filepath.Join(dir, "exit"), nil, 0o644)
	input, _ := os.ReadFile(filepath.Join(dir, "input"))
	if want := "*filter\nCOMMIT\n*" + committedMark + "\n"; string(input) != want {
		t.Errorf("iptables-restore read %q, want %q", input, want)
	}
}

// A refused rule is an error that carries iptables-restore's own message.
func TestRestoreFailsWithTheMessage(t *testing.T) {
	_, path := writeFakeRestore(t)
	if _, err := restore("*filter\nbad\nCOMMIT\n", path); err == nil || !strings.Contains(err.Error(), "line 2 failed") {
		t.Errorf("restore = %v, want iptables-restore's message", err)
	}
}

// The real iptables-restore, where the test may use it, refuses the mark in the words restore looks for.
func TestRealRestoreRefusesTheMark(t *testing.T) {
	path, err := exec.LookPath("iptables-restore")
	if err != nil || os.Geteuid() != 0 {
		t.Skip("needs iptables-restore and root")
	}
	// --test parses and checks without committing anything to the machine's own tables.
	cmd := exec.Command(path, "--test")
	cmd.Stdin = strings.NewReader("*filter\n:PODLING-TEST - [0:0]\nCOMMIT\n*" + committedMark + "\n")
	out, _ := cmd.CombinedOutput()
	if !strings.Contains(string(out), "'"+committedMark+"'") {
		t.Errorf("iptables-restore said %q, which does not name the mark", out)
	}
}

func TestFlowsAlreadyGone(t *testing.T) {
	for message, gone := range map[string]bool{
		"conntrack v1.4.7 (conntrack-tools): 0 flow entries have been deleted.":              true,
		"conntrack v1.4.7 (conntrack-tools): Operation failed: such conntrack doesn't exist": true,
		"conntrack v1.4.7 (conntrack-tools): Operation failed: invalid parameters":           false,
		"exec: \"conntrack\": executable file not found in $PATH":                            false,
	} {
		if flowsAlreadyGone(message) != gone {
			t.Errorf("flowsAlreadyGone(%q) = %v, want %v", message, !gone, gone)
		}
	}
}
