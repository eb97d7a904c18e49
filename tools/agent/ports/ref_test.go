package ports

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestRef(t *testing.T) {
	var refs []Ref
	if err := json.Unmarshal([]byte(`[8080, "http"]`), &refs); err != nil {
		t.Fatal(err)
	}
	if want := []Ref{{Number: 8080}, {Name: "http"}}; !reflect.DeepEqual(refs, want) {
		t.Errorf("read %+v, want %+v", refs, want)
	}
	if err := json.Unmarshal([]byte(`""`), new(Ref)); err == nil {
		t.Error("an empty port name read without error")
	}
	written, err := json.Marshal(refs)
	if err != nil {
		t.Fatal(err)
	}
	if string(written) != `[8080,"http"]` {
		t.Errorf("written as %s, want [8080,\"http\"]", written)
	}
}
