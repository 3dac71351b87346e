package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"

	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/testimony"
)

// reader walks YAML nodes, collecting every problem with its position.
type reader struct {
	path  string
	diags diag.List
}

func (r *reader) errorf(n *yaml.Node, format string, args ...any) {
	line, col := 0, 0
	if n != nil {
		line, col = n.Line, n.Column
	}
	r.diags.Errorf(r.path, line, col, format, args...)
}

func (r *reader) warnf(n *yaml.Node, format string, args ...any) {
	line, col := 0, 0
	if n != nil {
		line, col = n.Line, n.Column
	}
	r.diags.Warnf(r.path, line, col, format, args...)
}

func posOf(n *yaml.Node) Pos { return Pos{Line: n.Line, Col: n.Column} }

func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	n = resolve(n)
	return n == nil || n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "empty"
		}
		v := n.Value
		if utf8.RuneCountInString(v) > 40 {
			v = string([]rune(v)[:40]) + "…"
		}
		return fmt.Sprintf("the value %q", v)
	}
	return "something else"
}

// fields checks a mapping: keys known and unique, required keys present and not empty.
func (r *reader) fields(n *yaml.Node, what string, known []string, required ...string) map[string]*yaml.Node {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		r.errorf(n, "%s must be a mapping (key: value lines), not %s", what, kindName(n))
		return nil
	}
	out := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			r.errorf(k, "%s: keys must be plain words", what)
			continue
		}
		if _, dup := out[k.Value]; dup {
			r.errorf(k, "%s: key %q is given twice", what, k.Value)
			continue
		}
		if !slices.Contains(known, k.Value) {
			r.errorf(k, "unknown key %q in %s%s", k.Value, what, Suggest(k.Value, known))
			continue
		}
		out[k.Value] = v
	}
	for _, req := range required {
		if v, ok := out[req]; !ok || isNull(v) {
			at := n
			if ok {
				at = v
			}
			r.errorf(at, "%s: missing required key %q", what, req)
			delete(out, req)
		}
	}
	return out
}

func (r *reader) str(n *yaml.Node, what string) (string, bool) {
	n = resolve(n)
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		r.errorf(n, "%s must be text, not %s", what, kindName(n))
		return "", false
	}
	s := norm.NFC.String(n.Value)
	if strings.TrimSpace(s) == "" {
		r.errorf(n, "%s is empty", what)
		return "", false
	}
	return s, true
}

func (r *reader) code(n *yaml.Node, what string, allowed []string) string {
	s, ok := r.str(n, what)
	if !ok {
		return ""
	}
	if !slices.Contains(allowed, s) {
		r.errorf(n, "unknown %s %q%s (allowed: %s)", what, s, Suggest(s, allowed), strings.Join(allowed, ", "))
		return ""
	}
	return s
}

func (r *reader) integer(n *yaml.Node, what string, lo, hi int) int {
	n = resolve(n)
	v, err := strconv.Atoi(strings.TrimSpace(n.Value))
	if n.Kind != yaml.ScalarNode || err != nil {
		r.errorf(n, "%s must be a whole number, not %s", what, kindName(n))
		return 0
	}
	if v < lo || v > hi {
		r.errorf(n, "%s %d is out of range (%d to %d)", what, v, lo, hi)
		return 0
	}
	return v
}

func (r *reader) boolean(n *yaml.Node, what string) bool {
	n = resolve(n)
	if n.Kind == yaml.ScalarNode {
		switch n.Value {
		case "true", "yes":
			return true
		case "false", "no":
			return false
		}
	}
	r.errorf(n, "%s must be true or false, not %s", what, kindName(n))
	return false
}

// date reads a date of the given precision: 3 = YYYY-MM-DD, 2 = YYYY-MM.
func (r *reader) date(n *yaml.Node, what string, precision int) testimony.Date {
	n = resolve(n)
	form := map[int]string{2: "YYYY-MM", 3: "YYYY-MM-DD"}[precision]
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		r.errorf(n, "%s must be a date (%s), not %s", what, form, kindName(n))
		return testimony.Date{}
	}
	d, err := testimony.ParseDate(strings.TrimSpace(n.Value))
	if err != nil {
		r.errorf(n, "%s: %v", what, err)
		return testimony.Date{}
	}
	got := 1
	if d.Month != 0 {
		got = 2
	}
	if d.Day != 0 {
		got = 3
	}
	if got != precision {
		r.errorf(n, "%s must be a date of the form %s, not %q", what, form, n.Value)
		return testimony.Date{}
	}
	return d
}

func (r *reader) list(n *yaml.Node, what string) []*yaml.Node {
	n = resolve(n)
	if n.Kind != yaml.SequenceNode {
		r.errorf(n, "%s must be a list ([a, b] or lines starting with -), not %s", what, kindName(n))
		return nil
	}
	return n.Content
}

// Suggest returns ` (did you mean "x"?)` for the closest known word within a small edit
// distance, or "".
func Suggest(s string, known []string) string {
	best, bestD := "", 3
	if len(s) <= 4 {
		bestD = 2
	}
	for _, k := range known {
		if d := editDistance(strings.ToLower(s), strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
