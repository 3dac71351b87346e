package pdf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pscore/dossier/internal/fonts"
)

// Total-fit breaking covers the paragraph in order, never overfills a line, and
// stretches the lines less overall than filling them one by one.
func TestTotalFit(t *testing.T) {
	for i, para := range benchParas {
		lang := []string{"en", "fr", "ko"}[i]
		w := newTestWriter(lang)
		r := w.m.justifyKoreanBadly
		b := 100 * r * r * r
		sylPenalty := (1 + b) * (1 + b)
		text := w.typo(strings.Repeat(fmt.Sprintf(para, 1)+" ", 4))
		runs := []run{{text: text, style: fonts.Serif, size: w.m.body, color: black}}
		txt, gs, err := w.shape(runs)
		if err != nil {
			t.Fatal(err)
		}
		cost := func(lines []line) (total float64, loose int) {
			next := 0
			for k, ln := range lines {
				if ln.a < next || ln.b > ln.next || (k > 0 && ln.a < lines[k-1].next) {
					t.Fatalf("%s: line %d [%d,%d) next %d out of order", lang, k, ln.a, ln.b, ln.next)
				}
				if ln.width > colW+0.01 {
					t.Errorf("%s: line %d is %.1f pt wide, more than %.0f", lang, k, ln.width, colW)
				}
				next = ln.next
				if !ln.justify {
					continue
				}
				sp := 0.0
				for j := ln.a; j < ln.b; j++ {
					if isStretch(gs[j].r) {
						sp += gs[j].w
					}
				}
				r := (colW - ln.width) / sp
				if r > 1 {
					loose++
				}
				bad := min(100*r*r*r, 1e4)
				total += (1 + bad) * (1 + bad)
				if ln.next < len(gs) && hangul(gs[ln.next-1].r) && hangul(gs[ln.next].r) {
					total += sylPenalty // broken inside a Korean word
				}
			}
			if next != len(gs) {
				t.Fatalf("%s: lines end at %d of %d glyphs", lang, next, len(gs))
			}
			return total, loose
		}
		fit, fitLoose := cost(w.breakLines(txt, gs, runs, colW, colW, 0, true))
		greedyOnly = true
		greedy, greedyLoose := cost(w.breakLines(txt, gs, runs, colW, colW, 0, true))
		greedyOnly = false
		if fit > greedy*1.0001 || fitLoose > greedyLoose {
			t.Errorf("%s: total fit costs %.0f with %d loose lines, greedy %.0f with %d", lang, fit, fitLoose, greedy, greedyLoose)
		}
	}
}

func hangul(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }
