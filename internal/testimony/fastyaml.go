package testimony

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// fastParse reads the subset of YAML that testimony files are written in — block
// mappings and sequences, one-line plain and quoted scalars, one-line flow lists of
// scalars, literal block scalars (|, |-), comments — into the node tree yaml.v3 would
// build, about ten times faster (yaml.v3 is most of the cost of loading a corpus).
//
// Anything outside the subset — anchors, aliases, tags, flow mappings, multi-line plain
// or quoted scalars, escapes, folded scalars, document markers, tabs, and every error —
// makes it give up (ok false), and the caller parses with yaml.v3, which also words the
// errors. So fastParse never decides what a file means on its own: where it answers, it
// gives yaml.v3's answer (positions, tags, styles, values; comments are not kept). The
// fuzz test checks exactly that, on every input it makes.
//
// The nodes come from a pool: the caller must call release once done with the tree
// (and keep no node; values may be kept, they are strings).
func fastParse(data []byte) (doc *yaml.Node, release func(), ok bool) {
	if !fastSafe(data) {
		return nil, nil, false
	}
	p := fastPool.Get().(*fastParser)
	p.reset(string(data))
	p.split()
	if !p.giveUp {
		p.skipBlank()
	}
	if p.giveUp || p.i >= len(p.lines) { // (only comments: yaml.v3 says what that means)
		p.release()
		return nil, nil, false
	}
	ind := p.lines[p.i].indent
	root := p.block(ind)
	p.skipBlank()
	if p.giveUp || root == nil || p.i < len(p.lines) {
		p.release()
		return nil, nil, false
	}
	doc = p.node()
	*doc = yaml.Node{Kind: yaml.DocumentNode, Line: root.Line, Column: root.Column, Content: append(p.docContent[:0], root)}
	return doc, p.release, true
}

var fastPool = sync.Pool{New: func() any { return new(fastParser) }}

// maxPooledNodes bounds the nodes a pooled parser keeps between files.
const maxPooledNodes = 1 << 12

func (p *fastParser) reset(src string) {
	p.src, p.i, p.giveUp = src, 0, false
	p.lines = p.lines[:0]
	p.chunk, p.used = 0, 0
	p.stack = p.stack[:0]
	if len(p.ptrs) > maxPooledNodes {
		p.ptrs = nil
	}
	clear(p.ptrs)
	p.ptrs = p.ptrs[:0]
}

// release clears the nodes (so that they hold no file's text) and pools the parser.
func (p *fastParser) release() {
	n := 0
	for _, c := range p.chunks {
		clear(c)
		n += len(c)
	}
	if n > maxPooledNodes {
		p.chunks = nil
	}
	p.src = ""
	clear(p.lines)
	fastPool.Put(p)
}

// fastSafe rejects input the yaml.v3 reader would treat specially: control characters,
// invalid UTF-8, and the line breaks other than \n and \r\n (a lone \r, NEL, LS, PS).
func fastSafe(data []byte) bool {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\r':
				if i+1 >= len(data) || data[i+1] != '\n' {
					return false
				}
			case c < 0x20 && c != '\n' && c != '\t', c == 0x7f:
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 || r >= 0x80 && r <= 0x9f || r == 0x2028 || r == 0x2029 || r == 0xfeff || r == 0xfffe || r == 0xffff {
			return false
		}
		i += n
	}
	return true
}

type fastLine struct {
	text   string // without the line break
	indent int    // leading spaces
	blank  bool   // empty, spaces only, or a comment
}

type fastParser struct {
	src    string
	lines  []fastLine
	i      int // current line
	giveUp bool

	// Nodes are allocated in chunks of growing size, kept between files.
	chunks     [][]yaml.Node
	chunk      int // current chunk
	used       int // nodes used in it
	docContent []*yaml.Node

	// Children are gathered on a stack while a collection is read, then copied into
	// one backing array (ptrs), so that Content slices cost no allocation of their own.
	stack []*yaml.Node
	ptrs  []*yaml.Node
}

// content moves the children gathered on the stack since mark into the node's Content.
func (p *fastParser) content(mark int) []*yaml.Node {
	kids := p.stack[mark:]
	if len(kids) == 0 {
		p.stack = p.stack[:mark]
		return nil
	}
	if len(p.ptrs)+len(kids) > cap(p.ptrs) {
		p.ptrs = make([]*yaml.Node, 0, max(256, 2*len(kids)))
	}
	start := len(p.ptrs)
	p.ptrs = append(p.ptrs, kids...)
	p.stack = p.stack[:mark]
	return p.ptrs[start:len(p.ptrs):len(p.ptrs)]
}

func (p *fastParser) split() {
	s := p.src
	if n := strings.Count(s, "\n") + 1; cap(p.lines) < n {
		p.lines = make([]fastLine, 0, n)
	}
	for len(s) > 0 {
		var text string
		if j := strings.IndexByte(s, '\n'); j >= 0 {
			text, s = s[:j], s[j+1:]
		} else {
			text, s = s, ""
		}
		text = strings.TrimSuffix(text, "\r")
		n := 0
		for n < len(text) && text[n] == ' ' {
			n++
		}
		rest := text[n:]
		l := fastLine{text: text, indent: n, blank: rest == "" || rest[0] == '#'}
		// Document markers and directives end the subset.
		if n == 0 && (strings.HasPrefix(text, "---") || strings.HasPrefix(text, "...") || strings.HasPrefix(text, "%")) {
			p.giveUp = true
		}
		p.lines = append(p.lines, l)
	}
}

func (p *fastParser) node() *yaml.Node {
	for p.chunk < len(p.chunks) && p.used == len(p.chunks[p.chunk]) {
		p.chunk++
		p.used = 0
	}
	if p.chunk == len(p.chunks) {
		size := 64
		if p.chunk > 0 {
			size = min(2*len(p.chunks[p.chunk-1]), 1024)
		}
		p.chunks = append(p.chunks, make([]yaml.Node, size))
	}
	n := &p.chunks[p.chunk][p.used]
	p.used++
	return n
}

// skipBlank moves past blank and comment lines. A tab where indentation is read ends
// the subset.
func (p *fastParser) skipBlank() {
	for p.i < len(p.lines) && p.lines[p.i].blank {
		if strings.IndexByte(p.lines[p.i].text, '\t') >= 0 {
			p.giveUp = true
			return
		}
		p.i++
	}
}

// col is the 1-based column of byte offset off of a line, in characters.
func col(text string, off int) int {
	for i := 0; i < off; i++ {
		if text[i] >= utf8.RuneSelf {
			return 1 + utf8.RuneCountInString(text[:off])
		}
	}
	return 1 + off
}

// block reads the block node whose first line is the current one, indented by ind.
func (p *fastParser) block(ind int) *yaml.Node {
	rest := p.lines[p.i].text[ind:]
	if rest == "-" || strings.HasPrefix(rest, "- ") {
		return p.sequence(ind)
	}
	return p.mapping(ind, false)
}

// mapping reads a block mapping whose keys are at offset ind. When compact, the first
// key follows a "- " on the current line.
func (p *fastParser) mapping(ind int, compact bool) *yaml.Node {
	m := p.node()
	*m = yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	mark := len(p.stack)
	for !p.giveUp {
		if !compact {
			p.skipBlank()
			if p.i >= len(p.lines) {
				break
			}
			l := p.lines[p.i]
			if l.indent < ind {
				break
			}
			if l.indent > ind {
				p.giveUp = true
				break
			}
			if r := l.text[ind:]; r == "-" || strings.HasPrefix(r, "- ") {
				break // the caller decides (an indentless sequence ends here)
			}
		}
		compact = false
		k, v := p.entry(ind)
		if p.giveUp {
			break
		}
		if len(p.stack) == mark {
			m.Line, m.Column = k.Line, k.Column
		}
		p.stack = append(p.stack, k, v)
	}
	m.Content = p.content(mark)
	if len(m.Content) == 0 {
		p.giveUp = true
	}
	return m
}

// entry reads "key: value" at offset ind of the current line, and the value's block
// when it is on the lines below.
func (p *fastParser) entry(ind int) (k, v *yaml.Node) {
	li := p.i
	l := p.lines[li]
	text := l.text
	colon := keyEnd(text, ind)
	if colon < 0 {
		p.giveUp = true
		return nil, nil
	}
	key := text[ind:colon]
	k = p.scalar(key, li+1, col(text, ind))
	after := colon + 1
	for after < len(text) && text[after] == ' ' {
		after++
	}
	if after < len(text) && text[after] == '\t' {
		p.giveUp = true
		return nil, nil
	}
	if after == len(text) || text[after] == '#' && after > colon+1 {
		// The value is on the lines below, or empty.
		p.i++
		p.skipBlank()
		if p.i < len(p.lines) && !p.giveUp {
			n := p.lines[p.i]
			r := n.text[n.indent:]
			switch {
			case n.indent > ind:
				return k, p.block(n.indent)
			case n.indent == ind && (r == "-" || strings.HasPrefix(r, "- ")):
				return k, p.sequence(ind)
			}
		}
		v = p.node()
		*v = yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: li + 1, Column: col(text, colon) + 1}
		return k, v
	}
	v = p.inline(ind, text, after)
	return k, v
}

// keyEnd returns the offset of the ':' ending a plain key that starts at ind, or -1 when
// the line is not such a key (quoted, tagged, too long …).
func keyEnd(text string, ind int) int {
	if ind >= len(text) || !plainStart(text, ind, false) {
		return -1
	}
	for i := ind; i < len(text) && i-ind <= 1024; i++ {
		switch c := text[i]; c {
		case ':':
			if i+1 == len(text) || text[i+1] == ' ' {
				if i == ind || text[i-1] == ' ' {
					return -1
				}
				return i
			}
		case '#':
			if text[i-1] == ' ' {
				return -1
			}
		case '\t', '"', '\'', '[', ']', '{', '}', ',':
			return -1
		}
	}
	return -1
}

// plainStart reports whether a plain scalar may start at text[i] (in a flow list when
// flow is set); the indicators that could start something else are refused.
func plainStart(text string, i int, flow bool) bool {
	switch c := text[i]; c {
	case '?', ':':
		// In a flow list these are always indicators (as libyaml reads them).
		return !flow && i+1 < len(text) && text[i+1] != ' ' && text[i+1] != '\t'
	case '-':
		return i+1 < len(text) && text[i+1] != ' ' && text[i+1] != '\t' && !(flow && strings.IndexByte(",[]{}", text[i+1]) >= 0)
	case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ', '\t':
		return false
	}
	return true
}

// inline reads the value that starts at offset at of the current line (after "key: " or
// "- "), whose parent is indented by ind, and moves past it.
func (p *fastParser) inline(ind int, text string, at int) *yaml.Node {
	li := p.i
	c := text[at]
	switch {
	case c == '|':
		return p.literal(ind, text, at)
	case c == '"' || c == '\'':
		val, end, ok := quoted(text, at)
		if !ok || !onlyComment(text, end) {
			p.giveUp = true
			return nil
		}
		style := yaml.DoubleQuotedStyle
		if c == '\'' {
			style = yaml.SingleQuotedStyle
		}
		n := p.node()
		*n = yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: style, Value: val, Line: li + 1, Column: col(text, at)}
		p.i++
		p.noContinuation(ind)
		return n
	case c == '[':
		n := p.flowList(text, at)
		p.i++
		p.noContinuation(ind)
		return n
	case !plainStart(text, at, false):
		p.giveUp = true
		return nil
	}
	end := len(text)
	for i := at; i < len(text); i++ {
		switch text[i] {
		case '#':
			if text[i-1] == ' ' {
				end = i
				i = len(text)
			}
		case ':':
			if i+1 == len(text) || text[i+1] == ' ' {
				p.giveUp = true // a second key on the line: yaml.v3 says what is wrong
				return nil
			}
		case '\t':
			p.giveUp = true
			return nil
		}
	}
	val := strings.TrimRight(text[at:end], " ")
	n := p.scalar(val, li+1, col(text, at))
	p.i++
	p.noContinuation(ind)
	return n
}

// noContinuation gives up when the next content line is indented past the parent: a
// multi-line scalar, or an error.
func (p *fastParser) noContinuation(ind int) {
	p.skipBlank()
	if p.i < len(p.lines) && p.lines[p.i].indent > ind {
		p.giveUp = true
	}
}

func onlyComment(text string, at int) bool {
	for i := at; i < len(text); i++ {
		switch text[i] {
		case ' ':
		case '#':
			return i > at
		default:
			return false
		}
	}
	return true
}

// quoted reads a one-line quoted scalar starting at the quote text[at]; escapes in
// double quotes are left to yaml.v3.
func quoted(text string, at int) (val string, end int, ok bool) {
	q := text[at]
	if q == '"' {
		for i := at + 1; i < len(text); i++ {
			switch text[i] {
			case '\\', '\t':
				return "", 0, false
			case '"':
				return text[at+1 : i], i + 1, true
			}
		}
		return "", 0, false
	}
	var b strings.Builder
	for i := at + 1; i < len(text); i++ {
		switch text[i] {
		case '\t':
			return "", 0, false
		case '\'':
			if i+1 < len(text) && text[i+1] == '\'' {
				b.WriteByte('\'')
				i++
				continue
			}
			return b.String(), i + 1, true
		default:
			b.WriteByte(text[i])
		}
	}
	return "", 0, false
}

// flowList reads a one-line [a, b] of scalars.
func (p *fastParser) flowList(text string, at int) *yaml.Node {
	li := p.i
	n := p.node()
	*n = yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle, Line: li + 1, Column: col(text, at)}
	mark := len(p.stack)
	defer func() { n.Content = p.content(mark) }()
	i := at + 1
	for {
		for i < len(text) && text[i] == ' ' {
			i++
		}
		if i >= len(text) {
			p.giveUp = true
			return n
		}
		if text[i] == ']' && len(p.stack) == mark {
			i++
			break
		}
		var item *yaml.Node
		switch c := text[i]; {
		case c == '"' || c == '\'':
			val, end, ok := quoted(text, i)
			if !ok {
				p.giveUp = true
				return n
			}
			style := yaml.DoubleQuotedStyle
			if c == '\'' {
				style = yaml.SingleQuotedStyle
			}
			item = p.node()
			*item = yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: style, Value: val, Line: li + 1, Column: col(text, i)}
			i = end
		case plainStart(text, i, true):
			j := i
			for j < len(text) && strings.IndexByte(",?[]{}#:\t", text[j]) < 0 {
				j++
			}
			if j == len(text) || strings.IndexByte(",]", text[j]) < 0 {
				p.giveUp = true
				return n
			}
			item = p.scalar(strings.TrimRight(text[i:j], " "), li+1, col(text, i))
			i = j
		default:
			p.giveUp = true
			return n
		}
		p.stack = append(p.stack, item)
		for i < len(text) && text[i] == ' ' {
			i++
		}
		if i < len(text) && text[i] == ',' {
			i++
			continue
		}
		if i < len(text) && text[i] == ']' {
			i++
			break
		}
		p.giveUp = true
		return n
	}
	if !onlyComment(text, i) {
		p.giveUp = true
	}
	return n
}

// literal reads a | block scalar whose indicator is at text[at]; its parent is
// indented by ind.
func (p *fastParser) literal(ind int, text string, at int) *yaml.Node {
	li := p.i
	chomp := byte(0)
	i := at + 1
	if i < len(text) && (text[i] == '-' || text[i] == '+') {
		chomp = text[i]
		i++
	}
	if chomp == '+' || i < len(text) && text[i] != ' ' || !onlyComment(text, i) {
		p.giveUp = true // keep chomping, indentation indicators: yaml.v3's
		return nil
	}
	n := p.node()
	*n = yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.LiteralStyle, Line: li + 1, Column: col(text, at)}
	// The content's indentation is that of its first non-blank line.
	j := li + 1
	leading := 0
	for j < len(p.lines) && strings.TrimLeft(p.lines[j].text, " ") == "" {
		leading = max(leading, len(p.lines[j].text))
		j++
	}
	if j == len(p.lines) || p.lines[j].indent <= ind {
		// Empty: the next line belongs to the parent.
		if leading > ind {
			p.giveUp = true
			return n
		}
		p.i = j
		return n
	}
	width := p.lines[j].indent
	// While yaml.v3 detects the indentation, a tab after it is an error.
	if leading > width || p.lines[j].text[width] == '\t' {
		p.giveUp = true
		return n
	}
	// Find the end, then copy once.
	end, size := li+1, 0
	for ; end < len(p.lines); end++ {
		t := p.lines[end].text
		if p.lines[end].indent < width && strings.TrimLeft(t, " ") != "" {
			break
		}
		size += len(t) + 1
	}
	var b strings.Builder
	b.Grow(size)
	blanks := 0    // blank lines not yet written: kept only if content follows
	lastLine := -1 // the last content line
	for j = li + 1; j < end; j++ {
		t := p.lines[j].text
		if strings.TrimLeft(t, " ") == "" {
			if len(t) > width {
				p.giveUp = true // spaces past the indentation: leave to yaml.v3
				return n
			}
			blanks++
			continue
		}
		if p.lines[j].indent < width {
			if t[p.lines[j].indent] == '\t' {
				p.giveUp = true
				return n
			}
			break
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		for ; blanks > 0; blanks-- {
			b.WriteByte('\n')
		}
		b.WriteString(t[width:])
		lastLine = j
	}
	// Clip keeps the line break after the last line, if there is one.
	if chomp == 0 && !(lastLine == len(p.lines)-1 && !strings.HasSuffix(p.src, "\n")) {
		b.WriteByte('\n')
	}
	n.Value = b.String()
	p.i = j
	return n
}

// sequence reads a block sequence whose "-" are at offset ind.
func (p *fastParser) sequence(ind int) *yaml.Node {
	s := p.node()
	*s = yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	mark := len(p.stack)
	defer func() { s.Content = p.content(mark) }()
	for !p.giveUp {
		p.skipBlank()
		if p.i >= len(p.lines) {
			break
		}
		l := p.lines[p.i]
		if l.indent < ind {
			break
		}
		r := l.text[ind:]
		if l.indent > ind || !(r == "-" || strings.HasPrefix(r, "- ")) {
			if l.indent == ind {
				break // the next key of an indentless sequence's parent
			}
			p.giveUp = true
			break
		}
		if len(p.stack) == mark {
			s.Line, s.Column = p.i+1, col(l.text, ind)
		}
		at := ind + 1
		for at < len(l.text) && l.text[at] == ' ' {
			at++
		}
		if at == len(l.text) || l.text[at] == '#' || l.text[at] == '\t' {
			p.giveUp = true // an empty item or one on the lines below: rare, yaml.v3's
			break
		}
		var item *yaml.Node
		if keyEnd(l.text, at) >= 0 {
			item = p.mapping(at, true)
		} else {
			item = p.inline(ind, l.text, at)
		}
		p.stack = append(p.stack, item)
	}
	return s
}

// scalar makes a plain scalar node, tagged as yaml.v3 resolves it.
func (p *fastParser) scalar(val string, line, column int) *yaml.Node {
	n := p.node()
	*n = yaml.Node{Kind: yaml.ScalarNode, Tag: resolveTag(val), Value: val, Line: line, Column: column}
	return n
}

var yamlStyleFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// resolveTag is the implicit tag yaml.v3 (resolve.go, v3.0.1) gives a plain scalar.
func resolveTag(in string) string {
	if in == "" {
		return "!!null"
	}
	switch c := in[0]; {
	case c == '+' || c == '-' || c >= '0' && c <= '9':
	case c == '.':
		switch in {
		case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF":
			return "!!float"
		}
		if _, err := strconv.ParseFloat(in, 64); err == nil {
			return "!!float"
		}
		return "!!str"
	case strings.IndexByte("yYnNtTfFoO~", c) >= 0:
		switch in {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return "!!bool"
		case "~", "null", "Null", "NULL":
			return "!!null"
		}
		return "!!str"
	case in == "<<":
		return "!!merge"
	default:
		return "!!str"
	}
	switch in {
	case "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
		return "!!float"
	}
	if isTimestamp(in) {
		return "!!timestamp"
	}
	plain := in
	if strings.IndexByte(in, '_') >= 0 {
		plain = strings.ReplaceAll(in, "_", "")
	}
	// Numbers hold only these characters, and a sign only first, after an exponent, or
	// (yaml.v3 parses the digits apart) after a 0b or 0o prefix; the checks below skip
	// calls that could only fail (and allocate their error).
	binOct := false
	for _, pre := range []string{"0b", "-0b", "0o", "-0o"} {
		binOct = binOct || strings.HasPrefix(plain, pre)
	}
	for i := 0; i < len(plain) && !binOct; i++ {
		c := plain[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '+' || c == '-') ||
			(c == '+' || c == '-') && i > 0 && plain[i-1] != 'e' && plain[i-1] != 'E' {
			return "!!str"
		}
	}
	if intSyntax(plain) {
		if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
			return "!!int"
		}
		if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
			return "!!int"
		}
	}
	if yamlStyleFloat.MatchString(plain) {
		if _, err := strconv.ParseFloat(plain, 64); err == nil {
			return "!!float"
		}
	}
	for _, pre := range []struct {
		prefix string
		base   int
	}{{"0b", 2}, {"-0b", 2}, {"0o", 8}, {"-0o", 8}} {
		if strings.HasPrefix(plain, pre.prefix) {
			digits := plain[len(pre.prefix):]
			if pre.prefix[0] == '-' {
				digits = "-" + digits
			}
			if _, err := strconv.ParseInt(digits, pre.base, 64); err == nil {
				return "!!int"
			}
			if pre.prefix[0] != '-' {
				if _, err := strconv.ParseUint(digits, pre.base, 64); err == nil {
					return "!!int"
				}
			}
			break
		}
	}
	return "!!str"
}

// intSyntax reports whether strconv.ParseInt(s, 0, 64) could accept s: a sign, then
// digits or a base prefix.
func intSyntax(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if len(s) >= 2 && s[0] == '0' && strings.IndexByte("xXoObB", s[1]) >= 0 {
		return true
	}
	return s != "" && allIn(s, 1, len(s), isDigit)
}

// timestampFormats are yaml.v3's (resolve.go), the date alone first: only whether one
// parses matters, and dates are what testimonies hold.
var timestampFormats = []string{
	"2006-1-2",
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
}

// isTimestamp is yaml.v3's parseTimestamp, for the tag only.
func isTimestamp(s string) bool {
	i := 0
	for ; i < len(s); i++ {
		if c := s[i]; c < '0' || c > '9' {
			break
		}
	}
	if i != 4 || i == len(s) || s[i] != '-' || strings.Count(s, "-") < 2 {
		return false // every format starts with a year, a month and a day
	}
	for _, f := range timestampFormats {
		if _, err := time.Parse(f, s); err == nil {
			return true
		}
	}
	return false
}
