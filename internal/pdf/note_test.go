package pdf

import (
	"strings"
	"testing"

	"github.com/pscore/dossier/internal/doc"
)

// The note on a cover title is marked with an asterisk, at the title and at the foot,
// and the first numbered note is still 1.
func TestTitleNoteMark(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Lang: "en", Title: "Statement"}, Blocks: []doc.Block{
		&doc.Cover{Organ: "Human Rights Council", Symbol: "A/HRC/61/NGO/1",
			Title: []doc.Inline{&doc.Text{Text: "Detention in the DPRK"}, &doc.Footnote{Mark: "*", Content: doc.T("Lone Friend also shares the views expressed in this statement.")}}},
		doc.Para(true, &doc.Text{Text: "Witnesses describe cells."}, &doc.Footnote{Content: doc.T("Interview in Seoul.")}),
	}}
	path, _ := render(t, d, Options{})
	text := squash(tool(t, "pdftotext", "-layout", "-enc", "UTF-8", path, "-"))
	for _, want := range []string{"Detention in the DPRK*", "* Lone Friend also shares the views expressed in this statement.", "cells.1", "1 Interview in Seoul."} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "2 Interview") {
		t.Errorf("the marked note took a number:\n%s", text)
	}
}
