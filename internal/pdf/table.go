package pdf

import (
	"math"
	"strconv"
	"strings"

	"github.com/pscore/dossier/internal/doc"
	"github.com/pscore/dossier/internal/fonts"
	"github.com/pscore/dossier/internal/linebreak"
)

// splitRowH is the height from which a table row is set line by line, free to continue
// on the next page: half the body.
const splitRowH = (bottomY - topY) / 2

// table lays out a table as one box per row (a row taller than splitRowH as one box per
// line); the header rows are repeated at the top of each page the table continues on.
func (w *writer) table(t *doc.Table, ctx blockCtx) error {
	m := w.m
	x := x0(ctx)
	avail := colR - ctx.right - x
	ncol := 0
	for _, r := range append(append([]*doc.Row{}, t.Header...), t.Rows...) {
		ncol = max(ncol, len(r.Cells))
	}
	if ncol == 0 {
		return nil
	}
	if len(t.Caption) > 0 {
		bs, err := w.setRuns(w.flatten(t.Caption, runStyle{style: fonts.SansBold, size: m.table + 0.5, color: black}),
			paraOpts{x: x, width: avail, size: m.table + 0.5, lead: m.tableLead + 1})
		if err != nil {
			return err
		}
		for i := range bs {
			bs[i].keep = true
		}
		bs[0].before = m.paraGap * 1.5
		bs[len(bs)-1].h += 3
		w.anchorOp(bs, t.Anchor)
		w.boxes = append(w.boxes, bs...)
	}
	// a column where some cell holds entries one to a line hangs its continued lines
	hang := make([]bool, ncol)
	for _, r := range t.Rows {
		for c, cell := range r.Cells {
			hang[c] = hang[c] || hasLineBreak(cell.Content)
		}
	}
	headStyle := runStyle{style: fonts.SansBold, size: m.table - 0.5, color: black}
	bodyStyle := runStyle{style: serif, size: m.table, color: black}
	// column widths: from the widest word (min) and the whole text (max) of each column
	widths := make([]float64, ncol)
	inner := avail - float64(ncol)*2*cellPadX
	if len(t.Widths) >= ncol {
		sum := 0.0
		for _, v := range t.Widths[:ncol] {
			sum += max(v, 0)
		}
		for i := range widths {
			widths[i] = inner * max(t.Widths[i], 0) / sum
		}
	} else {
		mins := make([]float64, ncol)
		maxs := make([]float64, ncol)
		areas := make([]float64, ncol)
		measureRow := func(r *doc.Row, st runStyle) error {
			for c, cell := range r.Cells {
				lo, hi, total, err := w.cellExtent(w.flatten(cell.Content, st))
				if err != nil {
					return err
				}
				if hang[c] && st != headStyle {
					lo += cellHang // a word may have to hang
				}
				mins[c] = max(mins[c], lo)
				maxs[c] = max(maxs[c], hi)
				areas[c] += total
			}
			return nil
		}
		for _, r := range t.Header {
			if err := measureRow(r, headStyle); err != nil {
				return err
			}
		}
		for _, r := range t.Rows {
			if err := measureRow(r, bodyStyle); err != nil {
				return err
			}
		}
		sumMin, sumMax := 0.0, 0.0
		for i := range mins {
			mins[i] = math.Min(mins[i], inner/2) // a very long word will be broken
			maxs[i] = max(maxs[i], mins[i], 6)
			sumMin += mins[i]
			sumMax += maxs[i]
		}
		switch {
		case sumMax <= inner:
			for i := range widths {
				widths[i] = maxs[i] + (inner-sumMax)*maxs[i]/sumMax
			}
		case sumMin >= inner:
			for i := range widths {
				widths[i] = mins[i] * inner / sumMin
			}
		default:
			// columns share the width by the amount of text they hold, between their
			// widest word and their longest line, so that a column of long entries
			// (articles, acts) is not squeezed into a tall strip beside roomy ones
			balance(widths, mins, maxs, areas, inner)
		}
	}
	th := &tableHead{x: x, w: avail}
	// row sets a row as one box, or, when it is taller than half a page, as one box per
	// line (a band across the cells), so that it can continue on the next page under
	// the repeated header instead of running off the foot of the page.
	row := func(r *doc.Row, st runStyle, header bool, last bool, idx int) ([]box, error) {
		cells := make([][]box, ncol)
		cx := x
		hgt, lines := 0.0, 0
		for c := 0; c < ncol; c++ {
			cw := widths[c]
			if c < len(r.Cells) {
				align := doc.AlignDefault
				if c < len(t.Align) {
					align = t.Align[c]
				}
				po := paraOpts{x: cx + cellPadX, width: cw, size: st.size, lead: m.tableLead, align: align}
				if hang[c] && !header && align != doc.AlignRight && align != doc.AlignCenter {
					po.hang = cellHang // entries one to a line: their continued lines hang
				}
				bs, err := w.setRuns(w.flatten(r.Cells[c].Content, st), po)
				if err != nil {
					return nil, err
				}
				cells[c] = bs
				y := cellPadY
				for _, lb := range bs {
					y += lb.h
				}
				hgt = max(hgt, y)
				lines = max(lines, len(bs))
			}
			cx += cw + 2*cellPadX
		}
		var out []box
		if hgt+cellPadY <= splitRowH || header || lines < 2 {
			b := box{h: hgt + cellPadY}
			for _, bs := range cells {
				b.stack(bs, cellPadY)
			}
			out = []box{b}
		} else {
			out = make([]box, lines)
			for j := range out {
				b := &out[j]
				top := 0.0
				if j == 0 {
					top = cellPadY
				}
				for _, bs := range cells {
					if j < len(bs) {
						for _, o := range bs[j].ops {
							o.y += top
							b.ops = append(b.ops, o)
						}
						b.notes = append(b.notes, bs[j].notes...)
						b.h = max(b.h, bs[j].h)
					}
				}
				b.h = max(b.h, m.tableLead) + top
			}
			out[lines-1].h += cellPadY
			widowsOrphans(out)
		}
		b := &out[len(out)-1]
		switch {
		case header:
			if idx == 0 {
				b.ops = append(b.ops, op{kind: opLine, x: x, y: 0, w: avail, lineWidth: 0.9, color: black})
			}
			b.ops = append(b.ops, op{kind: opLine, x: x, y: b.h, w: avail, lineWidth: 0.5, color: black})
		case last:
			b.ops = append(b.ops, op{kind: opLine, x: x, y: b.h, w: avail, lineWidth: 0.9, color: black})
		default:
			b.ops = append(b.ops, op{kind: opLine, x: x, y: b.h, w: avail, lineWidth: 0.3, color: ruleGrey})
		}
		if len(t.Header) == 0 && idx == 0 && !header {
			out[0].ops = append(out[0].ops, op{kind: opLine, x: x, y: 0, w: avail, lineWidth: 0.9, color: black})
		}
		if r.Anchor != "" {
			out[0].ops = append(out[0].ops, op{kind: opAnchor, dest: r.Anchor})
		}
		return out, nil
	}
	w.where += ", header"
	for i, r := range t.Header {
		bs, err := row(r, headStyle, true, false, i)
		if err != nil {
			return err
		}
		for _, b := range bs {
			b.keep, b.header, b.table, b.where = true, true, th, w.where
			th.rows = append(th.rows, b)
		}
	}
	where := strings.TrimSuffix(w.where, ", header")
	first := len(w.boxes)
	w.boxes = append(w.boxes, th.rows...)
	for i, r := range t.Rows {
		w.where = where + ", row " + strconv.Itoa(i+1)
		bs, err := row(r, bodyStyle, false, i == len(t.Rows)-1, i)
		if err != nil {
			return err
		}
		for k := range bs {
			bs[k].table, bs[k].where = th, w.where
		}
		b := &bs[len(bs)-1]
		if i == 0 && len(t.Rows) > 1 && len(bs) == 1 {
			b.keep = true // not a lone first row at the foot of a page
		}
		if i == len(t.Rows)-2 {
			b.keep = true // nor a lone last row at the top of the next
		}
		w.boxes = append(w.boxes, bs...)
	}
	w.where = where
	if first < len(w.boxes) {
		if len(t.Caption) == 0 {
			w.boxes[first].before = m.paraGap * 1.5
			w.anchorOp(w.boxes[first:first+1], t.Anchor)
		} else {
			w.boxes[first].before = 0
		}
	}
	// space after the table
	w.boxes = append(w.boxes, box{h: m.paraGap})
	return nil
}

// cellHang is the indent of the continued lines of a cell that holds entries one to a
// line (dates and places, articles).
const cellHang = 6.0

func hasLineBreak(content []doc.Inline) bool {
	for _, in := range content {
		switch x := in.(type) {
		case *doc.LineBreak:
			return true
		case *doc.Emph:
			if hasLineBreak(x.Content) {
				return true
			}
		case *doc.Strong:
			if hasLineBreak(x.Content) {
				return true
			}
		}
	}
	return false
}

// balance sets widths[i] = clamp(k·areas[i], mins[i], maxs[i]) with k such that the
// widths add up to inner (sum(mins) < inner < sum(maxs)).
func balance(widths, mins, maxs, areas []float64, inner float64) {
	sum := func(k float64) float64 {
		t := 0.0
		for i := range widths {
			widths[i] = min(max(k*areas[i], mins[i]), maxs[i])
			t += widths[i]
		}
		return t
	}
	lo, hi := 0.0, 1.0
	for sum(hi) < inner && hi < 1e12 {
		hi *= 2
	}
	for range 60 {
		mid := (lo + hi) / 2
		if sum(mid) < inner {
			lo = mid
		} else {
			hi = mid
		}
	}
	sum(hi)
}

// cellExtent returns the width of the widest word, of the longest line and of the
// whole text of a cell (its lines end to end).
func (w *writer) cellExtent(runs []run) (lo, hi, total float64, err error) {
	text, gs, err := w.shape(runs)
	if err != nil {
		return 0, 0, 0, err
	}
	if len(gs) == 0 {
		return 0, 0, 0, nil
	}
	bs := linebreak.Breaks(text)
	cur, line := 0.0, 0.0
	gi := 0
	for _, b := range bs {
		seg := 0.0
		trail := 0.0
		for gi < len(gs) && int(gs[gi].pos) < b.Pos {
			if gs[gi].r == ' ' {
				trail += gs[gi].w
			} else {
				seg += trail + gs[gi].w
				trail = 0
			}
			gi++
		}
		if b.Kind == linebreak.Syllable {
			cur += seg + trail
			continue
		}
		cur += seg
		lo = max(lo, cur)
		line += cur + trail
		total += cur + trail
		cur = 0
		if b.Kind == linebreak.Mandatory {
			hi = max(hi, line)
			line = 0
		}
	}
	hi = max(hi, line, lo)
	return lo, hi, total, nil
}
