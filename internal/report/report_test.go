package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/testimony"
	"github.com/pscore/dossier/internal/vocab"
)

func testVocab(t testing.TB) *vocab.Vocabulary {
	t.Helper()
	data, err := os.ReadFile("../../reference/vocabulary.yaml")
	if err != nil {
		t.Fatal(err)
	}
	v, err := vocab.Parse("vocabulary.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func testCorpus(t testing.TB, v *vocab.Vocabulary) *testimony.Corpus {
	t.Helper()
	l := &testimony.Loader{Vocab: v}
	return l.Load("../../testimonies")
}

func lines(d diag.List) string {
	var b strings.Builder
	for _, x := range d {
		b.WriteString(x.String())
		b.WriteByte('\n')
	}
	return b.String()
}

func TestLoadGood(t *testing.T) {
	v := testVocab(t)
	r, d := Load("testdata/good-upr", Options{Vocab: v, Corpus: testCorpus(t, v)})
	if len(d) != 0 {
		t.Fatalf("diagnostics:\n%s", lines(d))
	}
	if r.Kind != KindUPR || r.State != "KP" || r.Date.String() != "2026-11-21" || r.UPR.Session != 47 || r.UPR.Review.String() != "2029-05" {
		t.Errorf("report = %+v, upr %+v", r, r.UPR)
	}
	if r.Title.In("fr") != "Détention des personnes renvoyées de Chine" || r.Organisation.Status != "special" {
		t.Errorf("title/org: %+v %+v", r.Title, r.Organisation)
	}
	if len(r.Sections) != 1 || r.Sections[0].Name != "01-introduction" || len(r.Sections[0].Files) != 3 {
		t.Errorf("sections: %+v", r.Sections)
	}
	if r.Name != "good-upr" || r.MaxConsent() != "public" || len(r.Draw.Testimonies) != 1 {
		t.Errorf("name %q consent %q", r.Name, r.MaxConsent())
	}
}

// Every class of error in one definition, all reported at once with positions.
func TestLoadBadAllAtOnce(t *testing.T) {
	v := testVocab(t)
	_, d := Load("testdata/bad", Options{Vocab: v, Corpus: testCorpus(t, v)})
	got := lines(d)
	want := []string{
		`bad/report.yaml:1:7: unknown kind "upr-submision" (did you mean "upr-submission"?)`,
		`bad/report.yaml:3:3: title has no ko text`,
		`bad/report.yaml:5:8: state "North Korea" is not an ISO 3166-1 alpha-2 code`,
		`bad/report.yaml:6:7: date must be a date of the form YYYY-MM-DD`,
		`bad/report.yaml:7:25: unknown language "xx"`,
		`bad/report.yaml:9:3: unknown key "nom" in organisation`,
		`bad/report.yaml:9:3: organisation: missing required key "name"`,
		`bad/report.yaml:10:11: unknown organisation.status "specal" (did you mean "special"?)`,
		`bad/report.yaml:12:12: draw.consent: internal testimonies never leave the organisation`,
		`bad/report.yaml:13:28: draw.period: to 2010 is before from 2020`,
		`bad/report.yaml:14:10: unknown act type "tortur" (did you mean "torture"?)`,
		`bad/report.yaml:15:17: draw.testimonies: testimony DEV-2014-012 is internal`,
		`bad/report.yaml:15:31: draw.testimonies: testimony DEV-9999-001 does not exist`,
		`bad/01-a.ko.md: missing translation: section 01-a has no ko file (it exists in en, fr)`,
	}
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("missing diagnostic %q", w)
		}
	}
	if t.Failed() {
		t.Logf("got:\n%s", got)
	}
}

func writeReport(t *testing.T, yaml string, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "r")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, File), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	for n, s := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const hdr = `title: {en: T}
state: KP
date: 2026-11-21
languages: [en]
organisation: {name: {en: O}, status: special, description: {en: D}}
`

func TestConsentByKind(t *testing.T) {
	v := testVocab(t)
	c := testCorpus(t, v)
	cases := []struct {
		name, yaml, want string
	}{
		{"upr-confidential", "kind: upr-submission\n" + hdr + "keywords: {en: [a]}\ndraw: {consent: confidential}\nupr: {session: 47, review: 2029-05, submission: individual}\n",
			"r/report.yaml:8:17: draw.consent: a upr-submission is published, so it may draw only on public testimonies"},
		{"upr-names-confidential", "kind: upr-submission\n" + hdr + "keywords: {en: [a]}\ndraw: {testimonies: [DEV-2014-001]}\nupr: {session: 47, review: 2029-05, submission: individual}\n",
			"r/report.yaml:8:22: draw.testimonies: testimony DEV-2014-001 is confidential: a upr-submission is published"},
		{"sp-internal-case", "kind: sp-communication\n" + hdr + "sp: {mandates: [{en: M}], case: DEV-2014-012, victim: A, consent: {en: c}, confidential: {en: c}, steps-taken: {en: s}}\n",
			"r/report.yaml:7:33: sp.case: testimony DEV-2014-012 is internal"},
		{"sp-bad-victim", "kind: sp-communication\n" + hdr + "sp: {mandates: [{en: M}], case: DEV-2014-001, victim: Z, consent: {en: c}, confidential: {en: c}, steps-taken: {en: s}}\n",
			`r/report.yaml:7:55: sp.victim: DEV-2014-001 has no person "Z"`},
		{"hrc-status-none", "kind: hrc-statement\n" + strings.Replace(hdr, "special", "none", 1) + "hrc: {session: 61, agenda-item: 4, agenda-title: {en: A}}\n",
			"r/report.yaml:6:15: only organisations in ECOSOC consultative status may submit a written statement"},
		{"wrong-block", "kind: upr-submission\n" + hdr + "keywords: {en: [a]}\nhrc: {session: 61}\n",
			`r/report.yaml:8:6: block "hrc" is for kind hrc-statement; this report is a upr-submission`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeReport(t, tc.yaml, map[string]string{"01-a.en.md": "x\n"})
			_, d := Load(dir, Options{Vocab: v, Corpus: c})
			got := lines(d)
			if !strings.Contains(got, tc.want) {
				t.Errorf("want %q in\n%s", tc.want, got)
			}
		})
	}
}

func TestSPInputQuestions(t *testing.T) {
	v := testVocab(t)
	y := "kind: sp-input\n" + hdr + "call:\n  title: {en: C}\n  mandate: {en: M}\n  deadline: 2026-12-15\n  publish: true\n  questions:\n    - {en: Q1}\n    - {en: Q2}\n"
	dir := writeReport(t, y, map[string]string{"q1.en.md": "a\n", "q3-extra.en.md": "b\n", "00-intro.en.md": "i\n"})
	r, d := Load(dir, Options{Vocab: v})
	got := lines(d)
	for _, w := range []string{
		"r/q3-extra.en.md: answers question 3, but the call has 2 question(s)",
		"r/report.yaml:14:7: question 2 has no answer",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("want %q in\n%s", w, got)
		}
	}
	if r.Sections[1].Question != 1 || r.Sections[0].Question != 0 {
		t.Errorf("questions: %+v %+v", r.Sections[0], r.Sections[1])
	}
}

func TestDraftMissingTranslationIsWarning(t *testing.T) {
	v := testVocab(t)
	y := strings.Replace("kind: hrc-statement\n"+hdr, "[en]", "[en, fr]", 1) + "hrc: {session: 61, agenda-item: 4, agenda-title: {en: A, fr: A}}\n"
	dir := writeReport(t, y, map[string]string{"01-a.en.md": "x\n"})
	_, d := Load(dir, Options{Vocab: v})
	if d.Errors() == 0 {
		t.Fatalf("missing translations should be errors:\n%s", lines(d))
	}
	_, d = Load(dir, Options{Vocab: v, Draft: true})
	if d.Errors() != 0 || d.Warnings() < 3 {
		t.Fatalf("draft: want only warnings:\n%s", lines(d))
	}
}

func TestFind(t *testing.T) {
	dirs, err := Find("testdata")
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) != 2 || filepath.Base(dirs[0]) != "bad" || filepath.Base(dirs[1]) != "good-upr" {
		t.Errorf("Find = %v", dirs)
	}
}

// A scaffold of every kind loads as it is.
func TestScaffold(t *testing.T) {
	v := testVocab(t)
	for _, kind := range Kinds {
		files, err := Scaffold(kind, "new-"+kind, "2026-11-21", nil)
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(t.TempDir(), "new-"+kind)
		os.MkdirAll(dir, 0o755)
		for n, s := range files {
			os.WriteFile(filepath.Join(dir, n), []byte(s), 0o644)
		}
		// A scaffold is complete but for its TODOs: a draft of it builds, a filing does
		// not, and every error is a TODO.
		r, d := Load(dir, Options{Vocab: v, Draft: true})
		if d.Errors() > 0 || r.Kind != kind {
			t.Errorf("%s scaffold as a draft:\n%s", kind, lines(d))
		}
		_, d = Load(dir, Options{Vocab: v})
		if d.Errors() == 0 {
			t.Errorf("%s scaffold with its TODOs loads without errors", kind)
		}
		for _, x := range d {
			if x.Severity == diag.Error && !strings.Contains(x.Message, "TODO left here") {
				t.Errorf("%s scaffold: %s", kind, x)
			}
		}
	}
	if _, err := Scaffold("upr-submision", "x", "2026-11-21", nil); err == nil || !strings.Contains(err.Error(), `did you mean "upr-submission"?`) {
		t.Errorf("bad kind: %v", err)
	}
	if _, err := Scaffold(KindUPR, "Bad Name", "2026-11-21", nil); err == nil {
		t.Error("bad name accepted")
	}
}

// A password file only makes sense for a filing that is encrypted; elsewhere it would
// suggest a protection that does not exist.
func TestPasswordFileOnlyForConfidentialFilings(t *testing.T) {
	v := testVocab(t)
	dir := filepath.Join(t.TempDir(), "good-upr")
	if err := os.CopyFS(dir, os.DirFS("testdata/good-upr")); err != nil {
		t.Fatal(err)
	}
	def := filepath.Join(dir, "report.yaml")
	data, err := os.ReadFile(def)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(def, append(data, "password-file: pw.txt\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	_, d := Load(dir, Options{Vocab: v, Corpus: testCorpus(t, v)})
	if got := lines(d); !strings.Contains(got, "password-file is for confidential filings") {
		t.Errorf("diagnostics = %q", got)
	}
}

// A YAML syntax error in a definition is placed where it is, like a testimony's.
func TestSyntaxErrorPlaced(t *testing.T) {
	v := testVocab(t)
	for src, want := range map[string]string{
		"kind: upr-submission\ntitle: {en: \"x\"\nstate: KP\n":  `r/report.yaml:2:8: YAML syntax: did not find expected ',' or '}': this { mapping is never closed with }`,
		"kind: upr-submission\ntitle:\n  en: x: y\n":            `r/report.yaml:3:8: YAML syntax: mapping values are not allowed in this context`,
		"kind: upr-submission\nlanguages: [en, fr\nstate: KP\n": `r/report.yaml:2:12: YAML syntax: did not find expected ',' or ']'`,
	} {
		_, d := Parse("r/report.yaml", []byte(src), Options{Vocab: v})
		if got := lines(d); !strings.HasPrefix(got, want) {
			t.Errorf("%q:\ngot  %s\nwant %s", src, got, want)
		}
	}
}
