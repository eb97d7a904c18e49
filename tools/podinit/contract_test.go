package main

import (
	"encoding/json"
	"testing"

	"podling.dev/tools/internal/jsonschema"
)

// The spec and state are a contract with the provider, written as the JSON Schemas in schema/; the
// provider's TypeScript types are generated from them. The vectors in schema/testdata are shared: the
// provider's unit test checks that it writes exactly the spec vectors and reads the state vectors.

func TestSpecVectorsRoundTrip(t *testing.T) {
	jsonschema.RoundTrip(t, "schema", "spec", jsonschema.Strict[Spec])
}

func TestStateVectorsRoundTrip(t *testing.T) {
	jsonschema.RoundTrip(t, "schema", "state", jsonschema.Strict[State])
}

// The checker itself must be able to fail: each file in schema/testdata/invalid breaks the contract.
func TestSchemaRejectsInvalidVectors(t *testing.T) {
	jsonschema.RejectsInvalid(t, "schema", "spec", "state")
}

// Each kind of state podling-init writes (see runProbes and printStatus) follows the schema.
func TestStatesFollowSchema(t *testing.T) {
	s := jsonschema.Load(t, "schema", "state")
	for _, state := range []State{
		{},
		{Reason: "the readiness probe has not succeeded yet"},
		{Started: true, Ready: true, ReadySince: "2026-12-03T18:02:11.5Z"},
		{Started: true, Reason: "readiness probe failed: tcpSocket probe of 127.0.0.1:80: refused (3 failures in a row)"},
	} {
		encoded, err := json.Marshal(state)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range s.Errors(jsonschema.Generic(t, encoded)) {
			t.Errorf("%s: %s", encoded, e)
		}
	}
}
