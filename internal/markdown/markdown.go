// Package markdown reads Markdown (CommonMark with GFM tables and footnotes, by
// goldmark) into the document model of internal/doc. Writers never see Markdown.
//
// Beyond CommonMark:
//
//   - An optional YAML front matter block (between "---" lines at the very top) gives
//     the metadata and the cover: title, subtitle, author, subject, keywords, lang, date
//     (YYYY-MM-DD, the creation date), and masthead, organ, symbol, distribution,
//     cover_date, original, session (list), submitter for the cover. A document with a
//     symbol is a UN document and gets the "United Nations" masthead unless masthead
//     says otherwise; an NGO's own paper puts its name in masthead.
//   - Headings map to the UN hierarchy: # → I., ## → A., ### → 1.; a level-1 heading
//     that begins with "Annex", "Annexe" or "부속서" (or carries {.annex}) starts an
//     annex that runs to the next such heading or the end. {#id} sets an anchor; other
//     headings get one from their text.
//   - Body paragraphs become numbered paragraphs when the caller asks (filings).
//   - Ordered lists are labelled (a), (b) … with (i), (ii) … below; bullets stay bullets.
//   - A link to "case:ID" is a case reference; it targets the anchor "case-ID", which a
//     table row whose first cell reads ID, or a heading that begins with ID, receives.
//   - A fenced code block of language "chart" is a bar chart: YAML with title, unit,
//     caption and data (a mapping of label to value, in order).
//   - The comment <!-- pagebreak --> starts a new page. Any other raw HTML is dropped
//     with a warning: it is never passed through.
//
// Problems are reported as path:line:col diagnostics (internal/diag).
package markdown

import (
	"bytes"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"gopkg.in/yaml.v3"

	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/doc"
)

// Options control how Markdown is read.
type Options struct {
	// Path names the file in diagnostics.
	Path string
	// Numbered makes body paragraphs numbered paragraphs (1., 2. … in the margin), as
	// in filings; otherwise they are plain.
	Numbered bool
	// Lang is the document language when the front matter does not give one; empty
	// means guess from the text (Hangul → ko, French marks → fr, else en).
	Lang string
}

// Parse reads src into a document. The diagnostics include warnings; the document is
// usable when diags.Err() is nil.
func Parse(src []byte, opts Options) (*doc.Document, diag.List) {
	p := &reader{opts: opts, src: src}
	p.lines = lineStarts(src)
	body, base := p.frontMatter()
	p.base = base
	p.body = body
	lang := p.meta.Lang
	if lang == "" {
		lang = opts.Lang
	}
	if lang == "" {
		lang = GuessLang(body)
	}
	p.meta.Lang = lang
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Footnote,
			extension.NewTypographer(extension.WithTypographicSubstitutions(quotes(lang)))),
		goldmark.WithParserOptions(parser.WithAttribute(), parser.WithAutoHeadingID()),
	)
	root := md.Parser().Parse(text.NewReader(body))
	d := &doc.Document{Meta: p.meta}
	p.footnoteDefs(root)
	blocks := p.blocks(root)
	if p.cover != nil {
		blocks = append([]doc.Block{p.cover}, blocks...)
	}
	d.Blocks = p.annexes(blocks)
	if d.Meta.Title == "" {
		for _, b := range d.Blocks {
			if h, ok := b.(*doc.Heading); ok {
				d.Meta.Title = doc.PlainText(h.Text)
				break
			}
		}
	}
	p.anchorCases(d)
	p.checkLinks(d)
	p.diags.Sort()
	return d, p.diags
}

// GuessLang guesses the language of text: "ko" if it has Hangul, "fr" if it has
// French letters or guillemets, else "en".
func GuessLang(src []byte) string {
	hangul, fr := 0, 0
	for _, r := range string(src) {
		switch {
		case r >= 0xAC00 && r <= 0xD7A3:
			hangul++
		case strings.ContainsRune("éèêàçùœëîôûâ«»", r):
			fr++
		}
	}
	switch {
	case hangul > 20 || hangul > 0 && hangul >= fr:
		return "ko"
	case fr > 5:
		return "fr"
	}
	return "en"
}

func quotes(lang string) map[extension.TypographicPunctuation]string {
	m := map[extension.TypographicPunctuation]string{
		extension.LeftSingleQuote:  "‘",
		extension.RightSingleQuote: "’",
		extension.LeftDoubleQuote:  "“",
		extension.RightDoubleQuote: "”",
		extension.Apostrophe:       "’",
		extension.EnDash:           "–",
		extension.EmDash:           "—",
		extension.Ellipsis:         "…",
		extension.LeftAngleQuote:   "«",
		extension.RightAngleQuote:  "»",
	}
	if lang == "fr" {
		m[extension.LeftDoubleQuote] = "«"
		m[extension.RightDoubleQuote] = "»"
	}
	return m
}

type reader struct {
	opts  Options
	src   []byte // the whole file
	body  []byte // after the front matter
	base  int    // offset of body in src
	lines []int  // byte offsets of line starts in src
	diags diag.List
	meta  doc.Meta
	cover *doc.Cover
	notes map[int]*doc.Footnote // footnote definitions by goldmark index
	cases map[string]bool       // case ids referenced
	refs  []ref                 // internal links and case references, checked at the end
}

type ref struct {
	anchor  string
	off     int
	caseRef *doc.CaseRef
}

func lineStarts(src []byte) []int {
	ls := []int{0}
	for i, c := range src {
		if c == '\n' {
			ls = append(ls, i+1)
		}
	}
	return ls
}

// at converts an offset in src to a 1-based line and column (in characters).
func (p *reader) at(off int) (line, col int) {
	if off < 0 {
		return 0, 0
	}
	off = min(off, len(p.src))
	lo, hi := 0, len(p.lines)
	for lo+1 < hi {
		m := (lo + hi) / 2
		if p.lines[m] <= off {
			lo = m
		} else {
			hi = m
		}
	}
	return lo + 1, utf8.RuneCount(p.src[p.lines[lo]:off]) + 1
}

// offset returns the offset in src of node n (or of the nearest thing before it).
func (p *reader) offset(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if t, ok := n.(*ast.Text); ok {
			return p.base + t.Segment.Start
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return p.base + n.Lines().At(0).Start
		}
		if pos := n.Pos(); pos >= 0 {
			return p.base + pos
		}
		for c := n.FirstChild(); c != nil; c = c.FirstChild() {
			if t, ok := c.(*ast.Text); ok {
				return p.base + t.Segment.Start
			}
			if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
				return p.base + c.Lines().At(0).Start
			}
		}
	}
	return -1
}

func (p *reader) errorf(n ast.Node, format string, args ...any) {
	l, c := p.at(p.offset(n))
	p.diags.Errorf(p.opts.Path, l, c, format, args...)
}

func (p *reader) warnf(n ast.Node, format string, args ...any) {
	l, c := p.at(p.offset(n))
	p.diags.Warnf(p.opts.Path, l, c, format, args...)
}

// frontMatter reads the YAML front matter, if any, and returns the body after it.
func (p *reader) frontMatter() ([]byte, int) {
	src := p.src
	bom := 0
	if bytes.HasPrefix(src, []byte("\xEF\xBB\xBF")) {
		bom = 3
	}
	s := src[bom:]
	if !bytes.HasPrefix(s, []byte("---\n")) && !bytes.HasPrefix(s, []byte("---\r\n")) {
		return src[bom:], bom
	}
	first := bytes.IndexByte(s, '\n') + 1
	end := -1
	for i := first; i < len(s); {
		j := bytes.IndexByte(s[i:], '\n')
		line := s[i:]
		next := len(s)
		if j >= 0 {
			line = s[i : i+j]
			next = i + j + 1
		}
		t := strings.TrimRight(string(line), "\r ")
		if t == "---" || t == "..." {
			end = i
			first2 := next
			p.parseMeta(s[first:end], bom+first)
			return s[first2:], bom + first2
		}
		i = next
	}
	p.diags.Errorf(p.opts.Path, 1, 1, "front matter starts with --- but has no closing --- line")
	return s, bom
}

type frontMatter struct {
	Title        string   `yaml:"title"`
	Subtitle     string   `yaml:"subtitle"`
	Author       string   `yaml:"author"`
	Subject      string   `yaml:"subject"`
	Keywords     []string `yaml:"keywords"`
	Lang         string   `yaml:"lang"`
	Date         string   `yaml:"date"`
	Masthead     string   `yaml:"masthead"`
	Organ        string   `yaml:"organ"`
	Symbol       string   `yaml:"symbol"`
	Distribution string   `yaml:"distribution"`
	CoverDate    string   `yaml:"cover_date"`
	Original     string   `yaml:"original"`
	Session      []string `yaml:"session"`
	Submitter    string   `yaml:"submitter"`
}

func (p *reader) parseMeta(y []byte, off int) {
	var fm frontMatter
	dec := yaml.NewDecoder(bytes.NewReader(y))
	dec.KnownFields(true)
	if err := dec.Decode(&fm); err != nil && err.Error() != "EOF" {
		l, c := p.at(off)
		msg := err.Error()
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			l += n - 1
			c = 1
			msg = yamlLine.ReplaceAllString(msg, "")
		}
		p.diags.Errorf(p.opts.Path, l, c, "front matter: %s", strings.TrimPrefix(msg, "yaml: "))
		return
	}
	switch fm.Lang {
	case "", "en", "fr", "ko":
	default:
		l, _ := p.at(off)
		p.diags.Errorf(p.opts.Path, l, 1, "front matter: lang %q is not one of en, fr, ko", fm.Lang)
		fm.Lang = ""
	}
	for _, s := range []*string{&fm.Title, &fm.Subtitle, &fm.Author, &fm.Subject, &fm.Masthead, &fm.Organ, &fm.Submitter, &fm.Original, &fm.CoverDate, &fm.Distribution} {
		*s = apostrophes(*s)
	}
	for i := range fm.Session {
		fm.Session[i] = apostrophes(fm.Session[i])
	}
	p.meta = doc.Meta{Title: fm.Title, Author: fm.Author, Subject: fm.Subject, Keywords: fm.Keywords, Lang: fm.Lang}
	if fm.Date != "" {
		t, err := time.Parse("2006-01-02", fm.Date)
		if err != nil {
			l, _ := p.at(off)
			p.diags.Errorf(p.opts.Path, l, 1, "front matter: date %q is not YYYY-MM-DD", fm.Date)
		} else {
			p.meta.Created = t.UTC()
		}
	}
	if fm.Masthead != "" || fm.Organ != "" || fm.Symbol != "" || fm.Subtitle != "" || fm.Submitter != "" || len(fm.Session) > 0 || fm.CoverDate != "" {
		c := &doc.Cover{Masthead: fm.Masthead, Organ: fm.Organ, Symbol: fm.Symbol, Distribution: fm.Distribution, Date: fm.CoverDate,
			Original: fm.Original, Session: fm.Session}
		if fm.Title != "" {
			c.Title = doc.T(fm.Title)
		}
		if fm.Subtitle != "" {
			c.Subtitle = doc.T(fm.Subtitle)
		}
		if fm.Submitter != "" {
			c.Submitter = doc.T(fm.Submitter)
		}
		p.cover = c
	}
}

// apostrophes turns a straight apostrophe between letters into ’, as the typographer
// does for the body (front matter does not go through goldmark).
func apostrophes(s string) string {
	if !strings.Contains(s, "'") {
		return s
	}
	rs := []rune(s)
	for i, r := range rs {
		if r == '\'' && i > 0 && unicode.IsLetter(rs[i-1]) {
			rs[i] = '’'
		}
	}
	return string(rs)
}

var yamlLine = regexp.MustCompile(`line (\d+): `)

// footnoteDefs collects the footnote definitions goldmark gathered at the end.
func (p *reader) footnoteDefs(root ast.Node) {
	p.notes = map[int]*doc.Footnote{}
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		fl, ok := n.(*east.FootnoteList)
		if !ok {
			continue
		}
		for c := fl.FirstChild(); c != nil; c = c.NextSibling() {
			fn, ok := c.(*east.Footnote)
			if !ok {
				continue
			}
			note := &doc.Footnote{}
			for b := fn.FirstChild(); b != nil; b = b.NextSibling() {
				if len(note.Content) > 0 {
					note.Content = append(note.Content, &doc.Text{Text: " "})
				}
				switch b.Kind() {
				case ast.KindParagraph, ast.KindTextBlock:
					note.Content = append(note.Content, p.inlines(b)...)
				default:
					p.warnf(b, "only text is supported in footnotes; this %s is dropped", kindName(b))
				}
			}
			p.notes[fn.Index] = note
		}
	}
}

func kindName(n ast.Node) string {
	switch n.Kind() {
	case ast.KindFencedCodeBlock, ast.KindCodeBlock:
		return "code block"
	case ast.KindList:
		return "list"
	case ast.KindBlockquote:
		return "block quotation"
	case east.KindTable:
		return "table"
	case ast.KindHeading:
		return "heading"
	}
	return strings.ToLower(n.Kind().String())
}

func (p *reader) blocks(parent ast.Node) []doc.Block {
	var out []doc.Block
	lastLevel := 0
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch x := n.(type) {
		case *ast.Heading:
			h := &doc.Heading{Level: x.Level, Text: p.inlines(x)}
			if id, ok := x.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					h.Anchor = string(b)
				}
			}
			if cls, ok := x.AttributeString("class"); ok {
				if b, ok := cls.([]byte); ok && strings.Contains(" "+string(b)+" ", " unnumbered ") {
					h.Unnumbered = true
				}
				if b, ok := cls.([]byte); ok && strings.Contains(" "+string(b)+" ", " annex ") {
					h.Number = annexMark
				}
			}
			if x.Level > lastLevel+1 && parent.Kind() == ast.KindDocument {
				p.warnf(x, "heading level %d follows level %d; UN documents go I. → A. → 1. without skipping", x.Level, lastLevel)
			}
			lastLevel = x.Level
			out = append(out, h)
		case *ast.Paragraph, *ast.TextBlock:
			content := p.inlines(n)
			if len(content) == 0 {
				continue
			}
			out = append(out, &doc.Paragraph{Numbered: p.opts.Numbered && parent.Kind() == ast.KindDocument, Content: content})
		case *ast.List:
			out = append(out, p.list(x, 0))
		case *ast.Blockquote:
			out = append(out, &doc.Quote{Blocks: p.blocks(x)})
		case *ast.FencedCodeBlock:
			lang := string(x.Language(p.body))
			body := p.codeText(x)
			if lang == "chart" {
				if c := p.chart(x, body); c != nil {
					out = append(out, c)
				}
				continue
			}
			out = append(out, &doc.Code{Text: body})
		case *ast.CodeBlock:
			out = append(out, &doc.Code{Text: p.codeText(x)})
		case *ast.ThematicBreak:
			out = append(out, &doc.Rule{})
		case *ast.HTMLBlock:
			raw := strings.TrimSpace(p.codeText(x))
			if x.HasClosure() {
				raw += string(x.ClosureLine.Value(p.body))
			}
			if isPageBreak(raw) {
				out = append(out, &doc.PageBreak{})
				continue
			}
			if strings.HasPrefix(raw, "<!--") {
				continue // comments are the author's notes
			}
			p.warnf(x, "raw HTML is not passed through; this HTML block is dropped")
		case *east.Table:
			out = append(out, p.table(x))
		case *east.FootnoteList:
			// definitions were read by footnoteDefs
		case *ast.LinkReferenceDefinition:
		default:
			p.warnf(n, "unsupported Markdown (%s) is dropped", kindName(n))
		}
	}
	return out
}

func isPageBreak(raw string) bool {
	s := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(raw, "<!--"), "-->"))
	return strings.HasPrefix(raw, "<!--") && (strings.EqualFold(s, "pagebreak") || strings.EqualFold(s, "page break") || strings.EqualFold(s, "newpage"))
}

func (p *reader) codeText(n ast.Node) string {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(p.body))
	}
	return strings.TrimRight(b.String(), "\n")
}

func (p *reader) list(l *ast.List, depth int) *doc.List {
	dl := &doc.List{Style: doc.ListBullet}
	if l.IsOrdered() {
		dl.Style = doc.ListAuto
		if l.Start > 1 {
			dl.Start = l.Start
		}
	}
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		item := &doc.ListItem{}
		for c := it.FirstChild(); c != nil; c = c.NextSibling() {
			switch x := c.(type) {
			case *ast.Paragraph, *ast.TextBlock:
				if len(item.Content) > 0 {
					item.Content = append(item.Content, &doc.LineBreak{})
				}
				item.Content = append(item.Content, p.inlines(x)...)
			case *ast.List:
				if item.Sub != nil {
					p.warnf(x, "a list item holds two sub-lists; the second is joined to the first")
					item.Sub.Items = append(item.Sub.Items, p.list(x, depth+1).Items...)
					continue
				}
				item.Sub = p.list(x, depth+1)
			default:
				p.warnf(c, "a %s inside a list item is not supported and is dropped", kindName(c))
			}
		}
		dl.Items = append(dl.Items, item)
	}
	return dl
}

func (p *reader) table(t *east.Table) *doc.Table {
	dt := &doc.Table{}
	for _, a := range t.Alignments {
		switch a {
		case east.AlignLeft:
			dt.Align = append(dt.Align, doc.AlignLeft)
		case east.AlignRight:
			dt.Align = append(dt.Align, doc.AlignRight)
		case east.AlignCenter:
			dt.Align = append(dt.Align, doc.AlignCenter)
		default:
			dt.Align = append(dt.Align, doc.AlignDefault)
		}
	}
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		row := &doc.Row{}
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			row.Cells = append(row.Cells, &doc.Cell{Content: p.inlines(c)})
		}
		if r.Kind() == east.KindTableHeader {
			dt.Header = append(dt.Header, row)
		} else {
			dt.Rows = append(dt.Rows, row)
		}
	}
	return dt
}

type chartYAML struct {
	Title   string    `yaml:"title"`
	Unit    string    `yaml:"unit"`
	Caption string    `yaml:"caption"`
	Data    yaml.Node `yaml:"data"`
}

func (p *reader) chart(n ast.Node, body string) *doc.Chart {
	var cy chartYAML
	dec := yaml.NewDecoder(strings.NewReader(body))
	dec.KnownFields(true)
	if err := dec.Decode(&cy); err != nil {
		l, c := p.at(p.offset(n))
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			k, _ := strconv.Atoi(m[1])
			l, c = l+k-1, 1
			msg = yamlLine.ReplaceAllString(msg, "")
		}
		p.diags.Errorf(p.opts.Path, l, c, "chart: %s (write title:, unit:, caption: and data: with one \"label: value\" per line; quote text that holds \": \")", msg)
		return nil
	}
	c := &doc.Chart{Title: cy.Title, Unit: cy.Unit}
	if cy.Caption != "" {
		c.Caption = doc.T(cy.Caption)
	}
	if cy.Data.Kind != yaml.MappingNode || len(cy.Data.Content) == 0 {
		p.errorf(n, "chart: data must be a mapping of label to value, one \"label: value\" per line")
		return nil
	}
	for i := 0; i+1 < len(cy.Data.Content); i += 2 {
		k, v := cy.Data.Content[i], cy.Data.Content[i+1]
		f, err := strconv.ParseFloat(v.Value, 64)
		if err != nil || f < 0 || math.IsInf(f, 0) || math.IsNaN(f) {
			l, _ := p.at(p.offset(n))
			p.diags.Errorf(p.opts.Path, l+v.Line-1, v.Column, "chart: value %q of %q is not a number ≥ 0", v.Value, k.Value)
			return nil
		}
		c.Labels = append(c.Labels, k.Value)
		c.Values = append(c.Values, f)
	}
	return c
}

const annexMark = "\x00annex"

var annexWord = regexp.MustCompile(`^(?i:annex|annexe|appendix)\b|^부속서|^부록`)

// annexes turns each level-1 annex heading and what follows into an Annex block.
func (p *reader) annexes(blocks []doc.Block) []doc.Block {
	var out []doc.Block
	var cur *doc.Annex
	for _, b := range blocks {
		if h, ok := b.(*doc.Heading); ok && h.Level == 1 && (h.Number == annexMark || annexWord.MatchString(doc.PlainText(h.Text))) {
			h.Number = ""
			cur = &doc.Annex{Anchor: h.Anchor}
			label, title := splitAnnex(h.Text)
			cur.Label, cur.Title = label, title
			out = append(out, cur)
			continue
		}
		if cur != nil {
			if pp, ok := b.(*doc.Paragraph); ok {
				pp.Numbered = false // annexes carry plain paragraphs
			}
			cur.Blocks = append(cur.Blocks, b)
			continue
		}
		out = append(out, b)
	}
	return out
}

var annexLabel = regexp.MustCompile(`^((?i:annexe|annex|appendix)(\s+[IVXLC\d]+)?|부속서(\s*[IVXLC\d]+)?|부록(\s*[IVXLC\d]+)?)\s*[:.—–-]?\s*`)

// splitAnnex splits "Annex I: List of cases" into the label "Annex I" and the title.
func splitAnnex(content []doc.Inline) (string, []doc.Inline) {
	if len(content) == 0 {
		return "", nil
	}
	t, ok := content[0].(*doc.Text)
	if !ok {
		return "", content
	}
	m := annexLabel.FindStringSubmatch(t.Text)
	if m == nil {
		return "", content
	}
	label := strings.TrimSpace(m[1])
	rest := t.Text[len(m[0]):]
	title := append([]doc.Inline{}, content[1:]...)
	if rest != "" {
		title = append([]doc.Inline{&doc.Text{Text: rest}}, title...)
	}
	return label, title
}

func (p *reader) inlines(parent ast.Node) []doc.Inline {
	var out []doc.Inline
	appendText := func(s string) {
		if s == "" {
			return
		}
		if n := len(out); n > 0 {
			if t, ok := out[n-1].(*doc.Text); ok {
				t.Text += s
				return
			}
		}
		out = append(out, &doc.Text{Text: s})
	}
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch x := n.(type) {
		case *ast.Text:
			s := string(x.Segment.Value(p.body))
			if strings.Contains(s, "[^") {
				p.warnf(x, "%q looks like a footnote reference with no definition", s)
			}
			appendText(s)
			if x.HardLineBreak() {
				out = append(out, &doc.LineBreak{})
			} else if x.SoftLineBreak() {
				appendText(" ")
			}
		case *ast.String:
			appendText(string(x.Value))
		case *ast.Emphasis:
			if x.Level >= 2 {
				out = append(out, &doc.Strong{Content: p.inlines(x)})
			} else {
				out = append(out, &doc.Emph{Content: p.inlines(x)})
			}
		case *ast.CodeSpan:
			var b strings.Builder
			for c := x.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					b.Write(t.Segment.Value(p.body))
				} else if s, ok := c.(*ast.String); ok {
					b.Write(s.Value)
				}
			}
			out = append(out, &doc.CodeSpan{Text: b.String()})
		case *ast.Link:
			dest := string(x.Destination)
			content := p.inlines(x)
			if id, ok := strings.CutPrefix(dest, "case:"); ok {
				if id == "" {
					p.errorf(x, "case reference with no case id (write [text](case:ID))")
					continue
				}
				if p.cases == nil {
					p.cases = map[string]bool{}
				}
				p.cases[id] = true
				cr := &doc.CaseRef{CaseID: id, Anchor: "case-" + id}
				if doc.PlainText(content) != id {
					cr.Content = content
				}
				p.refs = append(p.refs, ref{anchor: cr.Anchor, off: p.offset(x), caseRef: cr})
				out = append(out, cr)
				continue
			}
			if dest == "" {
				p.warnf(x, "link with no target; its text is kept")
				out = append(out, content...)
				continue
			}
			if id, ok := strings.CutPrefix(dest, "#"); ok {
				p.refs = append(p.refs, ref{anchor: id, off: p.offset(x)})
			}
			out = append(out, &doc.Link{Href: dest, Content: content})
		case *ast.AutoLink:
			url := string(x.URL(p.body))
			label := string(x.Label(p.body))
			if x.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(url, "mailto:") {
				url = "mailto:" + url
			}
			out = append(out, &doc.Link{Href: url, Content: doc.T(label)})
		case *ast.Image:
			p.warnf(x, "images are not supported; the image's alternative text is kept")
			out = append(out, p.inlines(x)...)
		case *ast.RawHTML:
			var b strings.Builder
			for i := 0; i < x.Segments.Len(); i++ {
				seg := x.Segments.At(i)
				b.Write(seg.Value(p.body))
			}
			raw := b.String()
			switch {
			case strings.HasPrefix(raw, "<br"):
				out = append(out, &doc.LineBreak{})
			case strings.HasPrefix(raw, "<!--"):
			default:
				p.warnf(x, "raw HTML %q is not passed through and is dropped", raw)
			}
		case *east.FootnoteLink:
			note, ok := p.notes[x.Index]
			if !ok {
				p.errorf(x, "footnote %d has no definition", x.Index)
				continue
			}
			if x.RefIndex > 0 {
				// a second reference to the same note: a note of its own with the same text
				note = &doc.Footnote{Content: note.Content}
			}
			out = append(out, note)
		case *east.FootnoteBacklink:
		case *east.Strikethrough:
			p.warnf(x, "strikethrough is not used in UN documents; the text is kept without it")
			out = append(out, p.inlines(x)...)
		default:
			if n.HasChildren() {
				out = append(out, p.inlines(n)...)
			} else {
				p.warnf(n, "unsupported Markdown (%s) is dropped", n.Kind())
			}
		}
	}
	// trim spaces from soft breaks at the ends
	if k := len(out); k > 0 {
		if t, ok := out[k-1].(*doc.Text); ok {
			t.Text = strings.TrimRight(t.Text, " ")
			if t.Text == "" {
				out = out[:k-1]
			}
		}
	}
	return out
}

// anchorCases gives the anchor "case-ID" to the first table row whose first cell reads
// ID, or the first heading or paragraph that begins with ID, for each referenced case.
func (p *reader) anchorCases(d *doc.Document) {
	if len(p.cases) == 0 {
		return
	}
	taken := map[string]bool{}
	walk := func(bs []doc.Block) {
		for _, b := range bs {
			switch x := b.(type) {
			case *doc.Table:
				for _, r := range x.Rows {
					if len(r.Cells) == 0 || r.Anchor != "" {
						continue
					}
					id := strings.TrimSpace(doc.PlainText(r.Cells[0].Content))
					if p.cases[id] && !taken[id] {
						r.Anchor = "case-" + id
						taken[id] = true
					}
				}
			case *doc.Heading:
				p.anchorStart(&x.Anchor, x.Text, taken)
			case *doc.Paragraph:
				p.anchorStart(&x.Anchor, x.Content, taken)
			}
		}
	}
	// annexes first: that is where the list of cases is
	for _, b := range d.Blocks {
		if a, ok := b.(*doc.Annex); ok {
			walk(a.Blocks)
		}
	}
	walk(d.Blocks)
}

func (p *reader) anchorStart(anchor *string, content []doc.Inline, taken map[string]bool) {
	s := strings.TrimSpace(doc.PlainText(content))
	ids := make([]string, 0, len(p.cases))
	for id := range p.cases {
		ids = append(ids, id)
	}
	sort.Strings(ids) // the longest id that matches wins, whatever the map order
	for i := len(ids) - 1; i >= 0; i-- {
		id := ids[i]
		if !taken[id] && (s == id || strings.HasPrefix(s, id+" ") || strings.HasPrefix(s, id+":") || strings.HasPrefix(s, id+".")) {
			*anchor = "case-" + id
			taken[id] = true
			return
		}
	}
}

// checkLinks reports internal links without a target (an error) and case references
// without one (a warning: the reference is kept as text, without a link).
func (p *reader) checkLinks(d *doc.Document) {
	anchors := map[string]bool{}
	var collect func([]doc.Block)
	collect = func(bs []doc.Block) {
		for _, b := range bs {
			switch x := b.(type) {
			case *doc.Heading:
				anchors[x.Anchor] = true
			case *doc.Paragraph:
				anchors[x.Anchor] = true
			case *doc.Table:
				for _, r := range x.Rows {
					anchors[r.Anchor] = true
				}
			case *doc.Annex:
				anchors[x.Anchor] = true
				collect(x.Blocks)
			case *doc.Quote:
				collect(x.Blocks)
			}
		}
	}
	collect(d.Blocks)
	delete(anchors, "")
	for _, r := range p.refs {
		if anchors[r.anchor] {
			continue
		}
		l, c := p.at(r.off)
		if r.caseRef != nil {
			p.diags.Warnf(p.opts.Path, l, c, "case %s is referenced, but no table row, heading or paragraph begins with it; the reference is not a link", r.caseRef.CaseID)
			r.caseRef.Anchor = ""
			continue
		}
		p.diags.Errorf(p.opts.Path, l, c, "link to #%s, but nothing in the document has that id", r.anchor)
	}
}
