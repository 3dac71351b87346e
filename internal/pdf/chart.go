package pdf

import (
	"math"
	"strconv"
	"strings"

	"github.com/pscore/dossier/internal/doc"
	"github.com/pscore/dossier/internal/fonts"
)

// chart draws a vertical bar chart in vectors: a title, a value axis with light grid
// lines, bars with their values, category labels, and an optional caption.
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
	n := len(c.Values)
	maxV := 0.0
	for _, v := range c.Values {
		maxV = max(maxV, v)
	}
	top, step := niceScale(maxV)
	const (
		plotTop = 18.0
		plotH   = 130.0
		axisW   = 34.0
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
					return err
				}
				y := plotTop + plotH + 3
				for _, lb := range ls {
					for _, o := range lb.ops {
						o.y += y
						b.ops = append(b.ops, o)
					}
					y += lb.h
				}
				labelsH = max(labelsH, y-(plotTop+plotH))
			}
		}
	}
	b.h = plotTop + plotH + labelsH + 4
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
