// Command setters is tagpilot's differential oracle for the Setters strategy. It drives the
// kyaml machinery Flux's image-automation-controller (v0.41.x, pkg/update) is built on —
// kio.ByteReader with PreserveSeqIndent, fieldmeta short-hand `$imagepolicy` refs, string setter
// schemas with FormatNonStringStyle, kio.LocalPackageWriter — over a directory.
//
// The controller module itself cannot be used: proxy.golang.org answers 403 for every version of
// github.com/fluxcd/image-automation-controller. So this harness calls the same kyaml v0.19.0
// APIs (the version v0.41.2 pins) in the same order: walk and screen, read, set every marked
// scalar, record changes whose value differs, write only the changed files.
//
// Usage:
//
//	setters update <dir> <latest.json>   update <dir> in place, print the result as JSON
//	setters nonstring                    read a JSON string array on stdin, print YAML 1.1 non-string flags
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"sigs.k8s.io/kustomize/kyaml/yaml"
)

type output struct {
	Files        []fileChanges `json:"files"`
	ProblemFiles []string      `json:"problemFiles"`
	ElapsedMs    float64       `json:"elapsedMs"`
	Error        string        `json:"error,omitempty"`
}

func main() {
	if len(os.Args) < 2 {
		fail(2, "usage: setters update <dir> <latest.json> | setters nonstring")
	}
	switch os.Args[1] {
	case "update":
		if len(os.Args) != 4 {
			fail(2, "usage: setters update <dir> <latest.json>")
		}
		runUpdate(os.Args[2], os.Args[3])
	case "nonstring":
		runNonString()
	default:
		fail(2, "unknown mode "+os.Args[1])
	}
}

func fail(code int, msg string) {
	fmt.Fprintln(os.Stderr, msg)
	os.Exit(code)
}

func printJSON(v any) {
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fail(1, err.Error())
	}
}

func runUpdate(dir, latestPath string) {
	raw, err := os.ReadFile(latestPath)
	if err != nil {
		fail(2, err.Error())
	}
	latest := map[string]latestRef{}
	if err := json.Unmarshal(raw, &latest); err != nil {
		fail(2, fmt.Sprintf("parsing %s: %v", latestPath, err))
	}
	start := time.Now()
	files, problems, err := updateDir(dir, latest)
	out := output{Files: files, ProblemFiles: problems, ElapsedMs: float64(time.Since(start).Microseconds()) / 1000}
	if err != nil {
		out.Error = err.Error()
	}
	if out.Files == nil {
		out.Files = []fileChanges{}
	}
	if out.ProblemFiles == nil {
		out.ProblemFiles = []string{}
	}
	sort.Slice(out.Files, func(i, j int) bool { return out.Files[i].File < out.Files[j].File })
	printJSON(out)
}

// runNonString answers, for each string, whether kyaml would double-quote it after setting
// (it reads as a non-string in YAML 1.1).
func runNonString() {
	raw, err := io.ReadAll(os.Stdin)
	if err != nil {
		fail(1, err.Error())
	}
	var values []string
	if err := json.Unmarshal(raw, &values); err != nil {
		fail(2, err.Error())
	}
	flags := make([]bool, len(values))
	for i, v := range values {
		flags[i] = yaml.IsValueNonString(v) && !strings.Contains(v, "\n")
	}
	printJSON(flags)
}
