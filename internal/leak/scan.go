// Package leak finds what must never reach an output: sealed identifiers (real names,
// birth dates, phone numbers, addresses … kept in the sealed file), identifier patterns
// (South Korean resident registration numbers, phone numbers, e-mail addresses, full
// dates of birth) and text of testimonies whose consent does not allow the output.
//
// It works on the final text of a document — every piece the doc model holds, footnotes,
// table cells and metadata included — and matches through case, Unicode forms (NFC/NFD,
// full-width and compatibility characters), spacing (Korean names written with or
// without spaces), hyphenation and dashes, and invisible characters (zero-width spaces,
// soft hyphens). A sealed value can never be waived; a pattern hit that is not an
// identifier can, by an explicit waiver that the build logs (see [Waiver]).
package leak

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Kinds of sealed values.
const (
	KindName      = "name"
	KindBirthDate = "birth-date"
	KindPhone     = "phone"
	KindAddress   = "address"
	KindEmail     = "email"
	KindIDNumber  = "id-number"
	KindOther     = "other"
)

// Kinds lists the kinds of sealed values, in the order they are shown.
var Kinds = []string{KindName, KindBirthDate, KindPhone, KindAddress, KindEmail, KindIDNumber, KindOther}

// Secret is one sealed value: something a person could be identified by, kept outside
// the testimonies, that no output may contain.
type Secret struct {
	Testimony string
	Person    string
	Kind      string
	Value     string
	// Source locates the entry for messages, e.g. "sealed.yaml:12:9".
	Source string
}

// Label names the secret without its value, for messages: "sealed name of DEV-2014-001
// person A (sealed.yaml:12:9)". Messages never show a sealed value.
func (s *Secret) Label() string {
	l := fmt.Sprintf("sealed %s of %s person %s", s.Kind, s.Testimony, s.Person)
	if s.Source != "" {
		l += " (" + s.Source + ")"
	}
	return l
}

// CheckValue says what is wrong with a value to seal, or returns nil. A value must be
// specific enough to be searched for without matching everything: two letters or digits
// at least (a one-syllable surname alone would match every page), a birth date as
// YYYY-MM-DD, a phone number with six digits or more.
func CheckValue(kind, value string) error {
	if !utf8.ValidString(value) {
		return fmt.Errorf("value is not valid UTF-8 text")
	}
	if strings.ContainsAny(value, "\n\r") {
		return fmt.Errorf("value spans several lines: seal each line on its own")
	}
	// n counts the characters that take part in matching (after NFC, so that a
	// syllable counts once however it is encoded).
	n, digits := 0, 0
	k := makeSkeleton(norm.NFC.String(value))
	for i := range k.s {
		if i == 0 || k.start[i] != k.start[i-1] {
			n++
		}
		if isDigit(k.s[i]) {
			digits++
		}
	}
	switch kind {
	case KindName, KindAddress, KindOther:
	case KindBirthDate:
		if _, _, _, ok := parseISODate(value); !ok {
			return fmt.Errorf("a birth date is written YYYY-MM-DD, e.g. 1985-03-03")
		}
	case KindPhone:
		if digits < 6 {
			return fmt.Errorf("a phone number needs six digits or more")
		}
	case KindEmail:
		at := strings.Index(value, "@")
		if at <= 0 || at == len(value)-1 || strings.Count(value, "@") != 1 {
			return fmt.Errorf("an e-mail address is written name@domain")
		}
	case KindIDNumber:
		if n < 5 {
			return fmt.Errorf("an id number needs five letters or digits or more")
		}
	default:
		return fmt.Errorf("unknown kind %q: use one of %s", kind, strings.Join(Kinds, ", "))
	}
	if n < 2 {
		return fmt.Errorf("value is too short to search for: it needs two letters or digits or more")
	}
	return nil
}

// needles returns the skeletons a secret is searched for: its own, and the other ways
// the same value is commonly written (a phone number with or without the country code,
// a birth date as YYYYMMDD and YYMMDD, a romanised name with the family name last).
func needles(s *Secret) []string {
	out := []string{Fold(s.Value)}
	digits := func() string {
		var b strings.Builder
		for _, r := range s.Value {
			if d := digitValue(r); d >= 0 {
				b.WriteByte(byte('0' + d))
			} else if r >= 0xFF10 && r <= 0xFF19 {
				b.WriteByte(byte(r - 0xFF10 + '0'))
			}
		}
		return b.String()
	}
	switch s.Kind {
	case KindName:
		f := strings.Fields(s.Value)
		if len(f) >= 2 && len(f) <= 4 && class(firstLetter(s.Value)) == 'l' {
			out = append(out,
				Fold(strings.Join(append(append([]string{}, f[1:]...), f[0]), " ")),
				Fold(strings.Join(append([]string{f[len(f)-1]}, f[:len(f)-1]...), " ")))
		}
	case KindPhone:
		d := digits()
		plus := strings.HasPrefix(strings.TrimSpace(s.Value), "+") || strings.HasPrefix(d, "00")
		d = strings.TrimPrefix(d, "00")
		switch {
		case plus && strings.HasPrefix(d, "82"):
			out = append(out, d, "0"+d[2:])
		case plus && strings.HasPrefix(d, "86"):
			out = append(out, d, d[2:])
		case plus && len(d) > 3:
			out = append(out, d)
		case strings.HasPrefix(d, "0") && len(d) > 1:
			out = append(out, d, "82"+d[1:])
		case len(d) == 11 && d[0] == '1':
			out = append(out, d, "86"+d)
		default:
			out = append(out, d)
		}
	case KindBirthDate:
		if y, m, d, ok := parseISODate(s.Value); ok {
			out = append(out, fmt.Sprintf("%04d%02d%02d", y, m, d), fmt.Sprintf("%02d%02d%02d", y%100, m, d))
		}
	case KindEmail:
		if at := strings.Index(s.Value, "@"); at > 0 {
			local := Fold(s.Value[:at])
			if utf8.RuneCountInString(local) >= 6 {
				out = append(out, local)
			}
		}
	}
	// Drop empty and repeated needles.
	seen := map[string]bool{}
	kept := out[:0]
	for _, n := range out {
		if n != "" && !seen[n] {
			seen[n] = true
			kept = append(kept, n)
		}
	}
	return kept
}

func firstLetter(s string) rune {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return r
		}
	}
	return 0
}

// Text is one piece of output text and where it is, e.g. Where "upr-dprk.fr.pdf: block
// 14 (paragraph), footnote".
type Text struct {
	Where string
	Text  string
}

// HitKind says what a hit is.
type HitKind string

// The kinds of hits.
const (
	HitSealed    HitKind = "sealed value"
	HitRRN       HitKind = "resident registration number"
	HitPhone     HitKind = "phone number"
	HitEmail     HitKind = "e-mail address"
	HitBirthDate HitKind = "date of birth"
	HitConsent   HitKind = "text of a testimony without consent"
)

// Waivable reports whether a waiver may cover hits of this kind: only identifier
// patterns, which can be something else (an organisation's public address, a date that
// is not a birth date). Sealed values and text without consent never can.
func (k HitKind) Waivable() bool {
	switch k {
	case HitRRN, HitPhone, HitEmail, HitBirthDate:
		return true
	}
	return false
}

// Hit is one thing found in a text.
type Hit struct {
	Where string
	Kind  HitKind
	// Text is the hit in plain form (see [Plain]); waivers are compared with it. The
	// text of a sealed hit is the sealed value as written: never show it.
	Text string
	// Start and End are the byte range of the hit in the scanned text.
	Start, End int
	// Secret is the sealed value found (HitSealed).
	Secret *Secret
	// Consent describes the testimony whose text was found (HitConsent).
	Consent *ConsentSource
	// Waiver is the waiver that covers the hit, once [ApplyWaivers] found one.
	Waiver *Waiver
}

// Excerpt returns the first few characters of s and an ellipsis: enough to find the
// spot, not enough to carry the identifier further (into build logs, CI output).
func Excerpt(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for k := range s {
		if i == n {
			return s[:k] + "…"
		}
		i++
	}
	return s
}

// String is the message for the hit. It says where and why, and what to do; it never
// shows a sealed value, and shows only the start of anything else.
func (h Hit) String() string {
	switch {
	case h.Kind == HitSealed && h.Secret != nil:
		return fmt.Sprintf("%s: %s — remove it (a sealed value can never be waived)", h.Where, h.Secret.Label())
	case h.Kind == HitConsent && h.Consent != nil:
		return fmt.Sprintf("%s: %s — remove it (consent cannot be waived)", h.Where, h.Consent.describe())
	case h.Waiver != nil:
		return fmt.Sprintf("%s: %s %q waived by %s (%s: %s)", h.Where, h.Kind, Excerpt(h.Text, 4), h.Waiver.By, h.Waiver.Pos(), h.Waiver.Reason)
	}
	return fmt.Sprintf("%s: %s %q — remove it, or add a waiver to waivers.yaml if it is not an identifier", h.Where, h.Kind, Excerpt(h.Text, 4))
}

// Scanner finds sealed values and identifier patterns in texts. It is safe for
// concurrent use once made.
type Scanner struct {
	secrets []compiled
	// Persons are names (pseudonyms) next to which a full date reads as a birth date:
	// "Witness S-14 (3 March 1985)".
	persons []string
}

type compiled struct {
	secret  *Secret
	needles []string
	y, m, d int // for birth dates
}

// NewScanner returns a scanner for these sealed values and the identifier patterns.
// persons are pseudonyms (see [Scanner]); nil is fine.
func NewScanner(secrets []Secret, persons []string) *Scanner {
	s := &Scanner{}
	for i := range secrets {
		sec := secrets[i]
		c := compiled{secret: &sec, needles: needles(&sec)}
		if sec.Kind == KindBirthDate {
			c.y, c.m, c.d, _ = parseISODate(sec.Value)
		}
		s.secrets = append(s.secrets, c)
	}
	seen := map[string]bool{}
	for _, p := range persons {
		f := Fold(p)
		if utf8.RuneCountInString(f) >= 3 && !seen[f] {
			seen[f] = true
			s.persons = append(s.persons, f)
		}
	}
	sort.Strings(s.persons)
	return s
}

// Secrets returns how many sealed values the scanner looks for.
func (s *Scanner) Secrets() int { return len(s.secrets) }

// Scan returns every hit in the texts, in the order of the texts and, within one,
// sealed values first, then patterns by position.
func (s *Scanner) Scan(texts []Text) []Hit {
	var hits []Hit
	for _, t := range texts {
		hits = append(hits, s.ScanText(t)...)
	}
	return hits
}

// ScanText returns the hits in one text.
func (s *Scanner) ScanText(t Text) []Hit {
	k := makeSkeleton(t.Text)
	p := makePatternForm(t.Text)
	var dates []date
	datesDone := false
	var hits []Hit
	for i := range s.secrets {
		c := &s.secrets[i]
		seen := map[int]bool{}
		add := func(start, end int) {
			if seen[start] {
				return
			}
			seen[start] = true
			hits = append(hits, Hit{Where: t.Where, Kind: HitSealed, Text: t.Text[start:end], Start: start, End: end, Secret: c.secret})
		}
		for _, n := range c.needles {
			k.find(n, func(start, end int) bool { add(start, end); return true })
		}
		if c.y != 0 {
			if !datesDone {
				dates, datesDone = findDates(p.s), true
			}
			for _, d := range dates {
				if d.y == c.y && d.m == c.m && d.d == c.d {
					add(p.source(d.start, d.end))
				}
			}
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Start < hits[j].Start })
	return append(hits, s.patterns(t, p)...)
}

const sep = `[ .\-]{0,2}`

var (
	reRRN = regexp.MustCompile(`(\d{2})(\d{2})(\d{2})( ?- ?)?(\d)([\d*xX•]{6})`)

	rePhones = []*regexp.Regexp{
		// ROK mobile, national and international
		regexp.MustCompile(`(?:\+ ?82|\b0082)` + sep + `(?:\(0\)` + sep + `)?0?1[016789]` + sep + `\d{3,4}` + sep + `\d{4}`),
		regexp.MustCompile(`\b01[016789]` + sep + `\d{3,4}` + sep + `\d{4}`),
		// ROK landlines: 02 Seoul, 031–064 provinces; a separator is required
		regexp.MustCompile(`\+ ?82` + sep + `(?:\(0\)` + sep + `)?(?:2|[3-6][1-5])\)?` + sep + `\d{3,4}` + sep + `\d{4}`),
		regexp.MustCompile(`(?:\(0(?:2|[3-6][1-5])\)|\b0(?:2|[3-6][1-5]))[ .\-]{1,2}\d{3,4}[ .\-]{1,2}\d{4}`),
		// Chinese mobile, with or without +86
		regexp.MustCompile(`(?:\+ ?|\b00)86` + sep + `1[3-9]\d` + sep + `\d{4}` + sep + `\d{4}`),
		regexp.MustCompile(`\b1[3-9]\d` + sep + `\d{4}` + sep + `\d{4}`),
		// any international number (E.164: 8 to 15 digits after +)
		regexp.MustCompile(`\+ ?[1-9]\d{0,3}(?:[ .\-]?\(\d{1,4}\))?(?:[ .\-]{0,2}\d{1,6}){1,7}`),
	}

	reEmails = []*regexp.Regexp{
		// ASCII addresses: in Korean text an address is often glued to the words around it
		regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}`),
		// internationalised addresses set apart by spaces
		regexp.MustCompile(`(?:^|[\s(<\[])([\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+)`),
		// written to fool harvesters: kim [at] example [dot] org, kim (at) example.org
		regexp.MustCompile(`(?i)[\p{L}\p{N}._%+\-]+ ?[\[(] ?at ?[\])] ?[\p{L}\p{N}\-]+(?: ?(?:\.|[\[(] ?dot ?[\])]) ?[\p{L}\p{N}\-]+)+`),
		regexp.MustCompile(`(?i)[\p{L}\p{N}._%+\-]+ at [\p{L}\p{N}\-]+(?: dot [\p{L}\p{N}\-]+)+\b`),
	}

	// a six-digit date (YYMMDD), read as a birth date only with a birth word
	reYYMMDD = regexp.MustCompile(`(\d{2})(\d{2})(\d{2})`)
)

func (s *Scanner) patterns(t Text, p *patternForm) []Hit {
	var hits []Hit
	taken := func(i, j int) bool {
		for _, h := range hits {
			if i < h.End && h.Start < j {
				return true
			}
		}
		return false
	}
	add := func(kind HitKind, i, j int) {
		if j <= i {
			return
		}
		start, end := p.source(i, j)
		if taken(start, end) {
			return
		}
		hits = append(hits, Hit{Where: t.Where, Kind: kind, Text: Plain(t.Text[start:end]), Start: start, End: end})
	}
	str := p.s
	// Every pattern needs five digits or more (phone numbers eight, a date a year and a
	// day), or an e-mail's "@" or "at".
	nd := 0
	for i := 0; i < len(str); i++ {
		if isDigit(str[i]) {
			nd++
		}
	}
	if nd < 5 && !strings.Contains(str, "@") && !strings.Contains(strings.ToLower(str), "at") {
		return nil
	}

	for _, m := range reRRN.FindAllStringSubmatchIndex(str, -1) {
		if digitEdge(str, m[0], m[1]) {
			continue
		}
		yy, mm, dd := atoi(str[m[2]:m[3]]), atoi(str[m[4]:m[5]]), atoi(str[m[6]:m[7]])
		g := str[m[10]]
		hyphen := m[8] >= 0
		tail := str[m[12]:m[13]]
		if g < '1' || g > '8' {
			continue
		}
		if !hyphen && strings.ContainsAny(tail, "*xX•") {
			continue
		}
		if !validDate(1900+yy, mm, dd) && !validDate(2000+yy, mm, dd) {
			continue
		}
		add(HitRRN, m[0], m[1])
	}

	for _, re := range rePhones {
		for _, m := range re.FindAllStringIndex(str, -1) {
			i, j := m[0], m[1]
			// trim trailing separators the pattern may have taken
			for j > i && strings.IndexByte(" .-", str[j-1]) >= 0 {
				j--
			}
			if digitEdge(str, i, j) {
				continue
			}
			n := 0
			for k := i; k < j; k++ {
				if isDigit(str[k]) {
					n++
				}
			}
			if n < 8 || n > 15 {
				continue
			}
			add(HitPhone, i, j)
		}
	}

	for _, re := range reEmails {
		for _, m := range re.FindAllStringSubmatchIndex(str, -1) {
			i, j := m[0], m[1]
			if len(m) > 2 && m[2] >= 0 {
				i, j = m[2], m[3]
			}
			for j > i && strings.IndexByte(".-", str[j-1]) >= 0 {
				j--
			}
			for i < j && str[i] == '.' {
				i++
			}
			add(HitEmail, i, j)
		}
	}

	for _, d := range findDates(str) {
		if birthContext(str, d.start, d.end) || s.afterPerson(str, d.start) {
			add(HitBirthDate, d.start, d.end)
		}
	}
	for _, m := range reYYMMDD.FindAllStringSubmatchIndex(str, -1) {
		if digitEdge(str, m[0], m[1]) {
			continue
		}
		yy, mm, dd := atoi(str[m[2]:m[3]]), atoi(str[m[4]:m[5]]), atoi(str[m[6]:m[7]])
		if (validDate(1900+yy, mm, dd) || validDate(2000+yy, mm, dd)) && birthContext(str, m[0], m[1]) {
			add(HitBirthDate, m[0], m[1])
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Start < hits[j].Start })
	return hits
}

// afterPerson reports whether the date starting at i follows a person's pseudonym, with
// only an opening parenthesis, a comma or a colon between: "Witness S-14 (3 March 1985)".
func (s *Scanner) afterPerson(str string, i int) bool {
	if len(s.persons) == 0 {
		return false
	}
	before := strings.TrimRight(str[:i], " (,:")
	if len(before) == len(str[:i]) && i > 0 {
		return false // the date is glued to the text before it
	}
	from := max(0, len(before)-160)
	for from > 0 && before[from]&0xC0 == 0x80 {
		from--
	}
	f := Fold(before[from:])
	for _, p := range s.persons {
		if strings.HasSuffix(f, p) {
			return true
		}
	}
	return false
}
