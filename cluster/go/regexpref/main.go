// The regular-expression oracle: Go's regexp package, what the API server compiles a CRD's
// `pattern` and `patternProperties` with (k8s.io/kube-openapi's validator: regexp.Compile, then
// MatchString). Reads a JSON array of {pattern, inputs} on stdin and writes a JSON array of
// {error} or {matches} in the same order.
package main

import (
	"encoding/json"
	"os"
	"regexp"
)

type question struct {
	Pattern string   `json:"pattern"`
	Inputs  []string `json:"inputs"`
}

type answer struct {
	Error   string `json:"error,omitempty"`
	Matches []bool `json:"matches,omitempty"`
}

func main() {
	var qs []question
	if err := json.NewDecoder(os.Stdin).Decode(&qs); err != nil {
		os.Stderr.WriteString("regexpref: " + err.Error() + "\n")
		os.Exit(2)
	}
	out := make([]answer, len(qs))
	for i, q := range qs {
		re, err := regexp.Compile(q.Pattern)
		if err != nil {
			out[i] = answer{Error: err.Error()}
			continue
		}
		m := make([]bool, len(q.Inputs))
		for j, s := range q.Inputs {
			m[j] = re.MatchString(s)
		}
		out[i] = answer{Matches: m}
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		os.Exit(2)
	}
}
