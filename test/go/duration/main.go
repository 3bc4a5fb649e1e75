// Command duration is a differential oracle for src/api/duration.ts: it runs Go's
// time.ParseDuration on each input line (a JSON string) and prints the result as JSON.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"time"
)

type result struct {
	OK bool   `json:"ok"`
	Ns string `json:"ns,omitempty"`
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
		r := result{}
		if d, err := time.ParseDuration(s); err == nil {
			r = result{OK: true, Ns: strconv.FormatInt(int64(d), 10)}
		}
		if err := enc.Encode(r); err != nil {
			os.Exit(2)
		}
	}
}
