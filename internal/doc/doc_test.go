package doc

import (
	"strings"
	"testing"
)

func sample() *Document {
	fn := &Footnote{Content: T("A note.")}
	return &Document{
		Meta: Meta{Title: "Report", Author: "PSCORE", Keywords: []string{"DPRK"}, Lang: "en"},
		Blocks: []Block{
			&Cover{Organ: "Human Rights Council", Title: T("Title")},
			&Heading{Level: 1, Text: T("Introduction")},
			Para(true, &Text{Text: "First"}, fn),
			&Heading{Level: 2, Text: T("Background")},
			&Heading{Level: 2, Text: T("Method")},
			&Heading{Level: 3, Text: T("Interviews")},
			&Heading{Level: 1, Text: T("Findings")},
			&Heading{Level: 2, Text: T("Detention")},
			&Paragraph{Numbered: true, Content: []Inline{&Text{Text: "See "}, &CaseRef{CaseID: "DEV-2014-001", Anchor: "case-DEV-2014-001"}}},
			&Paragraph{Content: T("plain")},
			&Paragraph{Numbered: true, Content: T("Third")},
			&Chart{Title: "Cases", Labels: []string{"a", "b"}, Values: []float64{1, 2}},
			&Annex{Title: T("Cases"), Blocks: []Block{
				&Heading{Level: 1, Text: T("List")},
				&Table{Header: []*Row{{Cells: []*Cell{{Content: T("Case")}}}}, Rows: []*Row{{Anchor: "case-DEV-2014-001", Cells: []*Cell{{Content: T("DEV-2014-001")}}}}},
				&Paragraph{Numbered: true, Content: T("Annex para")},
			}},
		},
	}
}

func TestNumbers(t *testing.T) {
	d := sample()
	n := Numbers(d)
	var got []string
	var walk func([]Block)
	walk = func(bs []Block) {
		for _, b := range bs {
			switch x := b.(type) {
			case *Heading:
				got = append(got, n.Heading[x])
			case *Paragraph:
				got = append(got, "p"+n.Para[x])
			case *Annex:
				got = append(got, "annex "+n.Annex[x])
				walk(x.Blocks)
			}
		}
	}
	walk(d.Blocks)
	want := "I. p1. A. B. 1. II. A. p2. p p3. annex I I. p1."
	if s := strings.Join(got, " "); s != want {
		t.Errorf("numbers:\n got %s\nwant %s", s, want)
	}
	if len(n.Footnote) != 1 {
		t.Errorf("footnotes: %v", n.Footnote)
	}
}

func TestPieces(t *testing.T) {
	var roles []string
	var all strings.Builder
	for p := range Pieces(sample()) {
		roles = append(roles, p.Role.String())
		all.WriteString(p.Text + "|")
	}
	for _, want := range []string{"Report|", "A note.|", "DEV-2014-001|", "Annex para|", "a|b|", "DPRK|"} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("pieces lack %q: %s", want, all.String())
		}
	}
	if !strings.Contains(strings.Join(roles, " "), "footnote") {
		t.Errorf("no footnote role: %v", roles)
	}
	// stopping early works
	n := 0
	for range Pieces(sample()) {
		n++
		if n == 2 {
			break
		}
	}
}

func TestValidate(t *testing.T) {
	if err := Validate(sample()); err != nil {
		t.Fatal(err)
	}
	d := sample()
	d.Blocks = append(d.Blocks, &Paragraph{Anchor: "x", Content: []Inline{&Link{Href: "#nowhere", Content: T("x")}}}, &Paragraph{Anchor: "x"},
		&Chart{Labels: []string{"a"}})
	err := Validate(d)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"#nowhere", `anchor "x"`, "1 labels for 0 values"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
}

func TestLabels(t *testing.T) {
	if Roman(14) != "XIV" || Alpha(27, false) != "aa" || ListLabel(ListAuto, 1, 3) != "(iv)" || ListLabel(ListAuto, 0, 1) != "(b)" {
		t.Error("labels")
	}
}

// A note with a mark takes no number: the notes after it are numbered from 1, and a
// second note with the same mark doubles it.
func TestFootnoteMarks(t *testing.T) {
	star1 := &Footnote{Mark: "*", Content: T("Supported by X.")}
	star2 := &Footnote{Mark: "*", Content: T("Also by Y.")}
	n1 := &Footnote{Content: T("First numbered.")}
	n2 := &Footnote{Content: T("Second numbered.")}
	d := &Document{Blocks: []Block{
		&Cover{Title: []Inline{&Text{Text: "Title"}, star1}, Subtitle: []Inline{&Text{Text: "Sub"}, star2}},
		Para(true, &Text{Text: "a"}, n1, &Text{Text: "b"}, n2),
	}}
	if err := Validate(d); err != nil {
		t.Fatal(err)
	}
	n := Numbers(d)
	if n.Label(star1) != "*" || n.Label(star2) != "**" || n.Label(n1) != "1" || n.Label(n2) != "2" || len(n.Footnote) != 2 {
		t.Errorf("labels %q %q %q %q, %d numbered", n.Label(star1), n.Label(star2), n.Label(n1), n.Label(n2), len(n.Footnote))
	}
	star1.Mark = "a"
	if err := Validate(d); err == nil || !strings.Contains(err.Error(), "footnote mark") {
		t.Errorf("a letter as a mark: %v", err)
	}
}
