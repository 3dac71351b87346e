package pdf

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/pscore/dossier/internal/doc"
	"github.com/pscore/dossier/internal/fonts"
)

type opKind uint8

const (
	opText opKind = iota
	opLine
	opRect
	opLink
	opAnchor
	opOutline
)

// op is one drawing operation; in a box, y is relative to the box's top (text y is the
// baseline). A line runs from (x, y) to (x+w, y+h).
type op struct {
	kind       opKind
	x, y, w, h float64
	face       *fonts.Face
	size       float64
	color      rgb
	text       string
	lineWidth  float64
	url, dest  string
	level      int
}

// box is a vertical slice of the flow: a line of text, a table row, a chart. The
// paginator stacks boxes on pages.
type box struct {
	h      float64
	before float64 // space above, dropped at the top of a page
	ops    []op
	notes  []*doc.Footnote
	keep   bool       // keep with the next box
	brk    bool       // start a new page here
	table  *tableHead // for the body rows of a table with a header
	header bool       // a header row (repeated on each page of its table)
	where  string     // the block it belongs to, for messages
}

// stack sets lines one under the other into b, the first at y, with their footnotes,
// and returns the y below the last.
func (b *box) stack(lines []box, y float64) float64 {
	for _, l := range lines {
		for _, o := range l.ops {
			o.y += y
			b.ops = append(b.ops, o)
		}
		b.notes = append(b.notes, l.notes...)
		y += l.h
	}
	return y
}

type tableHead struct {
	rows []box
	x, w float64 // for the closing rule of a table continued on the next page
}

// paraOpts say how to set one paragraph.
type paraOpts struct {
	x, width float64
	size     float64
	lead     float64
	justify  bool
	align    doc.Align
	// hang indents the lines that continue a broken line (see breakLines)
	hang float64
}

func baseline(lead, size float64) float64 { return (lead-size)/2 + size*0.8 }

// setRuns sets runs as a paragraph, one box per line.
func (w *writer) setRuns(runs []run, po paraOpts) ([]box, error) {
	text, gs, err := w.shape(runs)
	if err != nil {
		return nil, err
	}
	lines := w.breakLines(text, gs, runs, po.width, po.width, po.hang, po.justify)
	boxes := make([]box, 0, len(lines))
	base := baseline(po.lead, po.size)
	for _, ln := range lines {
		b := box{h: po.lead}
		extra := 0.0
		if ln.justify {
			n := 0
			for j := ln.a; j < ln.b; j++ {
				if isStretch(gs[j].r) {
					n++
				}
			}
			if n > 0 {
				extra = (po.width - ln.indent - ln.width) / float64(n)
				if extra < 0 {
					extra = 0
				}
			}
		}
		x := po.x + ln.indent
		switch po.align {
		case doc.AlignRight:
			x += po.width - ln.indent - ln.width
		case doc.AlignCenter:
			x += (po.width - ln.indent - ln.width) / 2
		}
		// chunks of one run and face, cut after each stretched space
		start, cx := ln.a, x
		link := -1
		flush := func(end int, endX float64) {
			if end <= start {
				return
			}
			g := gs[start]
			if g.face != nil {
				r := &runs[g.run]
				var sb strings.Builder
				for j := start; j < end; j++ {
					sb.WriteRune(gs[j].r)
				}
				b.ops = append(b.ops, op{kind: opText, x: cx, y: base - r.rise, face: g.face, size: r.size, color: r.color, text: sb.String()})
			}
		}
		pos := x
		for j := ln.a; j < ln.b; j++ {
			g := gs[j]
			if j > start && (g.run != gs[start].run || g.face != gs[start].face) {
				flush(j, pos)
				start, cx = j, pos
			}
			r := &runs[g.run]
			if r.note != nil && (j == ln.a || gs[j-1].run != g.run) {
				b.notes = append(b.notes, r.note)
			}
			// links: extend or start a rectangle
			if r.url != "" || r.dest != "" {
				if link >= 0 && b.ops[link].url == r.url && b.ops[link].dest == r.dest {
					b.ops[link].w = pos + g.w - b.ops[link].x
				} else {
					b.ops = append(b.ops, op{kind: opLink, x: pos, y: 0, w: g.w, h: po.lead, url: r.url, dest: r.dest})
					link = len(b.ops) - 1
				}
			} else if !isStretch(g.r) {
				link = -1
			}
			pos += g.w
			if isStretch(g.r) && extra > 0 {
				pos += extra
				flush(j+1, pos)
				start, cx = j+1, pos
			}
		}
		flush(ln.b, pos)
		boxes = append(boxes, b)
	}
	if len(boxes) == 0 {
		boxes = append(boxes, box{h: po.lead})
	}
	return boxes, nil
}

// widowsOrphans keeps the first two and the last two lines of a paragraph together.
func widowsOrphans(bs []box) {
	if n := len(bs); n >= 2 {
		bs[0].keep = true
		bs[n-2].keep = true
	}
}

func plainRuns(text string, st fonts.Style, size float64, color rgb, w *writer) []run {
	return []run{{text: w.typo(text), style: st, size: size, color: color}}
}

// blocks lays out blocks into w.boxes.
func (w *writer) blocks(bs []doc.Block, ctx blockCtx) error {
	leads := leadIns(bs)
	for i, b := range bs {
		w.where = fmt.Sprintf("%sblock %d (%s)", ctx.where, i+1, kindOf(b))
		where, first := w.where, len(w.boxes)
		if err := w.block(b, ctx); err != nil {
			return err
		}
		for k := first; k < len(w.boxes); k++ {
			if w.boxes[k].where == "" {
				w.boxes[k].where = where
			}
		}
		// a lead-in stays with what it introduces
		if n := len(w.boxes) - first; n > 0 && (leads[i] == leadStrong || leads[i] == leadShort && n <= 2) {
			w.boxes[len(w.boxes)-1].keep = true
		}
	}
	return nil
}

const (
	leadNone   = iota
	leadStrong // introduces the next block: ends with a colon, or comes before a quotation or a list
	leadShort  // a paragraph of one or two lines before a lead-in (a case's heading line)
)

// leadIns says which paragraphs of bs lead into the block after them and must not end
// a page without it: a paragraph that ends with a colon, or that a quotation or a list
// follows; and a short paragraph before a short lead-in to a quotation (which the
// writer keeps only if it is set in two lines or fewer).
func leadIns(bs []doc.Block) []int {
	out := make([]int, len(bs))
	for i := len(bs) - 2; i >= 0; i-- {
		p, ok := bs[i].(*doc.Paragraph)
		if !ok {
			continue
		}
		switch bs[i+1].(type) {
		case *doc.Quote, *doc.List:
			out[i] = leadStrong
		case *doc.Paragraph:
			// the line that heads a quotation's own lead-in ("Case 1. Witness R-08",
			// then "June 2010, Hoeryong", then the account)
			if out[i+1] == leadStrong && i+2 < len(bs) && isQuote(bs[i+2]) && short(p) && short(bs[i+1].(*doc.Paragraph)) {
				out[i] = leadShort
			}
		}
		if endsWithColon(p.Content) {
			out[i] = leadStrong
		}
	}
	return out
}

func isQuote(b doc.Block) bool { _, ok := b.(*doc.Quote); return ok }

func short(p *doc.Paragraph) bool { return len([]rune(doc.PlainText(p.Content))) <= 200 }

func endsWithColon(content []doc.Inline) bool {
	s := strings.TrimRight(doc.PlainText(content), " \u00A0\u202F")
	return strings.HasSuffix(s, ":") || strings.HasSuffix(s, "：")
}

type blockCtx struct {
	where    string
	indent   float64 // extra left indent (quotes)
	right    float64 // right indent
	outline  int     // added to heading levels in outlines (1 inside annexes)
	size     float64 // body size override (quotes)
	numbered bool    // paragraphs may carry numbers
}

func kindOf(b doc.Block) string {
	switch b.(type) {
	case *doc.Heading:
		return "heading"
	case *doc.Paragraph:
		return "paragraph"
	case *doc.List:
		return "list"
	case *doc.Table:
		return "table"
	case *doc.Chart:
		return "chart"
	case *doc.Cover:
		return "cover"
	case *doc.Annex:
		return "annex"
	case *doc.Quote:
		return "quotation"
	case *doc.Code:
		return "code"
	case *doc.Rule:
		return "rule"
	case *doc.PageBreak:
		return "page break"
	}
	return "block"
}

func (w *writer) anchorOp(bs []box, anchor string) {
	if anchor != "" && len(bs) > 0 {
		bs[0].ops = append(bs[0].ops, op{kind: opAnchor, dest: anchor})
	}
}

func (w *writer) block(b doc.Block, ctx blockCtx) error {
	m := w.m
	x := colX + ctx.indent
	width := colW - ctx.indent - ctx.right
	bodySize := m.body
	if ctx.size > 0 {
		bodySize = ctx.size
	}
	lead := m.bodyLead * bodySize / m.body
	switch x := any(b).(type) {
	case *doc.Heading:
		return w.heading(x, ctx)
	case *doc.Paragraph:
		runs := w.flatten(x.Content, runStyle{style: serif, size: bodySize, color: black})
		lead = w.leadFor(runs, bodySize, lead)
		bs, err := w.setRuns(runs, paraOpts{x: colX + ctx.indent, width: width, size: bodySize, lead: lead, justify: true})
		if err != nil {
			return err
		}
		if num := w.num.Para[x]; num != "" && x.Numbered {
			bs[0].ops = append(bs[0].ops, w.textOp(num, serif, bodySize, black, numX+ctx.indent, baseline(lead, bodySize))...)
		}
		bs[0].before = m.paraGap
		widowsOrphans(bs)
		w.anchorOp(bs, x.Anchor)
		w.boxes = append(w.boxes, bs...)
	case *doc.List:
		return w.list(x, 0, ctx)
	case *doc.Table:
		return w.table(x, ctx)
	case *doc.Chart:
		return w.chart(x, ctx)
	case *doc.Cover:
		return w.cover(x)
	case *doc.Annex:
		return w.annex(x, ctx)
	case *doc.Quote:
		c := ctx
		c.indent += listIndent
		c.right += listIndent
		c.size = bodySize - 0.5
		c.where = w.where + ", "
		return w.blocks(x.Blocks, c)
	case *doc.Code:
		size := m.table
		cl := size * 1.3
		first := true
		for _, l := range strings.Split(x.Text, "\n") {
			if strings.TrimSpace(l) == "" {
				w.boxes = append(w.boxes, box{h: cl, keep: true})
				continue
			}
			runs := []run{{text: detab(w.typoCode(l)), style: mono, size: size, color: black}}
			bs, err := w.setRuns(runs, paraOpts{x: x0(ctx) + 8, width: width - 8, size: size, lead: cl})
			if err != nil {
				return err
			}
			if first {
				bs[0].before = m.paraGap
				first = false
			}
			w.boxes = append(w.boxes, bs...)
		}
	case *doc.Rule:
		w.boxes = append(w.boxes, box{h: 18, before: 4, ops: []op{{kind: opLine, x: colX + width/2 - 40, y: 9, w: 80, lineWidth: 0.5, color: ruleGrey}}})
	case *doc.PageBreak:
		w.boxes = append(w.boxes, box{brk: true})
	}
	_ = x
	return nil
}

// leadFor opens the leading of a paragraph that is mostly Hangul in a Latin-script
// document: Hangul is set with more space between lines than Latin text.
func (w *writer) leadFor(runs []run, size, lead float64) float64 {
	if w.lang == "ko" {
		return lead
	}
	hangul, letters := 0, 0
	for _, r := range runs {
		for _, c := range r.text {
			switch {
			case c >= 0xAC00 && c <= 0xD7A3:
				hangul++
				letters++
			case unicode.IsLetter(c):
				letters++
			}
		}
	}
	if letters > 0 && hangul*10 >= letters*3 {
		return max(lead, size*1.6)
	}
	return lead
}

// italic returns the italic of st, except in Korean, which has no italic: Hangul would
// stay upright while Latin words and figures beside it slanted.
func (w *writer) italic(st fonts.Style) fonts.Style {
	if w.lang == "ko" {
		return st
	}
	return st.Italic()
}

func x0(ctx blockCtx) float64 { return colX + ctx.indent }

func detab(s string) string { return strings.ReplaceAll(s, "\t", "    ") }

func (w *writer) textOp(s string, st fonts.Style, size float64, color rgb, x, y float64) []op {
	// generated text (numbers, labels): one op per face, like shaped text
	var ops []op
	var cur *fonts.Face
	var sb strings.Builder
	cx, start := x, x
	for _, r := range s {
		if invisible(r) {
			continue
		}
		f := cur
		if f == nil || !(neutral(r) && f.Has(r)) {
			f = fonts.For(st, r)
		}
		if f == nil {
			if w.err == nil {
				w.err = &fonts.MissingError{Rune: r, Where: w.where + ", in “" + s + "”"}
			}
			continue
		}
		if f != cur && sb.Len() > 0 {
			ops = append(ops, op{kind: opText, x: start, y: y, face: cur, size: size, color: color, text: sb.String()})
			sb.Reset()
			start = cx
		}
		cur = f
		w.use(f, r)
		sb.WriteRune(r)
		cx += f.Advance(r) * size
	}
	if sb.Len() > 0 {
		ops = append(ops, op{kind: opText, x: start, y: y, face: cur, size: size, color: color, text: sb.String()})
	}
	return ops
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return ' '
}

// measure returns the natural width of a single-line string in style st.
func (w *writer) measure(s string, st fonts.Style, size float64) float64 {
	total := 0.0
	for _, r := range s {
		if f := fonts.For(st, r); f != nil {
			total += f.Advance(r) * size
		}
	}
	return total
}

func (w *writer) heading(h *doc.Heading, ctx blockCtx) error {
	m := w.m
	size, st, before := m.h3, fonts.SansBold, m.hBefore
	switch h.Level {
	case 1:
		size, before = m.h1, m.h1Before
	case 2:
		size = m.h2
	case 3:
		size = m.h3
	default:
		size, st = m.body, w.italic(fonts.SerifBold)
	}
	lead := size * 1.3
	if w.lang == "ko" {
		lead = size * 1.5
	}
	runs := w.flatten(h.Text, runStyle{style: st, size: size, color: black})
	bs, err := w.setRuns(runs, paraOpts{x: x0(ctx), width: colW - ctx.indent, size: size, lead: lead})
	if err != nil {
		return err
	}
	num := w.num.Heading[h]
	if num != "" {
		bs[0].ops = append(bs[0].ops, w.textOp(num, st, size, black, numX+ctx.indent, baseline(lead, size))...)
	}
	bs[0].before = before
	for i := range bs {
		bs[i].keep = true
	}
	bs[len(bs)-1].h += m.hAfter
	title := strings.TrimSpace(strings.TrimSpace(num+" ") + " " + doc.PlainText(h.Text))
	bs[0].ops = append(bs[0].ops, op{kind: opOutline, text: title, level: h.Level + ctx.outline})
	w.anchorOp(bs, h.Anchor)
	w.boxes = append(w.boxes, bs...)
	return nil
}

func (w *writer) list(l *doc.List, depth int, ctx blockCtx) error {
	m := w.m
	indent := ctx.indent + float64(depth)*listIndent
	start := max(l.Start, 1) - 1
	for i, it := range l.Items {
		label := doc.ListLabel(l.Style, depth, start+i)
		runs := w.flatten(it.Content, runStyle{style: serif, size: m.body, color: black})
		x := colX + indent + listIndent
		lead := w.leadFor(runs, m.body, m.bodyLead)
		bs, err := w.setRuns(runs, paraOpts{x: x, width: colR - ctx.right - x, size: m.body, lead: lead, justify: true})
		if err != nil {
			return err
		}
		bs[0].ops = append(bs[0].ops, w.textOp(label, serif, m.body, black, colX+indent, baseline(lead, m.body))...)
		bs[0].before = m.paraGap / 2
		if i == 0 && depth == 0 {
			bs[0].before = m.paraGap
		}
		widowsOrphans(bs)
		w.anchorOp(bs, it.Anchor)
		if i == 0 {
			w.anchorOp(bs, l.Anchor)
		}
		w.boxes = append(w.boxes, bs...)
		if it.Sub != nil {
			if err := w.list(it.Sub, depth+1, ctx); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *writer) annex(a *doc.Annex, ctx blockCtx) error {
	m := w.m
	if !a.SamePage {
		w.boxes = append(w.boxes, box{brk: true})
	}
	label := a.Label
	if label == "" {
		label = w.str("pdf.annex", map[string]any{"Number": w.num.Annex[a]})
	}
	size := m.h1
	lead := size * 1.4
	bs, err := w.setRuns(plainRuns(label, fonts.SansBold, size, black, w), paraOpts{x: colX, width: colW, size: size, lead: lead})
	if err != nil {
		return err
	}
	title := label
	if len(a.Title) > 0 {
		tb, err := w.setRuns(w.flatten(a.Title, runStyle{style: fonts.SansBold, size: size, color: black}), paraOpts{x: colX, width: colW, size: size, lead: lead})
		if err != nil {
			return err
		}
		tb[0].before = 4
		bs = append(bs, tb...)
		title += ": " + doc.PlainText(a.Title)
		if w.lang == "fr" {
			title = label + " : " + doc.PlainText(a.Title)
		}
	}
	for i := range bs {
		bs[i].keep = true
	}
	bs[len(bs)-1].h += m.hAfter * 2
	bs[0].ops = append(bs[0].ops, op{kind: opOutline, text: title, level: 1})
	w.anchorOp(bs, a.Anchor)
	w.boxes = append(w.boxes, bs...)
	c := ctx
	c.outline = 1
	c.where = w.where + ", "
	return w.blocks(a.Blocks, c)
}

func (w *writer) cover(c *doc.Cover) error {
	m := w.m
	var out []box
	add := func(bs []box, err error) error {
		if err != nil {
			return err
		}
		out = append(out, bs...)
		return nil
	}
	// masthead: the letterhead (or "United Nations" on a UN document) and the symbol,
	// a heavy rule
	un := c.Masthead
	if un == "" && c.Symbol != "" {
		un = w.str("pdf.united_nations", nil)
	}
	top := box{h: 30}
	top.ops = append(top.ops, w.textOp(un, fonts.Sans, 11, black, numX, 20)...)
	if c.Symbol != "" {
		sw := w.measure(c.Symbol, fonts.SansBold, 15)
		top.ops = append(top.ops, w.textOp(w.typo(c.Symbol), fonts.SansBold, 15, black, colR-sw, 20)...)
	}
	top.ops = append(top.ops, op{kind: opLine, x: numX, y: 27, w: colR - numX, lineWidth: 1.6, color: black})
	out = append(out, top)
	// organ on the left, distribution lines on the right
	var right []string
	for _, s := range []string{c.Distribution, c.Date, c.Original} {
		if s != "" {
			right = append(right, s)
		}
	}
	organ := box{h: 8}
	if c.Organ != "" {
		ob, err := w.setRuns(plainRuns(c.Organ, fonts.SansBold, 16, black, w), paraOpts{x: numX, width: 300, size: 16, lead: 20})
		if err != nil {
			return err
		}
		organ.h = max(organ.h, organ.stack(ob, 10)+6)
	}
	ry := 10.0
	for _, s := range right {
		rb, err := w.setRuns(plainRuns(s, fonts.Sans, 9.5, black, w), paraOpts{x: 400, width: colR - 400, size: 9.5, lead: 12})
		if err != nil {
			return err
		}
		ry = organ.stack(rb, ry)
	}
	organ.h = max(organ.h, ry+6)
	organ.ops = append(organ.ops, op{kind: opLine, x: numX, y: organ.h, w: colR - numX, lineWidth: 0.6, color: black})
	organ.h += 10
	out = append(out, organ)
	for i, s := range c.Session {
		st := fonts.Sans
		if i == 0 {
			st = fonts.SansBold
		}
		// under the rule the session lines have the whole width: a long addressee line
		// ("To: Special Rapporteur on …") must not wrap into a narrow column
		if err := add(w.setRuns(plainRuns(s, st, 10, black, w), paraOpts{x: numX, width: colR - numX, size: 10, lead: 13})); err != nil {
			return err
		}
	}
	if len(c.Submitter) > 0 {
		n := len(out)
		if err := add(w.setRuns(w.flatten(c.Submitter, runStyle{style: w.italic(fonts.Serif), size: 10, color: black}), paraOpts{x: numX, width: colR - numX, size: 10, lead: 13})); err != nil {
			return err
		}
		out[n].before = 18
	}
	if len(c.Title) > 0 {
		n := len(out)
		size := m.coverTitle
		if err := add(w.setRuns(w.flatten(c.Title, runStyle{style: fonts.SansBold, size: size, color: black}), paraOpts{x: numX, width: colR - numX, size: size, lead: size * 1.3})); err != nil {
			return err
		}
		out[n].before = 22
	}
	if len(c.Subtitle) > 0 {
		n := len(out)
		if err := add(w.setRuns(w.flatten(c.Subtitle, runStyle{style: fonts.Sans, size: 12, color: black}), paraOpts{x: numX, width: colR - numX, size: 12, lead: 16})); err != nil {
			return err
		}
		out[n].before = 4
	}
	if len(out) > 0 {
		out[len(out)-1].h += 16
	}
	for i := range out {
		out[i].keep = true
	}
	if c.PageBreak {
		out[len(out)-1].keep = false
	}
	w.boxes = append(w.boxes, out...)
	if len(c.Summary) > 0 {
		if err := w.blocks(c.Summary, blockCtx{where: w.where + ", summary "}); err != nil {
			return err
		}
	}
	if c.PageBreak {
		w.boxes = append(w.boxes, box{brk: true})
	}
	return nil
}
