package yamlnode

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// maxKeys bounds the known keys of a mapping read with Fields.
const maxKeys = 16

// Fields holds the value nodes of a mapping's known keys, as Reader.Fields read them.
// The values are kept in place (a map would cost an allocation per mapping, and there
// are a handful of keys): at most 16 known keys.
type Fields struct {
	OK   bool // the node was a mapping
	keys []string
	vals [maxKeys]*yaml.Node
}

// Get returns the value of key, or nil when it was not given (or given empty when
// required).
func (f *Fields) Get(key string) *yaml.Node {
	for i, k := range f.keys {
		if k == key {
			return f.vals[i]
		}
	}
	return nil
}

// Has reports whether key was given (and not empty when required).
func (f *Fields) Has(key string) bool { return f.Get(key) != nil }

func (f *Fields) set(key string, v *yaml.Node) {
	for i, k := range f.keys {
		if k == key {
			f.vals[i] = v
		}
	}
}

// Fields checks a mapping with a fixed set of keys, named what in messages: it must be a
// mapping, its keys known (an unknown one gets a did-you-mean) and given once, and
// required keys present and not empty. It returns the value nodes by key, unresolved.
func (r *Reader) Fields(n *yaml.Node, what string, known, required []string) Fields {
	if len(known) > maxKeys {
		panic("yamlnode: Fields reads at most 16 known keys, not " + what + "'s " + strings.Join(known, ", "))
	}
	out := Fields{keys: known}
	n = r.Resolve(n)
	if n.Kind != yaml.MappingNode {
		r.Errorf(n, "%s must be a mapping (key: value lines), not %s", what, r.Describe(n))
		return out
	}
	out.OK = true
	report := r.Wording == ReportWording
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		switch {
		case k.Kind != yaml.ScalarNode && report:
			r.Errorf(k, "%s: keys must be plain words", what)
			continue
		case k.Kind != yaml.ScalarNode:
			r.Errorf(k, "%s: keys must be plain words, not %s", what, r.Describe(k))
			continue
		case k.Tag == "!!merge" && !report:
			r.Errorf(k, "%s: merge keys (<<) are not supported: write the keys out", what)
			continue
		}
		if !slices.Contains(known, k.Value) {
			r.Errorf(k, "unknown key %q in %s%s", k.Value, what, Suggest(k.Value, known))
			continue
		}
		if out.Has(k.Value) {
			r.Errorf(k, "%s: key %q is given twice", what, k.Value)
			continue
		}
		out.set(k.Value, val)
	}
	for _, key := range required {
		v := out.Get(key)
		switch {
		case v == nil:
			r.Errorf(n, "%s: missing required key %q", what, key)
		case r.IsNull(v) && report:
			r.Errorf(v, "%s: missing required key %q", what, key)
			out.set(key, nil)
		case r.IsNull(v):
			r.Errorf(v, "%s: %q is empty: fill it in", what, key)
			out.set(key, nil)
		}
	}
	return out
}

// KV is one entry of a mapping: its key, the key's node, and its value node (resolved).
type KV struct {
	Key   string
	KeyN  *yaml.Node
	Value *yaml.Node
}

// Map returns the entries of a mapping whose keys are data (states, instruments, act
// codes …), in file order. Absent or empty reads as no entries. When known is non-nil,
// keys outside it are reported; a key given twice always is.
func (r *Reader) Map(n *yaml.Node, what string, known []string) []KV {
	n = r.Resolve(n)
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
		k, v := n.Content[i], r.Resolve(n.Content[i+1])
		if seen[k.Value] {
			r.Errorf(k, "%s: key %q is given twice", what, k.Value)
			continue
		}
		seen[k.Value] = true
		if known != nil && !slices.Contains(known, k.Value) {
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
