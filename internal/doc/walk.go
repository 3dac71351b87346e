package doc

import (
	"fmt"
	"iter"
	"strings"
)

// Role says what kind of text a [Piece] is, so that a scanner or a word counter can
// choose what to look at.
type Role int

const (
	RoleMeta     Role = iota // title, author, subject, keywords of the metadata
	RoleCover                // front matter
	RoleHeading              // heading text, annex labels and titles
	RoleBody                 // paragraphs, list items, quotations
	RoleFootnote             // footnote text
	RoleTable                // table captions and cells
	RoleChart                // chart titles, labels, units and captions
	RoleCode                 // preformatted text and code spans
	RoleCase                 // case ids of case references
	RoleURL                  // targets of external links
)

var roleNames = [...]string{"meta", "cover", "heading", "body", "footnote", "table", "chart", "code", "case", "url"}

func (r Role) String() string {
	if int(r) < len(roleNames) {
		return roleNames[r]
	}
	return fmt.Sprintf("Role(%d)", int(r))
}

// Piece is one piece of the text of a document.
type Piece struct {
	Text string
	Role Role
	// Where locates the piece for messages, e.g. "block 4 (paragraph)",
	// "annex 1, block 2 (table), row 3, cell 1", "meta title".
	Where string
}

// Pieces yields every piece of text of the document, in reading order: metadata,
// then blocks with their inlines, footnote text at its reference, table cells, chart
// titles and labels, and the URLs of external links. Text that writers generate
// (numbers, "Page 3 of 12", list labels) is not included. Source protection scans
// final text through it; word counters count through it.
func Pieces(d *Document) iter.Seq[Piece] {
	return func(yield func(Piece) bool) {
		w := walker{yield: yield}
		w.meta(&d.Meta)
		w.blocks(d.Blocks, "")
	}
}

// PlainText returns the text of inline content as it reads, without markup: footnote
// text is left out, case references read as their content or id, line breaks as spaces.
func PlainText(content []Inline) string {
	var b strings.Builder
	plain(&b, content)
	return b.String()
}

func plain(b *strings.Builder, content []Inline) {
	for _, in := range content {
		switch x := in.(type) {
		case *Text:
			b.WriteString(x.Text)
		case *Emph:
			plain(b, x.Content)
		case *Strong:
			plain(b, x.Content)
		case *CodeSpan:
			b.WriteString(x.Text)
		case *Link:
			plain(b, x.Content)
		case *CaseRef:
			if x.Content != nil {
				plain(b, x.Content)
			} else {
				b.WriteString(x.CaseID)
			}
		case *LineBreak:
			b.WriteByte(' ')
		}
	}
}

type walker struct {
	yield func(Piece) bool
	stop  bool
}

func (w *walker) emit(text string, role Role, where string) {
	if w.stop || text == "" {
		return
	}
	if !w.yield(Piece{Text: text, Role: role, Where: where}) {
		w.stop = true
	}
}

func (w *walker) meta(m *Meta) {
	w.emit(m.Title, RoleMeta, "meta title")
	w.emit(m.Author, RoleMeta, "meta author")
	w.emit(m.Subject, RoleMeta, "meta subject")
	for i, k := range m.Keywords {
		w.emit(k, RoleMeta, fmt.Sprintf("meta keyword %d", i+1))
	}
}

func blockKind(b Block) string {
	switch b.(type) {
	case *Heading:
		return "heading"
	case *Paragraph:
		return "paragraph"
	case *List:
		return "list"
	case *Table:
		return "table"
	case *Chart:
		return "chart"
	case *Cover:
		return "cover"
	case *Annex:
		return "annex"
	case *Quote:
		return "quote"
	case *Code:
		return "code"
	case *Rule:
		return "rule"
	case *PageBreak:
		return "page break"
	}
	return "block"
}

func (w *walker) blocks(bs []Block, prefix string) {
	for i, b := range bs {
		if w.stop {
			return
		}
		where := fmt.Sprintf("%sblock %d (%s)", prefix, i+1, blockKind(b))
		w.block(b, where, RoleBody)
	}
}

func (w *walker) block(b Block, where string, role Role) {
	switch x := b.(type) {
	case *Heading:
		w.inlines(x.Text, RoleHeading, where)
	case *Paragraph:
		w.inlines(x.Content, role, where)
	case *List:
		w.list(x, where, role)
	case *Table:
		w.inlines(x.Caption, RoleTable, where+", caption")
		rows := append(append([]*Row{}, x.Header...), x.Rows...)
		for r, row := range rows {
			for c, cell := range row.Cells {
				w.inlines(cell.Content, RoleTable, fmt.Sprintf("%s, row %d, cell %d", where, r+1, c+1))
			}
		}
	case *Chart:
		w.emit(x.Title, RoleChart, where+", title")
		for j, l := range x.Labels {
			w.emit(l, RoleChart, fmt.Sprintf("%s, label %d", where, j+1))
		}
		w.emit(x.Unit, RoleChart, where+", unit")
		w.inlines(x.Caption, RoleChart, where+", caption")
	case *Cover:
		for _, s := range []string{x.Organ, x.Symbol, x.Distribution, x.Date, x.Original} {
			w.emit(s, RoleCover, where)
		}
		for _, s := range x.Session {
			w.emit(s, RoleCover, where)
		}
		w.inlines(x.Title, RoleCover, where+", title")
		w.inlines(x.Subtitle, RoleCover, where+", subtitle")
		w.inlines(x.Submitter, RoleCover, where+", submitter")
		for j, sb := range x.Summary {
			w.block(sb, fmt.Sprintf("%s, summary block %d", where, j+1), RoleCover)
		}
	case *Annex:
		w.emit(x.Label, RoleHeading, where+", label")
		w.inlines(x.Title, RoleHeading, where+", title")
		w.blocks(x.Blocks, where+", ")
	case *Quote:
		for j, qb := range x.Blocks {
			w.block(qb, fmt.Sprintf("%s, block %d", where, j+1), role)
		}
	case *Code:
		w.emit(x.Text, RoleCode, where)
	}
}

func (w *walker) list(l *List, where string, role Role) {
	for j, it := range l.Items {
		iw := fmt.Sprintf("%s, item %d", where, j+1)
		w.inlines(it.Content, role, iw)
		if it.Sub != nil {
			w.list(it.Sub, iw, role)
		}
	}
}

func (w *walker) inlines(content []Inline, role Role, where string) {
	for _, in := range content {
		if w.stop {
			return
		}
		switch x := in.(type) {
		case *Text:
			w.emit(x.Text, role, where)
		case *Emph:
			w.inlines(x.Content, role, where)
		case *Strong:
			w.inlines(x.Content, role, where)
		case *CodeSpan:
			w.emit(x.Text, RoleCode, where)
		case *Link:
			w.inlines(x.Content, role, where)
			if !strings.HasPrefix(x.Href, "#") {
				w.emit(x.Href, RoleURL, where)
			}
		case *Footnote:
			// The mark is printed too (*, ** …): every printed string is walked, so
			// that the leak scan sees all of a document, whatever its fields hold.
			w.emit(x.Mark, RoleFootnote, where+", footnote mark")
			w.inlines(x.Content, RoleFootnote, where+", footnote")
		case *CaseRef:
			w.emit(x.CaseID, RoleCase, where)
			w.inlines(x.Content, role, where)
		}
	}
}
