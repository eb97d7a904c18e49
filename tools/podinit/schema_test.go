package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// schema checks JSON values against one of the files in schema/. It knows only the keywords those files
// use and reports any other as an error, so that a schema change cannot be silently skipped here.
type schema struct {
	root map[string]any
}

func loadSchema(t *testing.T, kind string) schema {
	t.Helper()
	var root map[string]any
	if err := json.Unmarshal(readFile(t, filepath.Join("schema", kind+".schema.json")), &root); err != nil {
		t.Fatal(err)
	}
	return schema{root}
}

func (s schema) errors(value any) []string { return s.check(s.root, value, "") }

func (s schema) check(node map[string]any, value any, at string) []string {
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
			if rule != false {
				fail("only additionalProperties: false is understood")
			}
			properties, _ := node["properties"].(map[string]any)
			for name := range object {
				if _, ok := properties[name]; !ok {
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

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// generic is JSON as encoding/json decodes it into any: what the schema checks and round trips compare.
func generic(t *testing.T, data []byte) any {
	t.Helper()
	var value any
	if err := json.Unmarshal(data, &value); err != nil {
		t.Fatal(err)
	}
	return value
}

// The checker itself must be able to fail: each file in schema/testdata/invalid breaks the contract.
func TestSchemaRejectsInvalidVectors(t *testing.T) {
	for _, kind := range []string{"spec", "state"} {
		s := loadSchema(t, kind)
		for _, file := range vectors(t, filepath.Join("invalid", kind)) {
			if errs := s.errors(generic(t, readFile(t, file))); len(errs) == 0 {
				t.Errorf("%s passes the %s schema", file, kind)
			}
		}
	}
}

// vectors lists schema/testdata/PREFIX-*.json, and fails when there are none.
func vectors(t *testing.T, prefix string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("schema", "testdata", prefix+"-*.json"))
	if len(files) == 0 {
		t.Fatalf("no test vectors schema/testdata/%s-*.json", prefix)
	}
	return files
}
