package testimony

import (
	"bytes"
	"fmt"
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
// time before failing.
const MaxFileSize = 4 << 20

// MaxDiagnostics bounds the problems reported for one file: past that, a file is not a
// testimony with mistakes but something else, and a million lines help nobody.
const MaxDiagnostics = 100

// aliasBudget bounds how much text YAML aliases may expand to, as a multiple of the
// file's size: a few reused places are fine; an "alias bomb" is not.
const aliasBudget = 10

var articlePattern = regexp.MustCompile(`^([A-Z][A-Z0-9]*)-(\d+)(\.[0-9a-z]+){0,2}$`)

// Every diagnostic Parse returns has a position: line and column ≥ 1. Problems with the
// file as a whole (empty, binary, too large) are placed at the spot that shows the problem,
// or at 1:1.

// parser holds the state of one file's parse.
type parser struct {
	path  string
	v     *vocab.Vocabulary
	diags diag.List
	more  int // diagnostics past MaxDiagnostics, counted but not kept

	// personsOK is set when persons was read as a list of mappings: victims are only
	// checked against a list that was read, so that one mistake does not cascade.
	personsOK bool

	// Alias expansion accounting (see resolve).
	aliasLeft int
	charged   map[*yaml.Node]bool
	weights   map[*yaml.Node]int
}

// errStop aborts a parse that cannot usefully go on (an alias bomb).
type errStop struct{}

func (p *parser) add(sev diag.Severity, n *yaml.Node, format string, args ...any) {
	if len(p.diags) >= MaxDiagnostics {
		p.more++
		return
	}
	line, col := 1, 1
	if n != nil && n.Line > 0 {
		line, col = n.Line, max(n.Column, 1)
	}
	p.diags = append(p.diags, diag.Diagnostic{Path: p.path, Line: line, Col: col, Severity: sev, Message: fmt.Sprintf(format, args...)})
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) {
	p.add(diag.Error, n, format, args...)
}

func (p *parser) warnf(n *yaml.Node, format string, args ...any) {
	p.add(diag.Warning, n, format, args...)
}

// errorAt reports an error at a line and column of the file.
func (p *parser) errorAt(line, col int, format string, args ...any) {
	p.errorf(&yaml.Node{Line: line, Column: col}, format, args...)
}

// Parse reads one testimony file's bytes. It returns the testimony (possibly partial when
// there are errors; nil when the file could not be read as YAML at all) and every problem
// found, sorted, so that a researcher sees all of them in one run. It never panics.
func Parse(path string, data []byte, v *vocab.Vocabulary) (*Testimony, diag.List) {
	p := &parser{path: path, v: v}
	t := p.run(data)
	if p.more > 0 {
		p.diags = append(p.diags, diag.Diagnostic{Path: path, Line: 1, Col: 1, Severity: diag.Error,
			Message: fmt.Sprintf("%d more problems in this file are not shown: fix these first", p.more)})
	}
	p.diags.Sort()
	return t, p.diags
}

func (p *parser) run(data []byte) (t *Testimony) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(errStop); !ok {
				panic(r)
			}
			t = nil
		}
	}()
	return p.parse(data)
}

func (p *parser) parse(data []byte) *Testimony {
	if len(data) > MaxFileSize {
		p.errorAt(1, 1, "%s", TooLarge(int64(len(data))))
		return nil
	}
	if !p.text(data) {
		return nil
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if len(bytes.TrimSpace(data)) == 0 {
		p.errorAt(1, 1, "file is empty: a testimony needs id, schema, source, persons and events (run `dossier new testimony` for a skeleton)")
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
		doc, extra, err = decodeDoc(data)
		if err != nil {
			se := locateSyntaxError(data, err)
			p.errorAt(se.Line, se.Col, "%s", se.Message)
			if doc == nil {
				return nil
			}
		}
	}
	if extra != nil {
		p.errorf(extra.Content[0], "a second YAML document (after ---): one testimony per file")
	}
	if len(doc.Content) == 0 {
		p.errorAt(1, 1, "file holds only comments: a testimony needs id, schema, source, persons and events")
		return nil
	}
	p.aliasLeft = aliasBudget*len(data) + 1<<16
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
		p.errorAt(1, 1, "file is UTF-16 text (\"Unicode\" in some Windows editors): save it as UTF-8")
		return false
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		data = data[3:]
	}
	off := binaryAt(data)
	if off < 0 {
		return true
	}
	line, col := lineCol(data, off)
	if data[off] >= utf8.RuneSelf {
		p.errorAt(line, col, "not UTF-8: byte 0x%02x cannot start a character; the file seems to be in a legacy encoding (Windows-1252, EUC-KR …): save it as UTF-8", data[off])
	} else {
		p.errorAt(line, col, "not a text file: control character 0x%02x at byte %d; a testimony is UTF-8 YAML text", data[off], off)
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

// lineCol turns a byte offset into a 1-based line and a 1-based column in characters (as
// the YAML library counts them).
func lineCol(data []byte, off int) (int, int) {
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return line, 1 + utf8.RuneCount(data[start:off])
}

func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", n/1024)
}

// resolve follows a YAML alias to its anchored node (anchors are legal YAML; a
// researcher may reuse a place). Each alias is charged the size of what it expands to,
// once; past the budget the parse stops, so an "alias bomb" costs nothing.
func (p *parser) resolve(n *yaml.Node) *yaml.Node {
	if n == nil || n.Kind != yaml.AliasNode {
		return n
	}
	if n.Alias == nil {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: n.Line, Column: n.Column}
	}
	if p.charged == nil {
		p.charged = map[*yaml.Node]bool{}
		p.weights = map[*yaml.Node]int{}
	}
	if !p.charged[n] {
		p.charged[n] = true
		p.aliasLeft -= p.weight(n.Alias)
		if p.aliasLeft < 0 {
			p.errorf(n, "alias *%s and the others expand to far more text than the file holds (an alias bomb?): write the values out", n.Value)
			panic(errStop{})
		}
	}
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// weight is the size of the text a node stands for, aliases expanded; a node that
// contains itself counts once.
func (p *parser) weight(n *yaml.Node) int {
	if w, ok := p.weights[n]; ok {
		return w
	}
	p.weights[n] = 0 // while in progress: a cycle adds nothing more
	w := 1 + len(n.Value)
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		w += p.weight(n.Alias)
	}
	for _, c := range n.Content {
		if w > p.aliasLeft {
			break
		}
		w += p.weight(c)
	}
	p.weights[n] = w
	return w
}

func (p *parser) isNull(n *yaml.Node) bool {
	n = p.resolve(n)
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// fieldSet holds the value nodes of a mapping's known keys (a map would cost an
// allocation per mapping, and there are at most a handful of keys).
type fieldSet struct {
	ok   bool // the node was a mapping
	keys []string
	vals [8]*yaml.Node
}

// get returns the value of key, or nil when it was not given (or given empty when
// required).
func (f *fieldSet) get(key string) *yaml.Node {
	for i, k := range f.keys {
		if k == key {
			return f.vals[i]
		}
	}
	return nil
}

func (f *fieldSet) has(key string) bool { return f.get(key) != nil }

func (f *fieldSet) set(key string, v *yaml.Node) {
	for i, k := range f.keys {
		if k == key {
			f.vals[i] = v
		}
	}
}

// fields checks a mapping node of kind what (a key of Mappings): it must be a mapping,
// keys must be known and unique, required keys present and not empty. It returns the
// value nodes by key.
func (p *parser) fields(n *yaml.Node, what string) fieldSet {
	keys := Mappings[what]
	out := fieldSet{keys: keys.Known}
	n = p.resolve(n)
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "%s must be a mapping (key: value lines), not %s", what, kindName(n))
		return out
	}
	out.ok = true
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		switch {
		case k.Kind != yaml.ScalarNode:
			p.errorf(k, "%s: keys must be plain words, not %s", what, kindName(k))
			continue
		case k.Tag == "!!merge":
			p.errorf(k, "%s: merge keys (<<) are not supported: write the keys out", what)
			continue
		}
		if !vocab.Has(keys.Known, k.Value) {
			p.errorf(k, "unknown key %q in %s%s", k.Value, what, suggest(k.Value, keys.Known))
			continue
		}
		if out.has(k.Value) {
			p.errorf(k, "%s: key %q is given twice", what, k.Value)
			continue
		}
		out.set(k.Value, val)
	}
	for _, r := range keys.Required {
		v := out.get(r)
		switch {
		case v == nil:
			p.errorf(n, "%s: missing required key %q", what, r)
		case p.isNull(v):
			p.errorf(v, "%s: %q is empty: fill it in", what, r)
			out.set(r, nil)
		}
	}
	return out
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
		return fmt.Sprintf("%q", truncate(n.Value, 40))
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
// editors would otherwise print as blanks and defeat exact matching). Any scalar is
// text: YAML reads pseudonym: 123 or note: yes as a number or a boolean, but what the
// researcher typed is kept as typed.
func (p *parser) str(n *yaml.Node, what string) (string, bool) {
	n = p.resolve(n)
	switch {
	case n.Kind != yaml.ScalarNode:
		p.errorf(n, "%s must be text, not %s", what, kindName(n))
		return "", false
	case n.Tag == "!!null":
		p.errorf(n, "%s is empty: give a value, or remove the line", what)
		return "", false
	}
	return nfc(n.Value), true
}

// nfc normalises s to NFC, without copying it when it already is (ASCII always is).
func nfc(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return norm.NFC.String(s)
		}
	}
	return s
}

// nonEmpty reads a scalar that must not be blank.
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
	s, ok := p.nonEmpty(n, what)
	if !ok {
		return ""
	}
	if vocab.Has(p.v.Languages, s) {
		return s
	}
	hint := suggest(s, p.v.Languages)
	if c, ok := languageNames[strings.ToLower(s)]; ok && vocab.Has(p.v.Languages, c) {
		hint = fmt.Sprintf(" (did you mean %q?)", c)
	}
	p.errorf(n, "unknown %s %q%s: use an ISO 639-1 code (allowed: %s)", what, s, hint, strings.Join(p.v.Languages, ", "))
	return ""
}

func (p *parser) date(n *yaml.Node, what string) Date {
	n = p.resolve(n)
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

// list reads a sequence node; ok is false (and the problem reported) when n is not one.
func (p *parser) list(n *yaml.Node, what string) (items []*yaml.Node, ok bool) {
	n = p.resolve(n)
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "%s must be a list (lines starting with -), not %s", what, kindName(n))
		return nil, false
	}
	return n.Content, true
}

func pos(n *yaml.Node) Pos { return Pos{Line: n.Line, Col: n.Column} }

func (p *parser) testimony(root *yaml.Node) *Testimony {
	f := p.fields(root, "testimony")
	if !f.ok {
		return nil
	}
	t := &Testimony{Path: p.path, Pos: pos(p.resolve(root))}
	if n := f.get("id"); n != nil {
		t.Pos = pos(n)
		if id, ok := p.nonEmpty(n, "id"); ok {
			t.ID = id
			if !IsID(id) {
				p.errorf(n, "id %q is malformed: use 2–6 capital letters, a year and a 3–5 digit number, e.g. PSC-2019-0042", id)
			} else if base := FileID(p.path); base != "" && base != id {
				p.errorf(n, "id %q does not match the file name %q: name the file %s.yaml", id, filepath.Base(p.path), id)
			}
		}
	}
	if n := f.get("schema"); n != nil {
		n = p.resolve(n)
		v, err := strconv.Atoi(n.Value)
		switch {
		case n.Kind != yaml.ScalarNode || n.Tag != "!!int" || err != nil:
			p.errorf(n, "schema must be the format version, the number %d (without quotes), not %s", SchemaVersion, kindName(n))
		case v != SchemaVersion:
			p.errorf(n, "schema %d is not supported: this dossier reads version %d", v, SchemaVersion)
		default:
			t.Schema = v
		}
	}
	if n := f.get("source"); n != nil {
		t.Source = p.source(n)
	}
	if n := f.get("persons"); n != nil {
		p.persons(t, n)
	}
	if n := f.get("events"); n != nil {
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
	if !f.ok {
		return s
	}
	if n := f.get("interviewed"); n != nil {
		s.Interviewed = p.date(n, "source.interviewed")
	}
	if n := f.get("place"); n != nil {
		s.Place, _ = p.str(n, "source.place")
	}
	if n := f.get("interviewer"); n != nil {
		if v, ok := p.str(n, "source.interviewer"); ok {
			s.Interviewer = v
			if !isStaffCode(v) {
				p.warnf(n, "source.interviewer %q does not look like a staff code (e.g. staff-07); names never belong in a testimony", v)
			}
		}
	}
	if n := f.get("language"); n != nil {
		s.Language = p.language(n, "language")
	}
	if n := f.get("relation"); n != nil {
		s.Relation = p.code(n, "relation", p.v.Relations)
	}
	if n := f.get("consent"); n != nil {
		s.Consent = p.code(n, "consent", p.v.Consents)
	}
	return s
}

func (p *parser) persons(t *Testimony, n *yaml.Node) {
	items, ok := p.list(n, "persons")
	if !ok {
		return
	}
	if len(items) == 0 {
		p.errorf(n, "persons is empty: list at least the source, by pseudonym")
	}
	p.personsOK = true
	seen := map[string]*yaml.Node{}
	for _, item := range items {
		f := p.fields(item, "person")
		if !f.ok {
			p.personsOK = false
			continue
		}
		per := Person{Pos: pos(p.resolve(item))}
		if n := f.get("ref"); n != nil {
			if ref, ok := p.nonEmpty(n, "person ref"); ok {
				if !isRef(ref) {
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
		if n := f.get("pseudonym"); n != nil {
			per.Pseudonym, _ = p.nonEmpty(n, "pseudonym")
		}
		if n := f.get("sex"); n != nil {
			per.Sex = p.code(n, "sex", p.v.Sexes)
		}
		if n := f.get("born"); n != nil {
			per.Born = p.born(n)
		}
		if n := f.get("origin"); n != nil {
			per.Origin, _ = p.str(n, "origin")
		}
		t.Persons = append(t.Persons, per)
	}
}

// born reads a year of birth (1985, or "1985" in quotes). A full date is refused
// outright: an exact birth date is an identifier that belongs in the sealed file, never
// in a testimony.
func (p *parser) born(n *yaml.Node) int {
	n = p.resolve(n)
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
			p.errorf(n, "born must be a year such as 1985, not %q", truncate(v, 40))
		}
		return 0
	}
	if y < MinBorn || y > MaxBorn {
		p.errorf(n, "born %d is not a plausible year of birth", y)
		return 0
	}
	return y
}

func (p *parser) events(t *Testimony, n *yaml.Node) {
	items, ok := p.list(n, "events")
	if !ok {
		return
	}
	if len(items) == 0 {
		p.errorf(n, "events is empty: a testimony tells of at least one event")
	}
	seen := map[string]*yaml.Node{}
	for _, item := range items {
		f := p.fields(item, "event")
		if !f.ok {
			continue
		}
		e := Event{Pos: pos(p.resolve(item))}
		if n := f.get("id"); n != nil {
			if id, ok := p.nonEmpty(n, "event id"); ok {
				if !isEventID(id) {
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
		if n := f.get("date"); n != nil {
			e.Date = p.date(n, "event date")
		}
		if n := f.get("until"); n != nil {
			e.Until = p.date(n, "until")
			if !e.Date.IsZero() && !e.Until.IsZero() && e.Until.Before(e.Date) {
				p.errorf(n, "until %s is before the event date %s", e.Until, e.Date)
			}
		}
		if n := f.get("place"); n != nil {
			e.Place = p.place(n)
		}
		if n := f.get("account"); n != nil {
			p.account(&e, n)
		}
		if n := f.get("acts"); n != nil {
			e.Acts = p.acts(t, n)
		}
		if n := f.get("review"); n != nil {
			e.Review = p.review(n)
		}
		t.Events = append(t.Events, e)
	}
}

func (p *parser) place(n *yaml.Node) Place {
	var pl Place
	f := p.fields(n, "place")
	if !f.ok {
		return pl
	}
	if n := f.get("name"); n != nil {
		pl.Name, _ = p.str(n, "place name")
	}
	if n := f.get("admin1"); n != nil {
		pl.Admin1, _ = p.str(n, "admin1")
	}
	if n := f.get("country"); n != nil {
		if c, ok := p.nonEmpty(n, "country"); ok {
			if !isCountry(c) {
				p.errorf(n, "country %q is not an ISO 3166-1 alpha-2 code (KP, CN, RU …)", c)
			} else {
				pl.Country = c
			}
		}
	}
	if n := f.get("geo"); n != nil {
		if items, ok := p.list(n, "geo"); ok {
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
	n = p.resolve(n)
	v, err := strconv.ParseFloat(n.Value, 64)
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" && n.Tag != "!!float" || err != nil {
		p.errorf(n, "%s must be a number (without quotes), not %s", what, kindName(n))
		return 0, false
	}
	if !(v >= -limit && v <= limit) {
		p.errorf(n, "%s %g is out of range (−%g to %g)", what, v, limit, limit)
		return 0, false
	}
	return v, true
}

func (p *parser) account(e *Event, n *yaml.Node) {
	n = p.resolve(n)
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "account must map languages to text (en: |, ko: |), not %s", kindName(n))
		return
	}
	if len(n.Content) == 0 {
		p.errorf(n, "account is empty: give the narrative in at least one language")
		return
	}
	e.Account = make(map[string]string, len(n.Content)/2)
	e.AccountPos = make(map[string]Pos, len(n.Content)/2)
	seen := make(map[string]bool, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.errorf(k, "account: keys must be language codes (en, ko, fr …), not %s", kindName(k))
			continue
		}
		lang := p.language(k, "account language")
		if lang == "" {
			continue
		}
		if seen[lang] {
			p.errorf(k, "account: language %q is given twice", lang)
			continue
		}
		seen[lang] = true
		if p.isNull(val) {
			p.errorf(val, "account.%s is empty: write the narrative, or remove the language", lang)
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
		e.AccountPos[lang] = pos(p.resolve(val))
	}
}

func (p *parser) acts(t *Testimony, n *yaml.Node) []Act {
	items, _ := p.list(n, "acts")
	var acts []Act
	for _, item := range items {
		f := p.fields(item, "act")
		if !f.ok {
			continue
		}
		a := Act{Pos: pos(p.resolve(item))}
		if n := f.get("type"); n != nil {
			if s, ok := p.nonEmpty(n, "act type"); ok {
				if p.v.Act(s) == nil {
					p.errorf(n, "unknown act type %q%s", s, suggest(s, actCodes(p.v)))
				} else {
					a.Type = s
				}
			}
		}
		if n := f.get("victim"); n != nil {
			if s, ok := p.nonEmpty(n, "victim"); ok {
				a.Victim = s
				if p.personsOK && t.Person(s) == nil {
					p.errorf(n, "victim %q is not one of the persons (%s)", s, strings.Join(refs(t), ", "))
				}
			}
		}
		if n := f.get("perpetrator"); n != nil {
			if s, ok := p.nonEmpty(n, "perpetrator"); ok {
				if p.v.Perpetrator(s) == nil {
					codes := perpCodes(p.v)
					hint := suggest(s, codes)
					if c, ok := perpetratorNames[strings.ToLower(s)]; ok && p.v.Perpetrator(c) != nil {
						hint = fmt.Sprintf(" (did you mean %q?)", c)
					}
					p.errorf(n, "unknown perpetrator %q%s (allowed: %s)", s, hint, strings.Join(codes, ", "))
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
	if !f.ok {
		return nil
	}
	r := &Review{Pos: pos(p.resolve(n))}
	r.Add = p.articles(f.get("add"), "review.add")
	r.Remove = p.articles(f.get("remove"), "review.remove")
	if n := f.get("note"); n != nil {
		r.Note, _ = p.str(n, "review.note")
	}
	return r
}

func (p *parser) articles(n *yaml.Node, what string) []string {
	if n == nil {
		return nil
	}
	var out []string
	items, _ := p.list(n, what)
	for _, item := range items {
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
			p.warnf(at(e.Pos), "event %s (%s) is after the interview (%s)", e.ID, e.Date, interviewed)
		}
		for _, a := range e.Acts {
			used[a.Victim] = true
			if per := t.Person(a.Victim); per != nil && per.Born > 0 && !e.Date.IsZero() && e.Date.Year < per.Born {
				p.warnf(at(a.Pos), "event %s (%s) is before the birth of its victim %s (born %d)", e.ID, e.Date, a.Victim, per.Born)
			}
		}
	}
	for _, per := range t.Persons {
		if per.Born > 0 && !interviewed.IsZero() && per.Born > interviewed.Year {
			p.warnf(at(per.Pos), "person %s is born in %d, after the interview (%s)", per.Ref, per.Born, interviewed)
		}
	}
	// A person no act names is only suspicious when every event is coded; narrative-only
	// events name their people in prose.
	if allCoded {
		for _, per := range t.Persons {
			if !used[per.Ref] {
				p.warnf(at(per.Pos), "person %s (%s) is never referred to by an act", per.Ref, per.Pseudonym)
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

// suggest returns ` (did you mean "x"?)` for the closest known word within a small edit
// distance, so that typos are caught and explained at once.
func suggest(s string, known []string) string {
	if utf8.RuneCountInString(s) > 64 {
		return ""
	}
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
