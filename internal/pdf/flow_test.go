package pdf

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pscore/dossier/internal/doc"
)

// pageTexts returns the text of each page.
func pageTexts(t *testing.T, path string, pages int) []string {
	t.Helper()
	var out []string
	for i := 1; i <= pages; i++ {
		out = append(out, tool(t, "pdftotext", "-f", strconv.Itoa(i), "-l", strconv.Itoa(i), "-enc", "UTF-8", path, "-"))
	}
	return out
}

func TestTableHeaderRepeats(t *testing.T) {
	tab := &doc.Table{Header: []*doc.Row{{Cells: []*doc.Cell{{Content: doc.T("Case number")}, {Content: doc.T("Place of detention")}}}}}
	for i := 1; i <= 120; i++ {
		tab.Rows = append(tab.Rows, &doc.Row{Cells: []*doc.Cell{{Content: doc.T(fmt.Sprintf("ROW-%03d", i))}, {Content: doc.T("Hyesan 혜산")}}})
	}
	d := &doc.Document{Meta: doc.Meta{Lang: "en", Title: "Tables"}, Blocks: []doc.Block{
		&doc.Heading{Level: 1, Text: doc.T("Cases")}, doc.Para(true, &doc.Text{Text: "The cases follow."}), tab,
		doc.Para(true, &doc.Text{Text: "After the table."}),
	}}
	path, res := render(t, d, Options{})
	if res.Pages < 3 {
		t.Fatalf("%d pages", res.Pages)
	}
	texts := pageTexts(t, path, res.Pages)
	seen := 0
	for i, txt := range texts {
		rows := regexp.MustCompile(`ROW-\d{3}`).FindAllString(txt, -1)
		seen += len(rows)
		if len(rows) > 0 && !strings.Contains(txt, "Case number") {
			t.Errorf("page %d has rows but no header", i+1)
		}
		if len(rows) == 1 {
			t.Errorf("page %d has a single row of the table", i+1)
		}
	}
	if seen != 120 {
		t.Errorf("%d rows set, want 120", seen)
	}
}

func TestFootnotesOnCitingPage(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Lang: "fr", Title: "Notes"}}
	for i := 1; i <= 90; i++ {
		content := []doc.Inline{&doc.Text{Text: fmt.Sprintf("Paragraphe P%03dP ", i)}, &doc.Footnote{Content: doc.T(fmt.Sprintf("Note N%03dN : l’été.", i))}, &doc.Text{Text: " court."}}
		if i%7 == 0 {
			content = append(content, &doc.Text{Text: strings.Repeat(" Un texte plus long qui remplit la ligne et la suivante.", 6)})
		}
		d.Blocks = append(d.Blocks, doc.Para(true, content...))
	}
	path, res := render(t, d, Options{})
	texts := pageTexts(t, path, res.Pages)
	found := 0
	for i, txt := range texts {
		for _, m := range regexp.MustCompile(`P(\d{3})P`).FindAllStringSubmatch(txt, -1) {
			found++
			if !strings.Contains(txt, "N"+m[1]+"N") {
				t.Errorf("page %d: paragraph %s cites a note that is not on its page", i+1, m[1])
			}
		}
	}
	if found != 90 {
		t.Errorf("found %d paragraphs", found)
	}
}

func TestHeadingKeptWithText(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Lang: "en"}}
	for i := 1; i <= 60; i++ {
		d.Blocks = append(d.Blocks, &doc.Heading{Level: 1 + i%3, Text: doc.T(fmt.Sprintf("Heading H%02dH", i))})
		d.Blocks = append(d.Blocks, doc.Para(true, &doc.Text{Text: strings.Repeat("Body text of the section, long enough to fill several lines. ", 1+i%4)}))
	}
	path, res := render(t, d, Options{})
	for i, txt := range pageTexts(t, path, res.Pages) {
		lines := strings.Split(strings.TrimSpace(txt), "\n")
		// the last text line before the footer must not be a heading
		var body []string
		for _, l := range lines {
			if strings.TrimSpace(l) != "" && !strings.HasPrefix(l, "Page ") {
				body = append(body, l)
			}
		}
		if n := len(body); n > 0 && regexp.MustCompile(`H\d\dH`).MatchString(body[n-1]) {
			t.Errorf("page %d ends with a heading: %q", i+1, body[n-1])
		}
	}
}
