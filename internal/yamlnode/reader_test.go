package yamlnode

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func decode(t *testing.T, src string) *yaml.Node {
	t.Helper()
	doc, err := Decode([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return doc.Content[0]
}

func messages(r *Reader) string {
	var b strings.Builder
	for _, d := range r.Diags {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// TestSuggest: the closest word within the distance allowed, case aside; skipping words
// by length changes nothing.
func TestSuggest(t *testing.T) {
	known := []string{"persons", "events", "source", "ko", "en", "ICCPR", strings.Repeat("x", 70)}
	for s, want := range map[string]string{
		"persns":                        ` (did you mean "persons"?)`,
		"Events":                        ` (did you mean "events"?)`,
		"iccpr":                         ` (did you mean "ICCPR"?)`,
		"kr":                            ` (did you mean "ko"?)`,
		"banana":                        "",
		"zz":                            "",
		strings.Repeat("x", 68):         ` (did you mean "` + strings.Repeat("x", 70) + `"?)`,
		strings.Repeat("y", 1<<16):      "",
		"\xff\xfe":                      "",
		"évents":                        ` (did you mean "events"?)`,
		strings.Repeat("x", 70) + "abc": "",
	} {
		if got := Suggest(s, known); got != want {
			t.Errorf("Suggest(%.20q) = %q, want %q", s, got, want)
		}
	}
}

// TestFields: unknown keys get a suggestion, a key given twice and a missing or empty
// required key are reported, in either wording.
func TestFields(t *testing.T) {
	src := "id: 1\nid: 2\nsorce: x\n[a]: 1\n<<: {a: 1}\nname:\n"
	for _, tc := range []struct {
		wording Wording
		want    string
	}{
		{TestimonyWording, `f:1:1: t: missing required key "events"
f:2:1: t: key "id" is given twice
f:3:1: unknown key "sorce" in t (did you mean "source"?)
f:4:1: t: keys must be plain words, not a list
f:5:1: t: merge keys (<<) are not supported: write the keys out
f:6:6: t: "name" is empty: fill it in
`},
		{ReportWording, `f:1:1: t: missing required key "events"
f:2:1: t: key "id" is given twice
f:3:1: unknown key "sorce" in t (did you mean "source"?)
f:4:1: t: keys must be plain words
f:5:1: unknown key "<<" in t
f:6:6: t: missing required key "name"
`},
	} {
		r := &Reader{Path: "f", Wording: tc.wording}
		f := r.Fields(decode(t, src), "t", []string{"id", "source", "name", "events"}, []string{"id", "name", "events"})
		r.Diags.Sort()
		if got := messages(r); got != tc.want {
			t.Errorf("wording %d:\n%s\nwant:\n%s", tc.wording, got, tc.want)
		}
		if !f.OK || f.Get("id").Value != "1" || f.Has("name") || f.Has("source") {
			t.Errorf("fields: %+v", f)
		}
	}
}

// TestAliasBomb: past the budget, Resolve reports the alias and stops with Stop.
func TestAliasBomb(t *testing.T) {
	src := "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c]\n"
	root := decode(t, src)
	r := &Reader{Path: "f"}
	// Unlimited: aliases just resolve.
	if n := r.Resolve(root.Content[7].Content[0]); n.Kind != yaml.SequenceNode || len(r.Diags) != 0 {
		t.Fatalf("resolve: %v %s", n.Kind, messages(r))
	}
	r.LimitAliases(1000)
	defer func() {
		if _, ok := recover().(Stop); !ok {
			t.Fatal("no Stop")
		}
		if got, want := messages(r), "f:4:5: alias *c and the others expand to far more text than the file holds (an alias bomb?): write the values out\n"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}()
	for _, n := range root.Content[7].Content {
		r.Resolve(n)
	}
}

// TestDecodeError: errors of a plain struct decode are path:line:col lines in a
// researcher's words, every one of them.
func TestDecodeError(t *testing.T) {
	type item struct {
		Code  string   `yaml:"code"`
		Names []string `yaml:"names"`
	}
	var v struct {
		Items []item `yaml:"items"`
	}
	decode := func(src string) error {
		dec := yaml.NewDecoder(strings.NewReader(src))
		dec.KnownFields(true)
		if err := dec.Decode(&v); err != nil {
			return DecodeError("f.yaml", []byte(src), err)
		}
		return nil
	}
	err := decode("items:\n  - code: a\n    nmaes: [x]\n  - code: b\n    names: {x: 1}\n")
	want := "f.yaml:3:5: unknown key \"nmaes\" (a typo?)\nf.yaml:5:5: wrong type: a mapping is not allowed here"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	err = decode("items:\n  - code: \"a\n")
	if err == nil || !strings.HasPrefix(err.Error(), "f.yaml:2:11: YAML syntax: found unexpected end of stream") {
		t.Errorf("syntax: %v", err)
	}
}
