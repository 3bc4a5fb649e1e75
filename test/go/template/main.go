// Command template renders Go text/template cases with sprig's hermetic function map, the way
// Flux builds its commit message template. JSON lines in (one case each), JSON lines out.
package main

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig/v3"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"tagpilot/test/go/template/source"
	"tagpilot/test/go/template/update"
)

type input struct {
	Template string          `json:"template"`
	Name     string          `json:"name"`
	Mode     string          `json:"mode"`
	Data     json.RawMessage `json:"data"`
}

type output struct {
	Out   string `json:"out,omitempty"`
	Error string `json:"error,omitempty"`
	Phase string `json:"phase,omitempty"`
}

type commitInput struct {
	Automation struct{ Namespace, Name string } `json:"automation"`
	Files      []struct {
		File    string `json:"file"`
		Objects []struct {
			Object struct {
				APIVersion string `json:"apiVersion"`
				Kind       string `json:"kind"`
				Name       string `json:"name"`
				Namespace  string `json:"namespace"`
			} `json:"object"`
			Changes []struct {
				OldValue string `json:"oldValue"`
				NewValue string `json:"newValue"`
				Setter   string `json:"setter"`
			} `json:"changes"`
		} `json:"objects"`
	} `json:"files"`
	LatestByPolicy map[string]struct {
		Name   string `json:"name"`
		Tag    string `json:"tag"`
		Digest string `json:"digest"`
	} `json:"latestByPolicy"`
	Values map[string]string `json:"values"`
}

func commitData(raw json.RawMessage) (any, error) {
	var in commitInput
	if err := json.Unmarshal(raw, &in); err != nil {
		return nil, err
	}
	d := source.TemplateData{
		AutomationObject: types.NamespacedName{Namespace: in.Automation.Namespace, Name: in.Automation.Name},
		Values:           in.Values,
	}
	for _, f := range in.Files {
		for _, o := range f.Objects {
			id := update.ObjectIdentifier{ResourceIdentifier: yaml.ResourceIdentifier{
				TypeMeta: yaml.TypeMeta{APIVersion: o.Object.APIVersion, Kind: o.Object.Kind},
				NameMeta: yaml.NameMeta{Name: o.Object.Name, Namespace: o.Object.Namespace},
			}}
			for _, c := range o.Changes {
				d.Changed.AddChange(f.File, id, update.Change{OldValue: c.OldValue, NewValue: c.NewValue, Setter: c.Setter})
				parts := strings.SplitN(c.Setter, ":", 3)
				if len(parts) < 2 {
					continue
				}
				key := parts[0] + ":" + parts[1]
				latest, ok := in.LatestByPolicy[key]
				if !ok {
					continue
				}
				ref := latest.Name + ":" + latest.Tag
				if latest.Digest != "" {
					ref += "@" + latest.Digest
				}
				ir, err := update.NewImageRef(ref, types.NamespacedName{Namespace: parts[0], Name: parts[1]})
				if err != nil {
					return nil, err
				}
				d.Updated.Add(f.File, id, ir)
			}
		}
	}
	return d, nil
}

func render(in input) output {
	name := in.Name
	if name == "" {
		name = "commit message"
	}
	t, err := template.New(name).Funcs(sprig.HermeticTxtFuncMap()).Parse(in.Template)
	if err != nil {
		return output{Error: err.Error(), Phase: "parse"}
	}
	var data any
	if in.Mode == "commit" {
		data, err = commitData(in.Data)
		if err != nil {
			return output{Error: "bad commit data: " + err.Error(), Phase: "input"}
		}
	} else if len(in.Data) > 0 {
		if err := json.Unmarshal(in.Data, &data); err != nil {
			return output{Error: "bad data: " + err.Error(), Phase: "input"}
		}
	}
	var b strings.Builder
	if err := t.Execute(&b, data); err != nil {
		return output{Out: base64.StdEncoding.EncodeToString([]byte(b.String())), Error: err.Error(), Phase: "exec"}
	}
	return output{Out: base64.StdEncoding.EncodeToString([]byte(b.String()))}
}

func main() {
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	w := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(w)
	for sc.Scan() {
		var in input
		var out output
		if err := json.Unmarshal(sc.Bytes(), &in); err != nil {
			out = output{Error: "bad input line: " + err.Error(), Phase: "input"}
		} else {
			out = render(in)
		}
		if err := enc.Encode(out); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		w.Flush()
	}
}
