package pdf

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/pscore/dossier/internal/doc"
	"github.com/pscore/dossier/internal/markdown"
)

const kitchenSink = `---
title: "Edge cases: l'été"
lang: fr
---

# Titre vide suivi d'un titre profond

#### Niveau quatre

Ligne un\
ligne deux avec une URL très longue https://example.org/un/chemin/extrêmement/long/qui/ne/tient/pas/sur/une/ligne/et/doit/être/coupée/quelque/part/sans/casser/le/document et « fin ».

> Citation avec *emphase* et **gras** et ` + "`code`" + `.

` + "```" + `
code	avec tabulation
ligne 2 — 한글 코드
` + "```" + `

1. un
   1. deux
      1. trois
         1. quatre

| A | Une colonne étroite |
|---|:-:|
| https://example.org/une/adresse/très/longue/dans/une/cellule/étroite/sans/espace/aucune | x |
| | |

` + "```chart" + `
title: Vide
data:
  zéro: 0
` + "```" + `

***

<!-- pagebreak -->

Texte après le saut de page.[^a]

[^a]: Note avec un [lien](https://example.org/a(b)c?q=é) et ` + "`code`" + `.
`

func TestKitchenSink(t *testing.T) {
	d, diags := markdown.Parse([]byte(kitchenSink), markdown.Options{Path: "edge.md", Numbered: true})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	path, res := render(t, d, Options{Mark: "CONFIDENTIEL", Header: "En-tête « courant »"})
	model.ConfigPath = "disable"
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	if err := api.Validate(bytes.NewReader(res.PDF), conf); err != nil {
		t.Errorf("pdfcpu strict: %v", err)
	}
	tool(t, "qpdf", "--check", path)
	text := squash(tool(t, "pdftotext", "-enc", "UTF-8", path, "-"))
	for _, want := range []string{"Ligne un ligne deux", "한글 코드", "– quatre", "Texte après le saut de page.", "Note avec un lien"} {
		if !strings.Contains(text, squash(want)) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if res.Pages != 2 {
		t.Errorf("%d pages, want 2 (page break)", res.Pages)
	}
}

func TestEmptyAndTiny(t *testing.T) {
	for _, d := range []*doc.Document{
		{},
		{Blocks: []doc.Block{&doc.Paragraph{}}},
		{Blocks: []doc.Block{&doc.PageBreak{}, &doc.PageBreak{}}},
		{Blocks: []doc.Block{&doc.Table{}, &doc.Chart{}, &doc.List{}, &doc.Quote{}, &doc.Code{}, &doc.Cover{}, &doc.Annex{}}},
		{Blocks: []doc.Block{&doc.Heading{Level: 1}, &doc.Heading{Level: 7, Text: doc.T("deep")}}},
	} {
		res, err := Render(d, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Pages < 1 {
			t.Errorf("%d pages", res.Pages)
		}
	}
}
