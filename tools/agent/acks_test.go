package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// schema/acks.json is the naming shared with the provider (test/unit/agent-acks.test.ts reads it too).
func TestAckNamesMatchSharedVectors(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("schema", "acks.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Vectors []struct {
			Name   string
			Fields []string
			Ack    string
		}
	}
	if err := json.Unmarshal(data, &doc); err != nil || len(doc.Vectors) == 0 {
		t.Fatalf("schema/acks.json: %v (%d vectors)", err, len(doc.Vectors))
	}
	for _, v := range doc.Vectors {
		if got := ackName(v.Name, v.Fields...); got != v.Ack {
			t.Errorf("ackName(%q, %q) = %s, want %s", v.Name, v.Fields, got, v.Ack)
		}
	}
}

func ackFiles(t *testing.T, s store, name string) []string {
	files, _ := os.ReadDir(s.acksDir(name))
	var names []string
	for _, f := range files {
		names = append(names, f.Name())
	}
	slices.Sort(names)
	return names
}

func TestAcksFollowTheStatus(t *testing.T) {
	s := store{t.TempDir()}
	const name = "firewall.net_default_web"
	loaded := func(rev, start string) string { return ackName(name, "loaded", rev, start) }
	write := func(st Status) {
		t.Helper()
		if err := s.writeStatus(name, st); err != nil {
			t.Fatal(err)
		}
	}
	write(Status{Version: 1, HandledStart: "s1", HandledRevision: "r1"})
	if got := ackFiles(t, s, name); !slices.Equal(got, []string{loaded("r1", "s1")}) {
		t.Fatalf("after loading r1: %v", got)
	}
	// A failure keeps the last good rules: both outcomes stand.
	write(Status{Version: 1, HandledStart: "s1", HandledRevision: "r1", Error: "bad rule", FailedRevision: "r2"})
	want := []string{loaded("r1", "s1"), ackName(name, "failed", "r2")}
	slices.Sort(want)
	if got := ackFiles(t, s, name); !slices.Equal(got, want) {
		t.Fatalf("after failing r2: %v, want %v", got, want)
	}
	write(Status{Version: 1, HandledStart: "s1", HandledRevision: "r3"})
	if got := ackFiles(t, s, name); !slices.Equal(got, []string{loaded("r3", "s1")}) {
		t.Fatalf("after loading r3: %v", got)
	}
	// A status naming no revision (a desired file it could not read) acknowledges nothing.
	write(Status{Version: 1, HandledStart: "s1", Error: "invalid desired file"})
	if got := ackFiles(t, s, name); len(got) != 0 {
		t.Fatalf("after an invalid file: %v", got)
	}
	write(Status{Version: 1, HandledStart: "s2", HandledRevision: "r3"})
	if err := os.MkdirAll(filepath.Join(s.dir, "desired"), 0o755); err != nil {
		t.Fatal(err)
	}
	_ = s.remove(name)
	if _, err := os.Stat(s.acksDir(name)); !os.IsNotExist(err) {
		t.Errorf("a removed entry keeps its acknowledgements: %v", err)
	}
}
