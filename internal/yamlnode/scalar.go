package yamlnode

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"
)

// Two families of readers. Text, NonEmpty, Code and List read values a file must give
// (testimonies, report definitions): an empty one is a problem, reported. Str, Strs,
// StrNodes, Bool and Flatten read values of the reference files that may be left out:
// absent or empty reads as the zero value, and only a value of the wrong kind is
// reported.

// Text reads a scalar as an NFC-normalised string (decomposed Hangul from some macOS
// editors would otherwise print as blanks and defeat exact matching). Any scalar is
// text: YAML reads pseudonym: 123 or note: yes as a number or a boolean, but what the
// researcher typed is kept as typed.
func (r *Reader) Text(n *yaml.Node, what string) (string, bool) {
	n = r.Resolve(n)
	switch {
	case n.Kind != yaml.ScalarNode:
		r.Errorf(n, "%s must be text, not %s", what, r.Describe(n))
		return "", false
	case n.Tag == "!!null" && r.Wording == ReportWording:
		r.Errorf(n, "%s must be text, not %s", what, r.Describe(n))
		return "", false
	case n.Tag == "!!null":
		r.Errorf(n, "%s is empty: give a value, or remove the line", what)
		return "", false
	}
	return nfc(n.Value), true
}

// nfc normalises s to NFC, without copying it when it already is (ASCII always is).
func nfc(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return norm.NFC.String(s)
		}
	}
	return s
}

// NonEmpty reads a text that must not be blank.
func (r *Reader) NonEmpty(n *yaml.Node, what string) (string, bool) {
	s, ok := r.Text(n, what)
	if ok && strings.TrimSpace(s) == "" {
		at := n
		if r.Wording == ReportWording {
			at = r.Resolve(n)
		}
		r.Errorf(at, "%s is empty", what)
		return "", false
	}
	return s, ok
}

// Code reads one of the allowed codes; "" (reported, with the closest code) otherwise.
func (r *Reader) Code(n *yaml.Node, what string, allowed []string) string {
	s, ok := r.NonEmpty(n, what)
	if !ok {
		return ""
	}
	if !slices.Contains(allowed, s) {
		r.Errorf(n, "unknown %s %q%s (allowed: %s)", what, s, Suggest(s, allowed), strings.Join(allowed, ", "))
		return ""
	}
	return s
}

// List reads a sequence node; ok is false (and the problem reported) when n is not one.
func (r *Reader) List(n *yaml.Node, what string) (items []*yaml.Node, ok bool) {
	n = r.Resolve(n)
	if n.Kind != yaml.SequenceNode {
		form := "lines starting with -"
		if r.Wording == ReportWording {
			form = "[a, b] or lines starting with -"
		}
		r.Errorf(n, "%s must be a list (%s), not %s", what, form, r.Describe(n))
		return nil, false
	}
	return n.Content, true
}

// Str reads an optional scalar as written ("" when absent or empty).
func (r *Reader) Str(n *yaml.Node, what string) string {
	n = r.Resolve(n)
	if n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		r.Errorf(n, "%s must be text", what)
		return ""
	}
	return n.Value
}

// Strs reads an optional list of scalars; a single scalar counts as a list of one.
func (r *Reader) Strs(n *yaml.Node, what string) []string {
	nodes := r.StrNodes(n, what)
	if nodes == nil {
		return nil
	}
	out := make([]string, len(nodes))
	for i, c := range nodes {
		out[i] = c.Value
	}
	return out
}

// StrNodes is Strs with the node of each entry, for messages about one entry.
func (r *Reader) StrNodes(n *yaml.Node, what string) []*yaml.Node {
	n = r.Resolve(n)
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
		c = r.Resolve(c)
		if c.Kind != yaml.ScalarNode {
			r.Errorf(c, "%s: each entry must be text", what)
			continue
		}
		out = append(out, c)
	}
	return out
}

// Bool reads an optional boolean (absent or empty is false).
func (r *Reader) Bool(n *yaml.Node, what string) bool {
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

// Flatten turns a scalar, or a mapping or list of texts (per language, say), into one
// display string: free-text notes may be written either way.
func (r *Reader) Flatten(n *yaml.Node) string {
	n = r.Resolve(n)
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
			fmt.Fprintf(&b, "%s: %s", n.Content[i].Value, r.Flatten(n.Content[i+1]))
		}
		return b.String()
	case yaml.SequenceNode:
		parts := make([]string, 0, len(n.Content))
		for _, c := range n.Content {
			parts = append(parts, r.Flatten(c))
		}
		return strings.Join(parts, "; ")
	}
	return ""
}
