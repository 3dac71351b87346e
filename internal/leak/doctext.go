package leak

import (
	"fmt"

	"github.com/pscore/dossier/internal/doc"
)

// DocTexts returns the text of a document to scan: every piece the doc model's text walk
// yields (metadata, cover, headings, body, footnotes, table cells, chart labels, code,
// case ids, link targets), with the pieces of one place and role joined in reading
// order, so that a value split across inline runs ("김<b>영희</b>", a link inside a name)
// is seen whole; runs of one place that are not consecutive (body text on either side of
// a footnote, two footnotes of one paragraph) are joined by a line break, which matching
// looks through anyway. output names the file for messages: the Where of each text reads
// "upr-dprk.fr.pdf: block 14 (paragraph), footnote".
func DocTexts(output string, d *doc.Document) []Text {
	type key struct {
		where string
		role  doc.Role
	}
	var order []key
	joined := map[key][]byte{}
	var last key
	for p := range doc.Pieces(d) {
		k := key{p.Where, p.Role}
		prev, ok := joined[k]
		if !ok {
			order = append(order, k)
		} else if k != last && len(prev) > 0 {
			// Not consecutive (a footnote came between, or this is a second footnote of
			// the paragraph): keep the two apart.
			prev = append(prev, '\n')
		}
		joined[k] = append(prev, p.Text...)
		last = k
	}
	texts := make([]Text, 0, len(order))
	for _, k := range order {
		where := k.where
		switch k.role {
		case doc.RoleURL:
			where += ", link target"
		case doc.RoleCode:
			where += ", code"
		case doc.RoleCase:
			where += ", case id"
		}
		if output != "" {
			where = output + ": " + where
		}
		texts = append(texts, Text{Where: where, Text: string(joined[k])})
	}
	// Printed text the text walk leaves out: a cover's masthead line, the number a
	// heading or paragraph carries instead of the computed one.
	extraTexts(d.Blocks, "", func(where, text string) {
		if output != "" {
			where = output + ": " + where
		}
		texts = append(texts, Text{Where: where, Text: text})
	})
	return texts
}

// extraTexts calls fn with the printed strings of blocks that doc.Pieces does not yield.
func extraTexts(blocks []doc.Block, prefix string, fn func(where, text string)) {
	for i, b := range blocks {
		where := fmt.Sprintf("%sblock %d", prefix, i+1)
		switch x := b.(type) {
		case *doc.Heading:
			if x.Number != "" {
				fn(where+" (heading), number", x.Number)
			}
		case *doc.Paragraph:
			if x.Number != "" {
				fn(where+" (paragraph), number", x.Number)
			}
		case *doc.Cover:
			if x.Masthead != "" {
				fn(where+" (cover), masthead", x.Masthead)
			}
			extraTexts(x.Summary, where+" (cover), summary ", fn)
		case *doc.Annex:
			extraTexts(x.Blocks, where+" (annex), ", fn)
		case *doc.Quote:
			extraTexts(x.Blocks, where+" (quote), ", fn)
		}
	}
}
