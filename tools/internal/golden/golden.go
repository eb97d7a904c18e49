// Package golden is a test helper: it compares text the Go tools render with the golden files under
// test/golden, which the provider's TypeScript tests render against too.
package golden

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Dir is the repository's test/golden, found from this file so that any package's tests can use it.
var Dir = func() string {
	_, self, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(self), "..", "..", "..", "test", "golden")
}()

// Expect fails the test unless got is the golden file's text, naming the first line that differs.
func Expect(t *testing.T, name, got string) {
	t.Helper()
	want, err := os.ReadFile(filepath.Join(Dir, name))
	if err != nil {
		t.Fatal(err)
	}
	if got == string(want) {
		return
	}
	gotLines, wantLines := strings.Split(got, "\n"), strings.Split(string(want), "\n")
	for i := 0; ; i++ {
		if i >= len(gotLines) || i >= len(wantLines) || gotLines[i] != wantLines[i] {
			t.Fatalf("rendered text differs from %s at line %d:\n golden:   %q\n rendered: %q",
				name, i+1, lineAt(wantLines, i), lineAt(gotLines, i))
		}
	}
}

func lineAt(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "(end of text)"
}
