package testimony

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"

	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/vocab"
)

// MaxFileSize bounds a testimony file. Real testimonies are a few kilobytes; a file of
// many megabytes is a wrong file (an export, a video) and parsing it would only waste
// minutes before failing.
const MaxFileSize = 4 << 20

// SchemaVersion is the format version this package reads.
const SchemaVersion = 1

var (
	idPattern       = regexp.MustCompile(`^[A-Z]{2,6}-\d{4}-\d{3,5}$`)
	eventIDPattern  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,31}$`)
	refPattern      = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$`)
	countryPattern  = regexp.MustCompile(`^[A-Z]{2}$`)
	articlePattern  = regexp.MustCompile(`^([A-Z][A-Z0-9]*)-(\d+)(\.[0-9a-z]+){0,2}$`)
	staffPattern    = regexp.MustCompile(`^[a-z]+[-_]?\d+$`)
	yamlLinePattern = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
)

// Instruments are the instrument prefixes an article reference may use.
var Instruments = []string{"UDHR", "ICCPR", "ICESCR", "CAT", "CRC", "CEDAW", "CRPD", "ICPPED", "CSR51", "TIP", "ROME"}

// parser holds the state of one file's parse: the diagnostics found so far.
type parser struct {
	path  string
	v     *vocab.Vocabulary
	diags diag.List
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) {
	line, col := 0, 0
	if n != nil {
		line, col = n.Line, n.Column
	}
	p.diags.Errorf(p.path, line, col, format, args...)
}

func (p *parser) warnf(n *yaml.Node, format string, args ...any) {
	line, col := 0, 0
	if n != nil {
		line, col = n.Line, n.Column
	}
	p.diags.Warnf(p.path, line, col, format, args...)
}

// Parse reads one testimony file's bytes. It returns the testimony (possibly partial when
// there are errors; nil when the file could not be read as YAML at all) and every problem
// found, so a researcher sees all of them in one run.
func Parse(path string, data []byte, v *vocab.Vocabulary) (*Testimony, diag.List) {
	p := &parser{path: path, v: v}
	t := p.parse(data)
	p.diags.Sort()
	return t, p.diags
}

func (p *parser) parse(data []byte) *Testimony {
	if len(data) > MaxFileSize {
		p.diags.Errorf(p.path, 1, 1, "file is %s, far larger than any testimony (limit %s): is this the right file?", size(len(data)), size(MaxFileSize))
		return nil
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if off := binaryAt(data); off >= 0 {
		line, col := lineCol(data, off)
		p.diags.Errorf(p.path, line, col, "not a text file: binary data (byte 0x%02x) at offset %d; a testimony is UTF-8 YAML", data[off], off)
		return nil
	}
	if len(bytes.TrimSpace(data)) == 0 {
		p.diags.Errorf(p.path, 1, 1, "file is empty: a testimony needs id, schema, source, persons and events (run `dossier new testimony` for a skeleton)")
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			p.diags.Errorf(p.path, 1, 1, "file holds only comments: a testimony needs id, schema, source, persons and events")
			return nil
		}
		p.yamlError(err)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		p.errorf(&extra, "a second YAML document (after ---): one testimony per file")
	} else if !errors.Is(err, io.EOF) {
		p.yamlError(err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		p.diags.Errorf(p.path, 1, 1, "not a testimony: expected a mapping with id, schema, source, persons and events")
		return nil
	}
	return p.testimony(doc.Content[0])
}

func (p *parser) yamlError(err error) {
	msg := err.Error()
	if m := yamlLinePattern.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		p.diags.Errorf(p.path, line, 1, "YAML syntax: %s", m[2])
		return
	}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		for _, e := range te.Errors {
			p.diags.Errorf(p.path, 1, 1, "YAML: %s", e)
		}
		return
	}
	p.diags.Errorf(p.path, 1, 1, "YAML syntax: %s", strings.TrimPrefix(msg, "yaml: "))
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

func lineCol(data []byte, off int) (int, int) {
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return line, 1 + utf8.RuneCount(data[start:off])
}

func size(n int) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", n/1024)
}

// fields checks a mapping node: it must be a mapping, keys must be known and unique,
// required keys present. It returns the value nodes by key.
func (p *parser) fields(n *yaml.Node, what string, known []string, required ...string) map[string]*yaml.Node {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "%s must be a mapping (key: value lines), not %s", what, kindName(n))
		return nil
	}
	out := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.errorf(k, "%s: keys must be plain words", what)
			continue
		}
		if _, dup := out[k.Value]; dup {
			p.errorf(k, "%s: key %q is given twice", what, k.Value)
			continue
		}
		if !vocab.Has(known, k.Value) {
			p.errorf(k, "unknown key %q in %s%s", k.Value, what, suggest(k.Value, known))
			continue
		}
		out[k.Value] = val
	}
	for _, r := range required {
		if v, ok := out[r]; !ok || isNull(v) {
			at := n
			if ok {
				at = v
			}
			p.errorf(at, "%s: missing required key %q", what, r)
			delete(out, r)
		}
	}
	return out
}

// resolve follows YAML aliases (anchors are legal YAML; researchers may reuse a place).
func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	n = resolve(n)
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "empty"
		}
		return fmt.Sprintf("the value %q", truncate(n.Value, 40))
	}
	return "something else"
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// str reads a scalar as an NFC-normalised string (decomposed Hangul from some macOS
// editors would otherwise print as blanks and defeat exact matching).
func (p *parser) str(n *yaml.Node, what string) (string, bool) {
	n = resolve(n)
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.errorf(n, "%s must be text, not %s", what, kindName(n))
		return "", false
	}
	return norm.NFC.String(n.Value), true
}

// nonEmpty reads a required scalar that must not be blank.
func (p *parser) nonEmpty(n *yaml.Node, what string) (string, bool) {
	s, ok := p.str(n, what)
	if ok && strings.TrimSpace(s) == "" {
		p.errorf(n, "%s is empty", what)
		return "", false
	}
	return s, ok
}

func (p *parser) code(n *yaml.Node, what string, allowed []string) string {
	s, ok := p.nonEmpty(n, what)
	if !ok {
		return ""
	}
	if !vocab.Has(allowed, s) {
		p.errorf(n, "unknown %s %q%s (allowed: %s)", what, s, suggest(s, allowed), strings.Join(allowed, ", "))
		return ""
	}
	return s
}

func (p *parser) date(n *yaml.Node, what string) Date {
	n = resolve(n)
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.errorf(n, "%s must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not %s", what, kindName(n))
		return Date{}
	}
	d, err := ParseDate(strings.TrimSpace(n.Value))
	if err != nil {
		p.errorf(n, "%s: %v", what, err)
	}
	return d
}

func (p *parser) list(n *yaml.Node, what string) []*yaml.Node {
	n = resolve(n)
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "%s must be a list (lines starting with -), not %s", what, kindName(n))
		return nil
	}
	return n.Content
}

func pos(n *yaml.Node) Pos { return Pos{Line: n.Line, Col: n.Column} }

func (p *parser) testimony(root *yaml.Node) *Testimony {
	f := p.fields(root, "testimony", []string{"id", "schema", "source", "persons", "events"}, "id", "schema", "source", "persons", "events")
	if f == nil {
		return nil
	}
	t := &Testimony{Path: p.path, Pos: pos(root)}
	if n := f["id"]; n != nil {
		t.Pos = pos(n)
		if id, ok := p.nonEmpty(n, "id"); ok {
			t.ID = id
			if !idPattern.MatchString(id) {
				p.errorf(n, "id %q is malformed: use 2–6 capital letters, a year and a 3–5 digit number, e.g. PSC-2019-0042", id)
			} else if base := fileID(p.path); base != "" && base != id {
				p.errorf(n, "id %q does not match the file name %q: name the file %s.yaml", id, filepath.Base(p.path), id)
			}
		}
	}
	if n := f["schema"]; n != nil {
		n = resolve(n)
		v, err := strconv.Atoi(n.Value)
		switch {
		case n.Kind != yaml.ScalarNode || err != nil:
			p.errorf(n, "schema must be the format version number (%d), not %s", SchemaVersion, kindName(n))
		case v != SchemaVersion:
			p.errorf(n, "schema %d is not supported: this dossier reads version %d", v, SchemaVersion)
		default:
			t.Schema = v
		}
	}
	if n := f["source"]; n != nil {
		t.Source = p.source(n)
	}
	if n := f["persons"]; n != nil {
		p.persons(t, n)
	}
	if n := f["events"]; n != nil {
		p.events(t, n)
	}
	p.plausibility(t, f)
	return t
}

// fileID returns the id a file name promises: DEV-2014-001 for DEV-2014-001.yaml or
// DEV-2014-001.yaml.age; "" for names that are not files on disk (stdin, fuzzing).
func fileID(path string) string {
	base := filepath.Base(path)
	for _, ext := range []string{".yaml.age", ".yml.age", ".yaml", ".yml"} {
		if strings.HasSuffix(base, ext) {
			return strings.TrimSuffix(base, ext)
		}
	}
	return ""
}

func (p *parser) source(n *yaml.Node) Source {
	var s Source
	f := p.fields(n, "source", []string{"interviewed", "place", "interviewer", "language", "relation", "consent"}, "interviewed", "language", "relation", "consent")
	if f == nil {
		return s
	}
	if n := f["interviewed"]; n != nil {
		s.Interviewed = p.date(n, "source.interviewed")
	}
	if n := f["place"]; n != nil {
		s.Place, _ = p.str(n, "source.place")
	}
	if n := f["interviewer"]; n != nil {
		if v, ok := p.str(n, "source.interviewer"); ok {
			s.Interviewer = v
			if !staffPattern.MatchString(v) {
				p.warnf(n, "source.interviewer %q does not look like a staff code (e.g. staff-07); names never belong in a testimony", v)
			}
		}
	}
	if n := f["language"]; n != nil {
		s.Language = p.code(n, "language", p.v.Languages)
	}
	if n := f["relation"]; n != nil {
		s.Relation = p.code(n, "relation", p.v.Relations)
	}
	if n := f["consent"]; n != nil {
		s.Consent = p.code(n, "consent", p.v.Consents)
	}
	return s
}

func (p *parser) persons(t *Testimony, n *yaml.Node) {
	items := p.list(n, "persons")
	if items == nil {
		return
	}
	if len(items) == 0 {
		p.errorf(n, "persons is empty: list at least the source, by pseudonym")
	}
	seen := map[string]*yaml.Node{}
	for _, item := range items {
		f := p.fields(item, "person", []string{"ref", "pseudonym", "sex", "born", "origin"}, "ref", "pseudonym")
		if f == nil {
			continue
		}
		per := Person{Pos: pos(item)}
		if n := f["ref"]; n != nil {
			if ref, ok := p.nonEmpty(n, "person ref"); ok {
				if !refPattern.MatchString(ref) {
					p.errorf(n, "person ref %q is malformed: use a short code of letters and digits (A, B, C1)", ref)
				}
				if first, dup := seen[ref]; dup {
					p.errorf(n, "person ref %q is defined twice (first at line %d)", ref, first.Line)
				} else {
					seen[ref] = n
				}
				per.Ref = ref
			}
		}
		if n := f["pseudonym"]; n != nil {
			per.Pseudonym, _ = p.nonEmpty(n, "pseudonym")
		}
		if n := f["sex"]; n != nil {
			per.Sex = p.code(n, "sex", p.v.Sexes)
		}
		if n := f["born"]; n != nil {
			per.Born = p.born(n)
		}
		if n := f["origin"]; n != nil {
			per.Origin, _ = p.str(n, "origin")
		}
		t.Persons = append(t.Persons, per)
	}
}

// born reads a year of birth. A full date is refused outright: an exact birth date is an
// identifier that belongs in the sealed file, never in a testimony.
func (p *parser) born(n *yaml.Node) int {
	n = resolve(n)
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.errorf(n, "born must be a year, not %s", kindName(n))
		return 0
	}
	v := strings.TrimSpace(n.Value)
	y, err := strconv.Atoi(v)
	if err != nil {
		if _, derr := ParseDate(v); derr == nil && strings.Contains(v, "-") {
			p.errorf(n, "born must be a year only (%s), never a full birth date: exact birth dates identify people and go in the sealed file", v[:4])
		} else {
			p.errorf(n, "born must be a year such as 1985, not %q", v)
		}
		return 0
	}
	if y < 1880 || y > 2100 {
		p.errorf(n, "born %d is not a plausible year of birth", y)
		return 0
	}
	return y
}

func (p *parser) events(t *Testimony, n *yaml.Node) {
	items := p.list(n, "events")
	if items == nil {
		return
	}
	if len(items) == 0 {
		p.errorf(n, "events is empty: a testimony tells of at least one event")
	}
	seen := map[string]*yaml.Node{}
	for _, item := range items {
		f := p.fields(item, "event", []string{"id", "date", "until", "place", "account", "acts", "review"}, "id", "date", "account")
		if f == nil {
			continue
		}
		e := Event{Pos: pos(item)}
		if n := f["id"]; n != nil {
			if id, ok := p.nonEmpty(n, "event id"); ok {
				if !eventIDPattern.MatchString(id) {
					p.errorf(n, "event id %q is malformed: use a short code starting with a letter (e1, e2)", id)
				}
				if first, dup := seen[id]; dup {
					p.errorf(n, "event id %q is used twice (first at line %d)", id, first.Line)
				} else {
					seen[id] = n
				}
				e.ID = id
			}
		}
		if n := f["date"]; n != nil {
			e.Date = p.date(n, "event date")
		}
		if n := f["until"]; n != nil {
			e.Until = p.date(n, "until")
			if !e.Date.IsZero() && !e.Until.IsZero() && e.Until.Before(e.Date) {
				p.errorf(n, "until %s is before the event date %s", e.Until, e.Date)
			}
		}
		if n := f["place"]; n != nil {
			e.Place = p.place(n)
		}
		if n := f["account"]; n != nil {
			p.account(&e, n)
		}
		if n := f["acts"]; n != nil {
			e.Acts = p.acts(t, n)
		}
		if n := f["review"]; n != nil {
			e.Review = p.review(n)
		}
		t.Events = append(t.Events, e)
	}
}

func (p *parser) place(n *yaml.Node) Place {
	var pl Place
	f := p.fields(n, "place", []string{"name", "admin1", "country", "geo"})
	if f == nil {
		return pl
	}
	if n := f["name"]; n != nil {
		pl.Name, _ = p.str(n, "place name")
	}
	if n := f["admin1"]; n != nil {
		pl.Admin1, _ = p.str(n, "admin1")
	}
	if n := f["country"]; n != nil {
		if c, ok := p.nonEmpty(n, "country"); ok {
			if !countryPattern.MatchString(c) {
				p.errorf(n, "country %q is not an ISO 3166-1 alpha-2 code (KP, CN, RU …)", c)
			} else {
				pl.Country = c
			}
		}
	}
	if n := f["geo"]; n != nil {
		items := p.list(n, "geo")
		if items != nil {
			if len(items) != 2 {
				p.errorf(n, "geo must be [latitude, longitude], not %d numbers", len(items))
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
	n = resolve(n)
	v, err := strconv.ParseFloat(n.Value, 64)
	if n.Kind != yaml.ScalarNode || err != nil {
		p.errorf(n, "%s must be a number, not %s", what, kindName(n))
		return 0, false
	}
	if v < -limit || v > limit {
		p.errorf(n, "%s %g is out of range (−%g to %g)", what, v, limit, limit)
		return 0, false
	}
	return v, true
}

func (p *parser) account(e *Event, n *yaml.Node) {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "account must map languages to text (en: |, ko: |), not %s", kindName(n))
		return
	}
	e.Account = map[string]string{}
	e.AccountPos = map[string]Pos{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], resolve(n.Content[i+1])
		lang := k.Value
		if !vocab.Has(p.v.Languages, lang) {
			p.errorf(k, "unknown language %q in account%s (allowed: %s)", lang, suggest(lang, p.v.Languages), strings.Join(p.v.Languages, ", "))
			continue
		}
		if _, dup := e.Account[lang]; dup {
			p.errorf(k, "account: language %q is given twice", lang)
			continue
		}
		text, ok := p.str(val, "account."+lang)
		if !ok {
			continue
		}
		if strings.TrimSpace(text) == "" {
			p.errorf(val, "account.%s is empty: write the narrative, or remove the language", lang)
			continue
		}
		e.Account[lang] = text
		e.AccountPos[lang] = pos(val)
	}
	if len(n.Content) == 0 {
		p.errorf(n, "account is empty: give the narrative in at least one language")
	}
}

func (p *parser) acts(t *Testimony, n *yaml.Node) []Act {
	items := p.list(n, "acts")
	var acts []Act
	for _, item := range items {
		f := p.fields(item, "act", []string{"type", "victim", "perpetrator"}, "type", "victim", "perpetrator")
		if f == nil {
			continue
		}
		a := Act{Pos: pos(item)}
		if n := f["type"]; n != nil {
			if s, ok := p.nonEmpty(n, "act type"); ok {
				if p.v.Act(s) == nil {
					p.errorf(n, "unknown act type %q%s", s, suggest(s, actCodes(p.v)))
				} else {
					a.Type = s
				}
			}
		}
		if n := f["victim"]; n != nil {
			if s, ok := p.nonEmpty(n, "victim"); ok {
				a.Victim = s
				if t.Person(s) == nil {
					p.errorf(n, "victim %q is not one of the persons (%s)", s, strings.Join(refs(t), ", "))
				}
			}
		}
		if n := f["perpetrator"]; n != nil {
			if s, ok := p.nonEmpty(n, "perpetrator"); ok {
				if p.v.Perpetrator(s) == nil {
					p.errorf(n, "unknown perpetrator %q%s", s, suggest(s, perpCodes(p.v)))
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
	f := p.fields(n, "review", []string{"add", "remove", "note"})
	if f == nil {
		return nil
	}
	r := &Review{Pos: pos(n)}
	r.Add = p.articles(f["add"], "review.add")
	r.Remove = p.articles(f["remove"], "review.remove")
	if n := f["note"]; n != nil {
		r.Note, _ = p.str(n, "review.note")
	}
	return r
}

func (p *parser) articles(n *yaml.Node, what string) []string {
	if n == nil {
		return nil
	}
	var out []string
	for _, item := range p.list(n, what) {
		s, ok := p.nonEmpty(item, what+" article")
		if !ok {
			continue
		}
		m := articlePattern.FindStringSubmatch(s)
		switch {
		case m == nil:
			p.errorf(item, "%s: %q is not an article reference (INSTRUMENT-article[.paragraph], e.g. ICCPR-7 or ICCPR-12.2)", what, s)
		case !vocab.Has(Instruments, m[1]):
			p.errorf(item, "%s: unknown instrument %q in %q%s", what, m[1], s, suggest(m[1], Instruments))
		default:
			out = append(out, s)
		}
	}
	return out
}

// plausibility adds warnings for what is well-formed but unlikely: they do not stop a
// build, but a researcher should look.
func (p *parser) plausibility(t *Testimony, f map[string]*yaml.Node) {
	allCoded := len(t.Events) > 0
	used := map[string]bool{}
	for _, e := range t.Events {
		if len(e.Acts) == 0 {
			allCoded = false
		}
		at := &yaml.Node{Line: e.Pos.Line, Column: e.Pos.Col}
		if !t.Source.Interviewed.IsZero() && !e.Date.IsZero() && t.Source.Interviewed.Before(e.Date) {
			p.warnf(at, "event %s (%s) is after the interview (%s)", e.ID, e.Date, t.Source.Interviewed)
		}
		for _, a := range e.Acts {
			used[a.Victim] = true
			if per := t.Person(a.Victim); per != nil && per.Born > 0 && !e.Date.IsZero() && e.Date.Year < per.Born {
				p.warnf(&yaml.Node{Line: a.Pos.Line, Column: a.Pos.Col}, "event %s (%s) is before the birth of its victim %s (born %d)", e.ID, e.Date, a.Victim, per.Born)
			}
		}
	}
	// A person no act names is only suspicious when every event is coded; narrative-only
	// events name their people in prose.
	if allCoded {
		for _, per := range t.Persons {
			if !used[per.Ref] {
				p.warnf(&yaml.Node{Line: per.Pos.Line, Column: per.Pos.Col}, "person %s (%s) is never referred to by an act", per.Ref, per.Pseudonym)
			}
		}
	}
}

func refs(t *Testimony) []string {
	out := make([]string, 0, len(t.Persons))
	for _, per := range t.Persons {
		out = append(out, per.Ref)
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

// suggest returns ` (did you mean "x"?)` for the closest known word within a small edit
// distance, so that typos are caught and explained at once.
func suggest(s string, known []string) string {
	best, bestD := "", 3
	if len(s) <= 4 {
		bestD = 2
	}
	for _, k := range known {
		if d := editDistance(strings.ToLower(s), strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
