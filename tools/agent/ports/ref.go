// Package ports reads a port as Kubernetes writes one (IntOrString): a number, or a container port's name.
package ports

import (
	"bytes"
	"encoding/json"
	"errors"
)

// Ref is a port: a JSON number, or a JSON string naming a container port.
type Ref struct {
	Number int
	Name   string // set when the port is named
}

func (r *Ref) UnmarshalJSON(data []byte) error {
	*r = Ref{}
	if !bytes.HasPrefix(data, []byte(`"`)) {
		return json.Unmarshal(data, &r.Number)
	}
	if err := json.Unmarshal(data, &r.Name); err != nil {
		return err
	}
	// An empty name would read as port 0; the provider refuses it anyway.
	if r.Name == "" {
		return errors.New("empty port name")
	}
	return nil
}

// MarshalJSON writes the port back as it came: a number, or a name.
func (r Ref) MarshalJSON() ([]byte, error) {
	if r.Name != "" {
		return json.Marshal(r.Name)
	}
	return json.Marshal(r.Number)
}
