package charter

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pscore/dossier"
	"github.com/pscore/dossier/internal/project"
	"github.com/pscore/dossier/internal/testimony"
	"github.com/pscore/dossier/internal/vocab"
)

func load(t *testing.T) *Catalogue {
	t.Helper()
	c, err := Load(project.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func date(t *testing.T, s string) testimony.Date {
	t.Helper()
	d, err := testimony.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestEmbeddedCatalogue: the shipped catalogue loads without a diagnostic, has a rule-set
// version, the eleven instruments in citation order, titles in three languages, and a
// mapping for every act type of the vocabulary.
func TestEmbeddedCatalogue(t *testing.T) {
	data, err := dossier.Defaults.ReadFile(File)
	if err != nil {
		t.Fatal(err)
	}
	v, err := vocab.Load(project.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	c, diags := Parse("charters.yaml", data, v)
	if len(diags) > 0 {
		t.Fatalf("diagnostics on the embedded catalogue:\n%v", diags)
	}
	if c.Version == "" {
		t.Error("no rule-set version")
	}
	var codes []string
	for _, in := range c.Instruments {
		codes = append(codes, in.Code)
	}
	if got := strings.Join(codes, " "); got != "UDHR ICCPR ICESCR CAT CRC CEDAW CRPD ICPPED CSR51 TIP ROME" {
		t.Errorf("instruments = %s", got)
	}
	for _, a := range v.Acts {
		m := c.Mappings[a.Code]
		if m == nil {
			t.Errorf("no mapping for act %s", a.Code)
			continue
		}
		if m.Reason == "" || len(m.Always) == 0 {
			t.Errorf("mapping %s has no reason or no articles", a.Code)
		}
	}
	for ref, a := range c.Articles {
		for _, l := range []string{"en", "fr", "ko"} {
			if a.Title[l] == "" {
				t.Errorf("%s has no %s title", ref, l)
			}
		}
	}
	for _, code := range []string{"KP", "CN"} {
		for _, in := range []string{"ICCPR", "ICESCR", "CAT", "CRC", "CEDAW", "CRPD", "CSR51", "TIP"} {
			if c.Instrument(in).Parties[code] == nil {
				t.Errorf("no party status of %s for %s", code, in)
			}
		}
	}
}

// TestApplies: binding in time, per state, as the corpus conventions state it.
func TestApplies(t *testing.T) {
	c := load(t)
	cases := []struct {
		ref, state, on string
		binding        bool
		basis          string
	}{
		{"ICCPR-7", "KP", "2010-05", true, "DPRK party to ICCPR since 1981-12-14"},
		{"ICCPR-7", "KP", "1981-11", false, "only from 1981-12-14"},
		{"ICCPR-7", "KP", "1981-12", true, ""}, // month of entry into force counts
		{"ICCPR-7", "CN", "2010", false, "China signed ICCPR (1998-10-05) but has not ratified it"},
		{"CAT-16", "KP", "2010", false, "DPRK not party to CAT"},
		{"CAT-3", "CN", "2005-11", true, "China party to CAT since 1988-11-03"},
		{"CAT-3", "CN", "1986-02", false, "only from 1988-11-03"},
		{"CSR51-33.1", "CN", "1986-02", true, "China party to CSR51 since 1982-12-23"},
		{"CSR51-33", "KP", "2010", false, "not party"},
		{"CRPD-5", "KP", "2016-12", false, "only from 2017-01-05"},
		{"CRPD-5", "KP", "2017-01", true, ""}, // in force on 2017-01-05: the month counts
		{"CRPD-5", "KP", "2017-01-04", false, ""},
		{"CRPD-5", "KP", "2017-01-05", true, ""},
		{"CEDAW-2", "KP", "2000", false, "only from 2001-03-29"},
		{"CEDAW-2", "KP", "2001-03", true, ""},
		{"CEDAW-2", "KP", "2001", true, ""}, // a year-only date counts when any day of it does
		{"TIP-3", "CN", "2010-02", false, "only from 2010-03-10"},
		{"TIP-3", "CN", "2012", true, ""},
		{"UDHR-5", "KP", "1950", false, "declaration"},
		{"ROME-7.1.a", "KP", "2010", false, "not party"},
		{"ICCPR-7", "RU", "2010", false, "no party information"},
	}
	for _, tc := range cases {
		ap := c.Applies(tc.ref, tc.state, date(t, tc.on))
		if ap.Binding != tc.binding || !strings.Contains(ap.Basis, tc.basis) {
			t.Errorf("Applies(%s, %s, %s) = %v %q, want %v %q", tc.ref, tc.state, tc.on, ap.Binding, ap.Basis, tc.binding, tc.basis)
		}
	}
	if ap := c.Applies("ICCPR-7", "KP", testimony.Date{}); ap.Binding {
		t.Error("an undated event cannot be held to a treaty")
	}
}

// TestEpoch: dates between two entries into force share an epoch, so results memoised per
// epoch are those per day.
func TestEpoch(t *testing.T) {
	c := load(t)
	if c.Epoch("KP", date(t, "2005")) != c.Epoch("KP", date(t, "2012-06-01")) {
		t.Error("2005 and 2012 differ for the DPRK, but no treaty entered into force between them")
	}
	if c.Epoch("KP", date(t, "2016-12")) == c.Epoch("KP", date(t, "2017-01")) {
		t.Error("CRPD entered into force for the DPRK in January 2017")
	}
}

// TestTitles: a title in each language, the article's title for an unlisted paragraph,
// English for a missing language, the reference for an unknown article.
func TestTitles(t *testing.T) {
	c := load(t)
	if got := c.Title("ICCPR-7", "fr"); !strings.Contains(got, "torture") {
		t.Errorf("fr title of ICCPR-7 = %q", got)
	}
	if got := c.Title("ICCPR-7", "ko"); !strings.Contains(got, "고문") {
		t.Errorf("ko title of ICCPR-7 = %q", got)
	}
	if got, want := c.Title("ICCPR-7.9", "en"), c.Title("ICCPR-7", "en"); got != want {
		t.Errorf("unlisted paragraph title = %q, want the article's %q", got, want)
	}
	if got := c.Title("ICCPR-7", "de"); got != c.Title("ICCPR-7", "en") {
		t.Errorf("a language without titles should fall back to English, got %q", got)
	}
	if got := c.Title("XYZ-1", "en"); got != "XYZ-1" {
		t.Errorf("unknown reference title = %q", got)
	}
	if ArticleLevel("ICCPR-12.2") != "ICCPR-12" || ArticleLevel("ROME-7.1.e") != "ROME-7" || ArticleLevel("UDHR-5") != "UDHR-5" {
		t.Error("ArticleLevel")
	}
	if InstrumentOf("CSR51-33.1") != "CSR51" {
		t.Error("InstrumentOf")
	}
}

// TestOrder: citations are listed by instrument, then article and paragraph numbers.
func TestOrder(t *testing.T) {
	c := load(t)
	refs := []string{"CAT-3", "ICCPR-12.2", "UDHR-13", "ICCPR-9", "ICCPR-12", "UDHR-3", "CSR51-33.1", "ROME-7.1.e", "ROME-7.1.a", "CRC-37"}
	c.Sort(refs)
	want := "UDHR-3 UDHR-13 ICCPR-9 ICCPR-12 ICCPR-12.2 CAT-3 CRC-37 CSR51-33.1 ROME-7.1.a ROME-7.1.e"
	if got := strings.Join(refs, " "); got != want {
		t.Errorf("order = %s\nwant    %s", got, want)
	}
}

// TestDecisionsFollowLabelling spot-checks the mappings where the draft differed from the
// gold-label conventions: the default mapping reproduces LABELLING.md's article sets.
func TestDecisionsFollowLabelling(t *testing.T) {
	c := load(t)
	level := func(refs []string) string {
		var out []string
		for _, r := range refs {
			out = append(out, ArticleLevel(r))
		}
		return strings.Join(out, " ")
	}
	cases := map[string]string{
		"forced-labour":          "UDHR-23 ICCPR-8 ICESCR-7",
		"forced-repatriation":    "CAT-3 CSR51-33",
		"enforced-disappearance": "UDHR-6 UDHR-9 ICCPR-9 ICCPR-16 ICPPED-1",
		"political-prison-camp":  "UDHR-9 ICCPR-9 ICCPR-10",
		"torture":                "UDHR-5 ICCPR-7 CAT-16",
		"trafficking":            "UDHR-4 CEDAW-6 TIP-3",
	}
	for act, want := range cases {
		if got := level(c.Mappings[act].Always); got != want {
			t.Errorf("%s always = %s, want %s", act, got, want)
		}
		if c.Mappings[act].Decision == "" && act != "forced-repatriation" {
			t.Errorf("%s departs from the draft without a decision note", act)
		}
	}
	if !c.Mappings["torture"].StateAgentOnly["ICCPR-7"] {
		t.Error("ICCPR-7 binds a state for its own agents only")
	}
	if m := c.Mappings["movement-restriction"]; m.DefaultRefine != "leave-country" {
		t.Errorf("movement-restriction default refinement = %q", m.DefaultRefine)
	}
}

var diagLine = regexp.MustCompile(`^bad\.yaml:\d+:\d+: `)

// TestDiagnostics: a wrong catalogue is reported line by line, every problem at once.
func TestDiagnostics(t *testing.T) {
	v, err := vocab.Load(project.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	src := `version: "x"
instruments:
  UDHR:
    name: {en: Universal Declaration}
    kind: declaration
  ICCPR:
    name: {en: Covenant}
    kind: treaty
    parties:
      KP: {state: acceded, date: 1981-13-01}
      CN: {state: maybe}
articles:
  UDHR-5: {en: Torture}
  ICCPR-7: {en: Torture}
  XYZ-1: {en: Nothing}
mappings:
  torture:
    always: [UDHR-5, ICCPR-7, ICCPR-99]
    reason: beatings
    if:
      victim-tall: {add: [ICCPR-7], reason: tall}
    colour: red
  dancing:
    always: [UDHR-5]
    reason: no such act
  killing:
    always: [UDHR-5]
`
	_, diags := Parse("bad.yaml", []byte(src), v)
	want := []string{
		"1981-13-01",                          // bad date
		`state must be one of`,                // bad party state
		`unknown instrument "XYZ"`,            // article of an unknown instrument
		"ICCPR-99 has no entry in `articles`", // cited without a title
		`unknown condition "victim-tall"`,     // unknown condition
		`unknown key "colour"`,                // unknown key
		`unknown act type "dancing"`,          // not in the vocabulary
		"a `reason` is required",              // killing has no reason
	}
	all := diags.Err()
	if all == nil {
		t.Fatal("no errors")
	}
	for _, w := range want {
		if !strings.Contains(all.Error(), w) {
			t.Errorf("missing diagnostic %q in:\n%v", w, all)
		}
	}
	for _, d := range diags {
		if !diagLine.MatchString(d.String()) {
			t.Errorf("diagnostic without path:line:col: %s", d)
		}
	}
}

// TestProjectOverride: a project's own reference/charters.yaml replaces the embedded one.
func TestProjectOverride(t *testing.T) {
	dir := t.TempDir()
	data, err := dossier.Defaults.ReadFile(File)
	if err != nil {
		t.Fatal(err)
	}
	data = []byte(strings.Replace(string(data), `version: "`, `version: "project-`, 1))
	if err := os.MkdirAll(filepath.Join(dir, "reference"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, File), data, 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(c.Version, "project-") || c.Source != filepath.Join(dir, File) {
		t.Errorf("project catalogue not used: version %q from %s", c.Version, c.Source)
	}
}
