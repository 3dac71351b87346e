package leak

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/testimony"
)

// Consent is checked twice: when a filing selects its testimonies ([CheckSelection]),
// and again on the text of every output ([ConsentIndex]), so that text of a testimony
// without consent cannot reach an output through a template, a pasted quotation or a
// translation.

var consentRank = map[string]int{
	testimony.ConsentPublic:       0,
	testimony.ConsentConfidential: 1,
	testimony.ConsentInternal:     2,
}

// Allows reports whether an output of consent level output (public, confidential) may
// draw on a testimony whose consent is consent: a public output only on public
// testimonies, a confidential output on public and confidential ones. Internal
// testimonies never leave the organisation; an unknown level allows nothing.
func Allows(output, consent string) bool {
	o, ok1 := consentRank[output]
	c, ok2 := consentRank[consent]
	return ok1 && ok2 && c <= o && c < consentRank[testimony.ConsentInternal]
}

// CheckSelection reports every selected testimony that an output of this consent level
// may not include. where names what selected them, e.g. "reports/upr-dprk/report.yaml".
func CheckSelection(selected []*testimony.Testimony, level, where string) diag.List {
	var d diag.List
	if _, ok := consentRank[level]; !ok || level == testimony.ConsentInternal {
		d.Errorf(where, 0, 0, "consent level %q: an output is public or confidential", level)
		return d
	}
	for _, t := range selected {
		if !Allows(level, t.Source.Consent) {
			d.Errorf(where, 0, 0, "testimony %s (%s) has consent %q: a %s output cannot include it", t.ID, t.Path, t.Source.Consent, level)
		}
	}
	return d
}

// ConsentSource says what testimony text was found in an output that may not carry it.
type ConsentSource struct {
	Testimony string
	Path      string
	Consent   string // the testimony's consent
	Output    string // the output's consent level
	What      string // "pseudonym", "place name", "account"
	Event     string // event id, for place names and accounts
	Lang      string // account language
}

func (c *ConsentSource) describe() string {
	var what string
	switch c.What {
	case "account":
		what = fmt.Sprintf("text of the account of %s (event %s, %s)", c.Testimony, c.Event, c.Lang)
	case "place name":
		what = fmt.Sprintf("place name of %s (event %s)", c.Testimony, c.Event)
	default:
		what = fmt.Sprintf("%s of %s", c.What, c.Testimony)
	}
	return fmt.Sprintf("%s, whose consent is %q: a %s output may not contain it", what, c.Consent, c.Output)
}

// Shingle sizes: a run of this many words (or characters of Hangul or Han, counted in
// decomposed jamo for Hangul: 50 jamo are about 20 syllables) is distinctive enough to
// say that an output quotes an account.
const (
	shingleWords = 8
	shingleJamo  = 50
)

// ConsentIndex finds, in the text of an output, what belongs only to testimonies whose
// consent does not allow that output:
//
//   - the code of a pseudonym ("S-14" of "Witness S-14", "Témoin S-14", "증인 S-14"):
//     pseudonyms are unique per testimony by that code, whatever the language around it;
//     a long descriptive pseudonym (five words or twelve Hangul syllables) as a whole;
//   - a specific place name: one with a proper name in it (a capitalised word after the
//     first, a number, a comma before a locality; a romanised term in parentheses alone
//     does not count) or, in Hangul, two words of six
//     syllables or more — "Labour training camp" or "협동농장" are generic and never flagged;
//   - any run of eight words (or about twenty Hangul syllables) of an account.
//
// None of these is flagged when it also appears in a testimony the output may draw on
// (any in the corpus, cited or not): then the output may have it from there. Generic
// place names shared by many testimonies ("Sinuiju", "Onsong County") are thus never a
// problem as long as one allowed testimony has them; a place or phrase that only a
// confidential testimony has is. Short quotations (under eight words) are not detected:
// the selection check is what keeps them out.
type ConsentIndex struct {
	level    string
	terms    []consentTerm
	shingles map[uint64]*ConsentSource

	// allowedText is the text of every testimony the output may draw on, folded when
	// first needed: a term found in an output is flagged only if it is not in there.
	allowedText string
	once        sync.Once
	allowed     *skeleton
	mu          sync.Mutex
	shared      map[string]bool
}

type consentTerm struct {
	needle string
	src    *ConsentSource
}

// NewConsentIndex indexes the testimonies for an output of the given consent level.
func NewConsentIndex(ts []*testimony.Testimony, level string) *ConsentIndex {
	ci := &ConsentIndex{level: level, shingles: map[uint64]*ConsentSource{}, shared: map[string]bool{}}
	var allowedText strings.Builder
	allowedShingles := map[uint64]bool{}
	for _, t := range ts {
		if !Allows(level, t.Source.Consent) {
			continue
		}
		for _, p := range t.Persons {
			allowedText.WriteString(p.Pseudonym + "\n")
		}
		for _, e := range t.Events {
			allowedText.WriteString(e.Place.Name + "\n")
			for _, lang := range e.Langs(t.Source.Language) {
				allowedText.WriteString(e.Account[lang] + "\n")
				shingles(buildSkeleton(e.Account[lang], false), func(h uint64, _, _ int) { allowedShingles[h] = true })
			}
		}
	}
	ci.allowedText = allowedText.String()
	seenTerm := map[string]bool{}
	addTerm := func(needle string, src *ConsentSource) {
		if needle == "" || seenTerm[needle] {
			return
		}
		seenTerm[needle] = true
		ci.terms = append(ci.terms, consentTerm{needle, src})
	}
	for _, t := range ts {
		if Allows(level, t.Source.Consent) {
			continue
		}
		src := func(what, event, lang string) *ConsentSource {
			return &ConsentSource{Testimony: t.ID, Path: t.Path, Consent: t.Source.Consent, Output: level, What: what, Event: event, Lang: lang}
		}
		for _, p := range t.Persons {
			for _, code := range pseudonymCodes(p.Pseudonym) {
				addTerm(Fold(code), src("pseudonym", "", ""))
			}
			if longPhrase(p.Pseudonym, 5, 12) {
				addTerm(Fold(p.Pseudonym), src("pseudonym", "", ""))
			}
		}
		for _, e := range t.Events {
			if specificPlace(e.Place.Name) {
				addTerm(Fold(e.Place.Name), src("place name", e.ID, ""))
			}
			for _, lang := range e.Langs(t.Source.Language) {
				s := src("account", e.ID, lang)
				shingles(buildSkeleton(e.Account[lang], false), func(h uint64, _, _ int) {
					if !allowedShingles[h] {
						if _, dup := ci.shingles[h]; !dup {
							ci.shingles[h] = s
						}
					}
				})
			}
		}
	}
	sort.SliceStable(ci.terms, func(i, j int) bool { return ci.terms[i].needle < ci.terms[j].needle })
	return ci
}

// inAllowed reports whether a term also appears in a testimony the output may draw on.
func (ci *ConsentIndex) inAllowed(needle string) bool {
	ci.once.Do(func() { ci.allowed = buildSkeleton(ci.allowedText, true); ci.allowedText = "" })
	ci.mu.Lock()
	defer ci.mu.Unlock()
	if v, ok := ci.shared[needle]; ok {
		return v
	}
	found := false
	ci.allowed.find(needle, func(int, int) bool { found = true; return false })
	ci.shared[needle] = found
	return found
}

// Scan returns the hits in the texts: at most one per text and source (testimony, what,
// event, language), at the first place found.
func (ci *ConsentIndex) Scan(texts []Text) []Hit {
	var hits []Hit
	for _, t := range texts {
		k := makeSkeleton(t.Text)
		seen := map[ConsentSource]bool{}
		var th []Hit
		add := func(src *ConsentSource, start, end int) {
			if seen[*src] {
				return
			}
			seen[*src] = true
			th = append(th, Hit{Where: t.Where, Kind: HitConsent, Text: t.Text[start:end], Start: start, End: end, Consent: src})
		}
		for _, term := range ci.terms {
			k.find(term.needle, func(start, end int) bool {
				if !ci.inAllowed(term.needle) {
					add(term.src, start, end)
				}
				return false
			})
		}
		if len(ci.shingles) > 0 {
			shingles(k, func(h uint64, start, end int) {
				if src := ci.shingles[h]; src != nil {
					add(src, start, end)
				}
			})
		}
		sort.SliceStable(th, func(i, j int) bool { return th[i].Start < th[j].Start })
		hits = append(hits, th...)
	}
	return hits
}

// pseudonymCodes returns the codes of a pseudonym: words of one to three Latin letters
// and one to five digits, such as "S-14" or "Y70" ("20대" or "22-year-old" are not codes).
func pseudonymCodes(p string) []string {
	var out []string
	for _, w := range strings.Fields(Plain(p)) {
		w = strings.Trim(w, "()[],.;:\"'“”‘’")
		if reCode.MatchString(w) {
			out = append(out, w)
		}
	}
	return out
}

var reCode = regexp.MustCompile(`^[A-Za-z]{1,3}[-.]?\d{1,5}$`)

// longPhrase reports whether s has at least words words, or hangul Hangul syllables.
func longPhrase(s string, words, hangul int) bool {
	if len(strings.Fields(s)) >= words {
		return true
	}
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Hangul, r) {
			n++
		}
	}
	return n >= hangul
}

// specificPlace reports whether a place name names one place rather than a kind of
// place (see [ConsentIndex]).
func specificPlace(name string) bool {
	name = Plain(name)
	if name == "" {
		return false
	}
	hangul := 0
	for _, r := range name {
		if unicode.Is(unicode.Hangul, r) {
			hangul++
		}
	}
	if hangul > 0 {
		return hangul >= 6 && len(strings.Fields(name)) >= 2
	}
	if strings.Contains(name, ",") {
		return true
	}
	for _, r := range name {
		if digitValue(r) >= 0 {
			return true
		}
	}
	for i, w := range strings.Fields(name) {
		if i == 0 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// shingles calls fn with the hash of every run of shingleWords words of non-CJK text,
// and of shingleJamo skeleton runes of CJK text, with its byte range in the source.
func shingles(k *skeleton, fn func(h uint64, start, end int)) {
	type tok struct {
		h          uint64
		start, end int
	}
	var words []tok
	var cjk []tok
	flushWords := func() {
		for i := 0; i+shingleWords <= len(words); i++ {
			h := uint64(14695981039346656037)
			for _, w := range words[i : i+shingleWords] {
				h = (h ^ w.h) * 1099511628211
				h ^= h >> 29
			}
			fn(h, words[i].start, words[i+shingleWords-1].end)
		}
		words = words[:0]
	}
	// Words: maximal runs of non-CJK skeleton runes with no separator between them.
	s := k.s
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if class(r) == 'c' {
			cjk = append(cjk, tok{h: uint64(r), start: k.pos(i, true), end: k.pos(i, false)})
			i += size
			continue
		}
		j := i + size
		for j < len(s) {
			r2, size2 := utf8.DecodeRuneInString(s[j:])
			if k.sep[j] || class(r2) == 'c' {
				break
			}
			j += size2
		}
		h := uint64(14695981039346656037)
		for x := i; x < j; x++ {
			h = (h ^ uint64(s[x])) * 1099511628211
		}
		words = append(words, tok{h: h, start: k.pos(i, true), end: k.pos(j-1, false)})
		i = j
	}
	flushWords()
	for i := 0; i+shingleJamo <= len(cjk); i++ {
		h := uint64(1469598103934665603)
		for _, c := range cjk[i : i+shingleJamo] {
			h = (h ^ c.h) * 1099511628211
			h ^= h >> 31
		}
		fn(h, cjk[i].start, cjk[i+shingleJamo-1].end)
	}
}
