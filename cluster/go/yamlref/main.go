// Command yamlref reads YAML the way kubectl and the API server do, as a test oracle for
// podsmith's reader: the bytes are decoded as kubectl's FileVisitor decodes them (byte order
// marks, UTF-16), documents are split by k8s.io/apimachinery's YAMLReader (the reader of
// kubectl's decoder) and each one is converted by sigs.k8s.io/yaml.YAMLToJSON, then by
// YAMLToJSONStrict to learn whether strict field validation would refuse it (duplicate keys).
//
// Input: one YAML stream per file named on the command line, or stdin when there is none.
// Output: one JSON line per stream: {"docs":[{"json":…|null,"error":"…","strict":"…","list":…}],"error":"…","visit":…}.
//
// A document with an `items` key is a list to kubectl: "list" is what its decoder
// (k8s.io/apimachinery's UnstructuredJSONScheme) and cli-runtime's FlattenListVisitor make of it,
// the items one by one (an item with neither kind nor apiVersion takes the list's apiVersion and
// its kind without "List"), or the error that refuses the whole document.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

type doc struct {
	JSON   json.RawMessage `json:"json"`
	Error  string          `json:"error,omitempty"`
	Strict string          `json:"strict,omitempty"`
	List   *listed         `json:"list,omitempty"`
}

// listed: the items kubectl sends for a list document, or why it refuses the document.
type listed struct {
	Items []json.RawMessage `json:"items"`
	Error string            `json:"error,omitempty"`
}

// flatten is kubectl's reading of a list: nil when the document is not one (no `items` key).
// UnstructuredJSONScheme decodes a document with `items` as an UnstructuredList, filling in the
// kind and apiVersion of items that have neither; FlattenListVisitor then sends each item.
func flatten(j []byte) *listed {
	var detector struct {
		Items json.RawMessage `json:"items"`
	}
	if json.Unmarshal(j, &detector) != nil || detector.Items == nil {
		return nil
	}
	out := &listed{Items: []json.RawMessage{}}
	obj, _, err := unstructured.UnstructuredJSONScheme.Decode(j, nil, nil)
	if err != nil {
		out.Error = err.Error()
		return out
	}
	list, ok := obj.(*unstructured.UnstructuredList)
	if !ok {
		return nil
	}
	for i := range list.Items {
		b, err := list.Items[i].MarshalJSON()
		if err != nil {
			out.Error = err.Error()
			return out
		}
		out.Items = append(out.Items, b)
	}
	return out
}

type stream struct {
	Docs  []doc  `json:"docs"`
	Error string `json:"error,omitempty"`
	// Visit: what kubectl's StreamVisitor loop yields from the decoded bytes (YAMLOrJSONDecoder: a
	// stream that starts with { is read as JSON values first), and the error that stops it.
	Visit visited `json:"visit"`
}

type visited struct {
	Docs  []json.RawMessage `json:"docs"`
	Lists []*listed         `json:"lists"`
	Error string            `json:"error,omitempty"`
}

// visit is k8s.io/cli-runtime's StreamVisitor.Visit loop, decoding into raw JSON as it decodes
// into a RawExtension: empty values and null are skipped, the first error stops it.
func visit(data []byte) visited {
	out := visited{Docs: []json.RawMessage{}, Lists: []*listed{}}
	d := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(data), 4096)
	for {
		var raw json.RawMessage
		if err := d.Decode(&raw); err != nil {
			if !errors.Is(err, io.EOF) {
				out.Error = err.Error()
			}
			return out
		}
		raw = bytes.TrimSpace(raw)
		if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
			continue
		}
		out.Docs = append(out.Docs, raw)
		out.Lists = append(out.Lists, flatten(raw))
	}
}

func read(raw []byte) stream {
	out := stream{Docs: []doc{}}
	// kubectl's FileVisitor (k8s.io/cli-runtime, files and stdin) reads through this decoder: a UTF-8
	// byte order mark is dropped, a UTF-16 one (LE or BE) decodes the rest as UTF-16; without one the
	// text is UTF-8, invalid bytes read as U+FFFD.
	data, _, err := transform.Bytes(unicode.BOMOverride(unicode.UTF8.NewDecoder()), raw)
	if err != nil {
		out.Error = err.Error()
		return out
	}
	out.Visit = visit(data)
	r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	for {
		chunk, err := r.Read()
		if len(chunk) > 0 {
			d := doc{}
			j, err := yaml.YAMLToJSON(chunk)
			if err != nil {
				d.Error = err.Error()
			} else {
				d.JSON = j
				d.List = flatten(j)
				if _, serr := yaml.YAMLToJSONStrict(chunk); serr != nil {
					d.Strict = serr.Error()
				}
			}
			out.Docs = append(out.Docs, d)
		}
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			out.Error = err.Error()
			return out
		}
	}
}

func main() {
	enc := json.NewEncoder(os.Stdout)
	if len(os.Args) < 2 {
		data, err := io.ReadAll(os.Stdin)
		if err != nil {
			fmt.Fprintln(os.Stderr, "yamlref:", err)
			os.Exit(2)
		}
		_ = enc.Encode(read(data))
		return
	}
	for _, f := range os.Args[1:] {
		data, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, "yamlref:", err)
			os.Exit(2)
		}
		_ = enc.Encode(read(data))
	}
}
