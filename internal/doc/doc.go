// Package doc is the document model every writer consumes: a UN-style document as a
// tree of blocks (headings, numbered paragraphs, lists, tables, charts, a cover, annexes)
// holding inlines (text, emphasis, links, footnotes, case references).
//
// The model is writer-neutral: it says what a thing is, never how it looks. The PDF
// writer (internal/pdf) and any later writer (Word) lay it out; the Markdown reader
// (internal/markdown) and the filings builder produce it. Numbers of headings and
// paragraphs are computed by [Numbers] so that every writer numbers alike.
//
// Blocks and inlines are pointers to the types below; writers switch on the type.
package doc

import "time"

// Document is one document: metadata and a body of blocks.
type Document struct {
	Meta   Meta
	Blocks []Block
}

// Meta is the document metadata a writer records (PDF /Info and XMP, Word core
// properties) and uses for the language of its fixed strings.
type Meta struct {
	Title    string
	Author   string
	Subject  string
	Keywords []string
	// Lang is the BCP 47 language of the document: "en", "fr" or "ko".
	Lang string
	// Created is the creation date written into the output. Writers never read the
	// clock: a zero Created means "no date" (or a fixed default), so that identical
	// inputs give identical bytes.
	Created time.Time
}

// Block is a block-level element: one of the pointer types of this package
// (*Heading, *Paragraph, *List, *Table, *Chart, *Cover, *Annex, *Quote, *Code,
// *Rule, *PageBreak).
type Block interface{ isBlock() }

// Inline is an inline element: one of *Text, *Emph, *Strong, *CodeSpan, *Link,
// *Footnote, *CaseRef, *LineBreak.
type Inline interface{ isInline() }

// Heading is a section heading. Level 1, 2 and 3 follow the UN hierarchy and are
// numbered I., A., 1. (see [Numbers]); deeper levels are unnumbered.
type Heading struct {
	Level int
	Text  []Inline
	// Number, when not empty, is used instead of the computed number (e.g. "IV.").
	Number string
	// Unnumbered headings ("Summary", "Contents") take no number and do not advance
	// the count.
	Unnumbered bool
	// Anchor is an id that links ([Link] with Href "#id", [CaseRef]) may target.
	Anchor string
}

// Paragraph is a body paragraph. Numbered paragraphs are numbered 1, 2, 3 …
// consecutively through the document body, as in UN documents (numbering restarts in
// each annex); the numbers hang in the left margin.
type Paragraph struct {
	Numbered bool
	Content  []Inline
	// Number, when not empty, replaces the computed number of a numbered paragraph.
	Number string
	Anchor string
}

// ListStyle is how list items are labelled.
type ListStyle int

const (
	// ListAuto labels by depth: (a), (b) … at the first level, (i), (ii) … below,
	// then a., b. …, then dashes.
	ListAuto ListStyle = iota
	// ListAlpha labels (a), (b), (c) …
	ListAlpha
	// ListRoman labels (i), (ii), (iii) …
	ListRoman
	// ListDecimal labels 1., 2., 3. …
	ListDecimal
	// ListBullet labels with a bullet (first level) or an en dash (below).
	ListBullet
)

// List is a list of items; an item may carry a sub-list.
type List struct {
	Style ListStyle
	Items []*ListItem
	// Start is the number of the first item (0 or 1 both mean the first label).
	Start  int
	Anchor string
}

// ListItem is one item of a list.
type ListItem struct {
	Content []Inline
	// Sub is an optional nested list, labelled one level deeper.
	Sub    *List
	Anchor string
}

// Align is the horizontal alignment of a table column.
type Align int

const (
	AlignDefault Align = iota // left for text
	AlignLeft
	AlignCenter
	AlignRight
)

// Table is a table with optional header rows, which writers repeat when the table
// breaks across pages.
type Table struct {
	// Caption is the table's title, set above it.
	Caption []Inline
	Header  []*Row
	Rows    []*Row
	// Align gives the alignment of each column; missing entries are AlignDefault.
	Align []Align
	// Widths gives relative column widths; nil lets the writer choose.
	Widths []float64
	Anchor string
}

// Row is one table row. An anchored row can be the target of links (case lists in an
// annex).
type Row struct {
	Cells  []*Cell
	Anchor string
}

// Cell is one table cell.
type Cell struct {
	Content []Inline
}

// Chart is a bar chart drawn from data (vectors, not an image): vertical bars by
// default, horizontal ones when asked or when the labels need it.
type Chart struct {
	Title  string
	Labels []string
	Values []float64
	// Unit is an optional label for the value axis ("cases", "%").
	Unit string
	// Caption is an optional note set under the chart (source, explanation).
	Caption []Inline
	Anchor  string
	// Horizontal asks for horizontal bars: labels on the left, bars to their right,
	// for long category labels or many categories. Writers also choose it by themselves
	// when labels would be unreadable under vertical bars.
	Horizontal bool
}

// Cover is the front matter of a UN document: the masthead block of the first page.
// Every field is optional; writers set what is given.
type Cover struct {
	// Masthead is the top line of the cover. UN documents (those with a Symbol) default
	// to the localised "United Nations"; NGO filings must not carry a UN masthead, so
	// they put their organisation's name here, as a letterhead.
	Masthead string
	// Organ is the body addressed, e.g. "Human Rights Council".
	Organ string
	// Symbol is the document symbol, e.g. "A/HRC/58/NGO/12".
	Symbol string
	// Distribution is e.g. "General".
	Distribution string
	// Date is the date line as it should read, already localised.
	Date string
	// Original is the original-language line, e.g. "Original: English".
	Original string
	// Session lines: session, dates, agenda item.
	Session []string
	// Title and Subtitle of the document.
	Title    []Inline
	Subtitle []Inline
	// Submitter is e.g. "Written statement submitted by …".
	Submitter []Inline
	// Summary is an optional boxed summary or note.
	Summary []Block
	// PageBreak asks for the body to start on a new page after the cover.
	PageBreak bool
}

// Annex is an annex: a titled container whose content follows the body. Headings and
// numbered paragraphs are numbered afresh inside each annex.
type Annex struct {
	// Label is e.g. "Annex I"; when empty writers use the localised "Annex" and the
	// annex's ordinal in Roman numerals.
	Label  string
	Title  []Inline
	Blocks []Block
	Anchor string
	// SamePage continues the annex on the running page; by default an annex starts on
	// a new page, as in UN documents.
	SamePage bool
}

// Quote is an indented block quotation.
type Quote struct {
	Blocks []Block
}

// Code is preformatted text set in a monospaced face, line by line.
type Code struct {
	Text string
}

// Rule is a short centred separator.
type Rule struct{}

// PageBreak starts a new page.
type PageBreak struct{}

// Text is a run of plain text.
type Text struct {
	Text string
}

// Emph is emphasised (italic) content.
type Emph struct {
	Content []Inline
}

// Strong is strongly emphasised (bold) content.
type Strong struct {
	Content []Inline
}

// CodeSpan is inline monospaced text.
type CodeSpan struct {
	Text string
}

// Link is a hyperlink. Href "#id" targets the block or row with Anchor id inside the
// document; anything else is an external URI.
type Link struct {
	Href    string
	Content []Inline
}

// Footnote is a footnote, placed where it is referenced: the writer numbers it and sets
// Content at the foot of the page (or wherever its format puts notes).
type Footnote struct {
	Content []Inline
	// Mark, when not empty, is a symbol that marks the note instead of a number, as UN
	// documents mark a note on a title with an asterisk: the note takes no number, and
	// the first note with a given mark prints it once, the second twice ("*", "**" …).
	// See [Numbering.Label].
	Mark string
}

// CaseRef refers to a case (a testimony event) by its id and links to the anchor where
// the case is described, usually a row or paragraph in an annex.
type CaseRef struct {
	CaseID string
	// Anchor is the target anchor id (without "#"); empty means no link.
	Anchor string
	// Content is the text shown; nil shows CaseID.
	Content []Inline
}

// LineBreak is a hard line break inside a paragraph.
type LineBreak struct{}

func (*Heading) isBlock()   {}
func (*Paragraph) isBlock() {}
func (*List) isBlock()      {}
func (*Table) isBlock()     {}
func (*Chart) isBlock()     {}
func (*Cover) isBlock()     {}
func (*Annex) isBlock()     {}
func (*Quote) isBlock()     {}
func (*Code) isBlock()      {}
func (*Rule) isBlock()      {}
func (*PageBreak) isBlock() {}

func (*Text) isInline()      {}
func (*Emph) isInline()      {}
func (*Strong) isInline()    {}
func (*CodeSpan) isInline()  {}
func (*Link) isInline()      {}
func (*Footnote) isInline()  {}
func (*CaseRef) isInline()   {}
func (*LineBreak) isInline() {}

// T returns plain text as inline content: doc.T("Introduction").
func T(s string) []Inline { return []Inline{&Text{Text: s}} }

// Para returns a numbered or plain paragraph of the given inlines.
func Para(numbered bool, content ...Inline) *Paragraph {
	return &Paragraph{Numbered: numbered, Content: content}
}
