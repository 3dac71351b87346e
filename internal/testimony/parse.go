package testimony

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/vocab"
	"github.com/pscore/dossier/internal/yamlnode"
)

// MaxFileSize bounds a testimony file. Real testimonies are a few kilobytes; a file of
// many megabytes is a wrong file (an export, a video) and parsing it would only waste
// time before failing.
const MaxFileSize = 4 << 20

// MaxDiagnostics bounds the problems reported for one file: past that, a file is not a
// testimony with mistakes but something else, and a million lines help nobody.
const MaxDiagnostics = 100

var articlePattern = regexp.MustCompile(`^([A-Z][A-Z0-9]*)-(\d+)(\.[0-9a-z]+){0,2}$`)

// Every diagnostic Parse returns has a position: line and column ≥ 1. Problems with the
// file as a whole (empty, binary, too large) are placed at the spot that shows the problem,
// or at 1:1.

// parser holds the state of one file's parse.
type parser struct {
	yamlnode.Reader
	v *vocab.Vocabulary

	// personsOK is set when persons was read as a list of mappings: victims are only
	// checked against a list that was read, so that one mistake does not cascade.
	personsOK bool
}

// Parse reads one testimony file's bytes. It returns the testimony (possibly partial when
// there are errors; nil when the file could not be read as YAML at all) and every problem
// found, sorted, so that a researcher sees all of them in one run. It never panics.
func Parse(path string, data []byte, v *vocab.Vocabulary) (*Testimony, diag.List) {
	p := &parser{Reader: yamlnode.Reader{Path: path, Max: MaxDiagnostics}, v: v}
	t := p.run(data)
	if p.Dropped > 0 {
		p.Diags = append(p.Diags, diag.Diagnostic{Path: path, Line: 1, Col: 1, Severity: diag.Error,
			Message: fmt.Sprintf("%d more problems in this file are not shown: fix these first", p.Dropped)})
	}
	for i := range p.Diags {
		if d := &p.Diags[i]; d.Line <= 0 {
			d.Line, d.Col = 1, 1
		} else {
			d.Col = max(d.Col, 1)
		}
	}
	p.Diags.Sort()
	return t, p.Diags
}

// run parses, and ends the parse early (with no testimony) at an alias bomb.
func (p *parser) run(data []byte) (t *Testimony) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(yamlnode.Stop); !ok {
				panic(r)
			}
			t = nil
		}
	}()
	return p.parse(data)
}

func (p *parser) parse(data []byte) *Testimony {
	if len(data) > MaxFileSize {
		p.ErrorAt(1, 1, "%s", TooLarge(int64(len(data))))
		return nil
	}
	if !p.text(data) {
		return nil
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if len(bytes.TrimSpace(data)) == 0 {
		p.ErrorAt(1, 1, "file is empty: a testimony needs id, schema, source, persons and events (run `dossier new testimony` for a skeleton)")
		return nil
	}
	// The fast reader handles what testimony files are made of; anything else, and every
	// error, is yaml.v3's.
	doc, release, fast := fastParse(data)
	var extra *yaml.Node
	if fast {
		defer release()
	} else {
		var err error
		doc, extra, err = yamlnode.DecodeDoc(data)
		if err != nil {
			l, c, msg := yamlnode.Locate(data, err)
			p.ErrorAt(l, c, "%s", msg)
			if doc == nil {
				return nil
			}
		}
	}
	if extra != nil {
		p.Errorf(extra.Content[0], "a second YAML document (after ---): one testimony per file")
	}
	if len(doc.Content) == 0 {
		p.ErrorAt(1, 1, "file holds only comments: a testimony needs id, schema, source, persons and events")
		return nil
	}
	p.LimitAliases(yamlnode.AliasBudget(data))
	return p.testimony(doc.Content[0])
}

// TooLarge is the message for a file over MaxFileSize bytes.
func TooLarge(n int64) string {
	return fmt.Sprintf("file is %s, far larger than any testimony (limit %s): is this the right file?", size(n), size(MaxFileSize))
}

// text checks that data is UTF-8 text, and says what it is instead when it is not.
func (p *parser) text(data []byte) bool {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		p.ErrorAt(1, 1, "file is UTF-16 text (\"Unicode\" in some Windows editors): save it as UTF-8")
		return false
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		data = data[3:]
	}
	off := binaryAt(data)
	if off < 0 {
		return true
	}
	line, col := diag.Position(string(data[:off]), off)
	if data[off] >= utf8.RuneSelf {
		p.ErrorAt(line, col, "not UTF-8: byte 0x%02x cannot start a character; the file seems to be in a legacy encoding (Windows-1252, EUC-KR …): save it as UTF-8", data[off])
	} else {
		p.ErrorAt(line, col, "not a text file: control character 0x%02x at byte %d; a testimony is UTF-8 YAML text", data[off], off)
	}
	return false
}

// binaryAt returns the offset of the first byte that cannot be in a YAML text file
// (NUL, most C0 controls, invalid UTF-8), or -1.
func binaryAt(data []byte) int {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", n/1024)
}

// fields checks a mapping of the testimony format, named what (a key of Mappings), against
// its known and required keys.
func (p *parser) fields(n *yaml.Node, what string) yamlnode.Fields {
	keys := Mappings[what]
	return p.Fields(n, what, keys.Known, keys.Required)
}

// languageNames are what researchers write instead of a language code: country codes,
// three-letter codes, names. Suggestions only; the code itself must be written.
var languageNames = map[string]string{
	"kr": "ko", "kp": "ko", "kor": "ko", "korean": "ko", "한국어": "ko", "조선어": "ko",
	"eng": "en", "english": "en", "uk": "en", "us": "en", "gb": "en",
	"fra": "fr", "fre": "fr", "french": "fr", "français": "fr", "francais": "fr",
	"cn": "zh", "chi": "zh", "zho": "zh", "chinese": "zh",
	"jp": "ja", "jpn": "ja", "japanese": "ja",
	"rus": "ru", "russian": "ru",
}

// perpetratorNames are what researchers write instead of a perpetrator code: the
// Korean names of the organs, plain words. Suggestions only.
var perpetratorNames = map[string]string{
	"bowibu": "mss", "bowiseong": "mss", "bowibu (mss)": "mss", "state security": "mss", "nsa": "mss",
	"anjeonbu": "mps", "anjeonseong": "mps", "boanseong": "mps", "boanbu": "mps",
	"army": "kpa", "border guards": "kpa", "border-guards": "kpa", "soldiers": "kpa",
	"party": "wpk", "workers' party": "wpk",
	"judge": "court", "prosecutor": "court", "prosecutors": "court",
	"guards": "camp-staff", "camp guards": "camp-staff", "prison guards": "camp-staff",
	"official": "kp-official", "officials": "kp-official",
	"chinese police": "cn-police", "gongan": "cn-police", "china police": "cn-police",
	"broker": "trafficker", "brokers": "trafficker", "traffickers": "trafficker",
	"unknown perpetrator": "unknown", "?": "unknown",
}

// language reads a language code of the vocabulary.
func (p *parser) language(n *yaml.Node, what string) string {
	s, ok := p.NonEmpty(n, what)
	if !ok {
		return ""
	}
	if vocab.Has(p.v.Languages, s) {
		return s
	}
	hint := yamlnode.Suggest(s, p.v.Languages)
	if c, ok := languageNames[strings.ToLower(s)]; ok && vocab.Has(p.v.Languages, c) {
		hint = fmt.Sprintf(" (did you mean %q?)", c)
	}
	p.Errorf(n, "unknown %s %q%s: use an ISO 639-1 code (allowed: %s)", what, s, hint, strings.Join(p.v.Languages, ", "))
	return ""
}

func (p *parser) date(n *yaml.Node, what string) Date {
	n = p.Resolve(n)
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.Errorf(n, "%s must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not %s", what, p.Describe(n))
		return Date{}
	}
	d, err := ParseDate(strings.TrimSpace(n.Value))
	if err != nil {
		p.Errorf(n, "%s: %v", what, err)
	}
	return d
}

func pos(n *yaml.Node) Pos { return Pos{Line: n.Line, Col: n.Column} }

func (p *parser) testimony(root *yaml.Node) *Testimony {
	f := p.fields(root, "testimony")
	if !f.OK {
		return nil
	}
	t := &Testimony{Path: p.Path, Pos: pos(p.Resolve(root))}
	if n := f.Get("id"); n != nil {
		t.Pos = pos(n)
		if id, ok := p.NonEmpty(n, "id"); ok {
			t.ID = id
			if !IsID(id) {
				p.Errorf(n, "id %q is malformed: use 2–6 capital letters, a year and a 3–5 digit number, e.g. PSC-2019-0042", id)
			} else if base := FileID(p.Path); base != "" && base != id {
				p.Errorf(n, "id %q does not match the file name %q: name the file %s.yaml", id, filepath.Base(p.Path), id)
			}
		}
	}
	if n := f.Get("schema"); n != nil {
		n = p.Resolve(n)
		v, err := strconv.Atoi(n.Value)
		switch {
		case n.Kind != yaml.ScalarNode || n.Tag != "!!int" || err != nil:
			p.Errorf(n, "schema must be the format version, the number %d (without quotes), not %s", SchemaVersion, p.Describe(n))
		case v != SchemaVersion:
			p.Errorf(n, "schema %d is not supported: this dossier reads version %d", v, SchemaVersion)
		default:
			t.Schema = v
		}
	}
	if n := f.Get("source"); n != nil {
		t.Source = p.source(n)
	}
	if n := f.Get("persons"); n != nil {
		p.persons(t, n)
	}
	if n := f.Get("events"); n != nil {
		p.events(t, n)
	}
	p.plausibility(t)
	return t
}

// FileID returns the id a file name promises: DEV-2014-001 for DEV-2014-001.yaml or
// DEV-2014-001.yaml.age; "" for names that are not testimony files (stdin, fuzzing).
func FileID(path string) string {
	base := filepath.Base(path)
	for _, ext := range fileExts {
		if strings.HasSuffix(base, ext) {
			return strings.TrimSuffix(base, ext)
		}
	}
	return ""
}

func (p *parser) source(n *yaml.Node) Source {
	var s Source
	f := p.fields(n, "source")
	if !f.OK {
		return s
	}
	if n := f.Get("interviewed"); n != nil {
		s.Interviewed = p.date(n, "source.interviewed")
	}
	if n := f.Get("place"); n != nil {
		s.Place, _ = p.Text(n, "source.place")
	}
	if n := f.Get("interviewer"); n != nil {
		if v, ok := p.Text(n, "source.interviewer"); ok {
			s.Interviewer = v
			if !isStaffCode(v) {
				p.Warnf(n, "source.interviewer %q does not look like a staff code (e.g. staff-07); names never belong in a testimony", v)
			}
		}
	}
	if n := f.Get("language"); n != nil {
		s.Language = p.language(n, "language")
	}
	if n := f.Get("relation"); n != nil {
		s.Relation = p.Code(n, "relation", p.v.Relations)
	}
	if n := f.Get("consent"); n != nil {
		s.Consent = p.Code(n, "consent", p.v.Consents)
	}
	return s
}

func (p *parser) persons(t *Testimony, n *yaml.Node) {
	items, ok := p.List(n, "persons")
	if !ok {
		return
	}
	if len(items) == 0 {
		p.Errorf(n, "persons is empty: list at least the source, by pseudonym")
	}
	p.personsOK = true
	seen := map[string]*yaml.Node{}
	for _, item := range items {
		f := p.fields(item, "person")
		if !f.OK {
			p.personsOK = false
			continue
		}
		per := Person{Pos: pos(p.Resolve(item))}
		if n := f.Get("ref"); n != nil {
			if ref, ok := p.NonEmpty(n, "person ref"); ok {
				if !isRef(ref) {
					p.Errorf(n, "person ref %q is malformed: use a short code of letters and digits (A, B, C1)", ref)
				}
				if first, dup := seen[ref]; dup {
					p.Errorf(n, "person ref %q is defined twice (first at line %d)", ref, first.Line)
				} else {
					seen[ref] = n
				}
				per.Ref = ref
			}
		}
		if n := f.Get("pseudonym"); n != nil {
			per.Pseudonym, _ = p.NonEmpty(n, "pseudonym")
		}
		if n := f.Get("sex"); n != nil {
			per.Sex = p.Code(n, "sex", p.v.Sexes)
		}
		if n := f.Get("born"); n != nil {
			per.Born = p.born(n)
		}
		if n := f.Get("origin"); n != nil {
			per.Origin, _ = p.Text(n, "origin")
		}
		t.Persons = append(t.Persons, per)
	}
}

// born reads a year of birth (1985, or "1985" in quotes). A full date is refused
// outright: an exact birth date is an identifier that belongs in the sealed file, never
// in a testimony.
func (p *parser) born(n *yaml.Node) int {
	n = p.Resolve(n)
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.Errorf(n, "born must be a year, not %s", p.Describe(n))
		return 0
	}
	v := strings.TrimSpace(n.Value)
	y, err := strconv.Atoi(v)
	if err != nil {
		if _, derr := ParseDate(v); derr == nil && strings.Contains(v, "-") {
			p.Errorf(n, "born must be a year only (%s), never a full birth date: exact birth dates identify people and go in the sealed file", v[:4])
		} else {
			p.Errorf(n, "born must be a year such as 1985, not %s", yamlnode.Quote(v))
		}
		return 0
	}
	if y < MinBorn || y > MaxBorn {
		p.Errorf(n, "born %d is not a plausible year of birth", y)
		return 0
	}
	return y
}

func (p *parser) events(t *Testimony, n *yaml.Node) {
	items, ok := p.List(n, "events")
	if !ok {
		return
	}
	if len(items) == 0 {
		p.Errorf(n, "events is empty: a testimony tells of at least one event")
	}
	seen := map[string]*yaml.Node{}
	for _, item := range items {
		f := p.fields(item, "event")
		if !f.OK {
			continue
		}
		e := Event{Pos: pos(p.Resolve(item))}
		if n := f.Get("id"); n != nil {
			if id, ok := p.NonEmpty(n, "event id"); ok {
				if !isEventID(id) {
					p.Errorf(n, "event id %q is malformed: use a short code starting with a letter (e1, e2)", id)
				}
				if first, dup := seen[id]; dup {
					p.Errorf(n, "event id %q is used twice (first at line %d)", id, first.Line)
				} else {
					seen[id] = n
				}
				e.ID = id
			}
		}
		if n := f.Get("date"); n != nil {
			e.Date = p.date(n, "event date")
		}
		if n := f.Get("until"); n != nil {
			e.Until = p.date(n, "until")
			if !e.Date.IsZero() && !e.Until.IsZero() && e.Until.Before(e.Date) {
				p.Errorf(n, "until %s is before the event date %s", e.Until, e.Date)
			}
		}
		if n := f.Get("place"); n != nil {
			e.Place = p.place(n)
		}
		if n := f.Get("account"); n != nil {
			p.account(&e, n)
		}
		if n := f.Get("acts"); n != nil {
			e.Acts = p.acts(t, n)
		}
		if n := f.Get("review"); n != nil {
			e.Review = p.review(n)
		}
		t.Events = append(t.Events, e)
	}
}

func (p *parser) place(n *yaml.Node) Place {
	var pl Place
	f := p.fields(n, "place")
	if !f.OK {
		return pl
	}
	if n := f.Get("name"); n != nil {
		pl.Name, _ = p.Text(n, "place name")
	}
	if n := f.Get("admin1"); n != nil {
		pl.Admin1, _ = p.Text(n, "admin1")
	}
	if n := f.Get("country"); n != nil {
		if c, ok := p.NonEmpty(n, "country"); ok {
			if !isCountry(c) {
				p.Errorf(n, "country %q is not an ISO 3166-1 alpha-2 code (KP, CN, RU …)", c)
			} else {
				pl.Country = c
			}
		}
	}
	if n := f.Get("geo"); n != nil {
		if items, ok := p.List(n, "geo"); ok {
			if len(items) != 2 {
				p.Errorf(n, "geo must be [latitude, longitude], not %d numbers", len(items))
			} else {
				lat, okLat := p.coord(items[0], "latitude", 90)
				lon, okLon := p.coord(items[1], "longitude", 180)
				if okLat && okLon {
					pl.Geo = []float64{lat, lon}
				}
			}
		}
	}
	return pl
}

func (p *parser) coord(n *yaml.Node, what string, limit float64) (float64, bool) {
	n = p.Resolve(n)
	v, err := strconv.ParseFloat(n.Value, 64)
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" && n.Tag != "!!float" || err != nil {
		p.Errorf(n, "%s must be a number (without quotes), not %s", what, p.Describe(n))
		return 0, false
	}
	if !(v >= -limit && v <= limit) {
		p.Errorf(n, "%s %g is out of range (−%g to %g)", what, v, limit, limit)
		return 0, false
	}
	return v, true
}

func (p *parser) account(e *Event, n *yaml.Node) {
	n = p.Resolve(n)
	if n.Kind != yaml.MappingNode {
		p.Errorf(n, "account must map languages to text (en: |, ko: |), not %s", p.Describe(n))
		return
	}
	if len(n.Content) == 0 {
		p.Errorf(n, "account is empty: give the narrative in at least one language")
		return
	}
	e.Account = make(map[string]string, len(n.Content)/2)
	e.AccountPos = make(map[string]Pos, len(n.Content)/2)
	seen := make(map[string]bool, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.Errorf(k, "account: keys must be language codes (en, ko, fr …), not %s", p.Describe(k))
			continue
		}
		lang := p.language(k, "account language")
		if lang == "" {
			continue
		}
		if seen[lang] {
			p.Errorf(k, "account: language %q is given twice", lang)
			continue
		}
		seen[lang] = true
		if p.IsNull(val) {
			p.Errorf(val, "account.%s is empty: write the narrative, or remove the language", lang)
			continue
		}
		text, ok := p.Text(val, "account."+lang)
		if !ok {
			continue
		}
		if strings.TrimSpace(text) == "" {
			p.Errorf(val, "account.%s is empty: write the narrative, or remove the language", lang)
			continue
		}
		e.Account[lang] = text
		e.AccountPos[lang] = pos(p.Resolve(val))
	}
}

func (p *parser) acts(t *Testimony, n *yaml.Node) []Act {
	items, _ := p.List(n, "acts")
	var acts []Act
	for _, item := range items {
		f := p.fields(item, "act")
		if !f.OK {
			continue
		}
		a := Act{Pos: pos(p.Resolve(item))}
		if n := f.Get("type"); n != nil {
			if s, ok := p.NonEmpty(n, "act type"); ok {
				if p.v.Act(s) == nil {
					p.Errorf(n, "unknown act type %q%s", s, yamlnode.Suggest(s, actCodes(p.v)))
				} else {
					a.Type = s
				}
			}
		}
		if n := f.Get("victim"); n != nil {
			if s, ok := p.NonEmpty(n, "victim"); ok {
				a.Victim = s
				if p.personsOK && t.Person(s) == nil {
					p.Errorf(n, "victim %q is not one of the persons (%s)", s, strings.Join(refs(t), ", "))
				}
			}
		}
		if n := f.Get("perpetrator"); n != nil {
			if s, ok := p.NonEmpty(n, "perpetrator"); ok {
				if p.v.Perpetrator(s) == nil {
					codes := perpCodes(p.v)
					hint := yamlnode.Suggest(s, codes)
					if c, ok := perpetratorNames[strings.ToLower(s)]; ok && p.v.Perpetrator(c) != nil {
						hint = fmt.Sprintf(" (did you mean %q?)", c)
					}
					p.Errorf(n, "unknown perpetrator %q%s (allowed: %s)", s, hint, strings.Join(codes, ", "))
				} else {
					a.Perpetrator = s
				}
			}
		}
		acts = append(acts, a)
	}
	return acts
}

func (p *parser) review(n *yaml.Node) *Review {
	f := p.fields(n, "review")
	if !f.OK {
		return nil
	}
	r := &Review{Pos: pos(p.Resolve(n))}
	r.Add = p.articles(f.Get("add"), "review.add")
	r.Remove = p.articles(f.Get("remove"), "review.remove")
	if n := f.Get("note"); n != nil {
		r.Note, _ = p.Text(n, "review.note")
	}
	return r
}

func (p *parser) articles(n *yaml.Node, what string) []string {
	if n == nil {
		return nil
	}
	var out []string
	items, _ := p.List(n, what)
	for _, item := range items {
		s, ok := p.NonEmpty(item, what+" article")
		if !ok {
			continue
		}
		m := articlePattern.FindStringSubmatch(s)
		switch {
		case m == nil:
			p.Errorf(item, "%s: %q is not an article reference (INSTRUMENT-article[.paragraph], e.g. ICCPR-7 or ICCPR-12.2)", what, s)
		case !vocab.Has(Instruments, m[1]):
			p.Errorf(item, "%s: unknown instrument %q in %q%s", what, m[1], s, yamlnode.Suggest(m[1], Instruments))
		default:
			out = append(out, s)
		}
	}
	return out
}

// plausibility adds warnings for what is well-formed but unlikely: they do not stop a
// build, but a researcher should look.
func (p *parser) plausibility(t *Testimony) {
	at := func(pos Pos) *yaml.Node { return &yaml.Node{Line: pos.Line, Column: pos.Col} }
	interviewed := t.Source.Interviewed
	allCoded := len(t.Events) > 0
	used := map[string]bool{}
	for _, e := range t.Events {
		if len(e.Acts) == 0 {
			allCoded = false
		}
		if !interviewed.IsZero() && !e.Date.IsZero() && interviewed.Before(e.Date) {
			p.Warnf(at(e.Pos), "event %s (%s) is after the interview (%s)", e.ID, e.Date, interviewed)
		}
		for _, a := range e.Acts {
			used[a.Victim] = true
			if per := t.Person(a.Victim); per != nil && per.Born > 0 && !e.Date.IsZero() && e.Date.Year < per.Born {
				p.Warnf(at(a.Pos), "event %s (%s) is before the birth of its victim %s (born %d)", e.ID, e.Date, a.Victim, per.Born)
			}
		}
	}
	for _, per := range t.Persons {
		if per.Born > 0 && !interviewed.IsZero() && per.Born > interviewed.Year {
			p.Warnf(at(per.Pos), "person %s is born in %d, after the interview (%s)", per.Ref, per.Born, interviewed)
		}
	}
	// A person no act names is only suspicious when every event is coded; narrative-only
	// events name their people in prose.
	if allCoded {
		for _, per := range t.Persons {
			if !used[per.Ref] {
				p.Warnf(at(per.Pos), "person %s (%s) is never referred to by an act", per.Ref, per.Pseudonym)
			}
		}
	}
}

func refs(t *Testimony) []string {
	out := make([]string, 0, len(t.Persons))
	for _, per := range t.Persons {
		if per.Ref != "" && !vocab.Has(out, per.Ref) {
			out = append(out, per.Ref)
		}
	}
	return out
}

func actCodes(v *vocab.Vocabulary) []string {
	out := make([]string, len(v.Acts))
	for i, a := range v.Acts {
		out[i] = a.Code
	}
	return out
}

func perpCodes(v *vocab.Vocabulary) []string {
	out := make([]string, len(v.Perpetrators))
	for i, a := range v.Perpetrators {
		out[i] = a.Code
	}
	return out
}
