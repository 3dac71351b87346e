package charter

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/pscore/dossier/internal/diag"
)

// NodeReader walks a YAML document node by node, collecting every problem as a
// path:line:col diagnostic instead of stopping at the first. Reference files are edited
// by researchers, not programmers: a wrong key must point at its line.
//
// It is exported because the classifier's lexicon (internal/classify) is read the same way.
type NodeReader struct {
	Path  string
	Diags diag.List
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Parse decodes data into its root mapping node; nil (with a diagnostic) when the file is
// not YAML or not a mapping.
func (r *NodeReader) Parse(data []byte) *yaml.Node {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			r.Diags.Errorf(r.Path, 1, 1, "file is empty")
			return nil
		}
		msg := err.Error()
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ := strconv.Atoi(m[1])
			r.Diags.Errorf(r.Path, line, 1, "YAML syntax: %s", m[2])
		} else {
			r.Diags.Errorf(r.Path, 1, 1, "YAML syntax: %s", strings.TrimPrefix(msg, "yaml: "))
		}
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || resolve(doc.Content[0]).Kind != yaml.MappingNode {
		r.Diags.Errorf(r.Path, 1, 1, "expected a mapping at the top of the file")
		return nil
	}
	return resolve(doc.Content[0])
}

// Errorf records an error at a node.
func (r *NodeReader) Errorf(n *yaml.Node, format string, args ...any) {
	line, col := 0, 0
	if n != nil {
		line, col = n.Line, n.Column
	}
	r.Diags.Errorf(r.Path, line, col, format, args...)
}

// Warnf records a warning at a node.
func (r *NodeReader) Warnf(n *yaml.Node, format string, args ...any) {
	line, col := 0, 0
	if n != nil {
		line, col = n.Line, n.Column
	}
	r.Diags.Warnf(r.Path, line, col, format, args...)
}

func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// KV is one key of a mapping with its value node, in file order.
type KV struct {
	Key   string
	KeyN  *yaml.Node
	Value *yaml.Node
}

// Map returns the entries of a mapping node in file order. When known is non-nil, keys
// outside it are reported; duplicate keys are always reported.
func (r *NodeReader) Map(n *yaml.Node, what string, known []string) []KV {
	n = resolve(n)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
			return nil
		}
		r.Errorf(n, "%s must be a mapping (key: value lines)", what)
		return nil
	}
	out := make([]KV, 0, len(n.Content)/2)
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolve(n.Content[i+1])
		if seen[k.Value] {
			r.Errorf(k, "%s: key %q is given twice", what, k.Value)
			continue
		}
		seen[k.Value] = true
		if known != nil && !contains(known, k.Value) {
			r.Errorf(k, "unknown key %q in %s (known: %s)", k.Value, what, strings.Join(known, ", "))
			continue
		}
		out = append(out, KV{Key: k.Value, KeyN: k, Value: v})
	}
	return out
}

// Get returns the value of key in entries, or nil.
func Get(entries []KV, key string) *yaml.Node {
	for _, e := range entries {
		if e.Key == key {
			return e.Value
		}
	}
	return nil
}

// Str reads a scalar (empty for a missing node).
func (r *NodeReader) Str(n *yaml.Node, what string) string {
	n = resolve(n)
	if n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		r.Errorf(n, "%s must be text", what)
		return ""
	}
	return n.Value
}

// Strs reads a list of scalars (a single scalar counts as a list of one).
func (r *NodeReader) Strs(n *yaml.Node, what string) []string {
	n = resolve(n)
	if n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		return []string{n.Value}
	}
	if n.Kind != yaml.SequenceNode {
		r.Errorf(n, "%s must be a list", what)
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for _, c := range n.Content {
		c = resolve(c)
		if c.Kind != yaml.ScalarNode {
			r.Errorf(c, "%s: each entry must be text", what)
			continue
		}
		out = append(out, c.Value)
	}
	return out
}

// StrNodes is Strs with the node of each entry, for messages about one entry.
func (r *NodeReader) StrNodes(n *yaml.Node, what string) []*yaml.Node {
	n = resolve(n)
	if n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		return []*yaml.Node{n}
	}
	if n.Kind != yaml.SequenceNode {
		r.Errorf(n, "%s must be a list", what)
		return nil
	}
	out := make([]*yaml.Node, 0, len(n.Content))
	for _, c := range n.Content {
		c = resolve(c)
		if c.Kind != yaml.ScalarNode {
			r.Errorf(c, "%s: each entry must be text", what)
			continue
		}
		out = append(out, c)
	}
	return out
}

// Bool reads a boolean scalar.
func (r *NodeReader) Bool(n *yaml.Node, what string) bool {
	s := r.Str(n, what)
	switch s {
	case "", "false", "no":
		return false
	case "true", "yes":
		return true
	}
	r.Errorf(n, "%s must be true or false, not %q", what, s)
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Text flattens a scalar or a mapping of per-language texts into a display string; used
// for free-text notes, which may be written either way.
func (r *NodeReader) Text(n *yaml.Node) string {
	n = resolve(n)
	if n == nil {
		return ""
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return n.Value
	case yaml.MappingNode:
		var b strings.Builder
		for i := 0; i+1 < len(n.Content); i += 2 {
			if b.Len() > 0 {
				b.WriteString("; ")
			}
			fmt.Fprintf(&b, "%s: %s", n.Content[i].Value, r.Text(n.Content[i+1]))
		}
		return b.String()
	case yaml.SequenceNode:
		parts := make([]string, 0, len(n.Content))
		for _, c := range n.Content {
			parts = append(parts, r.Text(c))
		}
		return strings.Join(parts, "; ")
	}
	return ""
}
