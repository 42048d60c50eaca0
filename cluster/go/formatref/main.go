// The string-format oracle: k8s.io/kube-openapi's validator with its default format registry,
// what the API server checks a custom resource's `format` with (after dropping the formats its
// release does not support). Reads a JSON array of {format, inputs} on stdin and writes a JSON
// array of {known, valid} in the same order: whether the registry knows the format, and for each
// input whether a string schema with that format accepts it.
package main

import (
	"encoding/json"
	"os"

	"k8s.io/kube-openapi/pkg/validation/spec"
	"k8s.io/kube-openapi/pkg/validation/strfmt"
	"k8s.io/kube-openapi/pkg/validation/validate"
)

type question struct {
	Format string   `json:"format"`
	Inputs []string `json:"inputs"`
}

type answer struct {
	Known bool   `json:"known"`
	Valid []bool `json:"valid"`
}

func main() {
	var qs []question
	if err := json.NewDecoder(os.Stdin).Decode(&qs); err != nil {
		os.Stderr.WriteString("formatref: " + err.Error() + "\n")
		os.Exit(2)
	}
	out := make([]answer, len(qs))
	for i, q := range qs {
		schema := spec.Schema{SchemaProps: spec.SchemaProps{Type: spec.StringOrArray{"string"}, Format: q.Format}}
		v := validate.NewSchemaValidator(&schema, nil, "", strfmt.Default)
		valid := make([]bool, len(q.Inputs))
		for j, s := range q.Inputs {
			valid[j] = v.Validate(s).IsValid()
		}
		out[i] = answer{Known: strfmt.Default.ContainsName(q.Format), Valid: valid}
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		os.Exit(2)
	}
}
