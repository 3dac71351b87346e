package pdf

import (
	"fmt"

	"github.com/pscore/dossier/internal/doc"
)

type placed struct {
	b *box
	y float64
}

type page struct {
	items []placed
	extra []op // drawn in page coordinates (closing rules of continued tables)
	// noteLines are the lines of footnote text at the foot of the page, in order; a
	// note too long for the rest of its page continues on the next page's foot.
	noteLines []*box
	noteH     float64 // height of the footnote area, separator included
}

const noteSep = 12.0 // the footnote rule and the space around it

// paginate stacks the boxes on pages: boxes marked keep stay with the next one (headings
// with their text, first and last two lines of paragraphs, table headers with a row),
// footnotes go on the page of the line that cites them, and a table continued on a new
// page gets its header rows again. A footnote too long for the page that cites it
// starts there and continues at the foot of the next page. Nothing is ever drawn below
// the body: a box taller than a page is an error naming its block.
func (w *writer) paginate() ([]*page, error) {
	var pages []*page
	var cur *page
	y := 0.0
	atTop := true    // no body box on the page yet (space before is dropped)
	var carry []*box // note lines waiting for room at the foot of a page
	bodyH := bottomY - topY
	onPage := map[*doc.Footnote]bool{}
	// fillNotes moves waiting note lines to the foot of the current page while they
	// fit under the body, which ends at y.
	fillNotes := func() {
		for len(carry) > 0 {
			sep := 0.0
			if cur.noteH == 0 {
				sep = noteSep
			}
			nb := carry[0]
			if y+cur.noteH+sep+nb.h > bottomY+0.01 {
				// an empty foot takes at least one line, whatever the body: never lose text
				if cur.noteH > 0 || y > topY {
					return
				}
			}
			cur.noteH += sep + nb.h
			cur.noteLines = append(cur.noteLines, nb)
			carry = carry[1:]
		}
	}
	var newPage func()
	newPage = func() {
		if cur != nil && len(cur.items) > 0 {
			// a table continued on the next page gets a closing rule here
			last := cur.items[len(cur.items)-1]
			if th := last.b.table; th != nil {
				cur.extra = append(cur.extra, op{kind: opLine, x: th.x, y: last.y + last.b.h, w: th.w, lineWidth: 0.9, color: black})
			}
		}
		cur = &page{}
		pages = append(pages, cur)
		y = topY
		atTop = true
		clear(onPage)
		// the rest of a long note continues at the foot of this page; a note longer
		// than a whole page fills pages of its own
		fillNotes()
		if len(carry) > 0 {
			newPage()
		}
	}
	newPage()
	// empty reports whether nothing at all is on the page yet: a box is always placed
	// on an empty page, which is how a box too tall for any page is caught below.
	empty := func() bool { return atTop && cur.noteH == 0 }
	notesH := func(b *box, seen map[*doc.Footnote]bool) float64 {
		h := 0.0
		for _, n := range b.notes {
			if onPage[n] || seen[n] {
				continue
			}
			seen[n] = true
			for _, nb := range w.notes[n] {
				h += nb.h
			}
		}
		return h
	}
	// firstNoteH is the least of the new notes of b that must be on its page: all of
	// them, unless they cannot fit on any page with b, when the first two lines of the
	// first one will do (the rest continues on the next page).
	firstNoteH := func(b *box, nh float64) float64 {
		if b.h+nh+noteSep <= bodyH {
			return nh
		}
		for _, n := range b.notes {
			if onPage[n] {
				continue
			}
			h := 0.0
			for k, nb := range w.notes[n] {
				if k == 2 {
					break
				}
				h += nb.h
			}
			return h
		}
		return 0
	}
	sepFor := func(extra float64) float64 {
		if cur.noteH == 0 && extra > 0 {
			return noteSep
		}
		return 0
	}
	place := func(b *box) {
		if !atTop {
			y += b.before
		}
		cur.items = append(cur.items, placed{b: b, y: y})
		y += b.h
		atTop = false
		for _, n := range b.notes {
			if onPage[n] {
				continue
			}
			onPage[n] = true
			for k := range w.notes[n] {
				carry = append(carry, &w.notes[n][k])
			}
		}
		fillNotes()
	}
	for i := 0; i < len(w.boxes); i++ {
		b := &w.boxes[i]
		if b.brk {
			if !empty() {
				newPage()
			}
			continue
		}
		if len(b.ops) == 0 && len(b.notes) == 0 && (atTop || y+b.before+b.h+cur.noteH > bottomY) {
			continue // white space at the head or the foot of a page is dropped
		}
		if !empty() && len(carry) > 0 {
			newPage() // the foot of this page is full of notes
		}
		if !empty() {
			// the chain of boxes kept together from here
			h, nh := 0.0, 0.0
			seen := map[*doc.Footnote]bool{}
			for j := i; j < len(w.boxes); j++ {
				bj := &w.boxes[j]
				if bj.brk {
					break
				}
				h += bj.h
				if j > i || !atTop {
					h += bj.before
				}
				nh += notesH(bj, seen)
				if !bj.keep {
					break
				}
			}
			fitsHere := y+h+cur.noteH+nh+sepFor(nh) <= bottomY
			fitsEmpty := h+nh+noteSep-b.before <= bodyH
			if !fitsHere && fitsEmpty {
				newPage()
			}
		}
		if !empty() {
			nh := firstNoteH(b, notesH(b, map[*doc.Footnote]bool{}))
			before := b.before
			if atTop {
				before = 0
			}
			if y+before+b.h+cur.noteH+nh+sepFor(nh) > bottomY {
				newPage()
			}
		}
		if atTop && b.table != nil && !b.header && i > 0 && w.boxes[i-1].table == b.table {
			for k := range b.table.rows {
				place(&b.table.rows[k])
			}
		}
		place(b)
	}
	for len(carry) > 0 {
		newPage()
	}
	// drop a trailing empty page (a page break at the end)
	if len(pages) > 1 && len(cur.items) == 0 && len(cur.noteLines) == 0 {
		pages = pages[:len(pages)-1]
	}
	// nothing below the body: a box too tall for a page is the author's to shorten
	for pi, p := range pages {
		for _, it := range p.items {
			if it.y+it.b.h > bottomY-p.noteH+0.01 {
				where := it.b.where
				if where == "" {
					where = "a block"
				}
				return nil, fmt.Errorf("%s: %.0f pt tall, too tall for page %d (a page holds %.0f pt of text); shorten it or split it", where, it.b.h, pi+1, bodyH)
			}
		}
	}
	return pages, nil
}
