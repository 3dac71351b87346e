package pdf

import (
	"math"
	"strconv"
	"strings"

	"github.com/pscore/dossier/internal/doc"
	"github.com/pscore/dossier/internal/fonts"
	"github.com/pscore/dossier/internal/linebreak"
)

// table lays out a table as one box per row; the header rows are repeated at the top of
// each page the table continues on.
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
		measureRow := func(r *doc.Row, st runStyle) error {
			for c, cell := range r.Cells {
				lo, hi, err := w.cellExtent(w.flatten(cell.Content, st))
				if err != nil {
					return err
				}
				mins[c] = max(mins[c], lo)
				maxs[c] = max(maxs[c], hi)
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
			for i := range widths {
				widths[i] = mins[i] + (inner-sumMin)*(maxs[i]-mins[i])/(sumMax-sumMin)
			}
		}
	}
	th := &tableHead{x: x, w: avail}
	row := func(r *doc.Row, st runStyle, header bool, last bool, idx int) (box, error) {
		b := box{}
		cx := x
		hgt := 0.0
		for c := 0; c < ncol; c++ {
			cw := widths[c]
			if c < len(r.Cells) {
				align := doc.AlignDefault
				if c < len(t.Align) {
					align = t.Align[c]
				}
				bs, err := w.setRuns(w.flatten(r.Cells[c].Content, st), paraOpts{x: cx + cellPadX, width: cw, size: st.size, lead: m.tableLead, align: align})
				if err != nil {
					return b, err
				}
				y := cellPadY
				for _, lb := range bs {
					for _, o := range lb.ops {
						o.y += y
						b.ops = append(b.ops, o)
					}
					b.notes = append(b.notes, lb.notes...)
					y += lb.h
				}
				hgt = max(hgt, y)
			}
			cx += cw + 2*cellPadX
		}
		b.h = hgt + cellPadY
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
			b.ops = append(b.ops, op{kind: opLine, x: x, y: 0, w: avail, lineWidth: 0.9, color: black})
		}
		if r.Anchor != "" {
			b.ops = append(b.ops, op{kind: opAnchor, dest: r.Anchor})
		}
		return b, nil
	}
	w.where += ", header"
	for i, r := range t.Header {
		b, err := row(r, headStyle, true, false, i)
		if err != nil {
			return err
		}
		b.keep, b.header, b.table = true, true, th
		th.rows = append(th.rows, b)
	}
	where := strings.TrimSuffix(w.where, ", header")
	first := len(w.boxes)
	w.boxes = append(w.boxes, th.rows...)
	for i, r := range t.Rows {
		w.where = where + ", row " + strconv.Itoa(i+1)
		b, err := row(r, bodyStyle, false, i == len(t.Rows)-1, i)
		if err != nil {
			return err
		}
		b.table = th
		if i == 0 && len(t.Rows) > 1 {
			b.keep = true // not a lone first row at the foot of a page
		}
		if i == len(t.Rows)-2 {
			b.keep = true // nor a lone last row at the top of the next
		}
		w.boxes = append(w.boxes, b)
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

// cellExtent returns the width of the widest word and of the whole text of a cell.
func (w *writer) cellExtent(runs []run) (lo, hi float64, err error) {
	text, gs, err := w.shape(runs)
	if err != nil {
		return 0, 0, err
	}
	if len(gs) == 0 {
		return 0, 0, nil
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
		cur = 0
		if b.Kind == linebreak.Mandatory {
			hi = max(hi, line)
			line = 0
		}
	}
	hi = max(hi, line, lo)
	return lo, hi, nil
}
