// Command reference is a differential oracle for src/core/reference: it parses each input line
// (JSON string) with go-containerregistry's name package, the version Flux pins, and prints one
// JSON result per line.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
)

type result struct {
	OK         bool   `json:"ok"`
	Registry   string `json:"registry,omitempty"`
	Repository string `json:"repository,omitempty"`
	Tag        string `json:"tag,omitempty"`
	Digest     string `json:"digest,omitempty"`
	Canonical  string `json:"canonical,omitempty"`
	Scheme     string `json:"scheme,omitempty"`
	Error      string `json:"error,omitempty"`
	// RepoImage is the outcome of the ImageRepository spec.image rules ("" when accepted).
	RepoImage string `json:"repoImage"`
}

// repoImageCheck applies the ImageRepository rules the way the reflector does: reject a scheme,
// parse, then reject any colon left after the registry prefix.
func repoImageCheck(s string) string {
	if i := strings.Index(s, "://"); i >= 0 {
		return fmt.Sprintf("image '%s' should not include URL scheme; remove '%s://'", s, s[:i])
	}
	ref, err := name.ParseReference(s)
	if err != nil {
		return err.Error()
	}
	rest := strings.TrimPrefix(s, ref.Context().RegistryStr())
	if parts := strings.Split(rest, ":"); len(parts) > 1 {
		return fmt.Sprintf("image '%s' should not include a tag; remove ':%s'", s, parts[1])
	}
	return ""
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for in.Scan() {
		var s string
		if err := json.Unmarshal(in.Bytes(), &s); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		r := result{RepoImage: repoImageCheck(s)}
		ref, err := name.ParseReference(s)
		if err != nil {
			r.Error = err.Error()
		} else {
			r.OK = true
			r.Registry = ref.Context().RegistryStr()
			r.Repository = ref.Context().RepositoryStr()
			r.Canonical = ref.Context().Name()
			r.Scheme = ref.Context().Registry.Scheme()
			switch v := ref.(type) {
			case name.Tag:
				r.Tag = v.TagStr()
			case name.Digest:
				r.Digest = v.DigestStr()
			}
		}
		if err := enc.Encode(r); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
