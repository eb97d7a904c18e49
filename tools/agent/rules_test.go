package main

import (
	"os"
	"testing"
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

// inNamespace, entered into the test's own namespace: stdin reaches the command, and a failure carries
// what it wrote to stderr.
func TestInNamespace(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("setns needs root")
	}
	stderr, err := inNamespace(os.Getpid(), "hello\n", "sh", "-c", "read x; echo \"got $x\" >&2; exit 3")
	if err == nil || err.Error() != "got hello" || stderr != "got hello" {
		t.Errorf("inNamespace = %q, %v; want the command's stderr as its error", stderr, err)
	}
	if _, err := inNamespace(os.Getpid(), "", "true"); err != nil {
		t.Errorf("inNamespace(true) = %v", err)
	}
}
