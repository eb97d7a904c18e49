// Package jsonschema is a test helper: it checks JSON vectors against the JSON Schemas that are the
// contracts between the provider and the Go tools, and round-trips them through the Go types.
package jsonschema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// Schema checks JSON values against one schema file. It knows only the keywords Podling's schemas use
// and reports any other as an error, so that a schema change cannot be silently skipped by a test.
type Schema struct {
	root map[string]any
}

// Load reads DIR/KIND.schema.json.
func Load(t testing.TB, dir, kind string) Schema {
	t.Helper()
	var root map[string]any
	if err := json.Unmarshal(ReadFile(t, filepath.Join(dir, kind+".schema.json")), &root); err != nil {
		t.Fatal(err)
	}
	return Schema{root}
}

// Errors lists how value breaks the schema; none when it follows it.
func (s Schema) Errors(value any) []string { return s.check(s.root, value, "") }

func (s Schema) check(node map[string]any, value any, at string) []string {
	var errs []string
	fail := func(format string, args ...any) { errs = append(errs, at+"/: "+fmt.Sprintf(format, args...)) }
	keys := make([]string, 0, len(node))
	for key := range node {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	object, _ := value.(map[string]any)
	for _, key := range keys {
		rule := node[key]
		switch key {
		case "$schema", "title", "description", "$defs":
		case "$ref":
			def, _ := s.root["$defs"].(map[string]any)[strings.TrimPrefix(rule.(string), "#/$defs/")].(map[string]any)
			if def == nil {
				fail("unresolved $ref %v", rule)
				continue
			}
			errs = append(errs, s.check(def, value, at)...)
		case "type":
			if !hasType(value, rule.(string)) {
				fail("%v is not of type %v", value, rule)
			}
		case "const":
			if !reflect.DeepEqual(rule, value) {
				fail("%v is not %v", value, rule)
			}
		case "enum":
			found := false
			for _, allowed := range rule.([]any) {
				found = found || reflect.DeepEqual(allowed, value)
			}
			if !found {
				fail("%v is not one of %v", value, rule)
			}
		case "minimum":
			if n, ok := value.(float64); ok && n < rule.(float64) {
				fail("%v is below %v", n, rule)
			}
		case "maximum":
			if n, ok := value.(float64); ok && n > rule.(float64) {
				fail("%v is above %v", n, rule)
			}
		case "minLength":
			if text, ok := value.(string); ok && len([]rune(text)) < int(rule.(float64)) {
				fail("%q is shorter than %v", text, rule)
			}
		case "pattern":
			if text, ok := value.(string); ok && !regexp.MustCompile(rule.(string)).MatchString(text) {
				fail("%q does not match %v", text, rule)
			}
		case "minItems":
			if list, ok := value.([]any); ok && len(list) < int(rule.(float64)) {
				fail("has %d items, fewer than %v", len(list), rule)
			}
		case "items":
			list, _ := value.([]any)
			for i, item := range list {
				errs = append(errs, s.check(rule.(map[string]any), item, fmt.Sprintf("%s/%d", at, i))...)
			}
		case "required":
			for _, name := range rule.([]any) {
				if _, ok := object[name.(string)]; object != nil && !ok {
					fail("%v is missing", name)
				}
			}
		case "properties":
			for name, property := range rule.(map[string]any) {
				if v, ok := object[name]; ok {
					errs = append(errs, s.check(property.(map[string]any), v, at+"/"+name)...)
				}
			}
		case "additionalProperties":
			properties, _ := node["properties"].(map[string]any)
			each, isSchema := rule.(map[string]any)
			if rule != false && !isSchema {
				fail("additionalProperties must be false or a schema")
			}
			for name, v := range object {
				if _, ok := properties[name]; ok {
					continue
				}
				if isSchema {
					errs = append(errs, s.check(each, v, at+"/"+name)...)
				} else {
					fail("%s is not a property of the schema", name)
				}
			}
		case "oneOf":
			passing := 0
			for _, branch := range rule.([]any) {
				if len(s.check(branch.(map[string]any), value, at)) == 0 {
					passing++
				}
			}
			if passing != 1 {
				fail("matches %d of the oneOf branches, not exactly one", passing)
			}
		default:
			fail("the schema keyword %s is not understood by this test", key)
		}
	}
	return errs
}

func hasType(value any, want string) bool {
	switch v := value.(type) {
	case map[string]any:
		return want == "object"
	case []any:
		return want == "array"
	case string:
		return want == "string"
	case bool:
		return want == "boolean"
	case float64:
		return want == "number" || want == "integer" && v == math.Trunc(v)
	}
	return false
}

// ReadFile returns the file's content or fails the test.
func ReadFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// Generic is JSON as encoding/json decodes it into any: what the schema checks and round trips compare.
func Generic(t testing.TB, data []byte) any {
	t.Helper()
	var value any
	if err := json.Unmarshal(data, &value); err != nil {
		t.Fatal(err)
	}
	return value
}

// vectors lists DIR/PREFIX-*.json, and fails when there are none.
func vectors(t testing.TB, dir, prefix string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, prefix+"-*.json"))
	if len(files) == 0 {
		t.Fatalf("no test vectors %s/%s-*.json", dir, prefix)
	}
	return files
}

// RejectsInvalid checks that the checker itself can fail: each file DIR/testdata/invalid/KIND-*.json
// breaks the KIND schema.
func RejectsInvalid(t *testing.T, dir string, kinds ...string) {
	for _, kind := range kinds {
		s := Load(t, dir, kind)
		for _, file := range vectors(t, filepath.Join(dir, "testdata", "invalid"), kind) {
			if errs := s.Errors(Generic(t, ReadFile(t, file))); len(errs) == 0 {
				t.Errorf("%s passes the %s schema", file, kind)
			}
		}
	}
}

// Strict decodes data into a T that must know every field: what RoundTrip's decode usually is.
func Strict[T any](data []byte) (any, error) {
	var value T
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.DisallowUnknownFields()
	err := decoder.Decode(&value)
	return value, err
}

// RoundTrip decodes each DIR/testdata/KIND-*.json vector with decode, encodes the result again and
// expects the same JSON, which must follow the KIND schema.
func RoundTrip(t *testing.T, dir, kind string, decode func([]byte) (any, error)) {
	s := Load(t, dir, kind)
	for _, file := range vectors(t, filepath.Join(dir, "testdata"), kind) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data := ReadFile(t, file)
			value, err := decode(data)
			if err != nil {
				t.Fatalf("decoding: %v", err)
			}
			encoded, err := json.Marshal(value)
			if err != nil {
				t.Fatal(err)
			}
			if want, got := Generic(t, data), Generic(t, encoded); !reflect.DeepEqual(want, got) {
				t.Errorf("encoded again as\n%s\nwant the vector's\n%s", encoded, data)
			}
			for _, e := range s.Errors(Generic(t, encoded)) {
				t.Error(e)
			}
		})
	}
}
