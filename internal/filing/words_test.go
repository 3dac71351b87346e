package filing

import (
	"strings"
	"testing"

	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/doc"
)

func TestCountWords(t *testing.T) {
	cases := []struct {
		s    string
		want int
	}{
		{"", 0},
		{"   \n\t ", 0},
		{"Hello world", 2},
		{"real-time video", 2},
		{"Talk to your father-in-law.", 4},
		{"don't stop", 2},
		{"There were 3 apples", 4},
		{"1,500 words", 2},
		{"see A/HRC/58/NGO/12, para. 4", 4},
		{"https://www.ohchr.org/en/hr-bodies/upr is one", 3},
		{"and/or", 1},
		{"beginning—end", 1},
		{"a – b", 2},         // a spaced dash is punctuation, not a word
		{"a - b", 2},         // likewise a spaced hyphen
		{"Tom & Jerry", 3},   // a lone ampersand counts, as in Word
		{"50 %", 2},          // so does a spaced per cent sign
		{"« Bonjour » !", 1}, // French marks alone do not count
		{"« Bonjour », dit-il ; puis : non !", 4}, // narrow no-break spaces are spaces
		{"the\u00a0State", 2},                     // no-break space separates words
		{"중국 공안에 체포되었다.", 3},                      // Korean counts by eojeol
		{"2019년 5월 9일", 3},
		{"北朝鮮 人権", 5}, // ideographs count one each
		{"...", 0},
		{"(a)", 1},
	}
	for _, c := range cases {
		if got := CountWords(c.s); got != c.want {
			t.Errorf("CountWords(%q) = %d, want %d", c.s, got, c.want)
		}
	}
}

func TestCountDocument(t *testing.T) {
	d := &doc.Document{
		Meta: doc.Meta{Title: "metadata is not counted", Keywords: []string{"nor keywords"}},
		Blocks: []doc.Block{
			&doc.Cover{Organ: "Human Rights Council", Session: []string{"Sixty-first session"}, Title: doc.T("A title")},
			&doc.Heading{Level: 1, Text: doc.T("Introduction")},
			&doc.Paragraph{Numbered: true, Content: []doc.Inline{
				&doc.Strong{Content: doc.T("bold")}, &doc.Text{Text: "word and more."},
				&doc.Footnote{Content: doc.T("A/HRC/25/63, para. 74.")},
			}},
			&doc.Chart{Title: "chart title", Labels: []string{"x", "y"}, Values: []float64{1, 2}},
			&doc.Table{Header: []*doc.Row{{Cells: []*doc.Cell{{Content: doc.T("Act type")}, {Content: doc.T("Acts")}}}},
				Rows: []*doc.Row{{Cells: []*doc.Cell{{Content: doc.T("Torture")}, {Content: doc.T("12")}}}}},
			&doc.Paragraph{Content: []doc.Inline{&doc.CaseRef{CaseID: "X-2019-001", Content: doc.T("case 3")}}},
			&doc.Annex{Title: doc.T("Cited cases"), Blocks: []doc.Block{&doc.Paragraph{Content: doc.T("not counted at all")}}},
		},
	}
	w := CountDocument(d)
	// cover 3+2+2, heading 1, paragraph 3 ("boldword and more."), table 2+1+1+1, case ref 2
	if w.Body != 7+1+3+5+2 || w.Notes != 3 || w.Annexes != 2+4 {
		t.Errorf("CountDocument = %+v", w)
	}
	if w.Counted() != w.Body+w.Notes {
		t.Errorf("Counted = %d", w.Counted())
	}
}

func lines(d diag.List) string {
	var b strings.Builder
	for _, x := range d {
		b.WriteString(x.String())
		b.WriteByte('\n')
	}
	return b.String()
}

func TestCountDocumentJoinsRuns(t *testing.T) {
	d := &doc.Document{Blocks: []doc.Block{
		&doc.Cover{Title: []doc.Inline{&doc.Text{Text: "Forced return"}, &doc.Footnote{Content: doc.T("A and B also share the views expressed in this statement.")}}},
		&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "one"}, &doc.LineBreak{}, &doc.Text{Text: "two"}, &doc.Emph{Content: doc.T("three")}, &doc.Text{Text: "four"}}},
		&doc.Quote{Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "quoted words"}, &doc.Footnote{Content: doc.T("a note")}}}}},
		&doc.Chart{Title: "not counted", Labels: []string{"a"}, Values: []float64{1}, Caption: doc.T("Source: testimonies.")},
	}}
	w := CountDocument(d)
	// title 2; "one" + "twothreefour" 2; quote 2; chart caption 2. Notes: 11 + 2.
	if w.Body != 8 || w.Notes != 13 || w.Annexes != 0 {
		t.Errorf("CountDocument = %+v", w)
	}
}
