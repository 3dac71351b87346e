package pdf

import (
	"compress/zlib"
	"crypto/sha256"
	"fmt"
	"sort"
	"strings"

	"github.com/signintech/gopdf"

	"github.com/pscore/dossier/internal/doc"
	"github.com/pscore/dossier/internal/fonts"
)

// outlineMark is a bookmark to write in the finishing pass.
type outlineMark struct {
	title string
	level int
	page  int // 0-based
	y     float64
}

// canvas wraps gopdf, remembering the graphics state to avoid redundant operators.
type canvas struct {
	gp     *gopdf.GoPdf
	family map[*fonts.Face]string
	face   *fonts.Face
	size   float64
	color  rgb
	fill   rgb
	stroke rgb
	lw     float64
	err    error
}

func (c *canvas) text(o *op, y float64) {
	if c.err != nil || o.text == "" {
		return
	}
	if o.face != c.face {
		c.err = c.gp.SetFont(c.family[o.face], "", o.size)
		c.face, c.size = o.face, o.size
	} else if o.size != c.size {
		c.err = c.gp.SetFontSize(o.size)
		c.size = o.size
	}
	if c.err != nil {
		return
	}
	if o.color != c.color {
		c.gp.SetTextColor(o.color.r, o.color.g, o.color.b)
		c.color = o.color
	}
	c.gp.SetXY(o.x, y)
	c.err = c.gp.Text(o.text)
}

func (c *canvas) line(x1, y1, x2, y2, lw float64, col rgb) {
	if lw != c.lw {
		c.gp.SetLineWidth(lw)
		c.lw = lw
	}
	if col != c.stroke {
		c.gp.SetStrokeColor(col.r, col.g, col.b)
		c.stroke = col
	}
	c.gp.Line(x1, y1, x2, y2)
}

func (c *canvas) rect(x, y, w, h float64, col rgb) {
	// text colour and fill colour are the same PDF state (rg): always set it
	c.gp.SetFillColor(col.r, col.g, col.b)
	c.gp.RectFromUpperLeftWithStyle(x, y, w, h, "F")
}

// emit draws the pages with gopdf and returns its PDF and the bookmarks to add.
func (w *writer) emit(pages []*page) ([]byte, []outlineMark, error) {
	gp := &gopdf.GoPdf{}
	gp.Start(gopdf.Config{PageSize: gopdf.Rect{W: pageW, H: pageH}, Unit: gopdf.UnitPT})
	// streams are compressed afterwards with one pooled writer (compress.go)
	gp.SetCompressLevel(zlib.NoCompression)
	// header, footer and mark are laid out first so that their characters are in the
	// subsets
	total := len(pages)
	header := w.opts.Header
	if header == "" {
		header = w.coverSymbol()
		if header == "" {
			header = w.d.Meta.Title
		}
	}
	header = w.typo(header)
	w.where = "mark"
	markOps := w.line1(w.typo(w.opts.Mark), fonts.SansBold, 9.5, markRed, 0)
	room := colR - colX // the running header never runs into the margin or the mark
	if len(markOps) > 0 {
		mw := opsWidth(markOps)
		for i := range markOps {
			markOps[i].x += colR - mw
		}
		room -= mw + 12
	}
	header = w.fitLine(header, fonts.Sans, 8.5, room)
	w.where = "running header"
	headerOps := w.line1(header, fonts.Sans, 8.5, grey, colX)
	footers := make([][]op, total)
	for i := range pages {
		w.where = "footer"
		s := w.str("pdf.page_of", map[string]any{"Page": i + 1, "Total": total})
		ops := w.line1(w.typo(s), fonts.Sans, 8.5, grey, 0)
		fw := opsWidth(ops)
		for k := range ops {
			ops[k].x += (pageW - fw) / 2
		}
		footers[i] = ops
	}
	if w.err != nil {
		return nil, nil, w.err
	}
	// fonts: only the faces used, each under a subset name derived from its characters
	c := &canvas{gp: gp, family: map[*fonts.Face]string{}, lw: -1, size: -1, color: rgb{1, 2, 3}, fill: rgb{1, 2, 3}, stroke: rgb{1, 2, 3}}
	for _, f := range fonts.Faces() {
		set := w.used[f]
		if set == nil {
			continue
		}
		name := subsetTag(f, set) + "+" + f.Name
		if err := gp.AddTTFFontDataWithOption(name, f.Data, gopdf.TtfOption{}); err != nil {
			return nil, nil, fmt.Errorf("font %s: %w", f.Name, err)
		}
		c.family[f] = name
	}
	var marks []outlineMark
	for pi, p := range pages {
		gp.AddPage()
		c.face, c.size, c.color = nil, -1, rgb{1, 2, 3}
		c.fill, c.stroke, c.lw = rgb{1, 2, 3}, rgb{1, 2, 3}, -1
		showHeader := pi > 0 || !w.hasCover
		if showHeader && len(headerOps) > 0 {
			for k := range headerOps {
				c.text(&headerOps[k], headerBase)
			}
			c.line(numX, headerRule, colR, headerRule, 0.4, ruleGrey)
		}
		for k := range markOps {
			y := headerBase
			if !showHeader {
				y = headerBase - 14
			}
			c.text(&markOps[k], y)
		}
		for _, it := range p.items {
			for k := range it.b.ops {
				o := &it.b.ops[k]
				y := it.y + o.y
				switch o.kind {
				case opText:
					c.text(o, y)
				case opLine:
					c.line(o.x, y, o.x+o.w, y+o.h, o.lineWidth, o.color)
				case opRect:
					c.rect(o.x, y, o.w, o.h, o.color)
				case opLink:
					if o.url != "" {
						gp.AddExternalLink(encodeURI(o.url), o.x, y, o.w, o.h)
					} else {
						gp.AddInternalLink(o.dest, o.x, y, o.w, o.h)
					}
				case opAnchor:
					// gopdf puts the destination at the current y less the font size
					gp.SetY(y - c.sizeOr(w.m.body) + 4)
					gp.SetAnchor(o.dest)
				case opOutline:
					marks = append(marks, outlineMark{title: o.text, level: o.level, page: pi, y: y})
				}
			}
		}
		for _, o := range p.extra {
			c.line(o.x, o.y, o.x+o.w, o.y, o.lineWidth, o.color)
		}
		// footnotes at the foot of the page
		if len(p.noteLines) > 0 {
			y := bottomY - p.noteH
			c.line(colX, y+noteSep/2-1, colX+110, y+noteSep/2-1, 0.5, black)
			y += noteSep
			for _, nb := range p.noteLines {
				for k := range nb.ops {
					o := &nb.ops[k]
					switch o.kind {
					case opText:
						c.text(o, y+o.y)
					case opLink:
						if o.url != "" {
							gp.AddExternalLink(encodeURI(o.url), o.x, y+o.y, o.w, o.h)
						} else {
							gp.AddInternalLink(o.dest, o.x, y+o.y, o.w, o.h)
						}
					}
				}
				y += nb.h
			}
		}
		for k := range footers[pi] {
			c.text(&footers[pi][k], footerBase)
		}
		if c.err != nil {
			return nil, nil, c.err
		}
	}
	raw, err := gp.GetBytesPdfReturnErr()
	if err != nil {
		return nil, nil, err
	}
	raw, err = compressStreams(raw)
	if err != nil {
		return nil, nil, err
	}
	return raw, marks, nil
}

// fitLine shortens s to fit in width, after a whole word where it can, with an
// ellipsis and the closing marks of the quotations it leaves open, so that a long
// quoted title reads “Call for input on the situation…”.
func (w *writer) fitLine(s string, st fonts.Style, size, width float64) string {
	if w.measure(s, st, size) <= width {
		return s
	}
	rs := []rune(s)
	closers := map[rune]rune{'“': '”', '«': '»', '‘': '’', '「': '」', '『': '』', '(': ')'}
	try := func(n int) (string, bool) {
		head := strings.TrimRight(string(rs[:n]), " \u00A0,;:–—-«“‘(")
		if head == "" {
			return "", false
		}
		var open []rune
		for _, r := range head {
			if c, ok := closers[r]; ok {
				open = append(open, c)
			} else if k := len(open); k > 0 && r == open[k-1] {
				open = open[:k-1]
			}
		}
		out := head + "…"
		for k := len(open) - 1; k >= 0; k-- {
			if open[k] == '»' {
				out += "\u00A0"
			}
			out += string(open[k])
		}
		return out, w.measure(out, st, size) <= width
	}
	for _, words := range []bool{true, false} {
		for n := len(rs) - 1; n > 0; n-- {
			if words && rs[n] != ' ' {
				continue
			}
			if out, ok := try(n); ok {
				return out
			}
		}
	}
	return "…"
}

func (c *canvas) sizeOr(d float64) float64 {
	if c.size > 0 {
		return c.size
	}
	return d
}

func (w *writer) coverSymbol() string {
	if len(w.d.Blocks) > 0 {
		if c, ok := w.d.Blocks[0].(*doc.Cover); ok {
			return c.Symbol
		}
	}
	return ""
}

// line1 sets a single line of generated text at x (relative ops, baseline 0).
func (w *writer) line1(s string, st fonts.Style, size float64, color rgb, x float64) []op {
	if s == "" {
		return nil
	}
	return w.textOp(s, st, size, color, x, 0)
}

func opsWidth(ops []op) float64 {
	if len(ops) == 0 {
		return 0
	}
	last := ops[len(ops)-1]
	wd := 0.0
	for _, r := range last.text {
		wd += last.face.Advance(r) * last.size
	}
	return last.x + wd - ops[0].x
}

// subsetTag derives the six capital letters that name a font subset from the face and
// the characters used, so that identical input gives identical names.
func subsetTag(f *fonts.Face, s *runeSet) string {
	h := sha256.New()
	h.Write([]byte(f.Name))
	for i, word := range s.bmp {
		if word != 0 {
			fmt.Fprintf(h, "%d:%x;", i, word)
		}
	}
	more := make([]int, 0, len(s.more))
	for r := range s.more {
		more = append(more, int(r))
	}
	sort.Ints(more)
	fmt.Fprint(h, more)
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}

// encodeURI percent-encodes what may not appear raw in a URI (non-ASCII, spaces,
// parentheses and backslashes, which gopdf does not escape reliably).
func encodeURI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if ch <= ' ' || ch >= 0x7F || ch == '(' || ch == ')' || ch == '\\' || ch == '"' || ch == '<' || ch == '>' {
			fmt.Fprintf(&b, "%%%02X", ch)
			continue
		}
		b.WriteByte(ch)
	}
	return b.String()
}
