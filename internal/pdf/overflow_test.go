package pdf

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/pscore/dossier/internal/doc"
)

// words returns n words W0001 W0002 … padded with ordinary text.
func sentinelText(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "W%04d witnesses described the cells. ", i)
	}
	return strings.TrimSpace(b.String())
}

var footerWord = regexp.MustCompile(`^(Page|of|sur|중|\d+|\d+쪽)$`)

// checkInside fails if a word other than the footer is drawn below the body, and
// returns the sentinel numbers found, in reading order.
func checkInside(t *testing.T, path string) ([]string, []bboxWord) {
	t.Helper()
	words := bboxWords(t, path)
	var found []string
	re := regexp.MustCompile(`^W\d{4}$`)
	for _, wd := range words {
		if wd.yMin >= footerBase-12 { // the footer line
			if !footerWord.MatchString(wd.text) { // "Page 3 of 12", "Page 3 sur 12", "12쪽 중 3쪽"
				t.Errorf("page %d: %q drawn at y %.1f–%.1f, below the body (%.0f)", wd.page, wd.text, wd.yMin, wd.yMax, bottomY)
			}
			continue
		}
		if wd.yMax > bottomY+1 {
			t.Errorf("page %d: %q drawn at y %.1f–%.1f, below the body (%.0f)", wd.page, wd.text, wd.yMin, wd.yMax, bottomY)
		}
		if re.MatchString(wd.text) {
			found = append(found, wd.text)
		}
	}
	return found, words
}

func wantSentinels(t *testing.T, found []string, n int) {
	t.Helper()
	if len(found) != n {
		t.Fatalf("%d sentinel words set, want %d", len(found), n)
	}
	for i, s := range found {
		if want := fmt.Sprintf("W%04d", i+1); s != want {
			t.Fatalf("word %d is %s, want %s (text lost or out of order)", i+1, s, want)
		}
	}
}

// A table row taller than a page continues on the next pages, under the repeated
// header, and nothing is drawn below the body.
func TestTallTableRowSplits(t *testing.T) {
	tab := &doc.Table{Header: []*doc.Row{{Cells: []*doc.Cell{{Content: doc.T("Case")}, {Content: doc.T("Account")}}}},
		Rows: []*doc.Row{
			{Cells: []*doc.Cell{{Content: doc.T("A-1")}, {Content: doc.T("Short.")}}},
			{Cells: []*doc.Cell{{Content: doc.T("A-2")}, {Content: doc.T(sentinelText(420))}}},
			{Cells: []*doc.Cell{{Content: doc.T("A-3")}, {Content: doc.T("Short again.")}}},
		}}
	d := &doc.Document{Meta: doc.Meta{Lang: "en", Title: "Tall row"}, Blocks: []doc.Block{
		&doc.Heading{Level: 1, Text: doc.T("Cases")}, doc.Para(true, &doc.Text{Text: "The cases follow."}), tab,
	}}
	path, res := render(t, d, Options{})
	if res.Pages < 3 {
		t.Fatalf("%d pages", res.Pages)
	}
	found, words := checkInside(t, path)
	wantSentinels(t, found, 420)
	// the header is repeated on every page the row continues on
	for pg := 1; pg <= res.Pages; pg++ {
		hasRow, hasHeader := false, false
		for _, wd := range words {
			if wd.page == pg && strings.HasPrefix(wd.text, "W") {
				hasRow = true
			}
			if wd.page == pg && wd.text == "Account" {
				hasHeader = true
			}
		}
		if hasRow && !hasHeader {
			t.Errorf("page %d continues the row without the header", pg)
		}
	}
}

// A footnote taller than what is left of its page starts on the page that cites it and
// continues at the foot of the next; nothing is drawn below the body.
func TestLongFootnoteContinues(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Lang: "en", Title: "Long note"}}
	for i := 0; i < 8; i++ {
		d.Blocks = append(d.Blocks, doc.Para(true, &doc.Text{Text: strings.Repeat("Body text of the report, long enough to fill the line. ", 5)}))
	}
	d.Blocks = append(d.Blocks, doc.Para(true, &doc.Text{Text: "The note NOTEREF"}, &doc.Footnote{Content: doc.T(sentinelText(300))}, &doc.Text{Text: " is long."}))
	for i := 0; i < 12; i++ {
		d.Blocks = append(d.Blocks, doc.Para(true, &doc.Text{Text: strings.Repeat("More body text after the long note, to fill the pages. ", 5)}))
	}
	path, res := render(t, d, Options{})
	found, words := checkInside(t, path)
	wantSentinels(t, found, 300)
	refPage, firstNote := 0, 0
	for _, wd := range words {
		if strings.HasPrefix(wd.text, "NOTEREF") {
			refPage = wd.page
		}
		if wd.text == "W0001" {
			firstNote = wd.page
		}
	}
	if refPage == 0 || firstNote != refPage {
		t.Errorf("the note is cited on page %d but starts on page %d", refPage, firstNote)
	}
	if res.Pages < 3 {
		t.Errorf("%d pages", res.Pages)
	}
}

// A block that cannot be split and is taller than a page is an error naming it.
func TestTooTallBlockIsAnError(t *testing.T) {
	var labels []string
	var values []float64
	for i := 0; i < 60; i++ {
		labels = append(labels, fmt.Sprintf("Category number %d with a long name", i+1))
		values = append(values, float64(i+1))
	}
	d := &doc.Document{Meta: doc.Meta{Lang: "en"}, Blocks: []doc.Block{
		doc.Para(true, &doc.Text{Text: "Text."}),
		&doc.Chart{Title: "Too many", Labels: labels, Values: values},
	}}
	_, err := Render(d, Options{})
	if err == nil || !strings.Contains(err.Error(), "block 2 (chart)") || !strings.Contains(err.Error(), "too tall") {
		t.Errorf("err = %v", err)
	}
}

// Nothing of the sample documents or the 100-page benchmark document is drawn below
// the body.
func TestNothingBelowBody(t *testing.T) {
	docs := map[string]*doc.Document{"big": bigDoc(t)}
	for _, lang := range []string{"en", "fr", "ko"} {
		docs[lang] = sample(t, lang)
	}
	for _, name := range []string{"big", "en", "fr", "ko"} {
		path, _ := render(t, docs[name], Options{Mark: "CONFIDENTIAL"})
		checkInside(t, path)
	}
}
