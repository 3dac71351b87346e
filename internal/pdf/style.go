package pdf

import "github.com/pscore/dossier/internal/fonts"

// The page design: A4, a serif body with the numbers of paragraphs and headings hanging
// in the left margin, sans-serif headings, a running header and a footer. All lengths
// are in PostScript points.
const (
	pageW = 595.0
	pageH = 842.0

	numX    = 70.0  // where hanging numbers start
	colX    = 100.0 // left edge of the text column
	colR    = 525.0 // right edge of the text column
	colW    = colR - colX
	topY    = 78.0  // top of the body
	bottomY = 772.0 // bottom of the body (footnotes end here)

	headerBase = 50.0 // baseline of the running header
	headerRule = 57.0
	footerBase = 806.0 // baseline of the footer

	listIndent = 28.0
	cellPadX   = 4.0
	cellPadY   = 3.5
	noteIndent = 14.0
)

type rgb struct{ r, g, b uint8 }

var (
	black     = rgb{0, 0, 0}
	linkBlue  = rgb{0, 51, 140}
	markRed   = rgb{170, 0, 0}
	grey      = rgb{90, 90, 90}
	ruleGrey  = rgb{150, 150, 150}
	lightGrey = rgb{225, 225, 225}
	barBlue   = rgb{0, 92, 150}
)

// metrics are the sizes that depend on the language: Hangul wants more leading.
type metrics struct {
	body, bodyLead     float64
	note, noteLead     float64
	table, tableLead   float64
	small, smallLead   float64
	paraGap            float64
	h1, h2, h3         float64
	h1Before, hBefore  float64
	hAfter             float64
	coverTitle         float64
	justifyKoreanBadly float64 // stretch per space, in space widths, that lets Korean break between syllables
}

func metricsFor(lang string) metrics {
	m := metrics{
		body: 11, bodyLead: 14.5,
		note: 9, noteLead: 11,
		table: 9.5, tableLead: 12,
		small: 8, smallLead: 10,
		paraGap: 6,
		h1:      12.5, h2: 11.5, h3: 11,
		h1Before: 16, hBefore: 11, hAfter: 5,
		coverTitle:         15,
		justifyKoreanBadly: 1.25,
	}
	if lang == "ko" {
		m.body, m.bodyLead = 10.5, 17.5
		m.note, m.noteLead = 8.5, 13
		m.table, m.tableLead = 9, 14
		m.small, m.smallLead = 8, 11.5
	}
	return m
}

// scaled returns m with every size and gap scaled so that the body is body points: a
// filing kind's rule (HRC statements: Times New Roman 10) sets the body, and the rest
// of the design keeps its proportions. Hangul keeps its own, larger body: the rule is
// written for Latin type.
func (m metrics) scaled(lang string, body float64) metrics {
	if body <= 0 || lang == "ko" {
		return m
	}
	k := body / m.body
	for _, f := range []*float64{&m.body, &m.bodyLead, &m.note, &m.noteLead, &m.table, &m.tableLead,
		&m.small, &m.smallLead, &m.paraGap, &m.h1, &m.h2, &m.h3, &m.h1Before, &m.hBefore, &m.hAfter, &m.coverTitle} {
		*f *= k
	}
	return m
}

const (
	serif = fonts.Serif
	sans  = fonts.Sans
	mono  = fonts.Mono
)
