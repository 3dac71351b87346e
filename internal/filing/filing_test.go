package filing

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/doc"
	"github.com/pscore/dossier/internal/project"
	"github.com/pscore/dossier/internal/report"
	"github.com/pscore/dossier/internal/testimony"
	"github.com/pscore/dossier/internal/vocab"
)

// testProject writes a project folder: the fixture testimonies of testdata/project and
// the given report folders (name → file → content).
func testProject(t testing.TB, reports map[string]map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	src := "testdata/project/testimonies"
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "testimonies"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "testimonies", e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, files := range reports {
		rd := filepath.Join(dir, "reports", name)
		if err := os.MkdirAll(rd, 0o755); err != nil {
			t.Fatal(err)
		}
		for f, s := range files {
			if err := os.WriteFile(filepath.Join(rd, f), []byte(s), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

func testBuilder(t testing.TB, dir string, draft bool) *Builder {
	t.Helper()
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	v, err := vocab.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	pl, err := LoadPlaces(p)
	if err != nil {
		t.Fatal(err)
	}
	c := (&testimony.Loader{Vocab: v}).Load(filepath.Join(dir, "testimonies"))
	if c.Diags.Errors() > 0 {
		t.Fatalf("fixture testimonies: %v", c.Diags.Err())
	}
	return &Builder{Project: p, Vocab: v, Corpus: c, Places: pl, Draft: draft}
}

// assembleReport loads and assembles one report; the diagnostics are the loader's and
// the assembly's, with paths relative to the project.
func assembleReport(t testing.TB, b *Builder, dir, name string) ([]*Edition, string) {
	t.Helper()
	r, d := report.Load(filepath.Join(dir, "reports", name), b.ReportOptions())
	var eds []*Edition
	if r != nil && d.Errors() == 0 {
		var d2 diag.List
		eds, d2 = b.Assemble(r)
		d = append(d, d2...)
	}
	var out strings.Builder
	for _, x := range d {
		if x.Severity == diag.Error {
			out.WriteString("error: ")
		}
		out.WriteString(strings.ReplaceAll(x.String(), dir+string(filepath.Separator), ""))
		out.WriteByte('\n')
	}
	return eds, out.String()
}

func edition(eds []*Edition, lang string) *Edition {
	for _, e := range eds {
		if e.Lang == lang {
			return e
		}
	}
	return nil
}

// text returns the text of a document, a line per place (pieces of one paragraph are
// joined).
func text(d *doc.Document) string {
	var b strings.Builder
	last := ""
	for p := range doc.Pieces(d) {
		if p.Where != last {
			b.WriteByte('\n')
		}
		last = p.Where
		b.WriteString(p.Text)
	}
	return b.String()
}

const orgYAML = `organisation:
  name: {en: Test Archive, fr: Archives test, ko: 시험기록원}
  status: special
  description: {en: Founded in 2007 in Seoul., fr: Fondée en 2007 à Séoul., ko: 2007년 서울에서 설립.}
`

func uprYAML(langs, extra string) string {
	return `kind: upr-submission
title: {en: Detention after return, fr: La détention après le renvoi, ko: 송환 후 구금}
state: KP
date: 2026-11-21
languages: [` + langs + `]
` + orgYAML + `keywords: {en: [detention, torture], fr: [détention, torture], ko: [구금, 고문]}
recommendations:
  - {en: Close the camps., fr: Fermer les camps., ko: 수용소를 폐쇄할 것.}
upr: {session: 47, cycle: 4, review: 2029-05, submission: individual}
` + extra
}

func sections(name string, byLang map[string]string) map[string]string {
	out := map[string]string{}
	for l, s := range byLang {
		out[name+"."+l+".md"] = s
	}
	return out
}

func merge(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

var goodSections = sections("01-body", map[string]string{
	"en": "# Findings\n\nWe documented {{ count \"cases\" }} cases; acts of torture: {{ count \"acts\" \"torture\" }}. One witness ({{ cite \"PUB-2019-001\" }}) said:\n\n{{ case \"PUB-2019-001\" \"e1\" }}\n\n{{ table \"acts-by-type\" }}\n\n{{ chart \"acts-by-year\" }}\n\nArticles: {{ articles \"PUB-2015-002\" }}.[^1]\n\n[^1]: A/HRC/25/63, para. 74.\n",
	"fr": "# Constatations\n\nNous avons documenté {{ count \"cases\" }} cas. Une témoin ({{ cite \"PUB-2019-001\" }}) a déclaré :\n\n{{ case \"PUB-2019-001\" \"e1\" }}\n\n{{ table \"acts-by-type\" }}\n\n{{ chart \"acts-by-year\" }}\n",
	"ko": "# 조사 결과\n\n우리는 {{ count \"cases\" }}건의 사례를 기록하였다. 한 증인({{ cite \"PUB-2019-001\" }})은 이렇게 말하였다.\n\n{{ case \"PUB-2019-001\" \"e1\" }}\n\n{{ table \"acts-by-type\" }}\n\n{{ chart \"acts-by-year\" }}\n",
})

func TestAssembleUPR(t *testing.T) {
	dir := testProject(t, map[string]map[string]string{
		"upr": merge(map[string]string{"report.yaml": uprYAML("en, fr, ko", "")}, goodSections),
	})
	b := testBuilder(t, dir, false)
	eds, d := assembleReport(t, b, dir, "upr")
	if strings.Contains(d, "error: ") || len(eds) != 3 {
		t.Fatalf("%d editions, diagnostics:\n%s", len(eds), d)
	}
	for _, e := range eds {
		if e.Diags.Errors() > 0 {
			t.Errorf("%s: %s", e.Name(), lines(e.Diags))
		}
	}
	en, fr, ko := edition(eds, "en"), edition(eds, "fr"), edition(eds, "ko")
	got := text(en.Doc)
	for _, want := range []string{
		"Universal Periodic Review – Fourth cycle",
		"Forty-seventh session of the Working Group on the Universal Periodic Review",
		"State under review: Democratic People’s Republic of Korea – review: May 2029",
		"Individual submission",
		"Submitted by Test Archive",
		"21 November 2026",
		"Key words:", "detention, torture",
		"Description of the organisation", "Founded in 2007 in Seoul.",
		"We documented two cases; acts of torture: one.",
		"case 1", "Case 1", "Witness A (female, born in 1985, from North Hamgyong).",
		"May 2011, Onsong County holding centre (North Hamgyong)",
		"The officers beat me with sticks",
		"Documented acts by type", "Torture and ill-treatment",
		"Documented acts by year", "2010", "2011",
		"Recommendations", "Close the camps.",
		"Cases cited", "PUB-2019-001",
		"A/HRC/25/63, para. 74.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("en edition lacks %q", want)
		}
	}
	// the annex row is the target of the case references
	var annex *doc.Annex
	for _, b := range en.Doc.Blocks {
		if a, ok := b.(*doc.Annex); ok {
			annex = a
		}
	}
	if annex == nil {
		t.Fatal("no annex of cited cases")
	}
	tbl := annex.Blocks[1].(*doc.Table)
	if len(tbl.Rows) != 1 || tbl.Rows[0].Anchor != "case-PUB-2019-001" {
		t.Errorf("annex rows: %+v", tbl.Rows)
	}
	if err := doc.Validate(en.Doc); err != nil {
		t.Errorf("invalid document: %v", err)
	}
	if en.Limit != 2815 || en.LimitRule != "individual UPR submission" || ko.Limit != 0 {
		t.Errorf("limits: en %d %q, ko %d", en.Limit, en.LimitRule, ko.Limit)
	}
	if en.Words.Counted() == 0 || en.Words.Annexes == 0 || en.Words.Notes == 0 {
		t.Errorf("words: %+v", en.Words)
	}
	if strings.Join(en.Cases, ",") != "PUB-2019-001" {
		t.Errorf("cases: %v", en.Cases)
	}
	// French and Korean: labels, dates, accounts in the edition's language
	for _, want := range []string{"Examen périodique universel – Quatrième cycle", "Quarante-septième session", "mai 2011", "Les agents m’ont frappée", "Torture et mauvais traitements", "cas 1", "Nous avons documenté deux cas.", "Mots clés\u00a0:"} {
		if !strings.Contains(text(fr.Doc), want) {
			t.Errorf("fr edition lacks %q", want)
		}
	}
	for _, want := range []string{"국가별 정례인권검토(UPR) – 제4주기", "UPR 실무그룹 제47차 회기", "2011년 5월", "보위원들은 두 주 동안", "고문 및 가혹행위", "사례 1", "우리는 2건의 사례를"} {
		if !strings.Contains(text(ko.Doc), want) {
			t.Errorf("ko edition lacks %q", want)
		}
	}
	if en.Doc.Meta.Lang != "en" || en.Doc.Meta.Created.Format("2006-01-02") != "2026-11-21" || en.Doc.Meta.Author != "Test Archive" {
		t.Errorf("meta: %+v", en.Doc.Meta)
	}
}

// A public filing draws on public testimonies only: nothing of a confidential or an
// internal testimony reaches any part of it, statistics included.
func TestConsentPublicFiling(t *testing.T) {
	dir := testProject(t, map[string]map[string]string{
		"upr": merge(map[string]string{"report.yaml": uprYAML("en", "")}, sections("01-body", map[string]string{
			"en": "# Body\n\n{{ count \"cases\" }} cases, {{ count \"events\" }} events, {{ count \"acts\" }} acts.\n\n{{ cases }}\n\n{{ table \"acts-by-perpetrator\" }}\n\n{{ table \"acts-by-province\" }}\n",
		})),
	})
	b := testBuilder(t, dir, false)
	eds, d := assembleReport(t, b, dir, "upr")
	if strings.Contains(d, "error: ") || len(eds) != 1 {
		t.Fatalf("diagnostics:\n%s", d)
	}
	got := text(eds[0].Doc)
	for _, bad := range []string{"INTERNAL-ZEBRA", "Witness Internal", "INT-2013-004", "CONFIDENTIAL-PHRASE", "Witness C", "CON-2014-003", "Prison and camp staff", "Chagang", "South Pyongan"} {
		if strings.Contains(got, bad) {
			t.Errorf("a public filing carries %q", bad)
		}
	}
	if !strings.Contains(got, "two cases, three events, five acts.") {
		t.Errorf("counts over public testimonies only: %s", got)
	}
	for _, ts := range eds[0].Testimonies {
		if ts.Source.Consent != testimony.ConsentPublic {
			t.Errorf("edition uses %s (%s)", ts.ID, ts.Source.Consent)
		}
	}
}

// Consent at the citation: a call on a testimony the filing may not use is an error
// at the call's position.
func TestConsentAtCitation(t *testing.T) {
	dir := testProject(t, map[string]map[string]string{
		"upr": merge(map[string]string{"report.yaml": uprYAML("en", "")}, sections("01-body", map[string]string{
			"en": "# Body\n\nSee {{ cite \"CON-2014-003\" }}.\n\n{{ case \"INT-2013-004\" }}\n\nAlso {{ cite \"NOPE-2000-001\" }}.\n",
		})),
		"sp": merge(map[string]string{"report.yaml": `kind: sp-communication
title: {en: A case}
state: KP
date: 2026-11-21
languages: [en]
` + orgYAML + `draw: {consent: confidential}
sp:
  mandates: [{en: Special Rapporteur on the DPRK}]
  case: CON-2014-003
  victim: A
  consent: {en: She consented.}
  steps-taken: {en: None possible.}
  confidential: {en: Her name.}
`}, sections("01-more", map[string]string{"en": "# More\n\nSee also {{ cite \"PUB-2019-001\" }} and {{ cite \"INT-2013-004\" }}.\n"})),
	})
	b := testBuilder(t, dir, false)
	_, d := assembleReport(t, b, dir, "upr")
	for _, want := range []string{
		`reports/upr/01-body.en.md:3:13: {{ cite "CON-2014-003" }}: testimony CON-2014-003 is confidential: a upr-submission is published and may cite only public testimonies`,
		`reports/upr/01-body.en.md:5:9: {{ case "INT-2013-004" }}: testimony INT-2013-004 is internal: internal testimonies never leave the organisation`,
		`reports/upr/01-body.en.md:7:14: {{ cite "NOPE-2000-001" }}: there is no testimony NOPE-2000-001`,
	} {
		if !strings.Contains(d, want) {
			t.Errorf("missing %q in\n%s", want, d)
		}
	}
	eds, d := assembleReport(t, b, dir, "sp")
	if !strings.Contains(d, `reports/sp/01-more.en.md:3:48: {{ cite "INT-2013-004" }}: testimony INT-2013-004 is internal`) {
		t.Errorf("sp: internal cite not refused:\n%s", d)
	}
	if strings.Count(d, "error: ") != 1 || len(eds) != 1 {
		t.Fatalf("sp: want exactly one error:\n%s", d)
	}
	got := text(eds[0].Doc)
	for _, want := range []string{"CONFIDENTIAL-PHRASE They slapped me", "Witness C (pseudonym", "Alleged victim", "Consent of the victim", "She consented.", "Information that must remain confidential"} {
		if !strings.Contains(got, want) {
			t.Errorf("sp lacks %q", want)
		}
	}
	if eds[0].Mark != "CONFIDENTIAL" {
		t.Errorf("mark = %q", eds[0].Mark)
	}
	if strings.Contains(got, "INTERNAL-ZEBRA") {
		t.Error("internal text in a communication")
	}
}

func TestBrokenSections(t *testing.T) {
	dir := testProject(t, map[string]map[string]string{
		"upr": merge(map[string]string{"report.yaml": uprYAML("en", "")}, sections("01-body", map[string]string{
			"en": strings.Join([]string{
				"# Body",
				"",
				`Unterminated {{ case "PUB-2019-001" `,
				"",
				`{{ chart "acts-by-yaer" }}`,
				"",
				`{{ cahrt "acts-by-year" }}`,
				"",
				`A chart inside a sentence: {{ chart "acts-by-year" }} is wrong.`,
				"",
				`{{ case "PUB-2019-001" "e9" }}`,
				"",
				`{{ count "victims" }} and {{ count "acts" "tortue" }}`,
				"",
				"Footnote [^x] without definition.",
				"",
			}, "\n"),
		})),
	})
	b := testBuilder(t, dir, false)
	_, d := assembleReport(t, b, dir, "upr")
	for _, want := range []string{
		`reports/upr/01-body.en.md:3:14: unclosed call {{ case "PUB-2019-001": it has no closing }}`,
		`reports/upr/01-body.en.md:5:10: {{ chart "acts-by-yaer" }}: unknown statistic (did you mean "acts-by-year"?)`,
		`reports/upr/01-body.en.md:7:4: unknown call "cahrt" (did you mean "chart"?)`,
		`reports/upr/01-body.en.md:9:28: {{ chart }} inserts blocks: write it alone on its own line`,
		`reports/upr/01-body.en.md:11:24: {{ case }}: testimony PUB-2019-001 has no event "e9" (did you mean "e1"?) (events: e1, e2)`,
		`reports/upr/01-body.en.md:13:10: {{ count "victims" }}: count "cases", "events" or "acts"`,
		`reports/upr/01-body.en.md:13:43: {{ count "acts" "tortue" }}: unknown act type (did you mean "torture"?)`,
	} {
		if !strings.Contains(d, want) {
			t.Errorf("missing %q", want)
		}
	}
	if t.Failed() {
		t.Logf("got:\n%s", d)
	}
}

// A case whose account lacks the edition's language is an error; with --draft, a
// visible marker and the original.
func TestMissingAccountTranslation(t *testing.T) {
	reports := map[string]map[string]string{
		"upr": merge(map[string]string{"report.yaml": uprYAML("en, ko", "")}, sections("01-body", map[string]string{
			"en": "# Body\n\n{{ case \"PUB-2015-002\" }}\n",
			"ko": "# 본문\n\n{{ case \"PUB-2015-002\" }}\n",
		})),
	}
	dir := testProject(t, reports)
	_, d := assembleReport(t, testBuilder(t, dir, false), dir, "upr")
	want := `reports/upr/01-body.ko.md:3:9: PUB-2015-002 e1 has no ko account: add a ko translation to the testimony or build with --draft`
	if !strings.Contains(d, want) {
		t.Errorf("missing %q in\n%s", want, d)
	}
	eds, d := assembleReport(t, testBuilder(t, dir, true), dir, "upr")
	if strings.Contains(d, "error: ") {
		t.Fatalf("draft: errors:\n%s", d)
	}
	ko := edition(eds, "ko")
	got := text(ko.Doc)
	if !strings.Contains(got, "[번역 없음: 아래는 영어 원문]") || !strings.Contains(got, "The Chinese police arrested me") {
		t.Errorf("draft marker or original missing:\n%s", got)
	}
	if !strings.Contains(ko.Mark, "초안") || !strings.Contains(edition(eds, "en").Mark, "DRAFT") {
		t.Errorf("draft marks: %q %q", ko.Mark, edition(eds, "en").Mark)
	}
}

func TestMissingSectionTranslationDraft(t *testing.T) {
	dir := testProject(t, map[string]map[string]string{
		"upr": merge(map[string]string{"report.yaml": uprYAML("en, fr", "")},
			sections("01-body", map[string]string{"en": "# Body\n\nOnly in English.\n"}),
			sections("02-more", map[string]string{"en": "# More\n\nBoth.\n", "fr": "# Plus\n\nLes deux.\n"})),
	})
	_, d := assembleReport(t, testBuilder(t, dir, false), dir, "upr")
	if !strings.Contains(d, "reports/upr/01-body.fr.md: missing translation: section 01-body has no fr file (it exists in en); translate it, or build with --draft") {
		t.Errorf("missing section error:\n%s", d)
	}
	eds, d := assembleReport(t, testBuilder(t, dir, true), dir, "upr")
	if strings.Contains(d, "error: ") {
		t.Fatalf("draft errors:\n%s", d)
	}
	got := text(edition(eds, "fr").Doc)
	if !strings.Contains(got, "[traduction manquante : original en anglais ci-après]") || !strings.Contains(got, "Only in English.") || !strings.Contains(got, "Les deux.") {
		t.Errorf("draft fr:\n%s", got)
	}
}

// Word limits: an edition over its limit fails, saying by how many words; the Korean
// edition reports its count only.
func TestWordLimit(t *testing.T) {
	long := "# Body\n\n" + strings.Repeat("word ", 2900) + "\n"
	dir := testProject(t, map[string]map[string]string{
		"upr": merge(map[string]string{"report.yaml": uprYAML("en, ko", "")}, sections("01-body", map[string]string{
			"en": long,
			"ko": "# 본문\n\n" + strings.Repeat("낱말 ", 4000) + "\n",
		})),
	})
	eds, d := assembleReport(t, testBuilder(t, dir, false), dir, "upr")
	en := edition(eds, "en")
	want := "upr.en: " + FormatNumber(en.Words.Counted(), "en") + " words, " + FormatNumber(en.Words.Counted()-2815, "en") + " over the limit of 2,815 (individual UPR submission)"
	if !strings.Contains(d, want) {
		t.Errorf("missing %q in\n%s", want, d)
	}
	if en.Words.Counted() < 2900 || edition(eds, "ko").Diags.Errors() != 0 {
		t.Errorf("en %d words; ko diags %v", en.Words.Counted(), edition(eds, "ko").Diags)
	}
}

func TestHRCStatement(t *testing.T) {
	y := `kind: hrc-statement
title: {en: Forced return, fr: Renvois forcés}
state: KP
date: 2027-02-05
languages: [en, fr]
organisation: {name: {en: Test Archive, fr: Archives test}, status: special}
co-submitters:
  - {name: {en: Roster Org, fr: Org liste}, status: roster}
  - {name: {en: General Org, fr: Org générale}, status: general}
  - {name: {en: Special Org, fr: Org spéciale}, status: special}
hrc:
  session: 64
  agenda-item: 4
  agenda-title: {en: Human rights situations that require the Council's attention, fr: Situations relatives aux droits de l'homme qui requièrent l'attention du Conseil}
  segment: {en: General debate, fr: Débat général}
  supporters: [{en: Friends A, fr: Amis A}, {en: Friends B, fr: Amis B}]
`
	dir := testProject(t, map[string]map[string]string{
		"hrc": merge(map[string]string{"report.yaml": y}, sections("01-s", map[string]string{"en": "The statement.\n", "fr": "L'exposé.\n"})),
	})
	eds, d := assembleReport(t, testBuilder(t, dir, false), dir, "hrc")
	if strings.Contains(d, "error: ") {
		t.Fatalf("diagnostics:\n%s", d)
	}
	en := edition(eds, "en")
	got := text(en.Doc)
	for _, want := range []string{
		"Human Rights Council", "Sixty-fourth session", "Agenda item 4", "Human rights situations that require the Council’s attention", "Segment: General debate",
		"Written statement submitted by Test Archive [special consultative status]. Co-sponsored by General Org [general consultative status], Special Org [special consultative status] and Roster Org [roster status]",
		"Friends A and Friends B also share the views expressed in this statement.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("en lacks %q", want)
		}
	}
	// the supporters' note is a footnote to the title, and counted
	c := en.Doc.Blocks[0].(*doc.Cover)
	if _, ok := c.Title[len(c.Title)-1].(*doc.Footnote); !ok {
		t.Errorf("title has no footnote: %+v", c.Title)
	}
	if en.Limit != 1500 || en.Words.Notes == 0 {
		t.Errorf("limit %d, words %+v", en.Limit, en.Words)
	}
	fr := text(edition(eds, "fr").Doc)
	for _, want := range []string{"Soixante-quatrième session", "Point 4 de l’ordre du jour", "[statut consultatif spécial]", "Amis A et Amis B partagent également les vues exprimées dans le présent exposé."} {
		if !strings.Contains(fr, want) {
			t.Errorf("fr lacks %q", want)
		}
	}
	for _, bl := range en.Doc.Blocks {
		if p, ok := bl.(*doc.Paragraph); ok && p.Numbered {
			t.Errorf("an HRC statement has numbered paragraphs")
		}
	}
}

// TestHRCTypography: statements are issued in 10-point type without bold or italics
// (templates/hrc-statement.yaml); emphasis the author wrote is set in roman with a
// warning where it is, and generated text (case headings, totals) has none.
func TestHRCTypography(t *testing.T) {
	y := `kind: hrc-statement
title: {en: Forced return}
state: KP
date: 2027-02-05
languages: [en]
organisation: {name: {en: Test Archive}, status: special}
hrc: {session: 64, agenda-item: 4, agenda-title: {en: Human rights situations that require the Council's attention}}
`
	body := "The **returnees** were *beaten*.\n\n{{ case \"PUB-2019-001\" }}\n\n{{ table \"acts-by-type\" }}\n"
	dir := testProject(t, map[string]map[string]string{
		"hrc": merge(map[string]string{"report.yaml": y}, sections("01-s", map[string]string{"en": body})),
	})
	eds, d := assembleReport(t, testBuilder(t, dir, false), dir, "hrc")
	for _, want := range []string{
		"reports/hrc/01-s.en.md:1:5: warning: bold is not used in this kind of filing; the text is set in roman",
		"reports/hrc/01-s.en.md:1:24: warning: italics are not used in this kind of filing; the text is set in roman",
	} {
		if !strings.Contains(d, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, d)
		}
	}
	en := edition(eds, "en")
	if en == nil {
		t.Fatalf("no edition:\n%s", d)
	}
	if en.BodySize != 10 {
		t.Errorf("body size %g, want 10", en.BodySize)
	}
	if !strings.Contains(text(en.Doc), "The returnees were beaten.") {
		t.Errorf("the emphasised words are lost:\n%s", text(en.Doc))
	}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if v.IsNil() {
				return
			}
			switch v.Interface().(type) {
			case *doc.Emph, *doc.Strong:
				t.Errorf("emphasis at %s", path)
				return
			case *doc.Cover: // the UN's own layout (italic submitter line)
				return
			}
			walk(v.Elem(), path)
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i), path+"."+v.Type().Field(i).Name)
				}
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
			}
		}
	}
	walk(reflect.ValueOf(en.Doc.Blocks), "blocks")
}

func TestSPInput(t *testing.T) {
	y := `kind: sp-input
title: {en: Our answer}
state: KP
date: 2026-11-21
languages: [en]
` + orgYAML + `call:
  title: {en: Call for input on returnees}
  mandate: {en: Special Rapporteur on the DPRK}
  deadline: 2026-12-15
  publish: false
  questions:
    - {en: "What happened to returnees?"}
    - {en: "What should States do?"}
`
	dir := testProject(t, map[string]map[string]string{
		"in": merge(map[string]string{"report.yaml": y},
			sections("q2", map[string]string{"en": "They should act.\n"}),
			sections("q1-facts", map[string]string{"en": "# Detail\n\nThey were detained ({{ cite \"PUB-2019-001\" }}).\n"}),
			sections("00-intro", map[string]string{"en": "We answer the call.\n"})),
	})
	eds, d := assembleReport(t, testBuilder(t, dir, false), dir, "in")
	if strings.Contains(d, "error: ") || len(eds) != 1 {
		t.Fatalf("diagnostics:\n%s", d)
	}
	got := text(eds[0].Doc)
	order := []string{"Special Rapporteur on the DPRK", "Call for input on returnees", "Deadline: 15 December 2026",
		"Test Archive does not agree to the publication", "We answer the call.", "Question 1. What happened to returnees?", "Detail", "They were detained",
		"Question 2. What should States do?", "They should act."}
	last := -1
	for _, w := range order {
		i := strings.Index(got, w)
		if i < 0 || i < last {
			t.Errorf("%q missing or out of order", w)
		}
		last = i
	}
	// an answer's own heading goes under its question
	for _, b := range eds[0].Doc.Blocks {
		if h, ok := b.(*doc.Heading); ok && doc.PlainText(h.Text) == "Detail" && h.Level != 2 {
			t.Errorf("answer heading level %d", h.Level)
		}
	}
}

// WriteAll writes every output or none, and leaves no temporary file behind.
func TestWriteAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "a", "a.en.pdf")
	blocker := filepath.Join(dir, "b")
	if err := os.WriteFile(blocker, []byte("a file where a folder should be"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := WriteAll([]*Output{{Path: good, Data: []byte("A")}, {Path: filepath.Join(blocker, "b.en.pdf"), Data: []byte("B")}})
	if err == nil {
		t.Fatal("no error")
	}
	if _, err := os.Stat(good); err == nil {
		t.Error("a file was written although the build failed")
	}
	if err := WriteAll([]*Output{{Path: good, Data: []byte("A")}}); err != nil {
		t.Fatal(err)
	}
	// a crashed build's temporary file is cleaned away by the next build
	stale := filepath.Join(dir, "a", ".a.en.pdf.123"+tmpSuffix)
	os.WriteFile(stale, []byte("x"), 0o644)
	if err := WriteAll([]*Output{{Path: good, Data: []byte("A2")}}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "a"))
	if len(entries) != 1 || entries[0].Name() != "a.en.pdf" {
		t.Errorf("folder holds %v", entries)
	}
	if data, _ := os.ReadFile(good); string(data) != "A2" {
		t.Errorf("content %q", data)
	}
}

// The same inputs give the same bytes.
func TestRenderDeterministic(t *testing.T) {
	dir := testProject(t, map[string]map[string]string{
		"upr": merge(map[string]string{"report.yaml": uprYAML("en, fr, ko", "")}, goodSections),
	})
	var first [][]byte
	for round := 0; round < 2; round++ {
		b := testBuilder(t, dir, false)
		eds, d := assembleReport(t, b, dir, "upr")
		if strings.Contains(d, "error: ") {
			t.Fatal(d)
		}
		outs, err := b.RenderAll(eds, filepath.Join(dir, "build"))
		if err != nil {
			t.Fatal(err)
		}
		for i, o := range outs {
			if o.Pages < 1 || !strings.HasSuffix(o.Path, filepath.Join("upr", "upr."+o.Edition.Lang+".pdf")) {
				t.Errorf("output %s, %d pages", o.Path, o.Pages)
			}
			if round == 0 {
				first = append(first, o.Data)
			} else if string(first[i]) != string(o.Data) {
				t.Errorf("%s differs between two builds", o.Path)
			}
		}
	}
}

// A joint UPR submission names every organisation at the top and has the joint limit;
// an HRC statement by an organisation in general status has 2,000 words.
func TestJointUPRAndStatusLimits(t *testing.T) {
	joint := strings.Replace(uprYAML("en, fr", ""), "submission: individual", "submission: joint", 1) +
		"co-submitters:\n  - {name: {en: Second Org, fr: Deuxième org}, status: none}\n  - {name: {en: Third Org, fr: Troisième org}, status: roster}\n"
	hrc := `kind: hrc-statement
title: {en: T}
state: KP
date: 2027-02-05
languages: [en]
organisation: {name: {en: Big Org}, status: general}
hrc: {session: 64, agenda-item: 4, agenda-title: {en: Item four}, supporters: [{en: Lone Friend}]}
`
	dir := testProject(t, map[string]map[string]string{
		"joint": merge(map[string]string{"report.yaml": joint}, sections("01-b", map[string]string{"en": "Text.\n", "fr": "Texte.\n"})),
		"hrc":   merge(map[string]string{"report.yaml": hrc}, sections("01-b", map[string]string{"en": "Text.\n"})),
	})
	b := testBuilder(t, dir, false)
	eds, d := assembleReport(t, b, dir, "joint")
	if strings.Contains(d, "error: ") {
		t.Fatal(d)
	}
	en := edition(eds, "en")
	if en.Limit != 5630 || en.LimitRule != "joint UPR submission" {
		t.Errorf("joint limit %d %q", en.Limit, en.LimitRule)
	}
	for _, want := range []string{"Joint submission", "Submitted by Test Archive, Second Org and Third Org", "Description of the organisations"} {
		if !strings.Contains(text(en.Doc), want) {
			t.Errorf("joint lacks %q", want)
		}
	}
	if !strings.Contains(text(edition(eds, "fr").Doc), "Présentée par Archives test, Deuxième org et Troisième org") {
		t.Errorf("fr joint:\n%s", text(edition(eds, "fr").Doc))
	}
	eds, d = assembleReport(t, b, dir, "hrc")
	if strings.Contains(d, "error: ") {
		t.Fatal(d)
	}
	if eds[0].Limit != 2000 || !strings.Contains(text(eds[0].Doc), "Lone Friend also shares the views expressed in this statement.") ||
		!strings.Contains(text(eds[0].Doc), "Big Org [general consultative status]") {
		t.Errorf("hrc general: limit %d\n%s", eds[0].Limit, text(eds[0].Doc))
	}
	// the note on the title is marked with an asterisk, as UN practice has it, and
	// takes no number
	cover := eds[0].Doc.Blocks[0].(*doc.Cover)
	note, ok := cover.Title[len(cover.Title)-1].(*doc.Footnote)
	if !ok || note.Mark != "*" || doc.Numbers(eds[0].Doc).Label(note) != "*" {
		t.Errorf("title note: %#v", cover.Title[len(cover.Title)-1])
	}
}

func TestChartBars(t *testing.T) {
	dir := testProject(t, nil)
	b := testBuilder(t, dir, false)
	b.init()
	x := &ed{rc: &reportCtx{b: b, r: &report.Report{State: "KP"}}, lang: "en"}
	var years, types []statRow
	for y := 1990; y < 2002; y++ {
		years = append(years, statRow{strconv.Itoa(y), 1})
	}
	years = append(years, statRow{"", 2})
	acts := b.Vocab.Acts
	if len(acts) < 20 {
		t.Fatalf("the test vocabulary has %d act types; the test needs 20", len(acts))
	}
	for i, a := range acts[:20] {
		types = append(types, statRow{a.Code, 30 - i})
	}
	got := x.bars("acts-by-year", years)
	if len(got) != 4 || got[0] != (bar{"1990–1994", 5}) || got[2] != (bar{"2000–2004", 2}) || got[3].n != 2 {
		t.Errorf("years: %v", got)
	}
	// horizontal bars: more than the 8 of vertical ones, up to 15 and "Other"
	got = x.bars("acts-by-type", types[:12])
	if len(got) != 12 || got[0].label != "Killing" {
		t.Errorf("12 types: %v", got)
	}
	got = x.bars("acts-by-type", types)
	if len(got) != maxHBars || got[0].label != "Killing" || got[maxHBars-1] != (bar{"Other (5)", 15 + 14 + 13 + 12 + 11}) {
		t.Errorf("types: %v", got)
	}
	if !horizontal("acts-by-type") || !horizontal("acts-by-province") || !horizontal("acts-by-perpetrator") || horizontal("acts-by-year") {
		t.Error("act types, provinces and perpetrators have horizontal bars; years vertical ones")
	}
}

// A victim only the classifier inferred is not named in a case summary.
func TestPersonsNotInferred(t *testing.T) {
	dir := testProject(t, nil)
	b := testBuilder(t, dir, false)
	b.init()
	ts := &testimony.Testimony{ID: "X-2020-001", Persons: []testimony.Person{{Ref: "A", Pseudonym: "Witness A"}, {Ref: "B", Pseudonym: "the informer"}},
		Events: []testimony.Event{{ID: "e1"}}}
	cs := &Case{T: ts, Classes: []EventClass{{Acts: []Act{{Type: "torture", Victim: "B", Perpetrator: "mps", Inferred: true}}}}}
	x := &ed{rc: &reportCtx{b: b, r: &report.Report{State: "KP"}}, lang: "en"}
	if got := x.persons(cs, []int{0}); got != "Witness A." {
		t.Errorf("persons = %q", got)
	}
	cs.Classes[0].Acts[0].Inferred = false
	if got := x.persons(cs, []int{0}); got != "The informer." { // it follows "Case 1."
		t.Errorf("coded: persons = %q", got)
	}
}

// A link to another section or to the annex is resolved in the whole document; a link
// to nothing is still an error at its position.
func TestLinksAcrossSections(t *testing.T) {
	dir := testProject(t, map[string]map[string]string{
		"upr": merge(map[string]string{"report.yaml": uprYAML("en", "")},
			sections("01-a", map[string]string{"en": "# Findings {#findings}\n\nSee {{ cite \"PUB-2019-001\" }}.\n"}),
			sections("02-b", map[string]string{"en": "# More\n\nAs [above](#findings) and in [the annex](#annex-cases), not [there](#nowhere).\n"})),
	})
	eds, d := assembleReport(t, testBuilder(t, dir, false), dir, "upr")
	if strings.Count(d, "error: ") != 1 || !strings.Contains(d, "error: reports/upr/02-b.en.md:3:") || !strings.Contains(d, "link to #nowhere") {
		t.Errorf("diagnostics:\n%s", d)
	}
	if err := doc.Validate(eds[0].Doc); err == nil || !strings.Contains(err.Error(), "#nowhere") || strings.Contains(err.Error(), "#findings") {
		t.Errorf("validate: %v", err)
	}
}

// TestTemplateTypography: a project's template cannot ask for type the rules do not know.
func TestTemplateTypography(t *testing.T) {
	for src, want := range map[string]string{
		"kind: hrc-statement\ntypography: {body-size: 30}\n":    "body-size 30 must be between 8 and 14 points",
		"kind: hrc-statement\ntypography: {emphasis: shouty}\n": `emphasis "shouty" must be none or empty`,
		"kind: hrc-statement\ntypography: {body-sise: 10}\n":    `templates/hrc-statement.yaml:2:1: unknown key "body-sise"`,
		"kind: hrc-statement\ntypography: {body-size: 10.5}\n":  "",
		"kind: hrc-statement\ntypography: {emphasis: none}\n":   "",
	} {
		_, err := ParseTemplate("templates/hrc-statement.yaml", []byte(src))
		switch {
		case want == "" && err != nil:
			t.Errorf("%q: %v", src, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%q: got %v, want %q", src, err, want)
		}
	}
}
