package filing

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template/parse"
	"unicode/utf8"

	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/report"
	"github.com/pscore/dossier/internal/yamlnode"
)

// The calls section text may use (reports/README.md, "What section text can call").
// They are read with Go's template syntax ({{ name "arg" … }}, text/template/parse)
// before the Markdown is parsed; each call is replaced by a placeholder that survives
// Markdown parsing and becomes generated blocks or inlines afterwards, so that Markdown
// positions stay those of the file.
type callSpec struct {
	min, max int
	block    bool // may stand alone in a paragraph and insert blocks
	inline   bool // may be used inside a sentence
	usage    string
}

var callSpecs = map[string]callSpec{
	"case":            {1, 2, true, false, `{{ case "PSC-2019-0042" }} or {{ case "PSC-2019-0042" "e2" }}`},
	"cite":            {1, 1, false, true, `{{ cite "PSC-2019-0042" }}`},
	"cases":           {0, 0, true, false, `{{ cases }}`},
	"articles":        {1, 2, true, true, `{{ articles "PSC-2019-0042" }} or {{ articles "PSC-2019-0042" "e2" }}`},
	"count":           {1, 2, false, true, `{{ count "cases" }}, {{ count "events" }}, {{ count "acts" }} or {{ count "acts" "torture" }}`},
	"chart":           {1, 1, true, false, `{{ chart "acts-by-type" }} (or acts-by-year, acts-by-province, acts-by-perpetrator)`},
	"table":           {1, 1, true, false, `{{ table "acts-by-type" }} (or acts-by-year, acts-by-province, acts-by-perpetrator)`},
	"recommendations": {0, 0, true, false, `{{ recommendations }}`},
}

func callNames() []string {
	names := make([]string, 0, len(callSpecs))
	for n := range callSpecs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// call is one template call found in a section file.
type call struct {
	Name       string
	Args       []string
	Start, End int // byte span of {{ … }} in the file
	Line, Col  int
	argPos     []int // byte offset of each argument in the file
}

func (c *call) source(src []byte) string { return string(src[c.Start:c.End]) }

// scanned is a section file with its calls replaced by placeholders.
type scanned struct {
	file  *report.SectionFile
	out   []byte
	calls []*call
	lines *diag.Lines
}

// Placeholders are private-use characters around the call's index: Markdown keeps them
// as text, and no real text contains them.
const (
	phOpen  = '\uE000'
	phClose = '\uE001'
)

func placeholder(i int) string { return string(phOpen) + strconv.Itoa(i) + string(phClose) }

var placeholderPattern = regexp.MustCompile("\uE000([0-9]+)\uE001")

// scanCalls finds the calls of a section file, checks their syntax and replaces them
// by placeholders. Every problem is reported, with the position of the call.
func scanCalls(f *report.SectionFile) (*scanned, diag.List) {
	src := f.Source
	s := &scanned{file: f, lines: diag.NewLines(src)}
	var d diag.List
	errAt := func(off int, format string, args ...any) {
		l, c := s.lines.Position(off)
		d.Errorf(f.Path, l, c, format, args...)
	}
	var out bytes.Buffer
	last := 0
	for i := 0; i < len(src); {
		j := bytes.Index(src[i:], []byte("{{"))
		if j < 0 {
			break
		}
		start := i + j
		end, bad := actionEnd(src, start)
		if bad != "" {
			errAt(start, "%s", bad)
			// resume after the broken call's line
			k := bytes.IndexByte(src[start:], '\n')
			if k < 0 {
				i = len(src)
			} else {
				i = start + k + 1
			}
			continue
		}
		c, msg, at := parseCall(src, start, end)
		out.Write(src[last:start])
		nl := bytes.Count(src[start:end], []byte("\n"))
		switch {
		case msg != "":
			errAt(at, "%s", msg)
		case c != nil:
			c.Line, c.Col = s.lines.Position(start)
			out.WriteString(placeholder(len(s.calls)))
			s.calls = append(s.calls, c)
		}
		// a comment (c == nil, no message) disappears; lines are kept either way
		out.Write(bytes.Repeat([]byte("\n"), nl))
		last = end
		i = end
	}
	out.Write(src[last:])
	s.out = out.Bytes()
	return s, d
}

// actionEnd returns the end of the action that starts at src[start:] ("{{"), or a
// message saying why the action is not closed.
func actionEnd(src []byte, start int) (int, string) {
	show := func() string {
		e := start + 40
		if k := bytes.IndexByte(src[start:], '\n'); k >= 0 && start+k < e {
			e = start + k
		}
		e = min(e, len(src))
		for e > start && !utf8.Valid(src[start:e]) {
			e--
		}
		return strings.TrimSpace(string(src[start:e]))
	}
	for j := start + 2; j < len(src); j++ {
		switch c := src[j]; {
		case c == '}' && j+1 < len(src) && src[j+1] == '}':
			return j + 2, ""
		case c == '"':
			for j++; j < len(src) && src[j] != '"'; j++ {
				if src[j] == '\\' {
					j++
				} else if src[j] == '\n' {
					break
				}
			}
			if j >= len(src) || src[j] != '"' {
				return 0, fmt.Sprintf("unterminated string in %s: close the quote and the call with \" }}", show())
			}
		case c == '`':
			k := bytes.IndexByte(src[j+1:], '`')
			if k < 0 {
				return 0, fmt.Sprintf("unterminated string in %s: close the quote", show())
			}
			j += k + 1
		case c == '{' && j+1 < len(src) && src[j+1] == '{', c == '\n' && j+1 < len(src) && src[j+1] == '\n':
			return 0, fmt.Sprintf("unclosed call %s: it has no closing }}", show())
		}
	}
	return 0, fmt.Sprintf("unclosed call %s: it has no closing }}", show())
}

var templateErr = regexp.MustCompile(`^template: [^:]*:\d+(:\d+)?: `)

// parseCall reads one {{ … }} with Go's template parser and checks it is one of the
// calls, with string arguments. It returns the call, or nil for a comment, or a message
// and the offset it refers to.
func parseCall(src []byte, start, end int) (*call, string, int) {
	text := string(src[start:end])
	inner := strings.TrimSpace(strings.Trim(strings.TrimSpace(text[2:len(text)-2]), "-"))
	if w, _, _ := strings.Cut(inner, " "); isControl(w) {
		return nil, fmt.Sprintf("{{ %s }} is not available in sections: the calls are %s (reports/README.md)", w, strings.Join(callNames(), ", ")), start
	}
	t := parse.New("call")
	t.Mode = parse.SkipFuncCheck | parse.ParseComments
	trees := map[string]*parse.Tree{}
	if _, err := t.Parse(text, "{{", "}}", trees); err != nil {
		return nil, "bad call " + text + ": " + templateErr.ReplaceAllString(err.Error(), ""), start
	}
	if len(t.Root.Nodes) != 1 || len(trees) != 1 {
		return nil, fmt.Sprintf("bad call %s: one call per {{ }}", text), start
	}
	switch n := t.Root.Nodes[0].(type) {
	case *parse.CommentNode:
		return nil, "", 0
	case *parse.ActionNode:
		p := n.Pipe
		if len(p.Decl) > 0 {
			return nil, fmt.Sprintf("bad call %s: variables are not available in sections", text), start
		}
		if len(p.Cmds) != 1 {
			return nil, fmt.Sprintf("bad call %s: pipelines (|) are not available in sections", text), start
		}
		args := p.Cmds[0].Args
		id, ok := args[0].(*parse.IdentifierNode)
		if !ok {
			return nil, fmt.Sprintf("unknown call %s: the calls are %s (reports/README.md)", text, strings.Join(callNames(), ", ")), start
		}
		spec, ok := callSpecs[id.Ident]
		if !ok {
			return nil, fmt.Sprintf("unknown call %q%s: the calls are %s (reports/README.md)", id.Ident, yamlnode.Suggest(id.Ident, callNames()), strings.Join(callNames(), ", ")), start + int(id.Position())
		}
		c := &call{Name: id.Ident, Start: start, End: end}
		for _, a := range args[1:] {
			s, ok := a.(*parse.StringNode)
			if !ok {
				return nil, fmt.Sprintf("%s: argument %s must be a quoted string; use %s", id.Ident, a.String(), spec.usage), start + int(a.Position())
			}
			c.Args = append(c.Args, s.Text)
			c.argPos = append(c.argPos, start+int(a.Position()))
		}
		if len(c.Args) < spec.min || len(c.Args) > spec.max {
			return nil, fmt.Sprintf("%s takes %s; use %s", id.Ident, arity(spec), spec.usage), start
		}
		return c, "", 0
	}
	return nil, fmt.Sprintf("bad call %s: the calls are %s (reports/README.md)", text, strings.Join(callNames(), ", ")), start
}

func arity(s callSpec) string {
	switch {
	case s.max == 0:
		return "no argument"
	case s.min == s.max:
		return fmt.Sprintf("%d argument(s)", s.min)
	}
	return fmt.Sprintf("%d to %d arguments", s.min, s.max)
}

func isControl(w string) bool {
	switch w {
	case "if", "else", "end", "range", "with", "define", "block", "template", "break", "continue":
		return true
	}
	return false
}
