// Differential harness for src/adapters/notify: reads one JSON request per line from stdin and
// answers one line each, using the real Go types Flux uses.
//
//	{"mode":"event","event":{...},"key":"k"} -> {"json":"<json.Marshal(eventv1.Event)>","sig":"<hex HMAC-SHA256>"}
//	{"mode":"title","text":"..."}            -> {"text":"<cases.Title(language.Und).String(text)>"}
package main

import (
	"bufio"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"

	eventv1 "github.com/fluxcd/pkg/apis/event/v1beta1"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

type request struct {
	Mode  string          `json:"mode"`
	Event json.RawMessage `json:"event"`
	Key   string          `json:"key"`
	Text  string          `json:"text"`
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		var req request
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		var resp any
		switch req.Mode {
		case "event":
			var e eventv1.Event
			if err := json.Unmarshal(req.Event, &e); err != nil {
				resp = map[string]string{"error": err.Error()}
				break
			}
			body, err := json.Marshal(e)
			if err != nil {
				resp = map[string]string{"error": err.Error()}
				break
			}
			mac := hmac.New(sha256.New, []byte(req.Key))
			mac.Write(body)
			resp = map[string]string{"json": string(body), "sig": hex.EncodeToString(mac.Sum(nil))}
		case "title":
			resp = map[string]string{"text": cases.Title(language.Und).String(req.Text)}
		default:
			resp = map[string]string{"error": "unknown mode " + req.Mode}
		}
		line, _ := json.Marshal(resp)
		out.Write(line)
		out.WriteByte('\n')
	}
}
