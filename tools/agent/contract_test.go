package main

import (
	"path/filepath"
	"testing"

	"podling.dev/tools/internal/jsonschema"
)

// The desired and status files are a contract with the provider, written as the JSON Schemas in schema/;
// the vectors in schema/testdata follow them and decode into the agent's types without loss.

func TestDesiredVectorsRoundTrip(t *testing.T) {
	jsonschema.RoundTrip(t, "schema", "desired", func(data []byte) (any, error) {
		d, err := parseDesired(data)
		return d.value(), err
	})
}

func TestStatusVectorsRoundTrip(t *testing.T) {
	jsonschema.RoundTrip(t, "schema", "status", jsonschema.Strict[Status])
}

// The checker itself must be able to fail: each file in schema/testdata/invalid breaks the contract.
func TestSchemaRejectsInvalidVectors(t *testing.T) {
	jsonschema.RejectsInvalid(t, "schema", "desired", "status")
}

// The agent itself refuses what it cannot act on: an unknown version, kind or field.
func TestParseDesiredRejects(t *testing.T) {
	for _, name := range []string{"version-2", "unknown-kind", "unknown-field", "deleted-false"} {
		file := filepath.Join("schema", "testdata", "invalid", "desired-"+name+".json")
		if _, err := parseDesired(jsonschema.ReadFile(t, file)); err == nil {
			t.Errorf("%s: parsed without error", file)
		}
	}
}
