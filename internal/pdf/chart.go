package pdf

import (
	"math"
	"strconv"
	"strings"

	"github.com/pscore/dossier/internal/doc"
	"github.com/pscore/dossier/internal/fonts"
)

// chart draws a bar chart in vectors: a title, a value axis with light grid lines,
// bars with their values, category labels, and an optional caption. Bars are vertical
// unless the chart asks for horizontal ones or its labels would be unreadable under
// vertical bars (see needsHorizontal): then labels stand on the left and the bars run
// to their right.
func (w *writer) chart(c *doc.Chart, ctx blockCtx) error {
	m := w.m
	x := x0(ctx)
	width := colR - ctx.right - x
	var out []box
	if c.Title != "" {
		bs, err := w.setRuns(plainRuns(c.Title, fonts.SansBold, m.table+0.5, black, w), paraOpts{x: x, width: width, size: m.table + 0.5, lead: m.tableLead + 1})
		if err != nil {
			return err
		}
		out = append(out, bs...)
	}
	var b box
	var err error
	horizontal := c.Horizontal
	if !horizontal {
		horizontal, err = w.needsHorizontal(c, width)
		if err != nil {
			return err
		}
	}
	if horizontal {
		b, err = w.hbars(c, x, width)
	} else {
		b, err = w.vbars(c, x, width)
	}
	if err != nil {
		return err
	}
	out = append(out, b)
	if len(c.Caption) > 0 {
		bs, err := w.setRuns(w.flatten(c.Caption, runStyle{style: w.italic(fonts.Serif), size: m.note, color: black}), paraOpts{x: x, width: width, size: m.note, lead: m.noteLead})
		if err != nil {
			return err
		}
		out = append(out, bs...)
	}
	for i := range out[:len(out)-1] {
		out[i].keep = true
	}
	out[0].before = m.paraGap * 2
	w.anchorOp(out, c.Anchor)
	w.boxes = append(w.boxes, out...)
	w.boxes = append(w.boxes, box{h: m.paraGap})
	return nil
}

const (
	vPlotTop = 18.0  // top of the plot, under the unit
	vPlotH   = 130.0 // height of the plot of vertical bars
	vAxisW   = 34.0  // the value axis labels left of vertical bars
	maxVBars = 12    // more bars than this are too thin to label: horizontal bars
	hBarH    = 9.5   // thickness of a horizontal bar
)

// needsHorizontal reports whether the labels of c cannot be read under vertical bars:
// a word wider than its slot (it would be broken), a label of more than two lines, a
// label of two lines among more than six bars (a row of wrapped labels under narrow
// bars reads badly), or too many bars.
func (w *writer) needsHorizontal(c *doc.Chart, width float64) (bool, error) {
	n := len(c.Values)
	if n == 0 {
		return false, nil
	}
	if n > maxVBars {
		return true, nil
	}
	slot := (width - vAxisW) / float64(n)
	for _, l := range c.Labels {
		runs := plainRuns(l, fonts.Sans, w.m.small, black, w)
		lo, _, _, err := w.cellExtent(runs)
		if err != nil {
			return false, err
		}
		if lo > slot-4 {
			return true, nil
		}
		ls, err := w.setRuns(runs, paraOpts{width: slot - 4, size: w.m.small, lead: w.m.smallLead, align: doc.AlignCenter})
		if err != nil {
			return false, err
		}
		if len(ls) > 2 || len(ls) == 2 && n > 6 {
			return true, nil
		}
	}
	return false, nil
}

// vbars draws vertical bars: the value axis on the left, labels under the bars.
func (w *writer) vbars(c *doc.Chart, x, width float64) (box, error) {
	m := w.m
	n := len(c.Values)
	maxV := 0.0
	for _, v := range c.Values {
		maxV = max(maxV, v)
	}
	top, step := niceScale(maxV)
	const (
		plotTop = vPlotTop
		plotH   = vPlotH
		axisW   = vAxisW
	)
	px0 := x + axisW
	pw := width - axisW
	b := box{}
	small := m.small
	if c.Unit != "" {
		b.ops = append(b.ops, w.mustText(c.Unit, w.italic(fonts.Sans), small, grey, x, plotTop-8)...)
	}
	// grid and value axis labels
	for v := 0.0; v <= top+step/2; v += step {
		y := plotTop + plotH - plotH*v/top
		col, lw := lightGrey, 0.4
		if v == 0 {
			col, lw = black, 0.7
		}
		b.ops = append(b.ops, op{kind: opLine, x: px0, y: y, w: pw, lineWidth: lw, color: col})
		s := w.number(v)
		sw := w.measure(s, fonts.Sans, small)
		b.ops = append(b.ops, w.textOp(s, fonts.Sans, small, grey, px0-4-sw, y+small*0.35)...)
	}
	labelsH := 0.0
	if n > 0 {
		slot := pw / float64(n)
		bw := math.Min(slot*0.62, 60)
		for i, v := range c.Values {
			cx := px0 + slot*float64(i) + slot/2
			h := plotH * v / top
			b.ops = append(b.ops, op{kind: opRect, x: cx - bw/2, y: plotTop + plotH - h, w: bw, h: h, color: barBlue})
			s := w.number(v)
			sw := w.measure(s, fonts.Sans, small)
			b.ops = append(b.ops, w.textOp(s, fonts.Sans, small, black, cx-sw/2, plotTop+plotH-h-3)...)
			if i < len(c.Labels) {
				ls, err := w.setRuns(plainRuns(c.Labels[i], fonts.Sans, small, black, w), paraOpts{x: cx - slot/2 + 2, width: slot - 4, size: small, lead: m.smallLead, align: doc.AlignCenter})
				if err != nil {
					return b, err
				}
				y := b.stack(ls, plotTop+plotH+3)
				labelsH = max(labelsH, y-(plotTop+plotH))
			}
		}
	}
	b.h = plotTop + plotH + labelsH + 4
	return b, nil
}

// hbars draws horizontal bars: each label on the left, right-aligned and wrapped when
// long, its bar to the right with the value at the bar's end; light grid lines with
// the value axis under the bars, and the unit above them.
func (w *writer) hbars(c *doc.Chart, x, width float64) (box, error) {
	m := w.m
	small := m.small
	maxV := 0.0
	valW := 0.0
	for _, v := range c.Values {
		maxV = max(maxV, v)
		valW = max(valW, w.measure(w.number(v), fonts.Sans, small))
	}
	top, step := niceScale(maxV)
	// the label column is as wide as the longest label, up to 40 % of the width
	labelW := 0.0
	for _, l := range c.Labels {
		_, hi, _, err := w.cellExtent(plainRuns(l, fonts.Sans, small, black, w))
		if err != nil {
			return box{}, err
		}
		labelW = max(labelW, hi)
	}
	labelW = math.Ceil(min(max(labelW, 24), width*0.4))
	const gap = 6.0
	px0 := x + labelW + gap
	pw := width - labelW - gap - valW - 4
	b := box{}
	plotTop := 4.0
	if c.Unit != "" {
		b.ops = append(b.ops, w.mustText(c.Unit, w.italic(fonts.Sans), small, grey, px0, 8)...)
		plotTop = 14
	}
	// rows: one bar and its label each, as tall as the label
	type rowAt struct {
		y, h, lh float64
		ls       []box
	}
	rows := make([]rowAt, len(c.Values))
	y := plotTop
	for i := range c.Values {
		var ls []box
		if i < len(c.Labels) {
			var err error
			ls, err = w.setRuns(plainRuns(c.Labels[i], fonts.Sans, small, black, w), paraOpts{x: x, width: labelW, size: small, lead: m.smallLead, align: doc.AlignRight})
			if err != nil {
				return b, err
			}
		}
		lh := 0.0
		for _, lb := range ls {
			lh += lb.h
		}
		h := max(hBarH+6, lh+3)
		rows[i] = rowAt{y: y, h: h, lh: lh, ls: ls}
		y += h
	}
	plotBottom := y
	// grid, under the bars, and the value axis below them
	for v := 0.0; v <= top+step/2; v += step {
		gx := px0 + pw*v/top
		if v > 0 {
			b.ops = append(b.ops, op{kind: opLine, x: gx, y: plotTop, h: plotBottom - plotTop, lineWidth: 0.4, color: lightGrey})
		}
		s := w.number(v)
		sw := w.measure(s, fonts.Sans, small)
		b.ops = append(b.ops, w.textOp(s, fonts.Sans, small, grey, gx-sw/2, plotBottom+small+2)...)
	}
	for i, v := range c.Values {
		r := rows[i]
		mid := r.y + r.h/2
		bw := pw * v / top
		b.ops = append(b.ops, op{kind: opRect, x: px0, y: mid - hBarH/2, w: bw, h: hBarH, color: barBlue})
		b.ops = append(b.ops, w.textOp(w.number(v), fonts.Sans, small, black, px0+bw+3, mid+small*0.35)...)
		b.stack(r.ls, mid-r.lh/2)
	}
	// the zero line over the bars' ends
	b.ops = append(b.ops, op{kind: opLine, x: px0, y: plotTop, h: plotBottom - plotTop, lineWidth: 0.7, color: black})
	b.h = plotBottom + small + 7
	return b, nil
}

// mustText is textOp for short labels; characters no face has were checked by shape.
func (w *writer) mustText(s string, st fonts.Style, size float64, color rgb, x, y float64) []op {
	return w.textOp(w.typo(s), st, size, color, x, y)
}

// niceScale returns a rounded top of the value axis and the step between grid lines.
func niceScale(maxV float64) (top, step float64) {
	if maxV <= 0 {
		return 1, 1
	}
	raw := maxV / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	switch f := raw / mag; {
	case f <= 1:
		step = mag
	case f <= 2:
		step = 2 * mag
	case f <= 5:
		step = 5 * mag
	default:
		step = 10 * mag
	}
	top = math.Ceil(maxV/step) * step
	if top < maxV*1.05 {
		top += step
	}
	return top, step
}

// number formats a value the way the document's language writes numbers.
func (w *writer) number(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if math.Abs(v-math.Round(v)) < 1e-9 {
		s = strconv.FormatFloat(math.Round(v), 'f', 0, 64)
	} else if len(s) > 6 {
		s = strconv.FormatFloat(v, 'f', 2, 64)
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	intPart, frac, _ := strings.Cut(s, ".")
	sep, dec := ",", "."
	if w.lang == "fr" {
		sep, dec = "\u202F", ","
	}
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 && r != '-' && intPart[i-1] != '-' {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString(dec + frac)
	}
	return b.String()
}
