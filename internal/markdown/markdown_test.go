package markdown

import (
	"os"
	"strings"
	"testing"

	"github.com/pscore/dossier/internal/doc"
)

func parse(t *testing.T, src string, numbered bool) (*doc.Document, []string) {
	t.Helper()
	d, diags := Parse([]byte(src), Options{Path: "x.md", Numbered: numbered})
	var ds []string
	for _, x := range diags {
		ds = append(ds, x.String())
	}
	return d, ds
}

func TestSamples(t *testing.T) {
	for _, lang := range []string{"en", "fr", "ko"} {
		src, err := os.ReadFile("../../testdata/markdown/" + lang + ".md")
		if err != nil {
			t.Fatal(err)
		}
		d, diags := Parse(src, Options{Path: lang + ".md", Numbered: true})
		if len(diags) > 0 {
			t.Errorf("%s: %v", lang, diags)
		}
		if err := doc.Validate(d); err != nil {
			t.Errorf("%s: %v", lang, err)
		}
		if d.Meta.Lang != lang || d.Meta.Created.IsZero() || d.Meta.Title == "" {
			t.Errorf("%s: meta %+v", lang, d.Meta)
		}
		if _, ok := d.Blocks[0].(*doc.Cover); !ok {
			t.Errorf("%s: no cover first", lang)
		}
		an, ok := d.Blocks[len(d.Blocks)-1].(*doc.Annex)
		if !ok {
			t.Fatalf("%s: last block is %T, not an annex", lang, d.Blocks[len(d.Blocks)-1])
		}
		tab := an.Blocks[0].(*doc.Table)
		if tab.Rows[0].Anchor != "case-DEV-2014-001" {
			t.Errorf("%s: case row anchor %q", lang, tab.Rows[0].Anchor)
		}
		n := doc.Numbers(d)
		if len(n.Footnote) != 2 || len(n.Para) < 5 {
			t.Errorf("%s: %d footnotes, %d numbered paragraphs", lang, len(n.Footnote), len(n.Para))
		}
		charts := 0
		for p := range doc.Pieces(d) {
			if p.Role == doc.RoleChart {
				charts++
			}
		}
		if charts < 6 {
			t.Errorf("%s: chart pieces %d", lang, charts)
		}
	}
}

func TestStructure(t *testing.T) {
	d, ds := parse(t, `# One

Para with *em*, **strong**, `+"`code`"+` and a [link](https://example.org) and a note.[^1]

[^1]: The *note*.

## Two {#two}

1. first
2. second
   1. sub

- bullet

> quoted

See [above](#two).

<!-- pagebreak -->

---
`, true)
	if len(ds) != 0 {
		t.Fatalf("diags: %v", ds)
	}
	var kinds []string
	for _, b := range d.Blocks {
		kinds = append(kinds, strings.TrimPrefix(strings.TrimPrefix(typeName(b), "*doc."), ""))
	}
	if got := strings.Join(kinds, " "); got != "Heading Paragraph Heading List List Quote Paragraph PageBreak Rule" {
		t.Errorf("blocks: %s", got)
	}
	p := d.Blocks[1].(*doc.Paragraph)
	if !p.Numbered {
		t.Error("not numbered")
	}
	var fn *doc.Footnote
	for _, in := range p.Content {
		if f, ok := in.(*doc.Footnote); ok {
			fn = f
		}
	}
	if fn == nil || doc.PlainText(fn.Content) != "The note." {
		t.Errorf("footnote: %#v", fn)
	}
	l := d.Blocks[3].(*doc.List)
	if l.Style != doc.ListAuto || l.Items[1].Sub == nil || d.Blocks[4].(*doc.List).Style != doc.ListBullet {
		t.Error("lists")
	}
	if d.Blocks[2].(*doc.Heading).Anchor != "two" {
		t.Error("anchor")
	}
	if q := d.Blocks[5].(*doc.Quote); q.Blocks[0].(*doc.Paragraph).Numbered {
		t.Error("quoted paragraph numbered")
	}
}

func typeName(b doc.Block) string {
	switch b.(type) {
	case *doc.Heading:
		return "Heading"
	case *doc.Paragraph:
		return "Paragraph"
	case *doc.List:
		return "List"
	case *doc.Quote:
		return "Quote"
	case *doc.PageBreak:
		return "PageBreak"
	case *doc.Rule:
		return "Rule"
	case *doc.Table:
		return "Table"
	case *doc.Chart:
		return "Chart"
	case *doc.Annex:
		return "Annex"
	case *doc.Code:
		return "Code"
	}
	return "?"
}

func TestDiagnostics(t *testing.T) {
	src := "# Title\n\nText with <b>bold</b> html.\n\n<div>\nblock\n</div>\n\nA [bad link](#nowhere) here.\n\n```chart\ntitle: x\ndata:\n  a: one\n```\n\n### Skipped\n\n![img](x.png)\n"
	_, ds := parse(t, src, false)
	all := strings.Join(ds, "\n")
	for _, want := range []string{
		`x.md:3:11: warning: raw HTML "<b>" is not passed through`,
		"x.md:5:1: warning: raw HTML is not passed through; this HTML block is dropped",
		"x.md:9:3: link to #nowhere",
		`chart: value "one" of "a" is not a number`,
		"x.md:17:5: warning: heading level 3 follows level 1",
		"x.md:19:1: warning: images are not supported",
		"x.md:14:6: chart: value",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, all)
		}
	}
}

func TestFrontMatterErrors(t *testing.T) {
	_, ds := parse(t, "---\ntitle: x\nbogus: 1\n---\n# H\n", false)
	if len(ds) != 1 || !strings.HasPrefix(ds[0], "x.md:3:1: front matter:") {
		t.Errorf("got %v", ds)
	}
	_, ds = parse(t, "---\nlang: de\n---\n", false)
	if len(ds) != 1 || !strings.Contains(ds[0], `lang "de"`) {
		t.Errorf("got %v", ds)
	}
	_, ds = parse(t, "---\ntitle: x\n", false)
	if len(ds) != 1 || !strings.Contains(ds[0], "no closing") {
		t.Errorf("got %v", ds)
	}
}

func TestGuessLang(t *testing.T) {
	for in, want := range map[string]string{"탈북민의 증언": "ko", "L’été où « la sécurité » a été élevée": "fr", "Plain English": "en"} {
		if got := GuessLang([]byte(in)); got != want {
			t.Errorf("GuessLang(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestQuotes(t *testing.T) {
	d, _ := parse(t, "---\nlang: fr\n---\nIl a dit \"non\" et l'a répété.\n", false)
	if got := doc.PlainText(d.Blocks[0].(*doc.Paragraph).Content); got != "Il a dit «non» et l’a répété." {
		t.Errorf("got %q", got)
	}
}

func TestAnchors(t *testing.T) {
	// a duplicate explicit anchor is the reader's error, at the second heading
	_, ds := parse(t, "# {#x}\n## {#x}", false)
	if len(ds) != 1 || !strings.HasPrefix(ds[0], "x.md:2:") || !strings.Contains(ds[0], "duplicate anchor #x") || !strings.Contains(ds[0], "line 1") {
		t.Errorf("duplicate explicit anchor: %v", ds)
	}
	// generated anchors never collide with explicit ones (before or after them), with
	// each other, or with case anchors
	src := "# Intro\n\n# Other {#intro}\n\n# Intro\n\n## Intro\n\n# 소개\n\n# 배경\n\n# Case-A1 {#case-a1}\n\n# A1 text\n\n[a](#intro) [b](#intro-1) [c](#heading-1) [d](case:A1)\n"
	d, ds := parse(t, src, false)
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	if err := doc.Validate(d); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range d.Blocks {
		if h, ok := b.(*doc.Heading); ok {
			got = append(got, h.Anchor)
		}
	}
	want := "intro-1 intro intro-2 intro-3 heading heading-1 case-a1 case-A1"
	if strings.Join(got, " ") != want {
		t.Errorf("anchors %q, want %q", strings.Join(got, " "), want)
	}
	// an explicit anchor is never replaced by a case anchor
	d, _ = parse(t, "# A1 facts {#facts}\n\n[x](case:A1) [y](#facts)\n", false)
	if h := d.Blocks[0].(*doc.Heading); h.Anchor != "facts" {
		t.Errorf("explicit anchor replaced: %q", h.Anchor)
	}
}

func TestChartHorizontal(t *testing.T) {
	d, ds := parse(t, "```chart\ntitle: t\nhorizontal: true\ndata:\n  Torture and ill-treatment: 3\n  Killing: 1\n```\n", false)
	if len(ds) != 0 {
		t.Fatal(ds)
	}
	if c := d.Blocks[0].(*doc.Chart); !c.Horizontal || len(c.Labels) != 2 {
		t.Errorf("chart %+v", c)
	}
}
