package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"
)

// The spec and state are a contract with the provider, written as the JSON Schemas in schema/; the
// provider's TypeScript types are generated from them. The vectors in schema/testdata are shared: the
// provider's unit test checks that it writes exactly the spec vectors and reads the state vectors.

func TestSpecVectorsRoundTrip(t *testing.T) { roundTrip[Spec](t, "spec") }

func TestStateVectorsRoundTrip(t *testing.T) { roundTrip[State](t, "state") }

// roundTrip decodes each vector into T, which must know every field, encodes it again and expects the
// same JSON, which must follow the schema.
func roundTrip[T any](t *testing.T, kind string) {
	s := loadSchema(t, kind)
	for _, file := range vectors(t, kind) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data := readFile(t, file)
			var value T
			decoder := json.NewDecoder(bytes.NewReader(data))
			decoder.DisallowUnknownFields()
			if err := decoder.Decode(&value); err != nil {
				t.Fatalf("decoding: %v", err)
			}
			encoded, err := json.Marshal(value)
			if err != nil {
				t.Fatal(err)
			}
			if want, got := generic(t, data), generic(t, encoded); !reflect.DeepEqual(want, got) {
				t.Errorf("encoded again as\n%s\nwant the vector's\n%s", encoded, data)
			}
			for _, e := range s.errors(generic(t, encoded)) {
				t.Error(e)
			}
		})
	}
}

// Each kind of state podling-init writes (see runProbes and printStatus) follows the schema.
func TestStatesFollowSchema(t *testing.T) {
	s := loadSchema(t, "state")
	for _, state := range []State{
		{},
		{Reason: "the readiness probe has not succeeded yet"},
		{Started: true, Ready: true},
		{Started: true, Reason: "readiness probe failed: tcpSocket probe of 127.0.0.1:80: refused (3 failures in a row)"},
	} {
		encoded, err := json.Marshal(state)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range s.errors(generic(t, encoded)) {
			t.Errorf("%s: %s", encoded, e)
		}
	}
}
