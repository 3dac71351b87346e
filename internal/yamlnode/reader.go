// Package yamlnode reads the YAML files researchers edit (testimonies, report
// definitions, the reference files) node by node. Every problem becomes a path:line:col
// diagnostic and reading goes on, so that one run shows every mistake with the line to
// fix, instead of a decoder's first error.
//
// It is the one place for what those readers share: the diagnostics, alias resolution
// with its guard against alias bombs, mapping checks (known, duplicate, required keys,
// with did-you-mean suggestions) and the scalar readers.
package yamlnode

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/pscore/dossier/internal/diag"
)

// Reader walks the nodes of one file and collects its diagnostics. The zero value (with
// Path set) is ready to use.
type Reader struct {
	Path  string
	Diags diag.List

	// Max bounds the diagnostics kept, 0 for no bound: past some number of problems a
	// file is not one with mistakes but something else, and more lines help nobody.
	// Dropped counts those not kept, for the caller to say so.
	Max     int
	Dropped int

	// Wording picks how the few problems worded differently by the files' readers are
	// worded (see Wording).
	Wording Wording

	// Alias accounting (see LimitAliases); off until set.
	limited   bool
	aliasLeft int
	charged   map[*yaml.Node]bool
	weights   map[*yaml.Node]int
}

// Wording is how a kind of file words the problems it shares with the others. The readers
// of testimonies and of report definitions were written apart and worded a few of them
// differently; researchers (and tests) know both, so both are kept word for word.
type Wording uint8

const (
	// TestimonyWording is the default: a scalar is named by its quoted value.
	TestimonyWording Wording = iota
	// ReportWording is report.yaml's: `the value "x"`, shorter key messages, an empty
	// required key is "missing", an empty text is "not empty", and lists may be [a, b].
	ReportWording
)

func (r *Reader) add(sev diag.Severity, line, col int, format string, args ...any) {
	if r.Max > 0 && len(r.Diags) >= r.Max {
		r.Dropped++
		return
	}
	r.Diags = append(r.Diags, diag.Diagnostic{Path: r.Path, Line: line, Col: col, Severity: sev, Message: fmt.Sprintf(format, args...)})
}

// at is where a node is; 0:0 (the file as a whole) for no node.
func at(n *yaml.Node) (line, col int) {
	if n == nil {
		return 0, 0
	}
	return n.Line, n.Column
}

// Errorf records an error at a node (nil: the file as a whole).
func (r *Reader) Errorf(n *yaml.Node, format string, args ...any) {
	line, col := at(n)
	r.add(diag.Error, line, col, format, args...)
}

// Warnf records a warning at a node (nil: the file as a whole): it does not stop a build,
// but a researcher should look.
func (r *Reader) Warnf(n *yaml.Node, format string, args ...any) {
	line, col := at(n)
	r.add(diag.Warning, line, col, format, args...)
}

// ErrorAt records an error at a line and column, for problems found in the text rather
// than in a node.
func (r *Reader) ErrorAt(line, col int, format string, args ...any) {
	r.add(diag.Error, line, col, format, args...)
}

// Stop is what Resolve panics with once aliases have expanded past the budget set by
// LimitAliases: a reader that sets one recovers it to end the file's parse.
type Stop struct{}

// LimitAliases makes Resolve charge each alias the size of the text it expands to, once,
// against a budget of budget bytes; past it, it reports an alias bomb and panics with
// Stop. A few reused values are fine; a file of nested aliases that stands for gigabytes
// then costs nothing to refuse.
func (r *Reader) LimitAliases(budget int) {
	r.limited, r.aliasLeft = true, budget
}

// Resolve follows a YAML alias to its anchored node (anchors are legal YAML; a researcher
// may reuse a place). Any other node, and nil, is returned as is.
func (r *Reader) Resolve(n *yaml.Node) *yaml.Node {
	if n == nil || n.Kind != yaml.AliasNode {
		return n
	}
	return r.alias(n)
}

func (r *Reader) alias(n *yaml.Node) *yaml.Node {
	if n.Alias == nil {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: n.Line, Column: n.Column}
	}
	if r.limited {
		if r.charged == nil {
			r.charged = map[*yaml.Node]bool{}
			r.weights = map[*yaml.Node]int{}
		}
		if !r.charged[n] {
			r.charged[n] = true
			r.aliasLeft -= r.weight(n.Alias)
			if r.aliasLeft < 0 {
				r.Errorf(n, "alias *%s and the others expand to far more text than the file holds (an alias bomb?): write the values out", n.Value)
				panic(Stop{})
			}
		}
	}
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// weight is the size of the text a node stands for, aliases expanded; a node that
// contains itself counts once.
func (r *Reader) weight(n *yaml.Node) int {
	if w, ok := r.weights[n]; ok {
		return w
	}
	r.weights[n] = 0 // while in progress: a cycle adds nothing more
	w := 1 + len(n.Value)
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		w += r.weight(n.Alias)
	}
	for _, c := range n.Content {
		if w > r.aliasLeft {
			break
		}
		w += r.weight(c)
	}
	r.weights[n] = w
	return w
}

// IsNull reports whether a node is absent or empty (`key:` with nothing after it, ~, null).
func (r *Reader) IsNull(n *yaml.Node) bool {
	n = r.Resolve(n)
	return n == nil || n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// Describe names what a node is, for messages that say what was expected instead: "a
// mapping", "a list", "empty", or the value itself.
func (r *Reader) Describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "empty"
		}
		if r.Wording == ReportWording {
			return "the value " + Quote(n.Value)
		}
		return Quote(n.Value)
	}
	return "something else"
}

// Quote quotes a value for a message, cut at 40 characters: a message names the value
// it is about, it need not repeat a page of it.
func Quote(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

// Suggest returns ` (did you mean "x"?)` for the known word closest to s within a small
// edit distance (case aside), or "": most unknown keys and codes are typos, and saying
// which word was meant fixes them at once.
func Suggest(s string, known []string) string {
	best, bestD := "", 3
	if len(s) <= 4 {
		bestD = 2
	}
	ls := strings.ToLower(s)
	n := utf8.RuneCountInString(ls)
	for _, k := range known {
		lk := strings.ToLower(k)
		// Words whose lengths differ by bestD or more cannot be closer: skip computing
		// the distance, so that a long value costs nothing.
		if d := utf8.RuneCountInString(lk) - n; d >= bestD || -d >= bestD {
			continue
		}
		if d := editDistance(ls, lk); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// editDistance is the Levenshtein distance between a and b, in characters.
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

// AliasBudget is how much text the aliases of a file of this size may expand to: ten
// times the file, plus 64 KiB. A few reused values fit; an alias bomb does not.
func AliasBudget(data []byte) int { return 10*len(data) + 1<<16 }

// OnStop, deferred by a parse function whose reader set LimitAliases, ends the parse at
// an alias bomb (its diagnostic is already recorded) by calling done, which sets the
// function's results; any other panic goes on.
func OnStop(done func()) {
	if x := recover(); x != nil {
		if _, ok := x.(Stop); !ok {
			panic(x)
		}
		done()
	}
}
