package testimony

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/project"
	"github.com/pscore/dossier/internal/vocab"
)

// testVocab is the embedded default vocabulary.
func testVocab(t testing.TB) *vocab.Vocabulary {
	t.Helper()
	v, err := vocab.Load(project.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// base is a valid testimony that the tests below break one way at a time. It is
// testdata/good/PSC-2019-001.yaml.
func base(t testing.TB) string {
	t.Helper()
	data, err := os.ReadFile("testdata/good/PSC-2019-001.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// edit replaces old (which must occur) with new in s.
func edit(t testing.TB, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("edit: %q not in the text", old)
	}
	return strings.Replace(s, old, new, 1)
}

// relative formats diagnostics as the want.txt files hold them: paths relative to dir,
// dir itself elsewhere written $DIR.
func relative(dir string, l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		d.Path = strings.TrimPrefix(filepath.ToSlash(d.Path), filepath.ToSlash(dir)+"/")
		d.Message = strings.ReplaceAll(d.Message, dir, "$DIR")
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

var positioned = regexp.MustCompile(`^[^:]+\.yaml:[1-9]\d*:[1-9]\d*: `)

// TestBadFixtures loads each folder of testdata/bad, one malformed testimony per class
// of problem, and compares every diagnostic, position and wording, with its want.txt.
func TestBadFixtures(t *testing.T) {
	v := testVocab(t)
	cases, err := os.ReadDir("testdata/bad")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 40 {
		t.Fatalf("only %d cases in testdata/bad", len(cases))
	}
	for _, c := range cases {
		t.Run(c.Name(), func(t *testing.T) {
			dir := filepath.Join("testdata", "bad", c.Name())
			want, err := os.ReadFile(filepath.Join(dir, "want.txt"))
			if err != nil {
				t.Fatal(err)
			}
			corpus := (&Loader{Vocab: v}).Load(dir)
			got := relative(dir, corpus.Diags)
			if got != string(want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
			}
			for _, line := range strings.Split(strings.TrimSpace(got), "\n") {
				if !positioned.MatchString(line) {
					t.Errorf("diagnostic without a position: %s", line)
				}
			}
			warnOnly := strings.HasPrefix(c.Name(), "warn-")
			switch {
			case warnOnly && (corpus.Diags.Errors() != 0 || corpus.Diags.Warnings() == 0):
				t.Errorf("want warnings only, got %d errors and %d warnings", corpus.Diags.Errors(), corpus.Diags.Warnings())
			case !warnOnly && corpus.Diags.Errors() == 0:
				t.Errorf("want an error, got none")
			}
		})
	}
}

func TestGoodFixture(t *testing.T) {
	c := (&Loader{Vocab: testVocab(t)}).Load("testdata/good")
	if len(c.Diags) != 0 || len(c.Testimonies) != 1 {
		t.Fatalf("diagnostics %v, %d testimonies", c.Diags, len(c.Testimonies))
	}
	tm := c.Testimonies[0]
	e := tm.Events[0]
	if tm.ID != "PSC-2019-001" || tm.Source.Interviewed != (Date{2019, 3, 14}) || len(tm.Persons) != 2 ||
		e.Date != (Date{2011, 5, 0}) || e.Until != (Date{2011, 8, 0}) || len(e.Acts) != 2 ||
		e.Place.Geo[0] != 42.95 || e.Account["en"] != "I was interrogated for three months at the bowibu holding centre.\n" ||
		e.Review == nil || e.Review.Add[0] != "ICCPR-9" {
		t.Errorf("loaded %+v", tm)
	}
	if got := e.Langs("ko"); strings.Join(got, ",") != "ko,en" {
		t.Errorf("Langs = %v", got)
	}
}

// TestSampleCorpus: the sample corpus shipped in testimonies/ is valid, without warnings.
func TestSampleCorpus(t *testing.T) {
	c := (&Loader{Vocab: testVocab(t)}).Load("../../testimonies")
	for _, d := range c.Diags {
		t.Error(d)
	}
	if len(c.Testimonies) != c.Files || c.Files < 40 || c.Events() != c.EventsRead {
		t.Errorf("%d files, %d testimonies, %d/%d events", c.Files, len(c.Testimonies), c.Events(), c.EventsRead)
	}
	if c.Get("DEV-2014-001") == nil || c.Get("DEV-0000-000") != nil {
		t.Error("Get")
	}
}

// parse parses text as PSC-2019-001.yaml.
func parse(t testing.TB, text string) (*Testimony, diag.List) {
	t.Helper()
	return Parse("PSC-2019-001.yaml", []byte(text), testVocab(t))
}

// oneLine returns the diagnostics one per line, as validate prints them.
func oneLine(l diag.List) string {
	var s []string
	for _, d := range l {
		s = append(s, d.String())
	}
	return strings.Join(s, "\n")
}

// TestAdversarial feeds inputs a hostile or careless editor produces. Each must give
// the listed diagnostic (exactly, with its position), never a panic or a hang.
func TestAdversarial(t *testing.T) {
	b := base(t)
	deep := "id: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n"
	deepMap := "a:\n"
	for i := 1; i < 2000; i++ {
		deepMap += strings.Repeat(" ", i) + "k:\n"
	}
	laughs := "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
	for i, c := range "bcdefghi" {
		prev := string("abcdefghi"[i])
		laughs += string(c) + ": &" + string(c) + " [" + strings.Repeat("*"+prev+", ", 8) + "*" + prev + "]\n"
	}
	tests := []struct {
		name, text, want string
	}{
		{"tab indentation", edit(t, b, "  place: Seoul", "\tplace: Seoul"),
			"PSC-2019-001.yaml:5:1: YAML syntax: found a tab character that violates indentation: indent with spaces, never tabs"},
		{"tab before a key", "id: x\n\tschema: 1\n",
			"PSC-2019-001.yaml:2:1: YAML syntax: found a tab character that violates indentation: indent with spaces, never tabs"},
		{"value starting with @", edit(t, b, "  place: Seoul", "  place: @Seoul"),
			"PSC-2019-001.yaml:5:10: YAML syntax: found character that cannot start any token: a value cannot start with @; put it in quotes"},
		{"colon in a value", edit(t, b, "    pseudonym: Witness A", "    pseudonym: Witness: A"),
			"PSC-2019-001.yaml:12:23: YAML syntax: mapping values are not allowed in this context: a value that contains \": \" must be put in quotes, or this line is indented wrongly"},
		{"value continued too far in", edit(t, b, "    until: 2011-08", "     until: 2011-08"),
			"PSC-2019-001.yaml:23:11: YAML syntax: mapping values are not allowed in this context: a value that contains \": \" must be put in quotes, or this line is indented wrongly"},
		{"key indented too little", edit(t, b, "  language: ko", " language: ko"),
			"PSC-2019-001.yaml:7:2: YAML syntax: did not find expected key: this line is not indented like the lines around it"},
		{"list item after a mapping", "id: x\n- schema\n",
			"PSC-2019-001.yaml:2:1: YAML syntax: did not find expected key: this line is not indented like the lines around it"},
		{"unclosed quote on line 1", "id: \"PSC-2019-001\nschema: 1\n",
			"PSC-2019-001.yaml:1:5: YAML syntax: found unexpected end of stream: the quote \" here is never closed"},
		{"unclosed quote after closed ones", "a: \"x\"\nb: 'y'\nc: \"z\n",
			"PSC-2019-001.yaml:3:4: YAML syntax: found unexpected end of stream: the quote \" here is never closed"},
		{"unclosed flow list", "a: [1, 2]\nb: [3, 4\nc: d\n",
			"PSC-2019-001.yaml:2:4: YAML syntax: did not find expected ',' or ']': this [ list is never closed with ]"},
		{"unclosed flow mapping", "a: {b: c\n",
			"PSC-2019-001.yaml:1:4: YAML syntax: did not find expected ',' or '}': this { mapping is never closed with }"},
		{"undefined alias", edit(t, b, "      admin1: North Hamgyong", "      admin1: *province"),
			"PSC-2019-001.yaml:26:15: YAML syntax: unknown anchor 'province' referenced: an alias (*name) needs an anchor (&name) defined above it"},
		{"deep flow nesting", deep,
			"PSC-2019-001.yaml:1:10005: YAML syntax: exceeded max depth of 10000: nested far too deeply"},
		{"deep block nesting", deepMap, "PSC-2019-001.yaml:1:1: unknown key \"a\" in testimony"},
		{"billion laughs (unused)", laughs, "PSC-2019-001.yaml:1:1: unknown key \"a\" in testimony"},
		{"billion laughs", laughs + "persons: *i\n",
			"PSC-2019-001.yaml:10:10: alias *i and the others expand to far more text than the file holds (an alias bomb?): write the values out"},
		{"recursive alias", edit(t, b, "persons:\n", "persons: &p [*p]\nx:\n"),
			"PSC-2019-001.yaml:10:10: person must be a mapping (key: value lines), not a list"},
		{"key that is a list", edit(t, b, "  place: Seoul", "  [place]: Seoul"),
			"PSC-2019-001.yaml:5:3: source: keys must be plain words, not a list"},
		{"key that is a mapping", edit(t, b, "  place: Seoul", "  ? {a: b}\n  : Seoul"),
			"PSC-2019-001.yaml:5:5: source: keys must be plain words, not a mapping"},
		{"timestamp", edit(t, b, "  interviewed: 2019-03-14", "  interviewed: 2019-03-14T10:00:00Z"),
			"PSC-2019-001.yaml:4:16: source.interviewed: \"2019-03-14T10:00:00Z\" is not a date: give the day only (2019-03-14), without a time"},
		{"date with slashes", edit(t, b, "    date: 2011-05", "    date: 2011/05"),
			"PSC-2019-001.yaml:22:11: event date: \"2011/05\" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"},
		{"one-digit month", edit(t, b, "    date: 2011-05", "    date: 2011-5"),
			"PSC-2019-001.yaml:22:11: event date: \"2011-5\" is not a date: the month needs two digits (YYYY-MM)"},
		{"negative year", edit(t, b, "    date: 2011-05", "    date: -2011"),
			"PSC-2019-001.yaml:22:11: event date: \"-2011\" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"},
		{"year zero", edit(t, b, "    date: 2011-05", "    date: 0000"),
			"PSC-2019-001.yaml:22:11: event date: \"0000\" is not a date: there is no year 0"},
		{"date as a list", edit(t, b, "    date: 2011-05", "    date: [2011, 5]"),
			"PSC-2019-001.yaml:22:11: event date must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not a list"},
		{"born not a number", edit(t, b, "    born: 1985", "    born: about 1985"),
			"PSC-2019-001.yaml:14:11: born must be a year such as 1985, not \"about 1985\""},
		{"born far future", edit(t, b, "    born: 1985", "    born: 2185"),
			"PSC-2019-001.yaml:14:11: born 2185 is not a plausible year of birth"},
		{"duplicate top-level key", edit(t, b, "schema: 1\n", "schema: 1\nid: PSC-2019-001\n"),
			"PSC-2019-001.yaml:3:1: testimony: key \"id\" is given twice"},
		{"duplicate account language", edit(t, b, "      en: |", "      ko: |"),
			"PSC-2019-001.yaml:32:7: account: language \"ko\" is given twice"},
		{"events is a mapping", edit(t, b, "events:\n", "events: {}\nx:\n"),
			"PSC-2019-001.yaml:20:9: events must be a list (lines starting with -), not a mapping"},
		{"events is empty", edit(t, b, "events:\n", "events: []\nx:\n"),
			"PSC-2019-001.yaml:20:9: events is empty: a testimony tells of at least one event"},
		{"persons is empty", edit(t, b, "persons:\n", "persons: []\nx:\n"),
			"PSC-2019-001.yaml:10:10: persons is empty: list at least the source, by pseudonym"},
		{"file is a list", "- a\n- b\n",
			"PSC-2019-001.yaml:1:1: testimony must be a mapping (key: value lines), not a list"},
		{"file is a scalar", "hello\n",
			"PSC-2019-001.yaml:1:1: testimony must be a mapping (key: value lines), not \"hello\""},
		{"file holds only comments", "# nothing yet\n# still nothing\n",
			"PSC-2019-001.yaml:1:1: file holds only comments: a testimony needs id, schema, source, persons and events"},
		{"second document", b + "---\nid: PSC-2019-002\n",
			"PSC-2019-001.yaml:45:1: a second YAML document (after ---): one testimony per file"},
		{"second document broken", b + "---\nid: [\n",
			"PSC-2019-001.yaml:45:5: YAML syntax: did not find expected node content"},
		{"Windows-1252", edit(t, b, "Witness A", "T\xe9moin A"),
			"PSC-2019-001.yaml:12:17: not UTF-8: byte 0xe9 cannot start a character; the file seems to be in a legacy encoding (Windows-1252, EUC-KR …): save it as UTF-8"},
		{"EUC-KR", edit(t, b, "Witness A", "\xc1\xf5\xc0\xce A"),
			"PSC-2019-001.yaml:12:16: not UTF-8: byte 0xc1 cannot start a character; the file seems to be in a legacy encoding (Windows-1252, EUC-KR …): save it as UTF-8"},
		{"UTF-16", "\xff\xfei\x00d\x00:\x00",
			"PSC-2019-001.yaml:1:1: file is UTF-16 text (\"Unicode\" in some Windows editors): save it as UTF-8"},
		{"binary junk", "id: PSC\x00\x01\x02\x03",
			"PSC-2019-001.yaml:1:8: not a text file: control character 0x00 at byte 7; a testimony is UTF-8 YAML text"},
		{"empty", "", "PSC-2019-001.yaml:1:1: file is empty: a testimony needs id, schema, source, persons and events (run `dossier new testimony` for a skeleton)"},
		{"blank", " \n\n\t\n", "PSC-2019-001.yaml:1:1: file is empty: a testimony needs id, schema, source, persons and events (run `dossier new testimony` for a skeleton)"},
		{"BOM only", "\ufeff", "PSC-2019-001.yaml:1:1: file is empty: a testimony needs id, schema, source, persons and events (run `dossier new testimony` for a skeleton)"},
		{"BOM keeps columns", "\ufeff" + edit(t, b, "id: PSC-2019-001", "id: PSC-19-1"),
			"PSC-2019-001.yaml:1:5: id \"PSC-19-1\" is malformed: use 2–6 capital letters, a year and a 3–5 digit number, e.g. PSC-2019-0042"},
		{"CRLF keeps positions", strings.ReplaceAll(edit(t, b, "    sex: female", "    sex: woman"), "\n", "\r\n"),
			"PSC-2019-001.yaml:13:10: unknown sex \"woman\" (allowed: female, male, unknown)"},
		{"extremely long line", edit(t, b, "  place: Seoul", "  place: "+strings.Repeat("Seoul ", 200000)+"\n  place: Busan"),
			"PSC-2019-001.yaml:6:3: source: key \"place\" is given twice"},
		{"long unknown key", edit(t, b, "  place: Seoul", "  "+strings.Repeat("k", 1000)+": Seoul"),
			"PSC-2019-001.yaml:5:3: unknown key \"" + strings.Repeat("k", 1000) + "\" in source"},
		{"key longer than YAML allows", edit(t, b, "  place: Seoul", "  "+strings.Repeat("k", 100000)+": Seoul"),
			"PSC-2019-001.yaml:5:3: YAML syntax: could not find expected ':': a key: value line is expected here (a missing colon, or a line indented wrongly?)"},
		{"empty optional value", edit(t, b, "  place: Seoul", "  place:"),
			"PSC-2019-001.yaml:5:9: source.place is empty: give a value, or remove the line"},
		{"null account", edit(t, b, "      en: |\n        I was interrogated for three months at the bowibu holding centre.\n", "      en:\n"),
			"PSC-2019-001.yaml:32:10: account.en is empty: write the narrative, or remove the language"},
		{"blank account", edit(t, b, "        I was interrogated for three months at the bowibu holding centre.\n", "        \n"),
			"PSC-2019-001.yaml:32:11: account.en is empty: write the narrative, or remove the language"},
		{"account is text", edit(t, b, "    account:\n      ko: |\n        보위부 구류장에서 석 달 동안 조사를 받았다.\n      en: |\n        I was interrogated for three months at the bowibu holding centre.\n", "    account: I was there.\n"),
			"PSC-2019-001.yaml:29:14: account must map languages to text (en: |, ko: |), not \"I was there.\""},
		{"geo not a pair", edit(t, b, "      geo: [42.95, 129.99]", "      geo: [42.95]"),
			"PSC-2019-001.yaml:28:12: geo must be [latitude, longitude], not 1 numbers"},
		{"geo NaN", edit(t, b, "      geo: [42.95, 129.99]", "      geo: [.nan, 129.99]"),
			"PSC-2019-001.yaml:28:13: latitude must be a number (without quotes), not \".nan\""},
		{"geo beyond range", edit(t, b, "      geo: [42.95, 129.99]", "      geo: [42.95, -180.5]"),
			"PSC-2019-001.yaml:28:20: longitude -180.5 is out of range (−180 to 180)"},
		{"victim as a number", edit(t, b, "        victim: A", "        victim: 1"),
			"PSC-2019-001.yaml:36:17: victim \"1\" is not one of the persons (A, B)"},
		{"schema as text", edit(t, b, "schema: 1", "schema: one"),
			"PSC-2019-001.yaml:2:9: schema must be the format version, the number 1 (without quotes), not \"one\""},
		{"schema missing", edit(t, b, "schema: 1\n", ""),
			"PSC-2019-001.yaml:1:1: testimony: missing required key \"schema\""},
		{"source is a list", edit(t, b, "source:\n", "source: []\nx:\n"),
			"PSC-2019-001.yaml:3:9: source must be a mapping (key: value lines), not a list"},
		{"review unknown key", edit(t, b, "      note:", "      notes:"),
			"PSC-2019-001.yaml:43:7: unknown key \"notes\" in review (did you mean \"note\"?)"},
		{"act without perpetrator", edit(t, b, "        perpetrator: mss\n      - type: family", "      - type: family"),
			"PSC-2019-001.yaml:35:9: act: missing required key \"perpetrator\""},
		{"perpetrator by its Korean name", edit(t, b, "        perpetrator: mss\n      - type: family", "        perpetrator: bowibu\n      - type: family"),
			"PSC-2019-001.yaml:37:22: unknown perpetrator \"bowibu\" (did you mean \"mss\"?) (allowed: mss, mps, kpa, wpk, court, camp-staff, kp-official, cn-police, trafficker, unknown)"},
		{"language as a country code", edit(t, b, "  language: ko", "  language: KR"),
			"PSC-2019-001.yaml:7:13: unknown language \"KR\" (did you mean \"ko\"?): use an ISO 639-1 code (allowed: ar, de, en, es, fr, ja, ko, ru, zh)"},
		{"event id malformed", edit(t, b, "  - id: e1", "  - id: 1st"),
			"PSC-2019-001.yaml:21:9: event id \"1st\" is malformed: use a short code starting with a letter (e1, e2)"},
		{"person ref malformed", edit(t, b, "  - ref: B", "  - ref: B B"),
			"PSC-2019-001.yaml:16:10: person ref \"B B\" is malformed: use a short code of letters and digits (A, B, C1)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := parse(t, tc.text)
			got := oneLine(diags)
			if !strings.Contains("\n"+got+"\n", "\n"+tc.want+"\n") {
				t.Errorf("got:\n%s\nwant among them:\n%s", truncate(got, 2000), truncate(tc.want, 300))
			}
			if diags.Errors() == 0 {
				t.Errorf("no error")
			}
			for _, d := range diags {
				if d.Line < 1 || d.Col < 1 || d.Path != "PSC-2019-001.yaml" {
					t.Errorf("diagnostic without a position: %#v", d)
				}
			}
		})
	}
}

// TestAcceptedAsText: YAML reads some text as numbers or booleans; what was typed is
// kept. Quoted years and reused (aliased) places are fine too.
func TestAcceptedAsText(t *testing.T) {
	b := base(t)
	text := edit(t, b, "    pseudonym: Witness A", "    pseudonym: 123")
	text = edit(t, text, "  - ref: B", "  - ref: 2")
	text = edit(t, text, "        victim: B", "        victim: 2")
	text = edit(t, text, "    born: 1990", "    born: \"1990\"")
	text = edit(t, text, "      name: Onsong County MSS holding centre", "      name: 2011-05-03")
	text = edit(t, text, "      note: Detention", "      note: yes Detention")
	text = edit(t, text, "    place:\n      name:", "    place: &onsong\n      name:")
	text += "  - id: e2\n    date: 2011-09\n    place: *onsong\n    account:\n      en: Again.\n    acts:\n      - type: torture\n        victim: A\n        perpetrator: unknown\n"
	tm, diags := parse(t, text)
	if len(diags) != 0 {
		t.Fatal(oneLine(diags))
	}
	if tm.Persons[0].Pseudonym != "123" || tm.Persons[1].Ref != "2" || tm.Persons[1].Born != 1990 ||
		tm.Events[0].Place.Name != "2011-05-03" || tm.Events[1].Place.Name != "2011-05-03" ||
		tm.Events[0].Acts[1].Victim != "2" {
		t.Errorf("loaded %+v", tm)
	}
}

func TestWarnings(t *testing.T) {
	b := base(t)
	tests := []struct{ name, text, want string }{
		{"event after interview", edit(t, b, "  interviewed: 2019-03-14", "  interviewed: 2011-04-30"),
			"PSC-2019-001.yaml:21:5: warning: event e1 (2011-05) is after the interview (2011-04-30)"},
		{"event before the victim's birth", edit(t, b, "    born: 1990", "    born: 2012"),
			"PSC-2019-001.yaml:38:9: warning: event e1 (2011-05) is before the birth of its victim B (born 2012)"},
		{"born after the interview", edit(t, b, "    born: 1990", "    born: 2020"),
			"PSC-2019-001.yaml:16:5: warning: person B is born in 2020, after the interview (2019-03-14)\n" +
				"PSC-2019-001.yaml:38:9: warning: event e1 (2011-05) is before the birth of its victim B (born 2020)"},
		{"person never referred to", edit(t, b, "        victim: B", "        victim: A"),
			"PSC-2019-001.yaml:16:5: warning: person B (the witness's brother) is never referred to by an act"},
		{"interviewer named", edit(t, b, "  interviewer: staff-07", "  interviewer: Park"),
			"PSC-2019-001.yaml:6:16: warning: source.interviewer \"Park\" does not look like a staff code (e.g. staff-07); names never belong in a testimony"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := parse(t, tc.text)
			if got := oneLine(diags); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
	// Uncoded events name their people in prose: no warning for unreferenced persons.
	text := edit(t, b, "    acts:\n      - type: arbitrary-detention\n        victim: A\n        perpetrator: mss\n      - type: family-separation\n        victim: B\n        perpetrator: mss\n", "")
	if _, diags := parse(t, text); len(diags) != 0 {
		t.Errorf("uncoded events: %s", oneLine(diags))
	}
}

// TestNFC: decomposed Hangul (as some macOS editors save it) is normalised on load.
func TestNFC(t *testing.T) {
	b := base(t)
	nfd := norm.NFD.String("보위부 구류장에서 석 달 동안 조사를 받았다.")
	if nfd == norm.NFC.String(nfd) {
		t.Fatal("test text is not decomposed")
	}
	text := edit(t, b, "보위부 구류장에서 석 달 동안 조사를 받았다.", nfd)
	text = edit(t, text, "    pseudonym: Witness A", "    pseudonym: "+norm.NFD.String("증인 가"))
	text = edit(t, text, "    origin: North Hamgyong", "    origin: "+norm.NFD.String("함경북도"))
	text = edit(t, text, "      name: Onsong County MSS holding centre", "      name: "+norm.NFD.String("Café 온성"))
	tm, diags := parse(t, text)
	if len(diags) != 0 {
		t.Fatal(oneLine(diags))
	}
	if got, want := tm.Events[0].Account["ko"], "보위부 구류장에서 석 달 동안 조사를 받았다.\n"; got != want || !norm.NFC.IsNormalString(got) {
		t.Errorf("account %q, want %q", got, want)
	}
	if tm.Persons[0].Pseudonym != "증인 가" || tm.Persons[0].Origin != "함경북도" || tm.Events[0].Place.Name != "Café 온성" {
		t.Errorf("not NFC: %q %q %q", tm.Persons[0].Pseudonym, tm.Persons[0].Origin, tm.Events[0].Place.Name)
	}
}

// TestLineEndings: CRLF files and a BOM load like any other, with no \r in the text.
func TestLineEndings(t *testing.T) {
	b := base(t)
	for name, text := range map[string]string{
		"CRLF":       strings.ReplaceAll(b, "\n", "\r\n"),
		"BOM":        "\ufeff" + b,
		"BOM + CRLF": "\ufeff" + strings.ReplaceAll(b, "\n", "\r\n"),
	} {
		tm, diags := parse(t, text)
		if len(diags) != 0 {
			t.Errorf("%s: %s", name, oneLine(diags))
			continue
		}
		if tm.ID != "PSC-2019-001" || strings.Contains(tm.Events[0].Account["en"], "\r") || tm.Events[0].Account["en"] != "I was interrogated for three months at the bowibu holding centre.\n" {
			t.Errorf("%s: %q %q", name, tm.ID, tm.Events[0].Account["en"])
		}
	}
}

// TestTooManyProblems: a file with thousands of mistakes reports the first hundred.
func TestTooManyProblems(t *testing.T) {
	text := edit(t, base(t), "persons:\n", "persons:\n"+strings.Repeat("  - 1\n", 5000))
	_, diags := parse(t, text)
	if len(diags) != MaxDiagnostics+1 {
		t.Fatalf("%d diagnostics", len(diags))
	}
	if d := diags[0]; d.Line != 1 || !strings.Contains(d.Message, "more problems in this file are not shown") {
		t.Errorf("first diagnostic %s", d)
	}
}

func TestTooLarge(t *testing.T) {
	data := bytes.Repeat([]byte("# padding\n"), MaxFileSize/10+1)
	_, diags := Parse("PSC-2019-001.yaml", data, testVocab(t))
	if got := oneLine(diags); got != "PSC-2019-001.yaml:1:1: file is 4.0 MB, far larger than any testimony (limit 4.0 MB): is this the right file?" {
		t.Error(got)
	}
}

// TestLoaderFileSystem: what the loader says about paths rather than contents.
func TestLoaderFileSystem(t *testing.T) {
	v := testVocab(t)
	dir := t.TempDir()
	mustWrite := func(name string, data []byte) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A 50 MB file (sparse: nothing is written) is refused without being read.
	big := filepath.Join(dir, "big", "PSC-2019-002.yaml")
	if err := os.MkdirAll(filepath.Dir(big), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(50 << 20); err != nil {
		t.Fatal(err)
	}
	var reads int
	l := &Loader{Vocab: v}
	c := l.Load(filepath.Join(dir, "big"))
	if got, want := oneLine(c.Diags), big+":1:1: file is 50.0 MB, far larger than any testimony (limit 4.0 MB): is this the right file?"; got != want {
		t.Errorf("50 MB file:\n%s\nwant\n%s", got, want)
	}
	// A custom reader (decryption) is not called for it either …
	l.ReadFile = func(p string) ([]byte, error) { reads++; return make([]byte, MaxFileSize+1), nil }
	if c := l.Load(filepath.Join(dir, "big")); c.Diags.Errors() != 1 || reads != 0 || !strings.Contains(c.Diags[0].Message, "50.0 MB") {
		t.Errorf("custom reader: %d reads, %s", reads, oneLine(c.Diags))
	}
	// … and what it returns is checked too.
	if err := f.Truncate(1000); err != nil {
		t.Fatal(err)
	}
	if c := l.Load(filepath.Join(dir, "big")); c.Diags.Errors() != 1 || reads != 1 || !strings.Contains(c.Diags[0].Message, "4.0 MB, far larger") {
		t.Errorf("custom reader: %d reads, %s", reads, oneLine(c.Diags))
	}

	mustWrite("notes/readme.txt", []byte("no yaml here"))
	mustWrite("ok/PSC-2019-001.yaml", []byte(base(t)))
	tests := []struct {
		name  string
		paths []string
		want  string
	}{
		{"folder without YAML", []string{filepath.Join(dir, "notes")}, filepath.Join(dir, "notes") + ": no testimony files (*.yaml) in this folder"},
		{"missing path", []string{filepath.Join(dir, "nope")}, filepath.Join(dir, "nope") + ": no such file or folder"},
		{"not YAML", []string{filepath.Join(dir, "notes", "readme.txt")}, filepath.Join(dir, "notes", "readme.txt") + ": not a testimony file: expected a .yaml file (or .yaml.age when encrypted)"},
		{"same file twice", []string{filepath.Join(dir, "ok"), filepath.Join(dir, "ok", ".", "PSC-2019-001.yaml")}, ""},
	}
	for _, tc := range tests {
		c := (&Loader{Vocab: v}).Load(tc.paths...)
		if got := oneLine(c.Diags); got != tc.want {
			t.Errorf("%s:\n%s\nwant\n%s", tc.name, got, tc.want)
		}
		if tc.want != "" && c.Diags.Errors() == 0 {
			t.Errorf("%s: not an error", tc.name)
		}
	}
	if runtime.GOOS != "windows" {
		fifo := filepath.Join(dir, "PSC-2019-003.yaml")
		if err := mkfifo(fifo); err == nil {
			c := (&Loader{Vocab: v}).Load(fifo)
			if got, want := oneLine(c.Diags), fifo+": not a regular file but a named pipe: a testimony is a .yaml file"; got != want {
				t.Errorf("fifo: %s", got)
			}
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Date
		err  string
	}{
		{"2011", Date{2011, 0, 0}, ""},
		{"2011-05", Date{2011, 5, 0}, ""},
		{"2011-05-03", Date{2011, 5, 3}, ""},
		{"2012-02-29", Date{2012, 2, 29}, ""},
		{"2011-02-29", Date{}, `"2011-02-29" is not a date: 2011-02 has no day 29`},
		{"2011-13", Date{}, `"2011-13" is not a date: month 13 does not exist`},
		{"2011-00", Date{}, `"2011-00" is not a date: month 00 does not exist`},
		{"2011-05-3", Date{}, `"2011-05-3" is not a date: the day needs two digits (YYYY-MM-DD)`},
		{"11-05", Date{}, `"11-05" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD`},
		{"2011-05-03-01", Date{}, `"2011-05-03-01" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD`},
		{"2011-+5", Date{}, `"2011-+5" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD`},
		{"2011-05-03 10:00", Date{}, `"2011-05-03 10:00" is not a date: give the day only (2011-05-03), without a time`},
		{"", Date{}, `"" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD`},
		{"spring 2011", Date{}, `"spring 2011" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD`},
	} {
		d, err := ParseDate(tc.in)
		errs := ""
		if err != nil {
			errs = err.Error()
		}
		if d != tc.want || errs != tc.err {
			t.Errorf("ParseDate(%q) = %v, %q; want %v, %q", tc.in, d, errs, tc.want, tc.err)
		}
		if err == nil && d.String() != tc.in {
			t.Errorf("%v.String() = %q", d, d.String())
		}
	}
	a, _ := ParseDate("2011")
	b, _ := ParseDate("2011-05")
	c, _ := ParseDate("2011-04")
	if a.Before(b) || !c.Before(b) || b.Before(c) {
		t.Error("Before")
	}
}

func TestIDs(t *testing.T) {
	for id, ok := range map[string]bool{
		"PSC-2019-0042": true, "DEV-2014-001": true, "AB-2019-12345": true,
		"A-2019-001": false, "ABCDEFG-2019-001": false, "PSC-19-001": false, "PSC-2019-01": false,
		"PSC-2019-123456": false, "psc-2019-001": false, "PSC-2019-001 ": false, "PSC_2019_001": false,
	} {
		if IsID(id) != ok {
			t.Errorf("IsID(%q) = %v", id, !ok)
		}
	}
	if p, y, n, ok := SplitID("PSC-2019-0042"); p != "PSC" || y != 2019 || n != "0042" || !ok {
		t.Error("SplitID")
	}
	for s, ok := range map[string]bool{"staff-07": true, "staff07": true, "ab_1": true, "Staff-07": false, "staff-": false, "07": false, "staff--07": false} {
		if isStaffCode(s) != ok {
			t.Errorf("isStaffCode(%q) = %v", s, !ok)
		}
	}
	for s, ok := range map[string]bool{"A": true, "C1": true, "1": true, "a-b_c": true, "": false, "-A": false, "A B": false, strings.Repeat("a", 33): false} {
		if isRef(s) != ok {
			t.Errorf("isRef(%q) = %v", s, !ok)
		}
	}
	for s, ok := range map[string]bool{"e1": true, "E_2": true, "1e": false, "": false, "e 1": false} {
		if isEventID(s) != ok {
			t.Errorf("isEventID(%q) = %v", s, !ok)
		}
	}
}
