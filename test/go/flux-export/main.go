// Differential harness for `tagpilot create/export image --export`: reads one JSON request per
// line and answers one JSON line. {"object": {...}} is marshalled the way the flux CLI prints
// an exported object (sigs.k8s.io/yaml, then the creationTimestamp/status trimming);
// {"object": …, "raw": true} answers the untrimmed YAML; {"duration": "90s"} answers Go's time.ParseDuration(...).String() or an error.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"time"

	"sigs.k8s.io/yaml"
)

type request struct {
	Object   json.RawMessage `json:"object,omitempty"`
	Duration *string         `json:"duration,omitempty"`
	// Raw asks for the plain sigs.k8s.io/yaml output, without the export trimming.
	Raw bool `json:"raw,omitempty"`
}

type answer struct {
	YAML     string `json:"yaml,omitempty"`
	Duration string `json:"duration,omitempty"`
	Error    string `json:"error,omitempty"`
}

func exportText(raw json.RawMessage) (string, error) {
	out, err := yaml.JSONToYAML(raw)
	if err != nil {
		return "", err
	}
	out = bytes.Replace(out, []byte("  creationTimestamp: null\n"), nil, 1)
	out = bytes.Replace(out, []byte("status: {}\n"), nil, 1)
	return "---\n" + string(bytes.TrimSpace(out)) + "\n", nil
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	enc := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var req request
		var ans answer
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			ans.Error = err.Error()
		} else if req.Duration != nil {
			d, err := time.ParseDuration(*req.Duration)
			if err != nil {
				ans.Error = err.Error()
			} else {
				ans.Duration = d.String()
			}
		} else {
			text, err := exportText(req.Object)
			if req.Raw {
				var out []byte
				out, err = yaml.JSONToYAML(req.Object)
				text = string(out)
			}
			if err != nil {
				ans.Error = err.Error()
			}
			ans.YAML = text
		}
		if err := enc.Encode(ans); err != nil {
			os.Exit(1)
		}
	}
	if err := in.Err(); err != nil {
		os.Exit(1)
	}
}
