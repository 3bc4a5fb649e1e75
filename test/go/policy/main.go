// Differential harness: answers JSON-lines questions about Go's strconv.ParseFloat, regexp and
// Regexp.ExpandString, and a full ImagePolicy selection built the way Flux's
// image-reflector-controller builds it (Masterminds semver + fluxcd/pkg/version).
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/Masterminds/semver/v3"
	"github.com/fluxcd/pkg/version"
)

type request struct {
	Op      string   `json:"op"`
	S       string   `json:"s"`
	Pattern string   `json:"pattern"`
	Extract string   `json:"extract"`
	Tag     string   `json:"tag"`
	Policy  string   `json:"policy"` // semver | numerical | alphabetical
	Arg     string   `json:"arg"`    // range or order
	Filter  bool     `json:"filter"`
	Tags    []string `json:"tags"`
}

type response struct {
	OK       bool    `json:"ok"`
	Err      string  `json:"err,omitempty"`
	Bits     string  `json:"bits,omitempty"`
	Match    bool    `json:"match,omitempty"`
	Expanded *string `json:"expanded,omitempty"`
	Tag      *string `json:"tag,omitempty"`
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for in.Scan() {
		if strings.HasPrefix(in.Text(), `{"op":"bench"`) {
			_ = enc.Encode(runBench(in.Bytes()))
			continue
		}
		var req request
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			fmt.Fprintln(os.Stderr, "bad request:", err)
			os.Exit(2)
		}
		_ = enc.Encode(answer(req))
	}
}

func answer(req request) response {
	switch req.Op {
	case "float":
		f, err := strconv.ParseFloat(req.S, 64)
		if err != nil {
			return response{Err: err.Error()}
		}
		return response{OK: true, Bits: strconv.FormatUint(math.Float64bits(f), 16)}
	case "regex":
		re, err := regexp.Compile(req.Pattern)
		if err != nil {
			return response{Err: err.Error()}
		}
		m := re.FindStringSubmatchIndex(req.Tag)
		if m == nil {
			return response{OK: true}
		}
		exp := string(re.ExpandString(nil, req.Extract, req.Tag, m))
		return response{OK: true, Match: true, Expanded: &exp}
	case "select":
		tag, err := selectLatest(req)
		if err != nil {
			return response{Err: err.Error()}
		}
		return response{OK: true, Tag: &tag}
	}
	return response{Err: "unknown op " + req.Op}
}

// selectLatest mirrors Flux's applyPolicy: filter into a map value→tag (later tag wins), then the
// policer over the values. Flux iterates a Go map (random order); the harness uses first-insertion
// order, which is what tagpilot documents for ties.
func selectLatest(req request) (string, error) {
	// Flux builds the policer (validating the range) before it compiles the filter pattern.
	var constraint *semver.Constraints
	switch req.Policy {
	case "semver":
		c, err := semver.NewConstraint(req.Arg)
		if err != nil {
			return "", err
		}
		constraint = c
	case "numerical", "alphabetical":
	default:
		return "", errors.New("given ImagePolicyChoice object is invalid")
	}
	values := req.Tags
	byKey := map[string]string{}
	if req.Filter {
		re, err := regexp.Compile(req.Pattern)
		if err != nil {
			return "", fmt.Errorf("invalid regular expression pattern '%s': %w", req.Pattern, err)
		}
		values = nil
		for _, t := range req.Tags {
			m := re.FindStringSubmatchIndex(t)
			if m == nil {
				continue
			}
			key := t
			if req.Extract != "" {
				key = string(re.ExpandString(nil, req.Extract, t, m))
			}
			if _, seen := byKey[key]; !seen {
				values = append(values, key)
			}
			byKey[key] = t
		}
	}
	if len(values) == 0 {
		return "", errors.New("version list argument cannot be empty")
	}
	var latest string
	var err error
	switch req.Policy {
	case "semver":
		latest, err = semverLatest(constraint, values)
	case "numerical":
		latest, err = numericalLatest(strings.ToUpper(req.Arg), values)
	case "alphabetical":
		latest = alphabeticalLatest(strings.ToUpper(req.Arg), values)
	}
	if err != nil {
		return "", err
	}
	if req.Filter {
		return byKey[latest], nil
	}
	return latest, nil
}

func semverLatest(c *semver.Constraints, values []string) (string, error) {
	var latest *semver.Version
	for _, t := range values {
		v, err := version.ParseVersion(t)
		if err != nil {
			continue
		}
		if c.Check(v) && (latest == nil || v.GreaterThan(latest)) {
			latest = v
		}
	}
	if latest == nil {
		return "", errors.New("unable to determine latest version from provided list")
	}
	return latest.Original(), nil
}

func numericalLatest(order string, values []string) (string, error) {
	var latest string
	var pv float64
	for i, t := range values {
		cv, err := strconv.ParseFloat(t, 64)
		if err != nil {
			return "", fmt.Errorf("failed to parse invalid numeric value '%s'", t)
		}
		if i > 0 && ((order == "DESC" && cv > pv) || (order != "DESC" && cv < pv)) {
			continue
		}
		latest, pv = t, cv
	}
	return latest, nil
}

func alphabeticalLatest(order string, values []string) string {
	s := append([]string(nil), values...)
	sort.Strings(s)
	if order == "DESC" {
		return s[0]
	}
	return s[len(s)-1]
}

type benchRequest struct {
	request
	Iterations int `json:"iterations"`
}

// runBench times selectLatest on the same input the TypeScript benchmark uses.
func runBench(line []byte) response {
	var req benchRequest
	if err := json.Unmarshal(line, &req); err != nil {
		return response{Err: err.Error()}
	}
	start := time.Now()
	var tag string
	for i := 0; i < req.Iterations; i++ {
		t, err := selectLatest(req.request)
		if err != nil {
			return response{Err: err.Error()}
		}
		tag = t
	}
	ns := time.Since(start).Nanoseconds() / int64(req.Iterations)
	return response{OK: true, Tag: &tag, Bits: strconv.FormatInt(ns, 10)}
}
