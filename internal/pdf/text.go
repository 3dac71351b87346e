package pdf

import (
	"math"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/pscore/dossier/internal/doc"
	"github.com/pscore/dossier/internal/fonts"
	"github.com/pscore/dossier/internal/linebreak"
)

// run is a stretch of text in one style: the unit inlines are flattened into.
type run struct {
	text  string
	style fonts.Style
	size  float64
	color rgb
	rise  float64 // baseline shift up (superscripts)
	url   string  // external link target
	dest  string  // internal link target (anchor)
	note  *doc.Footnote
}

// runStyle is the style inlines inherit while being flattened.
type runStyle struct {
	style fonts.Style
	size  float64
	color rgb
	url   string
	dest  string
}

// flatten turns inline content into runs, normalising text to NFC and applying the
// typography of the language.
func (w *writer) flatten(content []doc.Inline, st runStyle) []run {
	var out []run
	var walk func([]doc.Inline, runStyle)
	add := func(s string, st runStyle) {
		if s == "" {
			return
		}
		s = w.typo(s)
		if n := len(out); n > 0 {
			last := &out[n-1]
			if last.style == st.style && last.size == st.size && last.color == st.color && last.url == st.url &&
				last.dest == st.dest && last.rise == 0 && last.note == nil {
				last.text += s
				return
			}
		}
		out = append(out, run{text: s, style: st.style, size: st.size, color: st.color, url: st.url, dest: st.dest})
	}
	walk = func(content []doc.Inline, st runStyle) {
		for _, in := range content {
			switch x := in.(type) {
			case *doc.Text:
				add(x.Text, st)
			case *doc.Emph:
				s := st
				s.style = w.italic(s.style) // Korean has no italic: emphasis stays upright
				walk(x.Content, s)
			case *doc.Strong:
				s := st
				s.style = s.style.Bold()
				walk(x.Content, s)
			case *doc.CodeSpan:
				s := st
				s.style = mono
				s.size = st.size * 0.9
				out = append(out, run{text: norm.NFC.String(x.Text), style: s.style, size: s.size, color: s.color, url: s.url, dest: s.dest})
			case *doc.Link:
				s := st
				if dest, ok := strings.CutPrefix(x.Href, "#"); ok {
					s.dest = dest
				} else {
					s.url = x.Href
				}
				s.color = linkBlue
				walk(x.Content, s)
			case *doc.CaseRef:
				s := st
				if x.Anchor != "" {
					s.dest = x.Anchor
					s.color = linkBlue
				}
				if x.Content != nil {
					walk(x.Content, s)
				} else {
					add(x.CaseID, s)
				}
			case *doc.Footnote:
				if x.Mark != "" {
					// an asterisk is a superior glyph already: a little smaller, not raised
					out = append(out, run{text: w.num.Label(x), style: st.style, size: st.size * 0.85, color: st.color, note: x})
					continue
				}
				out = append(out, run{text: w.num.Label(x), style: st.style, size: st.size * 0.62, color: st.color,
					rise: st.size * 0.36, note: x})
			case *doc.LineBreak:
				out = append(out, run{text: "\n", style: st.style, size: st.size, color: st.color})
			}
		}
	}
	walk(content, st)
	return out
}

// typo normalises text and applies the language's typography.
func (w *writer) typo(s string) string {
	s = norm.NFC.String(s)
	if strings.ContainsAny(s, "\t\r\n") {
		s = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\r' || r == '\n' {
				return ' '
			}
			return r
		}, s)
	}
	if strings.IndexByte(s, '\'') >= 0 {
		s = apostrophes(s)
	}
	if w.lang == "fr" {
		s = linebreak.French(s)
	}
	return s
}

// apostrophes sets a straight apostrophe after a letter as ’ (“l'État” → “l’État”,
// “People's” → “People’s”), as the Markdown typographer does for the body: labels that
// come from data (act types, places) reach the writer with straight ones. A quote mark
// that opens (after a space) is left alone.
func apostrophes(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 4)
	prev := ' '
	for _, r := range s {
		if r == '\'' && unicode.IsLetter(prev) {
			r = '’'
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// glyph is one character placed in a paragraph.
type glyph struct {
	r    rune
	run  int32
	face *fonts.Face
	w    float64 // advance in points
	pos  int32   // byte offset in the paragraph text
}

func isStretch(r rune) bool { return r == ' ' || r == '\u00A0' }

// invisible characters are dropped: they have no glyph and no width.
func invisible(r rune) bool {
	switch r {
	case '\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u200E', '\u200F':
		return true
	}
	return r < 0x20 && r != '\n' || r == 0x7F || r >= 0x80 && r < 0xA0
}

// neutral characters (spaces, punctuation) take the face of the character before them
// when that face has them, so that Korean text does not change fonts at every space.
func neutral(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
}

// shape resolves the runs of a paragraph into glyphs, choosing a face for each
// character. A character no face has is an error naming it.
func (w *writer) shape(runs []run) (string, []glyph, error) {
	var sb strings.Builder
	n := 0
	for _, r := range runs {
		n += len(r.text)
	}
	sb.Grow(n)
	gs := make([]glyph, 0, n)
	var prev *fonts.Face
	for ri := range runs {
		r := &runs[ri]
		for _, c := range r.text {
			pos := sb.Len()
			if invisible(c) {
				if c == '\u200B' {
					sb.WriteRune(c) // keeps its break opportunity
				}
				continue
			}
			sb.WriteRune(c)
			if c == '\n' {
				gs = append(gs, glyph{r: c, run: int32(ri), pos: int32(pos)})
				continue
			}
			var f *fonts.Face
			if prev != nil && neutral(c) && prev.Has(c) && sameFamily(prev, r.style) {
				f = prev
			} else {
				f = fonts.For(r.style, c)
			}
			if f == nil {
				return "", nil, &fonts.MissingError{Rune: c, Where: w.where + near(runs, ri, r.text)}
			}
			prev = f
			w.use(f, c)
			gs = append(gs, glyph{r: c, run: int32(ri), face: f, w: f.Advance(c) * r.size, pos: int32(pos)})
		}
	}
	return sb.String(), gs, nil
}

// sameFamily reports whether face f belongs to the family and weight of style s, so
// that a neutral character is never borrowed from a bold or italic neighbour's face.
func sameFamily(f *fonts.Face, s fonts.Style) bool {
	for _, r := range []rune{'가', 'a'} {
		if g := fonts.For(s, r); g == f {
			return true
		}
	}
	return false
}

func near(runs []run, ri int, text string) string {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.text)
	}
	s := []rune(b.String())
	if len(s) > 60 {
		s = append(s[:57], '…')
	}
	return ", in “" + string(s) + "”"
}

// line is one set line: glyphs [a, b) are shown (trailing spaces excluded), the next
// line starts at next.
type line struct {
	a, b, next int
	width      float64 // natural width of [a, b)
	justify    bool
	hard       bool    // ends at a forced break
	indent     float64 // hanging indent of a continued line
}

// breakLines breaks glyphs into lines of width wid (the first line width0). Word breaks
// are preferred; breaks between Korean syllables are used only when the line would
// otherwise be stretched badly or one word is wider than the line; a word wider than
// the line is broken between grapheme clusters as a last resort.
//
// A line that continues a broken one (not the first, nor one after a forced break) is
// indented by hang and is as much narrower: entries one to a line in a table cell
// read as entries.
func (w *writer) breakLines(text string, gs []glyph, runs []run, width0, wid, hang float64, justify bool) []line {
	if len(gs) == 0 {
		return nil
	}
	// break opportunities, as glyph indexes: a line may end before glyph i
	kind := make([]linebreak.Kind, len(gs)+1)
	bs := linebreak.Breaks(text)
	gi := 0
	for _, b := range bs {
		for gi < len(gs) && int(gs[gi].pos) < b.Pos {
			gi++
		}
		if gi < len(gs) && gs[gi].run != gs[gi-1].run && runs[gs[gi].run].note != nil {
			continue // never break before a footnote mark
		}
		k := b.Kind
		if k == linebreak.Mandatory && gi < len(gs) && gs[gi-1].r != '\n' {
			k = linebreak.Word
		}
		if kind[gi] == 0 || k < kind[gi] {
			kind[gi] = k
		}
	}
	kind[len(gs)] = linebreak.Mandatory
	// prefix widths
	pre := make([]float64, len(gs)+1)
	for i, g := range gs {
		pre[i+1] = pre[i] + g.w
	}
	trimEnd := func(a, b int) int { // exclude trailing spaces and the newline
		for b > a && (unicode.IsSpace(gs[b-1].r)) {
			b--
		}
		return b
	}
	if justify && hang == 0 && !greedyOnly {
		return w.totalFit(gs, kind, pre, trimEnd, width0, wid)
	}
	var lines []line
	a := 0
	for a < len(gs) {
		// skip spaces at the start of a line (after a break they hang)
		for a < len(gs) && gs[a].r == ' ' {
			a++
		}
		if a >= len(gs) {
			break
		}
		lw, indent := wid, 0.0
		if len(lines) == 0 {
			lw = width0
		} else if hang > 0 && !lines[len(lines)-1].hard {
			lw, indent = wid-hang, hang
		}
		lastWord, lastSyl := -1, -1
		forced := -1
		for i := a + 1; i <= len(gs); i++ {
			if kind[i] == 0 {
				continue
			}
			e := trimEnd(a, i)
			if pre[e]-pre[a] > lw+0.01 {
				break
			}
			if kind[i] == linebreak.Syllable {
				lastSyl = i
			} else {
				lastWord = i
			}
			if kind[i] == linebreak.Mandatory && (i == len(gs) || gs[i-1].r == '\n') {
				forced = i
				break
			}
		}
		end := -1
		hard := false
		switch {
		case forced >= 0:
			end, hard = forced, true
		case lastWord > 0:
			end = lastWord
			if justify && lastSyl > lastWord {
				// would the word-only line be badly stretched? (Ragged text, such as a
				// table cell, is never stretched, so it keeps its words whole.)
				e := trimEnd(a, end)
				spaces, spaceW := 0, 0.0
				for j := a; j < e; j++ {
					if isStretch(gs[j].r) {
						spaces++
						spaceW += gs[j].w
					}
				}
				slack := lw - (pre[e] - pre[a])
				if spaces == 0 || slack/spaceW > w.m.justifyKoreanBadly {
					end = lastSyl
				}
			}
		case lastSyl > 0:
			end = lastSyl
		default:
			// nothing fits: break between characters, never before a combining mark
			end = a + 1
			for end < len(gs) && pre[end+1]-pre[a] <= lw {
				end++
			}
			for end < len(gs) && unicode.In(gs[end].r, unicode.Mn, unicode.Me) {
				end++
			}
		}
		b := trimEnd(a, end)
		ln := line{a: a, b: b, next: end, width: pre[b] - pre[a], hard: hard, indent: indent}
		ln.justify = justify && !hard && end < len(gs)
		lines = append(lines, ln)
		a = end
	}
	return lines
}

// greedyOnly makes breakLines fill lines one by one, as it does for ragged text, in
// justified paragraphs too (for tests that compare).
var greedyOnly = false

// totalFit breaks a justified paragraph as a whole, after Knuth and Plass (without
// shrinking or hyphens): of all the ways to break it at word boundaries, and at a cost
// between Korean syllables, it takes the one whose lines are stretched least overall,
// so that one loose line is not left after tight ones and word spaces do not open
// into rivers. The last line of a paragraph, or before a forced break, is not
// stretched and costs nothing; a word wider than the line is broken between
// characters, as the greedy breaker does.
func (w *writer) totalFit(gs []glyph, kind []linebreak.Kind, pre []float64, trimEnd func(a, b int) int, width0, wid float64) []line {
	n := len(gs)
	// scratch, reused from paragraph to paragraph
	if cap(w.fitBuf) < 3*(n+1) {
		w.fitBuf = make([]float64, 3*(n+1))
	}
	if cap(w.fitPrev) < n+1 {
		w.fitPrev = make([]int, n+1)
	}
	buf := w.fitBuf[:3*(n+1)]
	// stretchable width (word spaces) before each glyph
	str := buf[:n+1]
	str[0] = 0
	for i, g := range gs {
		str[i+1] = str[i]
		if isStretch(g.r) {
			str[i+1] += g.w
		}
	}
	demerits := func(r float64) float64 {
		// TeX caps badness at 10,000 (r ≈ 4.6); here it runs on to r = 100, so that
		// of two gaping lines (a long URL in a note leaves one or two word spaces to
		// stretch) the less gaping is still preferred
		bad := min(100*r*r*r, 1e8)
		return (1 + bad) * (1 + bad)
	}
	// a break between syllables costs what a word-only line stretched as much as the
	// greedy breaker tolerates does: Korean is broken between words wherever that can
	// be done without a badly stretched line (on the sample filings this breaks fewer
	// words than the greedy breaker, and leaves fewer loose lines)
	sylPenalty := demerits(w.m.justifyKoreanBadly)
	best := buf[n+1 : 2*(n+1)]
	prev := w.fitPrev[:n+1]
	var lines []line
	for seg := 0; seg < n; {
		// the segment runs to the next forced break
		end := seg + 1
		for end < n && !(kind[end] == linebreak.Mandatory && gs[end-1].r == '\n') {
			end++
		}
		for i := seg; i <= end; i++ {
			best[i], prev[i] = math.Inf(1), -1
		}
		best[seg] = 0
		relax := func(i, p int, c float64) {
			if c < best[i] {
				best[i], prev[i] = c, p
			}
		}
		for p := seg; p < end; p++ {
			if math.IsInf(best[p], 1) {
				continue
			}
			a := p
			for a < end && gs[a].r == ' ' {
				a++
			}
			if a >= end {
				relax(end, p, best[p])
				continue
			}
			lw := wid
			if p == 0 {
				lw = width0
			}
			fitted := false
			for i := a + 1; i <= end; i++ {
				if kind[i] == 0 {
					continue
				}
				e := trimEnd(a, i)
				width := pre[e] - pre[a]
				if width > lw+0.01 {
					break
				}
				fitted = true
				cost := 0.0
				if i < end {
					slack, st := lw-width, str[e]-str[a]
					r := 0.0
					switch {
					case st > 0:
						r = slack / st
					case slack > 1:
						r = 100 // nothing to stretch: as bad as can be
					}
					cost = demerits(r)
					if kind[i] == linebreak.Syllable {
						cost += sylPenalty
					}
				}
				relax(i, p, best[p]+cost)
			}
			if !fitted {
				// nothing fits: break between characters, never before a combining mark
				e := a + 1
				for e < end && pre[e+1]-pre[a] <= lw {
					e++
				}
				for e < end && unicode.In(gs[e].r, unicode.Mn, unicode.Me) {
					e++
				}
				relax(e, p, best[p]+1e20) // worse than any line that fits
			}
		}
		// the chosen breaks, from the end back
		var bps []int
		for i := end; i > seg && i >= 0; i = prev[i] {
			bps = append(bps, i)
		}
		p := seg
		for k := len(bps) - 1; k >= 0; k-- {
			i := bps[k]
			a := p
			for a < i && gs[a].r == ' ' {
				a++
			}
			p = i
			if a >= i {
				continue
			}
			b := trimEnd(a, i)
			hard := i == end
			lines = append(lines, line{a: a, b: b, next: i, width: pre[b] - pre[a], hard: hard, justify: !hard && i < n})
		}
		seg = end
	}
	return lines
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// typoCode normalises code text without language typography.
func (w *writer) typoCode(s string) string { return norm.NFC.String(s) }
