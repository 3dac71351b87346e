package markdown

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pscore/dossier/internal/doc"
)

// FuzzMarkdown runs the Markdown-to-document path on any input: Parse must never panic
// and must always return a document, every diagnostic must be about the file, a
// document Parse returns without errors must pass doc.Validate (what Parse lets through
// the writers must accept: duplicate anchors, "# {#x}" twice, are the reader's
// diagnostics), and numbering and walking the document must never panic either.
func FuzzMarkdown(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/markdown/*.md")
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data, true)
		}
	}
	for _, s := range []string{
		"",
		"---\ntitle: T\nlang: ko\n---\n# 제목\n\n본문[^1]\n\n[^1]: 주석",
		"# Annex I {.annex}\n\n| a | b |\n|---|---|\n| [x](case:DEV-2014-001) | y |\n",
		"```chart\ntitle: t\ndata: {a: 1, b: 2}\n```\n",
		"<!-- pagebreak -->\n<b>raw</b>\n\n1. a\n   1. b\n\n- c\n",
		"[^a]: x [^a]\n\n[^a]\n",
		"---\n---\n",
		"# {#x}\n## {#x}\n[l](#x)",
	} {
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, src []byte, numbered bool) {
		d, diags := Parse(src, Options{Path: "f.md", Numbered: numbered})
		if d == nil {
			t.Fatal("Parse returned no document")
		}
		for _, x := range diags {
			if x.Path != "f.md" {
				t.Fatalf("diagnostic for another file: %v", x)
			}
		}
		verr := doc.Validate(d)
		if diags.Err() == nil && verr != nil {
			t.Fatalf("Parse reported no error, but the document does not validate: %v", verr)
		}
		n := 0
		for range doc.Pieces(d) {
			n++
		}
		_ = doc.Numbers(d)
	})
}
