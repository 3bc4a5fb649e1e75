// Command semver answers JSON-line questions about Masterminds/semver v3 and Flux's tag parser,
// so the TypeScript implementation in src/core/semver can be compared against the real thing.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/Masterminds/semver/v3"
	"github.com/fluxcd/pkg/version"
)

type request struct {
	Op         string   `json:"op"`
	Iterations int      `json:"iterations"`
	Tag        string   `json:"tag"`
	Range      string   `json:"range"`
	A          string   `json:"a"`
	B          string   `json:"b"`
	Tags       []string `json:"tags"`
}

type parsed struct {
	Major    string `json:"major"`
	Minor    string `json:"minor"`
	Patch    string `json:"patch"`
	Pre      string `json:"pre"`
	Meta     string `json:"meta"`
	Original string `json:"original"`
}

func describe(v *semver.Version) *parsed {
	if v == nil {
		return nil
	}
	return &parsed{
		Major:    fmt.Sprint(v.Major()),
		Minor:    fmt.Sprint(v.Minor()),
		Patch:    fmt.Sprint(v.Patch()),
		Pre:      v.Prerelease(),
		Meta:     v.Metadata(),
		Original: v.Original(),
	}
}

func tagVersion(s string) *semver.Version {
	v, err := version.ParseVersion(s)
	if err != nil {
		return nil
	}
	return v
}

func answer(r request) map[string]any {
	switch r.Op {
	case "parseTag":
		return map[string]any{"version": describe(tagVersion(r.Tag))}
	case "constraint":
		_, err := semver.NewConstraint(r.Range)
		if err != nil {
			return map[string]any{"error": err.Error()}
		}
		return map[string]any{"error": nil}
	case "check":
		c, err := semver.NewConstraint(r.Range)
		if err != nil {
			return map[string]any{"error": err.Error()}
		}
		v := tagVersion(r.Tag)
		if v == nil {
			return map[string]any{"error": nil, "candidate": false}
		}
		return map[string]any{"error": nil, "candidate": true, "result": c.Check(v)}
	case "compare":
		a, b := tagVersion(r.A), tagVersion(r.B)
		if a == nil || b == nil {
			return map[string]any{"result": nil}
		}
		return map[string]any{"result": a.Compare(b)}
	case "latest":
		c, err := semver.NewConstraint(r.Range)
		if err != nil {
			return map[string]any{"error": err.Error()}
		}
		latest := selectLatest(c, r.Tags)
		if latest == nil {
			return map[string]any{"error": nil, "tag": nil}
		}
		return map[string]any{"error": nil, "tag": latest.Original()}
	case "benchLatest":
		// Times the selection loop alone (constraint parsed once, as the controller does).
		c, err := semver.NewConstraint(r.Range)
		if err != nil {
			return map[string]any{"error": err.Error()}
		}
		n := max(r.Iterations, 1)
		start := time.Now()
		var latest *semver.Version
		for i := 0; i < n; i++ {
			latest = selectLatest(c, r.Tags)
		}
		ms := float64(time.Since(start).Microseconds()) / 1000 / float64(n)
		tag := ""
		if latest != nil {
			tag = latest.Original()
		}
		return map[string]any{"tag": tag, "msPerOp": ms}
	}
	return map[string]any{"fatal": "unknown op " + r.Op}
}

// selectLatest mirrors image-reflector-controller internal/policy SemVer.Latest.
func selectLatest(c *semver.Constraints, tags []string) *semver.Version {
	var latest *semver.Version
	for _, t := range tags {
		v := tagVersion(t)
		if v != nil && c.Check(v) && (latest == nil || v.GreaterThan(latest)) {
			latest = v
		}
	}
	return latest
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for in.Scan() {
		var r request
		if err := json.Unmarshal(in.Bytes(), &r); err != nil {
			_ = enc.Encode(map[string]any{"fatal": err.Error()})
			continue
		}
		_ = enc.Encode(answer(r))
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
