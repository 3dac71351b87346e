package pdf

import "github.com/pscore/dossier/internal/doc"

type placed struct {
	b *box
	y float64
}

type page struct {
	items []placed
	extra []op // drawn in page coordinates (closing rules of continued tables)
	notes []*doc.Footnote
	noteH float64 // height of the footnote area, separator included
}

const noteSep = 12.0 // the footnote rule and the space around it

// paginate stacks the boxes on pages: boxes marked keep stay with the next one (headings
// with their text, first and last two lines of paragraphs, table headers with a row),
// footnotes go on the page of the line that cites them, and a table continued on a new
// page gets its header rows again.
func (w *writer) paginate() []*page {
	var pages []*page
	var cur *page
	y := 0.0
	atTop := true
	newPage := func() {
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
	}
	newPage()
	onPage := map[*doc.Footnote]bool{}
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
			if cur.noteH == 0 {
				cur.noteH = noteSep
			}
			cur.notes = append(cur.notes, n)
			for _, nb := range w.notes[n] {
				cur.noteH += nb.h
			}
		}
	}
	bodyH := bottomY - topY
	for i := 0; i < len(w.boxes); i++ {
		b := &w.boxes[i]
		if b.brk {
			if !atTop {
				newPage()
				clear(onPage)
			}
			continue
		}
		if !atTop {
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
				clear(onPage)
			}
		}
		if !atTop {
			nh := notesH(b, map[*doc.Footnote]bool{})
			if y+b.before+b.h+cur.noteH+nh+sepFor(nh) > bottomY {
				newPage()
				clear(onPage)
			}
		}
		if atTop && b.table != nil && !b.header && i > 0 && w.boxes[i-1].table == b.table {
			for k := range b.table.rows {
				place(&b.table.rows[k])
			}
		}
		place(b)
	}
	// drop a trailing empty page (a page break at the end)
	if len(pages) > 1 && len(cur.items) == 0 {
		pages = pages[:len(pages)-1]
	}
	return pages
}
