package pdf

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/pscore/dossier/internal/doc"
	"github.com/pscore/dossier/internal/fonts"
)

func TestApostrophes(t *testing.T) {
	for in, want := range map[string]string{
		"Liberté d'expression":        "Liberté d’expression",
		"People's Republic":           "People’s Republic",
		"'quoted' text":               "'quoted’ text",
		"l'État, aujourd'hui":         "l’État, aujourd’hui",
		"no apostrophe":               "no apostrophe",
		"2 o'clock; rock 'n' roll 5'": "2 o’clock; rock 'n’ roll 5'",
	} {
		if got := apostrophes(in); got != want {
			t.Errorf("apostrophes(%q) = %q, want %q", in, got, want)
		}
	}
}

// A running header too long for the line is cut after a word, with an ellipsis and the
// quotation mark it opened; a short one is left alone.
func TestFitLine(t *testing.T) {
	w := newTestWriter("en")
	long := "Input to the call “Call for input on the situation of women and girls forcibly returned to the Democratic People’s Republic of Korea”"
	got := w.fitLine(long, fonts.Sans, 8.5, colR-colX)
	if !strings.HasSuffix(got, "…”") || w.measure(got, fonts.Sans, 8.5) > colR-colX || strings.HasSuffix(strings.TrimSuffix(got, "…”"), " ") {
		t.Errorf("fitLine = %q (%.0f pt)", got, w.measure(got, fonts.Sans, 8.5))
	}
	if !strings.HasPrefix(long, strings.TrimSuffix(got, "…”")) {
		t.Errorf("fitLine changed the text: %q", got)
	}
	fr := newTestWriter("fr")
	s := fr.typo("Contribution à l’appel « Appel à contributions sur la situation des femmes et des filles renvoyées de force en République populaire démocratique de Corée »")
	got = fr.fitLine(s, fonts.Sans, 8.5, colR-colX)
	if !strings.HasSuffix(got, "…\u00A0»") || fr.measure(got, fonts.Sans, 8.5) > colR-colX {
		t.Errorf("fr fitLine = %q", got)
	}
	if got := w.fitLine("A/HRC/61/NGO/1", fonts.Sans, 8.5, colR-colX); got != "A/HRC/61/NGO/1" {
		t.Errorf("short header changed: %q", got)
	}
}

// The running header stays inside the text column, even beside the mark.
func TestLongRunningHeader(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Lang: "en", Title: "T"}, Blocks: []doc.Block{doc.Para(true, &doc.Text{Text: "Text."})}}
	hdr := "Input to the call “Call for input on the situation of women and girls forcibly returned to the Democratic People’s Republic of Korea”"
	for _, mark := range []string{"", "CONFIDENTIAL"} {
		path, _ := render(t, d, Options{Header: hdr, Mark: mark})
		for _, wd := range bboxWords(t, path) {
			if wd.yMax < topY && wd.text != mark && wd.xMax > colR+0.5 {
				t.Errorf("mark %q: header word %q ends at x %.1f, past the column (%.0f)", mark, wd.text, wd.xMax, colR)
			}
		}
	}
}

func TestBalance(t *testing.T) {
	mins := []float64{10, 50, 40, 40, 60}
	maxs := []float64{12, 55, 150, 400, 170}
	areas := []float64{30, 300, 700, 1500, 2600}
	widths := make([]float64, 5)
	balance(widths, mins, maxs, areas, 380)
	sum := 0.0
	for i, v := range widths {
		sum += v
		if v < mins[i]-1e-6 || v > maxs[i]+1e-6 {
			t.Errorf("column %d: %.1f outside [%.0f, %.0f]", i, v, mins[i], maxs[i])
		}
	}
	if math.Abs(sum-380) > 0.01 {
		t.Errorf("widths add up to %.2f", sum)
	}
	if !(widths[4] > widths[3] && widths[3] > widths[2]) {
		t.Errorf("widths do not follow the amount of text: %v", fmt.Sprint(widths))
	}
}

// A paragraph that leads into a quotation, a list or what follows its colon keeps with
// it; so does a short paragraph before such a lead-in.
func TestLeadIns(t *testing.T) {
	p := func(s string) *doc.Paragraph { return doc.Para(true, &doc.Text{Text: s}) }
	bs := []doc.Block{
		p("Body."),
		p("One witness recalled:"),
		p("Case 1. Witness R-08."),
		p("June 2010, Hoeryong"),
		&doc.Quote{Blocks: []doc.Block{p("I was caught.")}},
		p("The State should:"),
		&doc.List{Items: []*doc.ListItem{{Content: doc.T("a")}}},
		p("Another paragraph."),
		p("Last."),
	}
	got := leadIns(bs)
	want := []int{leadNone, leadStrong, leadShort, leadStrong, leadNone, leadStrong, leadNone, leadNone, leadNone}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("leadIns = %v, want %v", got, want)
	}
}

// TestBodySize: a filing kind's body size scales the Latin design and leaves Hangul's.
func TestBodySize(t *testing.T) {
	en := metricsFor("en").scaled("en", 10)
	if en.body != 10 || en.note >= metricsFor("en").note || en.h1 >= metricsFor("en").h1 {
		t.Errorf("en scaled to 10: %+v", en)
	}
	if ko := metricsFor("ko").scaled("ko", 10); ko != metricsFor("ko") {
		t.Errorf("ko changed: %+v", ko)
	}
	if m := metricsFor("fr").scaled("fr", 0); m != metricsFor("fr") {
		t.Errorf("zero changed the design: %+v", m)
	}
}
