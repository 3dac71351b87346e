package yamlnode

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/pscore/dossier/internal/diag"
)

// yaml.v3 reports a syntax error as "yaml: line N: problem" and nothing more: no column,
// and a line that is only sometimes the problem's. Scanner errors give the 1-based line
// where the faulty token (or the construct it belongs to, such as an unclosed quote)
// starts. Parser errors give a 0-based line, of the problem or of the enclosing block,
// which may be far above. Errors from the node builder (unknown anchors, excessive
// nesting) give no line at all.
//
// locateSyntaxError finds the spot itself, from the one property all these errors share:
// YAML is read front to back, so the shortest prefix of the file that fails with the same
// problem ends at the character where the problem is. A binary search over prefixes
// finds it with a few re-parses, on the error path only, and only for files small
// enough (every testimony, report and reference file is) for that to cost milliseconds.

// maxLocateSize bounds the files whose syntax errors are located by re-parsing.
const maxLocateSize = 1 << 20

// scannerProblems are the yaml.v3 problems raised by its scanner, whose line numbers are
// 1-based and name the line of the token; all others come from the parser.
var scannerProblems = []string{
	"block sequence entries are not allowed in this context",
	"could not find expected ':'",
	"could not find expected directive name",
	"did not find expected alphabetic or numeric character",
	"did not find expected comment or line break",
	"did not find expected digit or '.' character",
	"did not find expected hexdecimal number",
	"did not find expected version number",
	"did not find expected whitespace or line break",
	"did not find expected whitespace",
	"did not find the expected '>'",
	"exceeded max depth of",
	"found a tab character that violates indentation",
	"found a tab character where an indentation space is expected",
	"found an indentation indicator equal to 0",
	"found character that cannot start any token",
	"found extremely long version number",
	"found invalid Unicode character escape code",
	"found unexpected document indicator",
	"found unexpected end of stream",
	"found unexpected non-alphabetical character",
	"found unknown directive name",
	"found unknown escape character",
	"mapping keys are not allowed in this context",
	"mapping values are not allowed in this context",
}

// DecodeDoc decodes the first YAML document of data into a node tree, and reports a
// second, non-empty document as extra. It never panics: a panic inside the YAML library
// is returned as an error.
func DecodeDoc(data []byte) (doc *yaml.Node, extra *yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, extra, err = nil, nil, fmt.Errorf("yaml: internal error of the YAML reader: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var d yaml.Node
	if err := dec.Decode(&d); errors.Is(err, io.EOF) {
		return &yaml.Node{Kind: yaml.DocumentNode}, nil, nil // only comments, or nothing
	} else if err != nil {
		return nil, nil, err
	}
	var x yaml.Node
	switch err := dec.Decode(&x); {
	case errors.Is(err, io.EOF):
	case err != nil:
		return &d, nil, err
	case !emptyDoc(&x):
		extra = &x
	}
	return &d, extra, nil
}

// emptyDoc reports whether a document holds nothing (a stray --- at the end of a file).
func emptyDoc(d *yaml.Node) bool {
	if len(d.Content) == 0 {
		return true
	}
	n := d.Content[0]
	return len(d.Content) == 1 && n.Kind == yaml.ScalarNode && n.Tag == "!!null" && n.Value == "" && n.Anchor == ""
}

func isScannerProblem(problem string) bool {
	for _, s := range scannerProblems {
		if strings.HasPrefix(problem, s) {
			return true
		}
	}
	return false
}

// Locate places the YAML error err of data (as returned by DecodeDoc or Decode) at a
// line and column and words it for a researcher.
func Locate(data []byte, err error) (line, col int, message string) {
	problem, line := Problem(err)
	if strings.HasPrefix(problem, "internal error") {
		return 1, 1, "YAML syntax: " + problem
	}
	scanner := isScannerProblem(problem)
	// The line yaml.v3 gives, made 1-based: where the search starts.
	from := max(line, 1)
	if line > 0 && !scanner {
		from = line + 1
	}
	from = min(from, 1+bytes.Count(data, []byte("\n")))
	off := -1
	if len(data) <= maxLocateSize {
		off = shortestFailingPrefix(data, problem, lineStart(data, from))
	}
	if off < 0 {
		// Too large to search, or the search failed: the line is the best we know.
		return from, firstNonSpaceCol(data, from), "YAML syntax: " + problem + hint(problem, 0)
	}
	off = refine(data, off, problem)
	l, c := diag.Position(string(data[:off]), off)
	return l, c, "YAML syntax: " + problem + hint(problem, data[off])
}

// shortestFailingPrefix returns the offset of the last byte of the shortest prefix of
// data, no shorter than lo, that fails to parse with the same problem as the whole, or -1.
func shortestFailingPrefix(data []byte, problem string, lo int) int {
	fails := func(n int) bool {
		_, _, err := DecodeDoc(data[:n])
		if err == nil {
			return false
		}
		p, _ := Problem(err)
		return p == problem
	}
	if !fails(len(data)) {
		return -1
	}
	if lo > 0 && fails(lo) {
		// The problem starts before the line yaml.v3 named (it names the line of the
		// problem when the construct around it starts on the first line).
		lo = 0
	}
	// Invariant: fails(hi); the answer is in (lo, hi].
	hi := len(data)
	for lo < hi {
		mid := lo + (hi-lo)/2
		// Cut at a character boundary, or the cut itself is the error.
		for mid < hi && !utf8.RuneStart(data[mid]) {
			mid++
		}
		if mid == hi {
			break
		}
		if mid == 0 || !fails(mid) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	// data[:hi] fails: the problem is at its last character.
	off := hi - 1
	for off > 0 && !utf8.RuneStart(data[off]) {
		off--
	}
	return max(off, 0)
}

// refine moves the spot from the last character of the shortest failing prefix to the
// start of the token it ends, where that is clearer.
func refine(data []byte, off int, problem string) int {
	switch {
	case strings.HasPrefix(problem, "unknown anchor '"):
		// The alias *name, which the parser only sees whole once past it.
		name, _, _ := strings.Cut(strings.TrimPrefix(problem, "unknown anchor '"), "'")
		if i := bytes.LastIndex(data[:off+1], []byte("*"+name)); i >= 0 {
			return i
		}
	case strings.HasPrefix(problem, "did not find expected ',' or ']'"):
		return unclosed(data, off, '[', ']')
	case strings.HasPrefix(problem, "did not find expected ',' or '}'"):
		return unclosed(data, off, '{', '}')
	}
	return off
}

// unclosed finds the opening bracket that is still open at off (quotes are not
// considered: this only chooses where to point), or returns off.
func unclosed(data []byte, off int, open, close byte) int {
	depth := 0
	for i := min(off, len(data)-1); i >= 0; i-- {
		switch data[i] {
		case close:
			depth++
		case open:
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return off
}

// hint adds plain words to the YAML problems researchers meet most; c is the character
// at the error (0 when not known).
func hint(problem string, c byte) string {
	switch {
	case c == '\t', strings.Contains(problem, "tab character"):
		return ": indent with spaces, never tabs"
	case strings.HasPrefix(problem, "found character that cannot start any token") && (c == '@' || c == '`'):
		return fmt.Sprintf(": a value cannot start with %c; put it in quotes", c)
	case strings.HasPrefix(problem, "mapping values are not allowed"):
		return `: a value that contains ": " must be put in quotes, or this line is indented wrongly`
	case strings.HasPrefix(problem, "found unexpected end of stream") && (c == '"' || c == '\''):
		return fmt.Sprintf(": the quote %c here is never closed", c)
	case strings.HasPrefix(problem, "did not find expected key"), strings.HasPrefix(problem, "did not find expected '-' indicator"):
		return ": this line is not indented like the lines around it"
	case strings.HasPrefix(problem, "block sequence entries are not allowed"):
		return ": a list item (-) must start its own line, indented under its key"
	case strings.HasPrefix(problem, "could not find expected ':'"):
		return ": a key: value line is expected here (a missing colon, or a line indented wrongly?)"
	case strings.HasPrefix(problem, "did not find expected ',' or ']'"):
		return ": this [ list is never closed with ]"
	case strings.HasPrefix(problem, "did not find expected ',' or '}'"):
		return ": this { mapping is never closed with }"
	case strings.HasPrefix(problem, "unknown anchor"):
		return ": an alias (*name) needs an anchor (&name) defined above it"
	case strings.HasPrefix(problem, "exceeded max depth"):
		return ": nested far too deeply"
	}
	return ""
}

// lineStart returns the offset where 1-based line begins.
func lineStart(data []byte, line int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			return len(data)
		}
		off += i + 1
	}
	return off
}

// firstNonSpaceCol returns the column of the first character of a line that is not a
// space, or 1.
func firstNonSpaceCol(data []byte, line int) int {
	off := lineStart(data, line)
	for i := off; i < len(data) && data[i] != '\n'; i++ {
		if data[i] != ' ' {
			_, c := diag.Position(string(data[:i]), i)
			return c
		}
	}
	return 1
}

// DecodeError words an error of yaml.v3's Decode into a struct (data read from path)
// as path:line:col diagnostics, one a line: a syntax error placed by Locate, and every
// problem of a yaml.TypeError ("field x not found", a wrong type) at its line.
func DecodeError(path string, data []byte, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		var b strings.Builder
		for i, e := range te.Errors {
			if i > 0 {
				b.WriteByte('\n')
			}
			if m := typeErrorLine.FindStringSubmatch(e); m != nil {
				l, _ := strconv.Atoi(m[1])
				fmt.Fprintf(&b, "%s:%d:%d: %s", path, l, firstNonSpaceCol(data, l), typeProblem(m[2]))
			} else {
				fmt.Fprintf(&b, "%s:1:1: %s", path, e)
			}
		}
		return errors.New(b.String())
	}
	l, c, msg := Locate(data, err)
	return fmt.Errorf("%s:%d:%d: %s", path, l, c, msg)
}

var (
	typeErrorLine = regexp.MustCompile(`^line (\d+): (.*)$`)
	unknownField  = regexp.MustCompile(`^field (\S+) not found in type `)
	wrongKind     = regexp.MustCompile(`^cannot unmarshal !!(\w+)`)
)

// typeProblem words a yaml.v3 decoding problem without Go's type names.
func typeProblem(p string) string {
	if m := unknownField.FindStringSubmatch(p); m != nil {
		return fmt.Sprintf("unknown key %q (a typo?)", m[1])
	}
	if m := wrongKind.FindStringSubmatch(p); m != nil {
		got := map[string]string{"seq": "a list", "map": "a mapping", "str": "text", "int": "a number",
			"float": "a number", "bool": "true/false", "null": "nothing", "timestamp": "a date"}[m[1]]
		if got == "" {
			got = m[1]
		}
		return "wrong type: " + got + " is not allowed here"
	}
	return p
}
