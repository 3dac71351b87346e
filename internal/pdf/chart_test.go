package pdf

import (
	"strings"
	"testing"

	"github.com/pscore/dossier/internal/doc"
	"github.com/pscore/dossier/internal/fonts"
)

func newTestWriter(lang string) *writer {
	d := &doc.Document{Meta: doc.Meta{Lang: lang}}
	return &writer{d: d, lang: lang, m: metricsFor(lang), num: doc.Numbers(d), used: map[*fonts.Face]*runeSet{}}
}

// Long labels, or many bars, make horizontal bars; short ones (years) stay vertical.
func TestChartLayoutChoice(t *testing.T) {
	for _, c := range []struct {
		lang   string
		labels []string
		want   bool
	}{
		{"en", []string{"2012", "2013", "2014", "2015", "2016", "2017", "2018", "2019"}, false},
		{"en", []string{"Killing", "Torture", "Detention"}, false},
		{"en", []string{"Killing", "Torture and ill-treatment", "Arbitrary detention", "Forced labour", "Enforced disappearance", "Other (3)"}, false},
		{"en", []string{"Killing", "Torture and ill-treatment", "Arbitrary detention", "Forced labour", "Enforced disappearance", "Public execution", "Sexual violence", "Other (3)"}, true},
		{"fr", []string{"Exécution", "Restriction de la liberté de circulation", "Détention arbitraire", "Travail forcé", "Torture", "Disparition forcée", "Violences sexuelles", "Autres (4)"}, true},
		{"ko", []string{"살해", "고문", "자의적 구금", "강제노동", "강제실종", "성폭력", "이동의 자유 제한", "기타 (4)"}, true},
		{"en", strings.Fields("a b c d e f g h i j k l m n"), true},
	} {
		w := newTestWriter(c.lang)
		ch := &doc.Chart{Labels: c.labels, Values: make([]float64, len(c.labels))}
		got, err := w.needsHorizontal(ch, colW)
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("%s %q: horizontal %v, want %v", c.lang, c.labels, got, c.want)
		}
	}
}

// A horizontal chart sets each label whole, left of its bar, with the value after the
// bar, and passes the checks every output passes.
func TestHorizontalChart(t *testing.T) {
	labels := []string{"Arbitrary detention", "Torture and ill-treatment", "Restriction of freedom of movement", "Forced labour",
		"Enforced disappearance", "Sexual violence", "Public execution", "Forced repatriation", "Family punishment",
		"Denial of food", "Religious persecution", "Killing", "Forced abortion", "Trafficking", "Surveillance", "Other (7)"}
	vals := []float64{141, 133, 127, 120, 112, 99, 84, 77, 60, 51, 43, 38, 27, 19, 12, 31}
	d := &doc.Document{Meta: doc.Meta{Lang: "en", Title: "Chart"}, Blocks: []doc.Block{
		&doc.Heading{Level: 1, Text: doc.T("Acts")},
		&doc.Chart{Title: "Acts by type", Unit: "acts", Labels: labels, Values: vals, Horizontal: true, Caption: doc.T("Source: interviews.")},
	}}
	path, _ := render(t, d, Options{})
	tool(t, "qpdf", "--check", path)
	words := bboxWords(t, path)
	find := func(s string) []bboxWord {
		var out []bboxWord
		for _, wd := range words {
			if wd.text == s {
				out = append(out, wd)
			}
		}
		return out
	}
	// labels are right-aligned left of the bars, values right of them, on one line
	mov := find("movement")
	v127 := find("127")
	if len(mov) != 1 || len(v127) != 1 {
		t.Fatalf("words: movement %v, 127 %v", mov, v127)
	}
	if mov[0].xMax >= v127[0].xMin || abs(mov[0].yMin-v127[0].yMin) > 2 {
		t.Errorf("label %v and value %v are not on one row, label first", mov[0], v127[0])
	}
	if detention := find("detention"); len(detention) != 1 || abs(detention[0].xMax-mov[0].xMax) > 1 {
		t.Errorf("labels are not right-aligned: %v, %v", detention, mov)
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
