package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pscore/dossier/internal/testimony/testgen"
)

// buildProject writes a project: the fixture testimonies of internal/filing and the
// given reports (name → file → content).
func buildProject(t testing.TB, reports map[string]map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	src := "../../internal/filing/testdata/project/testimonies"
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "testimonies"), 0o755)
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(src, e.Name()))
		os.WriteFile(filepath.Join(dir, "testimonies", e.Name()), data, 0o644)
	}
	writeReports(t, dir, reports)
	return dir
}

func writeReports(t testing.TB, dir string, reports map[string]map[string]string) {
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
}

const testOrg = `organisation:
  name: {en: Test Archive, fr: Archives test, ko: 시험기록원}
  status: special
  description: {en: Founded in 2007., fr: Fondée en 2007., ko: 2007년 설립.}
`

func testUPR(langs string) string {
	return `kind: upr-submission
title: {en: Detention after return, fr: La détention après le renvoi, ko: 송환 후 구금}
state: KP
date: 2026-11-21
languages: [` + langs + `]
` + testOrg + `keywords: {en: [detention], fr: [détention], ko: [구금]}
recommendations:
  - {en: Close the camps., fr: Fermer les camps., ko: 수용소를 폐쇄할 것.}
upr: {session: 47, cycle: 4, review: 2029-05, submission: individual}
`
}

var testSections = map[string]string{
	"01-body.en.md": "# Findings\n\nOne witness ({{ cite \"PUB-2019-001\" }}) said:\n\n{{ case \"PUB-2019-001\" \"e1\" }}\n\n{{ table \"acts-by-type\" }}\n",
	"01-body.fr.md": "# Constatations\n\nUne témoin ({{ cite \"PUB-2019-001\" }}) a déclaré :\n\n{{ case \"PUB-2019-001\" \"e1\" }}\n\n{{ table \"acts-by-type\" }}\n",
	"01-body.ko.md": "# 조사 결과\n\n한 증인({{ cite \"PUB-2019-001\" }})은 이렇게 말하였다.\n\n{{ case \"PUB-2019-001\" \"e1\" }}\n\n{{ table \"acts-by-type\" }}\n",
}

func withFiles(m map[string]string, more map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

// files lists every file under dir, relative, sorted (the walk order).
func files(dir string) []string {
	return filesMatching(dir, "")
}

// pdfs lists the PDF files under dir (beside them are the manifests source protection
// adds).
func pdfs(dir string) []string {
	return filesMatching(dir, ".pdf")
}

func filesMatching(dir, suffix string) []string {
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, suffix) {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return nil
	})
	return out
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command(renderTool(t, "pdftotext"), path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestBuildCommand(t *testing.T) {
	dir := buildProject(t, map[string]map[string]string{
		"upr": withFiles(testSections, map[string]string{"report.yaml": testUPR("en, fr, ko")}),
	})
	var out, errb bytes.Buffer
	code := run([]string{"build", "--project", dir}, nil, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errb.String())
	}
	want := []string{"upr/upr.en.pdf", "upr/upr.fr.pdf", "upr/upr.ko.pdf"}
	if got := pdfs(filepath.Join(dir, "build")); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("build/ holds %v, want %v", got, want)
	}
	for _, l := range []string{"en", "fr", "ko"} {
		re := fmt.Sprintf("upr  %s  ", l)
		if !strings.Contains(out.String(), re) {
			t.Errorf("summary lacks %q:\n%s", re, out.String())
		}
	}
	if !strings.Contains(out.String(), "/2,815 words") || !strings.Contains(out.String(), "1 case") || !strings.Contains(out.String(), filepath.Join(dir, "build", "upr", "upr.ko.pdf")) {
		t.Errorf("summary:\n%s", out.String())
	}
	// what the PDFs say, in each language
	for lang, wants := range map[string][]string{
		"en": {"Universal Periodic Review", "Forty-seventh session", "The officers beat me with sticks", "Torture and ill-treatment", "Cases cited", "Test Archive"},
		"fr": {"Examen périodique universel", "Quarante-septième session", "Les agents m’ont frappée", "Torture et mauvais traitements", "Cas cités", "mai 2011"},
		"ko": {"국가별 정례인권검토", "제47차 회기", "보위원들은 두 주 동안", "고문 및 가혹행위", "인용 사례", "2011년 5월", "사례 1"},
	} {
		text := pdfText(t, filepath.Join(dir, "build", "upr", "upr."+lang+".pdf"))
		for _, w := range wants {
			if !strings.Contains(text, w) {
				t.Errorf("upr.%s.pdf lacks %q", lang, w)
			}
		}
		if strings.Contains(text, "United Nations") || strings.Contains(text, "Nations Unies") || strings.Contains(text, "국제연합") {
			t.Errorf("upr.%s.pdf carries a UN masthead", lang)
		}
	}
}

// Any error in any edition of any report: exit 1, and nothing written at all, not
// even the editions and reports that were fine.
func TestBuildFailureWritesNothing(t *testing.T) {
	long := "# Body\n\n" + strings.Repeat("word ", 2900) + "\n"
	dir := buildProject(t, map[string]map[string]string{
		"good":     withFiles(testSections, map[string]string{"report.yaml": testUPR("en, fr, ko")}),
		"long":     {"report.yaml": testUPR("en"), "01-body.en.md": long},
		"internal": {"report.yaml": testUPR("en") + "draw: {consent: internal}\n", "01-body.en.md": "Text.\n"},
	})
	var out, errb bytes.Buffer
	if code := run([]string{"build", "--project", dir}, nil, &out, &errb); code != 1 {
		t.Fatalf("exit %d\n%s", code, errb.String())
	}
	msg := errb.String()
	for _, w := range []string{
		"long.en: 2,9", " over the limit of 2,815 (individual UPR submission)",
		filepath.Join(dir, "reports", "internal", "report.yaml") + ":14:17: draw.consent: internal testimonies never leave the organisation",
		"nothing was written",
	} {
		if !strings.Contains(msg, w) {
			t.Errorf("stderr lacks %q:\n%s", w, msg)
		}
	}
	if got := files(dir); len(got) != 0 && containsPrefix(got, "build") {
		t.Errorf("files written: %v", got)
	}
	if out.Len() != 0 {
		t.Errorf("summary printed for a failed build: %s", out.String())
	}
}

func containsPrefix(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

func TestCheckWritesNothing(t *testing.T) {
	dir := buildProject(t, map[string]map[string]string{
		"upr": withFiles(testSections, map[string]string{"report.yaml": testUPR("en, fr, ko")}),
	})
	var out, errb bytes.Buffer
	opts := &checkOptions{globals: &globals{ProjectDir: dir, Out: &out, Err: &errb}}
	if err := runCheck(opts); err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "build")); !os.IsNotExist(err) {
		t.Error("check wrote a build folder")
	}
	if !strings.Contains(out.String(), "upr  ko  -") || !strings.Contains(out.String(), "(not written)") {
		t.Errorf("summary:\n%s", out.String())
	}
	// a broken call: check fails, with the position
	writeReports(t, dir, map[string]map[string]string{"upr": {"01-body.en.md": "# Findings\n\n{{ chart \"acts-by-month\" }}\n"}})
	out.Reset()
	errb.Reset()
	if err := runCheck(opts); err != errReported {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(errb.String(), filepath.Join(dir, "reports", "upr", "01-body.en.md")+`:3:10: {{ chart "acts-by-month" }}: unknown statistic`) {
		t.Errorf("stderr:\n%s", errb.String())
	}
}

func TestBuildLangOutDraft(t *testing.T) {
	dir := buildProject(t, map[string]map[string]string{
		// no Korean section: an error, except in a draft
		"upr": withFiles(map[string]string{"report.yaml": testUPR("en, fr, ko"), "01-body.en.md": testSections["01-body.en.md"], "01-body.fr.md": testSections["01-body.fr.md"]}, nil),
	})
	out := filepath.Join(t.TempDir(), "elsewhere")
	var o, e bytes.Buffer
	if code := run([]string{"build", "--project", dir, "--lang", "fr", "--out", out}, nil, &o, &e); code != 0 {
		t.Fatalf("exit %d\n%s", code, e.String())
	}
	if got := pdfs(out); strings.Join(got, " ") != "upr/upr.fr.pdf" {
		t.Errorf("--lang fr --out: %v", got)
	}
	o.Reset()
	e.Reset()
	if code := run([]string{"build", "--project", dir, "--out", out}, nil, &o, &e); code != 1 || !strings.Contains(e.String(), "01-body.ko.md: missing translation") {
		t.Fatalf("exit %d\n%s", code, e.String())
	}
	if code := run([]string{"build", "--project", dir, "--out", out, "--draft"}, nil, &o, &e); code != 0 {
		t.Fatalf("draft: exit %d\n%s", code, e.String())
	}
	text := pdfText(t, filepath.Join(out, "upr", "upr.ko.pdf"))
	for _, w := range []string{"초안", "[번역 없음: 아래는 영어 원문]", "One witness"} {
		if !strings.Contains(text, w) {
			t.Errorf("draft ko lacks %q", w)
		}
	}
	if code := run([]string{"build", "--project", dir, "--lang", "de"}, nil, &o, &e); code != 1 {
		t.Error("--lang de accepted")
	}
}

// samplePassword is the password of the confidential sample filings in tests.
const samplePassword = "test-password-not-secret"

// The sample reports of the repository build in every language.
func TestBuildSamples(t *testing.T) {
	t.Setenv("DOSSIER_PDF_PASSWORD", samplePassword)
	out := t.TempDir()
	var o, e bytes.Buffer
	if code := run([]string{"build", "--project", "../..", "--out", out}, nil, &o, &e); code != 0 {
		t.Fatalf("exit %d\n%s", code, e.String())
	}
	if len(pdfs(out)) == 0 {
		t.Fatal("nothing built")
	}
	t.Logf("\n%s", o.String())
}

// BenchmarkBuildSamples builds every sample report in every language, from loading
// the testimonies to the PDFs in memory (target: under 2 s on two cores).
func BenchmarkBuildSamples(b *testing.B) {
	b.Setenv("DOSSIER_PDF_PASSWORD", samplePassword)
	out := b.TempDir()
	for b.Loop() {
		var o, e bytes.Buffer
		if code := run([]string{"build", "--project", "../..", "--out", out}, nil, &o, &e); code != 0 {
			b.Fatalf("exit %d\n%s", code, e.String())
		}
	}
}

// BenchmarkBuildUPR10000 builds a UPR submission drawing on a generated corpus of
// 10,000 testimonies, in three languages (target: under 5 s on two cores).
func BenchmarkBuildUPR10000(b *testing.B) {
	dir := b.TempDir()
	if err := testgen.WriteCorpus(filepath.Join(dir, "testimonies"), 10000, 1); err != nil {
		b.Fatal(err)
	}
	writeReports(b, dir, map[string]map[string]string{
		"upr-10k": {
			"report.yaml":   testUPR("en, fr, ko"),
			"01-body.en.md": "# Findings\n\nWe draw on {{ count \"cases\" }} testimonies of {{ count \"events\" }} events.\n\n{{ chart \"acts-by-type\" }}\n\n{{ table \"acts-by-year\" }}\n\n{{ table \"acts-by-province\" }}\n\n{{ chart \"acts-by-perpetrator\" }}\n",
			"01-body.fr.md": "# Constatations\n\nNous nous fondons sur {{ count \"cases\" }} témoignages.\n\n{{ chart \"acts-by-type\" }}\n\n{{ table \"acts-by-year\" }}\n\n{{ table \"acts-by-province\" }}\n\n{{ chart \"acts-by-perpetrator\" }}\n",
			"01-body.ko.md": "# 조사 결과\n\n증언 {{ count \"cases\" }}건에 근거한다.\n\n{{ chart \"acts-by-type\" }}\n\n{{ table \"acts-by-year\" }}\n\n{{ table \"acts-by-province\" }}\n\n{{ chart \"acts-by-perpetrator\" }}\n",
		},
	})
	out := b.TempDir()
	b.ResetTimer()
	for b.Loop() {
		var o, e bytes.Buffer
		if code := run([]string{"build", "--project", dir, "--out", out}, nil, &o, &e); code != 0 {
			b.Fatalf("exit %d\n%s", code, e.String())
		}
	}
}

// A communication to the Special Procedures is marked confidential on every page, in
// the language of the edition, and may draw on a confidential testimony.
func TestBuildCommunicationMarkedOnEveryPage(t *testing.T) {
	t.Setenv("DOSSIER_PDF_PASSWORD", samplePassword)
	long := strings.Repeat("The facts are set out below in detail. ", 300)
	dir := buildProject(t, map[string]map[string]string{
		"sp": {
			"report.yaml": `kind: sp-communication
title: {en: Detention for watching a film, fr: Détention pour avoir regardé un film, ko: 영화 시청을 이유로 한 구금}
state: KP
date: 2026-11-21
languages: [en, fr, ko]
` + testOrg + `draw: {consent: confidential}
sp:
  mandates: [{en: Special Rapporteur on the DPRK, fr: Rapporteur spécial sur la RPDC, ko: 북한인권 특별보고관}]
  case: CON-2014-003
  victim: A
  consent: {en: She consented., fr: Elle a consenti., ko: 피해자는 동의하였다.}
  steps-taken: {en: None possible., fr: Aucune possible., ko: 불가능하였다.}
  confidential: {en: Her name., fr: Son nom., ko: 피해자의 이름.}
`,
			"01-more.en.md": "# More\n\n" + long + "\n",
			"01-more.fr.md": "# Plus\n\n" + long + "\n",
			"01-more.ko.md": "# 추가 정보\n\n" + long + "\n",
		},
	})
	var out, errb bytes.Buffer
	if code := run([]string{"build", "--project", dir}, nil, &out, &errb); code != 0 {
		t.Fatalf("exit %d\n%s", code, errb.String())
	}
	for lang, mark := range map[string]string{"en": "CONFIDENTIAL", "fr": "CONFIDENTIEL", "ko": "대외비"} {
		path := filepath.Join(dir, "build", "sp", "sp."+lang+".pdf")
		text, err := exec.Command(renderTool(t, "pdftotext"), "-upw", samplePassword, path, "-").Output()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		pages := strings.Split(strings.TrimRight(string(text), "\f"), "\f")
		if len(pages) < 3 {
			t.Errorf("%s: %d pages, want a few", path, len(pages))
		}
		for i, p := range pages {
			if !strings.Contains(p, mark) {
				t.Errorf("%s: page %d has no %q", path, i+1, mark)
			}
		}
		if !strings.Contains(string(text), "CONFIDENTIAL-PHRASE") {
			t.Errorf("%s: the confidential testimony's account is missing", path)
		}
	}
}

// A definition whose report.yaml is wrong is not assembled, but the errors of its
// sections that can be found without it come in the same run.
func TestBuildReportsSectionErrorsWithDefinitionErrors(t *testing.T) {
	dir := sampleProject(t, "hrc-statement-item4")
	r := filepath.Join(dir, "reports", "hrc-statement-item4")
	edit(t, filepath.Join(r, "report.yaml"), "  consent: public", "  consent: internal")
	edit(t, filepath.Join(r, "01-statement.fr.md"), "Archives", `{{ case "DEV-2014-002" Archives`)
	code, _, stderr := dossier(t, dir, "", "build")
	for _, want := range []string{
		"report.yaml:31:12: draw.consent: internal testimonies never leave the organisation",
		"01-statement.fr.md:",
		"unclosed call {{ case",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("missing %q in:\n%s", want, stderr)
		}
	}
	if code != 1 || fileExists(filepath.Join(dir, "build")) {
		t.Errorf("exit %d; build folder written: %v", code, fileExists(filepath.Join(dir, "build")))
	}
}
