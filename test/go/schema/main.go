// Command schema is a differential oracle for src/api: it decodes each manifest (one JSON line
// {"apiVersion","kind","yaml"}) strictly into Flux's own Go API types, the way a client using
// those types would, and prints whether decoding succeeded.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	iacv1 "github.com/fluxcd/image-automation-controller/api/v1"
	iacv1beta1 "github.com/fluxcd/image-automation-controller/api/v1beta1"
	iacv1beta2 "github.com/fluxcd/image-automation-controller/api/v1beta2"
	ircv1 "github.com/fluxcd/image-reflector-controller/api/v1"
	ircv1beta1 "github.com/fluxcd/image-reflector-controller/api/v1beta1"
	ircv1beta2 "github.com/fluxcd/image-reflector-controller/api/v1beta2"
	srcv1 "github.com/fluxcd/source-controller/api/v1"
	srcv1beta2 "github.com/fluxcd/source-controller/api/v1beta2"
	"sigs.k8s.io/yaml"
)

type input struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	YAML       string `json:"yaml"`
}

type result struct {
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
}

func target(apiVersion, kind string) any {
	switch apiVersion + " " + kind {
	case "image.toolkit.fluxcd.io/v1 ImageRepository":
		return &ircv1.ImageRepository{}
	case "image.toolkit.fluxcd.io/v1beta2 ImageRepository":
		return &ircv1beta2.ImageRepository{}
	case "image.toolkit.fluxcd.io/v1beta1 ImageRepository":
		return &ircv1beta1.ImageRepository{}
	case "image.toolkit.fluxcd.io/v1 ImagePolicy":
		return &ircv1.ImagePolicy{}
	case "image.toolkit.fluxcd.io/v1beta2 ImagePolicy":
		return &ircv1beta2.ImagePolicy{}
	case "image.toolkit.fluxcd.io/v1beta1 ImagePolicy":
		return &ircv1beta1.ImagePolicy{}
	case "image.toolkit.fluxcd.io/v1 ImageUpdateAutomation":
		return &iacv1.ImageUpdateAutomation{}
	case "image.toolkit.fluxcd.io/v1beta2 ImageUpdateAutomation":
		return &iacv1beta2.ImageUpdateAutomation{}
	case "image.toolkit.fluxcd.io/v1beta1 ImageUpdateAutomation":
		return &iacv1beta1.ImageUpdateAutomation{}
	case "source.toolkit.fluxcd.io/v1 GitRepository":
		return &srcv1.GitRepository{}
	case "source.toolkit.fluxcd.io/v1beta2 GitRepository":
		return &srcv1beta2.GitRepository{}
	}
	return nil
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for in.Scan() {
		var c input
		if err := json.Unmarshal(in.Bytes(), &c); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		obj := target(c.APIVersion, c.Kind)
		if obj == nil {
			fmt.Fprintf(os.Stderr, "no Go type for %s %s\n", c.APIVersion, c.Kind)
			os.Exit(2)
		}
		r := result{OK: true}
		if err := yaml.UnmarshalStrict([]byte(c.YAML), obj); err != nil {
			r = result{Error: err.Error()}
		}
		if err := enc.Encode(r); err != nil {
			os.Exit(2)
		}
	}
}
