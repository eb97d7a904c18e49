package main

import (
	"os"
	"testing"
)

// inNamespace, entered into the test's own namespace: stdin reaches the command, and a failure carries
// what it wrote to stderr.
func TestInNamespace(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("setns needs root")
	}
	stderr, err := inNamespace(os.Getpid(), func() (string, error) {
		return run("hello\n", "sh", "-c", "read x; echo \"got $x\" >&2; exit 3")
	})
	if err == nil || err.Error() != "got hello" || stderr != "got hello" {
		t.Errorf("inNamespace = %q, %v; want the command's stderr as its error", stderr, err)
	}
	if _, err := inNamespace(os.Getpid(), func() (string, error) { return run("", "true") }); err != nil {
		t.Errorf("inNamespace(true) = %v", err)
	}
}
