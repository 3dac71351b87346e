package pdf

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/pscore/dossier/internal/doc"
	"github.com/pscore/dossier/internal/fonts"
	"github.com/pscore/dossier/internal/markdown"
)

// needTool returns the path of an external tool; a missing tool fails the test on CI
// (CI=true) and skips it elsewhere.
func needTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required on CI (install poppler-utils and qpdf): %v", name, err)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}

func sample(t testing.TB, lang string) *doc.Document {
	t.Helper()
	src, err := os.ReadFile("../../testdata/markdown/" + lang + ".md")
	if err != nil {
		t.Fatal(err)
	}
	d, diags := markdown.Parse(src, markdown.Options{Path: lang + ".md", Numbered: true})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	return d
}

func render(t testing.TB, d *doc.Document, opts Options) (string, *Result) {
	t.Helper()
	res, err := Render(d, opts)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, res.PDF, 0o644); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("DOSSIER_PDF_OUT"); dir != "" { // keep renders to look at
		name := strings.NewReplacer("/", "_", " ", "_").Replace(t.Name()) + ".pdf"
		os.WriteFile(filepath.Join(dir, name), res.PDF, 0o644)
	}
	return path, res
}

func tool(t testing.TB, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(needTool(t, name), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

var spaces = regexp.MustCompile(`[\s\x{00A0}\x{202F}\x{2009}]+`)

func squash(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

func TestTextRoundTrip(t *testing.T) {
	for lang, wants := range map[string][]string{
		"en": {"People for Successful Corean Reunification (PSCORE) submits this statement on the situation of persons detained in the Democratic People’s Republic of Korea.",
			"“We were counted four times a day,” one witness said, “and beaten if the count was wrong.”",
			"Page 1 of 3", "Annex", "DEV-2014-001"},
		"fr": {"L’organisation PSCORE présente cet exposé sur la situation des personnes détenues en République populaire démocratique de Corée.",
			"« On nous comptait quatre fois par jour, et l’on nous frappait si le compte était faux », a déclaré un témoin.",
			"Qu’en est-il de l’œuvre de la justice ? Nul ne le sait !", "Page 2 sur 3", "Annexe", "Ministère de la sécurité de l’État"},
		"ko": {"사단법인 성공적인 통일을 만들어가는 사람들(PSCORE)은 조선민주주의인민공화국에 구금된 사람들의 상황에 관하여 이 성명을 제출한다.",
			"한 증인은 “하루에 네 번 인원 점검을 했고, 숫자가 맞지 않으면 맞았다”고 말했다.", "4쪽 중 2쪽", "부속서", "혜산"},
	} {
		path, _ := render(t, sample(t, lang), Options{})
		text := squash(tool(t, "pdftotext", "-enc", "UTF-8", path, "-"))
		for _, want := range wants {
			found := strings.Contains(text, squash(want))
			if lang == "ko" && !found {
				// Korean may break a line between syllables, where pdftotext cannot tell
				// a line end inside a word from one between words: compare the
				// characters, without the spaces
				found = strings.Contains(spaces.ReplaceAllString(text, ""), spaces.ReplaceAllString(want, ""))
			}
			if !found {
				t.Errorf("%s: pdftotext lacks %q", lang, want)
			}
		}
		// the narrow no-break spaces of French typography are really there
		if lang == "fr" {
			raw := tool(t, "pdftotext", "-enc", "UTF-8", path, "-")
			if !strings.Contains(raw, "«\u202FOn") && !strings.Contains(raw, "« On") {
				t.Errorf("fr: no space after «: %q", raw[:200])
			}
		}
	}
}

func TestFontsEmbeddedSubsetUnicode(t *testing.T) {
	for _, lang := range []string{"en", "fr", "ko"} {
		path, _ := render(t, sample(t, lang), Options{Mark: "CONFIDENTIAL"})
		out := tool(t, "pdffonts", path)
		lines := strings.Split(strings.TrimSpace(out), "\n")[2:]
		if len(lines) < 3 {
			t.Fatalf("%s: pdffonts:\n%s", lang, out)
		}
		for _, l := range lines {
			f := strings.Fields(l)
			// name type... emb sub uni id gen
			n := len(f)
			if f[n-5] != "yes" || f[n-4] != "yes" || f[n-3] != "yes" || !regexp.MustCompile(`^[A-Z]{6}\+`).MatchString(f[0]) {
				t.Errorf("%s: font not embedded as a subset with a Unicode map: %s", lang, l)
			}
		}
		if lang == "ko" && !strings.Contains(out, "NanumMyeongjo") {
			t.Errorf("ko: no NanumMyeongjo:\n%s", out)
		}
	}
}

func TestQpdfAndPdfcpuStrict(t *testing.T) {
	model.ConfigPath = "disable"
	for _, lang := range []string{"en", "fr", "ko"} {
		path, res := render(t, sample(t, lang), Options{Mark: "CONFIDENTIAL"})
		out, err := exec.Command(needTool(t, "qpdf"), "--check", path).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors") {
			t.Errorf("%s: qpdf --check: %v\n%s", lang, err, out)
		}
		conf := model.NewDefaultConfiguration()
		conf.ValidationMode = model.ValidationStrict
		if err := api.Validate(bytes.NewReader(res.PDF), conf); err != nil {
			t.Errorf("%s: pdfcpu strict validation: %v", lang, err)
		}
	}
}

type outlineJSON struct {
	Title string        `json:"title"`
	Page  int           `json:"destpageposfrom1"`
	Kids  []outlineJSON `json:"kids"`
}

func TestOutline(t *testing.T) {
	path, _ := render(t, sample(t, "en"), Options{})
	out := tool(t, "qpdf", "--json", "--json-key=outlines", path)
	var js struct{ Outlines []outlineJSON }
	if err := json.Unmarshal([]byte(out), &js); err != nil {
		t.Fatal(err)
	}
	var got []string
	var walk func([]outlineJSON, int)
	walk = func(ns []outlineJSON, depth int) {
		for _, n := range ns {
			got = append(got, fmt.Sprintf("%s%s @%d", strings.Repeat("  ", depth), n.Title, n.Page))
			walk(n.Kids, depth+1)
		}
	}
	walk(js.Outlines, 0)
	want := []string{
		"I. Introduction @1", "  A. Methodology @1", "    1. Selection of cases @1",
		"II. Findings @2", "  A. Conditions of detention @2", "  B. Treatment during interrogation @2",
		"III. Recommendations @2", "Annex: List of cases @3",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("outline:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestDeterministic(t *testing.T) {
	for _, lang := range []string{"en", "ko"} {
		a, err := Render(sample(t, lang), Options{Mark: "CONFIDENTIAL"})
		if err != nil {
			t.Fatal(err)
		}
		b, err := Render(sample(t, lang), Options{Mark: "CONFIDENTIAL"})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.PDF, b.PDF) {
			t.Errorf("%s: two renders differ", lang)
		}
	}
}

func TestMissingGlyph(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Lang: "en"}, Blocks: []doc.Block{
		&doc.Heading{Level: 1, Text: doc.T("Fine")},
		doc.Para(true, &doc.Text{Text: "A Sinhala letter ඞ is in no embedded font."}),
	}}
	_, err := Render(d, Options{})
	var me *fonts.MissingError
	if !errors.As(err, &me) || me.Rune != 'ඞ' || !strings.Contains(err.Error(), "U+0D9E") || !strings.Contains(err.Error(), "block 2 (paragraph)") {
		t.Fatalf("got %v", err)
	}
}

func TestCreationDate(t *testing.T) {
	d := sample(t, "en")
	d.Meta.Created = time.Time{}
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	res, err := Render(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(res.PDF, []byte("/CreationDate (D:20231114221320+00'00')")) {
		t.Error("SOURCE_DATE_EPOCH not used")
	}
	t.Setenv("SOURCE_DATE_EPOCH", "")
	res, err = Render(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(res.PDF, []byte("/CreationDate")) {
		t.Error("a creation date without one given: the clock was read")
	}
}

var (
	reKidsT  = regexp.MustCompile(`(?s)\n2 0 obj\s*<<.*?/Kids \[(.*?)\]`)
	reDest   = regexp.MustCompile(`/Subtype /Link /Rect \[[^\]]*\] /Border \[0 0 0\] /Dest \[(\d+) 0 R`)
	reURI    = regexp.MustCompile(`/URI \(([^)]*)\)`)
	reRefT   = regexp.MustCompile(`(\d+) 0 R`)
	reAnnots = regexp.MustCompile(`(?s)(\d+) 0 obj\s*<<\s*/Type /Page\b.*?/Annots \[([^\]]*)\]`)
)

func TestLinks(t *testing.T) {
	_, res := render(t, sample(t, "en"), Options{})
	raw := string(res.PDF)
	page := map[string]int{}
	for i, m := range reRefT.FindAllStringSubmatch(reKidsT.FindStringSubmatch(raw)[1], -1) {
		page[m[1]] = i + 1
	}
	// internal links (case references) go to the annex on page 3; every link object
	// hangs from the page it is drawn on
	var dests []int
	for _, m := range reDest.FindAllStringSubmatch(raw, -1) {
		dests = append(dests, page[m[1]])
	}
	if len(dests) < 2 {
		t.Fatalf("internal link destinations: %v", dests)
	}
	for _, p := range dests {
		if p != 3 {
			t.Errorf("a case reference links to page %d, not the annex (3): %v", p, dests)
		}
	}
	if uris := reURI.FindAllStringSubmatch(raw, -1); len(uris) != 1 || uris[0][1] != "https://www.ohchr.org/en/countries/korea-democratic-peoples-republic" {
		t.Errorf("external links: %v", uris)
	}
	annotPages := map[int]int{}
	for _, m := range reAnnots.FindAllStringSubmatch(raw, -1) {
		annotPages[page[m[1]]] += len(reRefT.FindAllString(m[2], -1))
	}
	// page 1: the case reference in paragraph 2; page 2: a case reference in a footnote
	// and the URL
	if annotPages[1] != 1 || annotPages[2] != 2 {
		t.Errorf("links per page: %v", annotPages)
	}
}
