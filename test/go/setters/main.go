// Command setters is tagpilot's differential oracle for the Setters strategy. Its update mode calls
// Flux's own code: update.UpdateV2WithSetters from github.com/fluxcd/image-automation-controller
// v0.41.2 (pkg/update), with the policies given as image-reflector-controller api v0.35.2
// v1beta2 ImagePolicy objects, inpath = outpath = the directory (or file), as the controller's
// internal/policy.ApplyPolicies does. The files are updated in place; the printed changes are
// Flux's ResultV2.FileChanges. Problem files (screened but unparsable) are not part of ResultV2;
// with --problem-files they come from a separate read, before and outside the timed update, with
// Flux's update.ScreeningLocalReader (the reader UpdateV2WithSetters uses). Without it
// problemFiles is null, and the process does no work besides the update (bench/setters.ts times
// the whole process).
//
// proxy.golang.org serves v0.41.2's .info and .zip but answers 403 for its .mod, so
// goproxy/ holds that go.mod (byte-identical to the one in the module zip; go.sum and
// sum.golang.org pin its hash). test/support/go.ts puts goproxy/ first in GOPROXY when it
// builds this harness; every module, the controller's source included, still comes from the
// normal proxy. To build by hand:
//
//	GOPROXY="file://$PWD/goproxy,$(go env GOPROXY)" go build .
//
// Usage:
//
//	setters update <dir> <latest.json> [--problem-files]   update <dir> in place, print the result as JSON
//	setters nonstring                                       read a JSON string array on stdin, print YAML 1.1 non-string flags
package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/fluxcd/image-automation-controller/pkg/update"
	imagev1_reflect "github.com/fluxcd/image-reflector-controller/api/v1beta2"
	"github.com/go-logr/logr"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// screeningToken is the token Flux screens files for: fmt.Sprintf("%q", constants.SetterShortHand)
// (internal/constants is not importable).
const screeningToken = `"$imagepolicy"`

// latestRef is one entry of latest.json, keyed "namespace:name".
type latestRef struct {
	Name   string `json:"name"`
	Tag    string `json:"tag"`
	Digest string `json:"digest,omitempty"`
}

type objectID struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Name       string `json:"name"`
	Namespace  string `json:"namespace"`
}

type change struct {
	OldValue string `json:"oldValue"`
	NewValue string `json:"newValue"`
	Setter   string `json:"setter"`
}

type objectChanges struct {
	Object  objectID `json:"object"`
	Changes []change `json:"changes"`
}

type fileChanges struct {
	File    string          `json:"file"`
	Objects []objectChanges `json:"objects"`
}

type output struct {
	Files        []fileChanges `json:"files"`
	ProblemFiles []string      `json:"problemFiles"` // null unless --problem-files
	ElapsedMs    float64       `json:"elapsedMs"`
	Error        string        `json:"error,omitempty"`
}

func main() {
	if len(os.Args) < 2 {
		fail(2, usage)
	}
	switch os.Args[1] {
	case "update":
		switch {
		case len(os.Args) == 4:
			runUpdate(os.Args[2], os.Args[3], false)
		case len(os.Args) == 5 && os.Args[4] == "--problem-files":
			runUpdate(os.Args[2], os.Args[3], true)
		default:
			fail(2, usage)
		}
	case "nonstring":
		runNonString()
	default:
		fail(2, "unknown mode "+os.Args[1])
	}
}

const usage = "usage: setters update <dir> <latest.json> [--problem-files] | setters nonstring"

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

// policies turns latest.json into the ImagePolicy objects the controller hands to
// UpdateV2WithSetters: status.latestRef carries name, tag and digest (v0.41.2 reads only
// latestRef); the deprecated status.latestImage is filled in as the reflector would.
func policies(latest map[string]latestRef) ([]imagev1_reflect.ImagePolicy, error) {
	keys := make([]string, 0, len(latest))
	for k := range latest {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]imagev1_reflect.ImagePolicy, 0, len(keys))
	for _, k := range keys {
		ns, name, ok := strings.Cut(k, ":")
		if !ok {
			return nil, fmt.Errorf("latest.json key %q is not namespace:name", k)
		}
		ref := latest[k]
		p := imagev1_reflect.ImagePolicy{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name}}
		p.Status.LatestRef = &imagev1_reflect.ImageRef{Name: ref.Name, Tag: ref.Tag, Digest: ref.Digest}
		p.Status.LatestImage = p.Status.LatestRef.String()
		out = append(out, p)
	}
	return out, nil
}

func runUpdate(dir, latestPath string, problemFiles bool) {
	raw, err := os.ReadFile(latestPath)
	if err != nil {
		fail(2, err.Error())
	}
	latest := map[string]latestRef{}
	if err := json.Unmarshal(raw, &latest); err != nil {
		fail(2, fmt.Sprintf("parsing %s: %v", latestPath, err))
	}
	pols, err := policies(latest)
	if err != nil {
		fail(2, err.Error())
	}

	// Flux's reader, run on its own only to learn the problem files; a read error here is the
	// one UpdateV2WithSetters returns below.
	var problems []string
	if problemFiles {
		screen := &update.ScreeningLocalReader{Path: dir, Token: screeningToken, Trace: logr.Discard()}
		_, _ = screen.Read()
		problems = screen.ProblemFiles
		if problems == nil {
			problems = []string{}
		}
	}

	start := time.Now()
	res, err := update.UpdateV2WithSetters(logr.Discard(), dir, dir, pols)
	elapsed := time.Since(start)

	out := output{
		Files:        convert(res.FileChanges),
		ProblemFiles: problems,
		ElapsedMs:    float64(elapsed.Microseconds()) / 1000,
	}
	if err != nil {
		out.Error = err.Error()
	}
	printJSON(out)
}

// convert turns Flux's maps into the sorted lists the TypeScript tests read. Changes keep
// Flux's order (document order within an object).
func convert(fc map[string]update.ObjectChanges) []fileChanges {
	files := make([]fileChanges, 0, len(fc))
	for file, objs := range fc {
		f := fileChanges{File: file, Objects: make([]objectChanges, 0, len(objs))}
		for oid, chs := range objs {
			oc := objectChanges{
				Object:  objectID{oid.APIVersion, oid.Kind, oid.Name, oid.Namespace},
				Changes: make([]change, 0, len(chs)),
			}
			for _, c := range chs {
				oc.Changes = append(oc.Changes, change{c.OldValue, c.NewValue, c.Setter})
			}
			f.Objects = append(f.Objects, oc)
		}
		slices.SortFunc(f.Objects, func(a, b objectChanges) int {
			return cmp.Or(
				cmp.Compare(a.Object.APIVersion, b.Object.APIVersion),
				cmp.Compare(a.Object.Kind, b.Object.Kind),
				cmp.Compare(a.Object.Namespace, b.Object.Namespace),
				cmp.Compare(a.Object.Name, b.Object.Name),
			)
		})
		files = append(files, f)
	}
	slices.SortFunc(files, func(a, b fileChanges) int { return cmp.Compare(a.File, b.File) })
	return files
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
