package classify

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// The matcher finds every lexicon entry in a tokenised account in one pass. English and
// French entries are sequences of word specs looked up by their first word (stem, exact
// form, or prefix); Korean entries are substrings of the spaceless text, looked up by their
// first syllable. Each entry can belong to several classes (a term of an act and of a
// signal), so a match yields one hit per class.

type classKind uint8

const (
	ckSignal classKind = iota
	ckActStrong
	ckActTerm
	ckActNeg
	ckActExcept
	ckSub
	ckPerp
	ckGeneric
	ckKPGeneric
	ckInstitution
	ckRole
	ckPerson
	ckCue
	ckDisabled
)

// class is one term list of the compiled lexicon.
type class struct {
	kind      classKind
	idx       int // signal, act, perpetrator, institution, role, person-class or cue index
	sub       int // sub-signal index (ckSub)
	negatable bool
	irrealis  bool
}

// Person classes and cues by index.
const (
	pFirstSingular = iota
	pFirstPlural
	pMale
	pFemale
	pPlural
)

const (
	cueNegation = iota
	cueNegDet
	cueRestrictive
	cueHearsay
	cueEyewitness
	cueUncertainty
	cueIrrealis
	cuePassive
)

const (
	specStem byte = iota
	specPrefix
	specExact
)

type spec struct {
	kind byte
	gap  bool // may start up to maxGap words after the previous spec
	val  string
	id   int32 // specStem: the interned stem
}

const maxGap = 6

type latinPattern struct {
	specs   []spec
	classes []int32
}

type latinIndex struct {
	lang       string
	gate       [1024]uint64     // first two bytes of every prefix entry: most words skip the prefix lookups
	ids        map[string]int32 // stems the lexicon uses; a word with another stem matches no stem spec
	byID       [][]int32        // patterns by the interned stem of their first word
	byStem     map[string][]int32
	byNorm     map[string][]int32
	byPrefix   map[string][]int32
	prefixLens []int
	pats       []latinPattern
	// next[id]: the interned stem the pattern's second word must have when that word
	// follows the first directly (0: no such quick test). Most tries fail there; testing
	// it from a flat array spares reading the pattern.
	next []int32
	// by first stem id: a 64-bit filter of the second words its patterns need (bit
	// next&63), with bit 63 forced on for a list holding a pattern without that test
	// ("the" starts many patterns; "the" before another word starts none)
	filter []uint64
	keys   map[string]int32
}

type koPattern struct {
	parts   []string
	anchorS bool // ^: starts a word
	anchorE bool // $: ends a word, or only a particle follows
	exact   bool // =: the whole word
	classes []int32
}

type koIndex struct {
	hangul [][]int32 // patterns by first syllable (U+AC00..U+D7A3), without a map lookup
	byRune map[rune][]int32
	pats   []koPattern
	// sec[id]: the three bytes following the pattern's first syllable, packed (0: no
	// test), read from a flat array so that most candidates fail without the pattern
	sec []uint32
	// by first syllable (U+AC00..): a 64-bit filter of the second syllables its patterns
	// need (all bits for a list with a one-syllable pattern)
	hfilter []uint64
	keys    map[string]int32
}

func secBit(sec uint32) uint64 { return 1 << ((sec ^ sec>>7 ^ sec>>13) & 63) }

func pack3(s string) uint32 { return uint32(s[0])<<16 | uint32(s[1])<<8 | uint32(s[2]) }

// koParticles may follow a noun or pronoun inside a Korean word.
var koParticles = map[string]bool{"": true, "은": true, "는": true, "이": true, "가": true, "을": true, "를": true, "도": true, "의": true,
	"에게": true, "에": true, "와": true, "과": true, "랑": true, "한테": true, "만": true, "까지": true, "께서": true, "께": true, "에게서": true,
	"로": true, "으로": true, "에서": true, "이나": true, "나": true, "부터": true, "처럼": true, "보다": true, "들": true, "들은": true, "들이": true, "들을": true, "들도": true, "들의": true, "들에게": true}

type matcher struct {
	classes []class
	latin   map[string]*latinIndex
	ko      map[string]*koIndex
	stem    *stemmer
}

func newMatcher(st *stemmer) *matcher {
	return &matcher{latin: map[string]*latinIndex{}, ko: map[string]*koIndex{}, stem: st}
}

func compactMode(lang string) bool { return lang == "ko" || lang == "ja" || lang == "zh" }

// mode is how text in lang is tokenized ('k': compact, Korean-like; 'l': Latin words),
// and whether the matcher has terms in lang at all.
func (m *matcher) mode(lang string) (byte, bool) {
	if compactMode(lang) {
		return 'k', m.ko[lang] != nil
	}
	return 'l', m.latin[lang] != nil
}

// addClass registers a class and its terms, returning the class id.
func (m *matcher) addClass(c class, t Terms) int32 {
	id := int32(len(m.classes))
	m.classes = append(m.classes, c)
	m.addTerms(id, t)
	return id
}

// addTerms indexes terms under a class id (a reduced matcher shares the classes of the
// full one).
func (m *matcher) addTerms(id int32, t Terms) {
	langs := make([]string, 0, len(t))
	for l := range t {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, lang := range langs {
		for _, e := range t[lang] {
			if compactMode(lang) {
				m.addKo(lang, e, id)
			} else {
				m.addLatin(lang, e, id)
			}
		}
	}
}

func (m *matcher) addLatin(lang, entry string, cls int32) {
	ix := m.latin[lang]
	if ix == nil {
		ix = &latinIndex{lang: lang, byStem: map[string][]int32{}, byNorm: map[string][]int32{}, byPrefix: map[string][]int32{}, keys: map[string]int32{}}
		m.latin[lang] = ix
	}
	if id, ok := ix.keys[entry]; ok {
		ix.pats[id].classes = appendUnique(ix.pats[id].classes, cls)
		return
	}
	specs := compileLatin(entry, lang, m.stem)
	if len(specs) == 0 {
		return
	}
	for k := range specs {
		if specs[k].kind == specStem {
			specs[k].id = ix.intern(specs[k].val)
		}
	}
	id := int32(len(ix.pats))
	ix.pats = append(ix.pats, latinPattern{specs: specs, classes: []int32{cls}})
	var next int32
	if len(specs) > 1 && specs[1].kind == specStem && !specs[1].gap {
		next = specs[1].id
	}
	ix.next = append(ix.next, next)
	ix.keys[entry] = id
	s := specs[0]
	switch s.kind {
	case specStem:
		ix.byStem[s.val] = append(ix.byStem[s.val], id)
		for int(s.id) >= len(ix.byID) {
			ix.byID = append(ix.byID, nil)
		}
		ix.byID[s.id] = append(ix.byID[s.id], id)
		for int(s.id) >= len(ix.filter) {
			ix.filter = append(ix.filter, 0)
		}
		if next == 0 {
			ix.filter[s.id] = ^uint64(0)
		} else {
			ix.filter[s.id] |= 1 << (uint(next) & 63)
		}
	case specExact:
		ix.byNorm[s.val] = append(ix.byNorm[s.val], id)
	case specPrefix:
		if _, ok := ix.byPrefix[s.val]; !ok {
			found := false
			for _, l := range ix.prefixLens {
				found = found || l == len(s.val)
			}
			if !found {
				ix.prefixLens = append(ix.prefixLens, len(s.val))
				sort.Ints(ix.prefixLens)
			}
		}
		ix.byPrefix[s.val] = append(ix.byPrefix[s.val], id)
		g := uint16(s.val[0])<<8 | uint16(s.val[1])
		ix.gate[g>>6] |= 1 << (g & 63)
	}
}

// intern gives a stem its id (ids start at 1; 0 is "not in the lexicon").
func (ix *latinIndex) intern(stem string) int32 {
	if id, ok := ix.ids[stem]; ok {
		return id
	}
	if ix.ids == nil {
		ix.ids = map[string]int32{}
	}
	id := int32(len(ix.ids) + 1)
	ix.ids[stem] = id
	return id
}

func appendUnique(s []int32, v int32) []int32 {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

const gapWord = "qqgapqq"

// compileLatin turns "beat* ~ to death" into word specs, tokenising the entry exactly as
// narratives are tokenised so that elisions, hyphens and "No." agree.
func compileLatin(entry, lang string, st *stemmer) []spec {
	if e := strings.TrimSpace(entry); !strings.Contains(e, " ") && strings.HasSuffix(e, "'") {
		// an elided word on its own: j', n', qu'
		var b []byte
		for _, r := range e[:len(e)-1] {
			b = foldAppend(b, r)
		}
		return []spec{{kind: specExact, val: string(b) + "'"}}
	}
	text := strings.ReplaceAll(" "+entry+" ", " ~ ", " "+gapWord+" ")
	d := tokenize(text, lang, 'l', st)
	var out []spec
	gap := false
	for _, t := range d.toks {
		if t.norm == gapWord {
			gap = true
			continue
		}
		s := spec{kind: specStem, val: t.stem, gap: gap}
		gap = false
		if int(t.end) < len(text) && text[t.end] == '*' {
			s.kind, s.val = specPrefix, t.norm
		} else if t.start > 0 && text[t.start-1] == '=' {
			s.kind, s.val = specExact, t.norm
		}
		out = append(out, s)
	}
	return out
}

func (m *matcher) addKo(lang, entry string, cls int32) {
	ix := m.ko[lang]
	if ix == nil {
		ix = &koIndex{byRune: map[rune][]int32{}, keys: map[string]int32{}}
		m.ko[lang] = ix
	}
	if id, ok := ix.keys[entry]; ok {
		ix.pats[id].classes = appendUnique(ix.pats[id].classes, cls)
		return
	}
	p := koPattern{classes: []int32{cls}}
	e := strings.TrimSpace(entry)
	if strings.HasPrefix(e, "=") {
		p.exact = true
		e = e[1:]
	}
	if strings.HasPrefix(e, "^") {
		p.anchorS = true
		e = e[1:]
	}
	if strings.HasSuffix(e, "$") {
		p.anchorE = true
		e = e[:len(e)-1]
	}
	for _, part := range strings.Split(e, "~") {
		part = strings.ToLower(strings.Join(strings.Fields(part), ""))
		part = strings.Map(func(r rune) rune {
			if isWordRune(r) {
				return r
			}
			return -1
		}, part)
		if part != "" {
			p.parts = append(p.parts, part)
		}
	}
	if len(p.parts) == 0 {
		return
	}
	id := int32(len(ix.pats))
	ix.pats = append(ix.pats, p)
	var sec uint32
	if _, n := utf8.DecodeRuneInString(p.parts[0]); len(p.parts[0]) >= n+3 {
		sec = pack3(p.parts[0][n:])
	}
	ix.sec = append(ix.sec, sec)
	ix.keys[entry] = id
	r, _ := utf8.DecodeRuneInString(p.parts[0])
	if r >= 0xAC00 && r <= 0xD7A3 {
		if ix.hangul == nil {
			ix.hangul = make([][]int32, 0xD7A3-0xAC00+1)
		}
		ix.hangul[r-0xAC00] = append(ix.hangul[r-0xAC00], id)
		if ix.hfilter == nil {
			ix.hfilter = make([]uint64, 0xD7A3-0xAC00+1)
		}
		if sec := ix.sec[id]; sec == 0 {
			ix.hfilter[r-0xAC00] = ^uint64(0)
		} else {
			ix.hfilter[r-0xAC00] |= secBit(sec)
		}
		return
	}
	ix.byRune[r] = append(ix.byRune[r], id)
}

// hit is one class found at one place.
type hit struct {
	cls        int32
	t0, t1     int32 // first and last token
	start, end int32 // byte offsets in the account text
	sent       int32
	neg        bool // negated in its clause
	irr        bool // under an irrealis cue
}

// match returns every hit in the document, ordered by position. sid is scratch space
// (may be nil).
func (m *matcher) match(d *doc, hits []hit) []hit {
	h, _ := m.matchScratch(d, hits, nil)
	return h
}

func (m *matcher) matchScratch(d *doc, hits []hit, sid []int32) ([]hit, []int32) {
	if d.mode == 'k' {
		if ix := m.ko[d.lang]; ix != nil {
			hits = ix.match(d, hits)
		}
	} else if ix := m.latin[d.lang]; ix != nil {
		hits, sid = ix.match(d, hits, sid)
	}
	// hits come out by first token already; an insertion sort (stable) orders the few
	// that start at the same token, longest first
	for i := 1; i < len(hits); i++ {
		h := hits[i]
		j := i
		for j > 0 && (hits[j-1].t0 > h.t0 || hits[j-1].t0 == h.t0 && hits[j-1].t1 < h.t1) {
			hits[j] = hits[j-1]
			j--
		}
		hits[j] = h
	}
	return hits, sid
}

func (ix *latinIndex) match(d *doc, hits []hit, sid []int32) ([]hit, []int32) {
	toks := d.toks
	sid = sid[:0]
	for i := range toks {
		if wi := toks[i].wi; wi != nil {
			sid = append(sid, wi.sid)
		} else {
			sid = append(sid, ix.ids[toks[i].stem])
		}
	}
	try := func(ids []int32, i int) {
		for _, id := range ids {
			if nx := ix.next[id]; nx != 0 && (i+1 >= len(sid) || sid[i+1] != nx) {
				continue
			}
			p := &ix.pats[id]
			end, ok := p.matchAt(toks, sid, i)
			if !ok {
				continue
			}
			for _, c := range p.classes {
				hits = append(hits, hit{cls: c, t0: int32(i), t1: int32(end), start: toks[i].start, end: toks[end].end, sent: toks[i].sent})
			}
		}
	}
	for i := range toks {
		t := &toks[i]
		if id := sid[i]; id > 0 && int(id) < len(ix.byID) {
			var nb uint64 = 1 << 63 // no next word: only patterns without the test
			if i+1 < len(sid) {
				nb = 1 << (uint(sid[i+1]) & 63)
			}
			if ix.filter[id]&nb != 0 {
				try(ix.byID[id], i)
			}
		}
		if t.wi != nil {
			if len(t.wi.norm) > 0 {
				try(t.wi.norm, i)
			}
			if len(t.wi.prefixes) > 0 {
				try(t.wi.prefixes, i)
			}
			continue
		}
		if len(ix.byNorm) > 0 {
			if ids, ok := ix.byNorm[t.norm]; ok {
				try(ids, i)
			}
		}
		if len(t.norm) < 2 {
			continue
		}
		if g := uint16(t.norm[0])<<8 | uint16(t.norm[1]); ix.gate[g>>6]&(1<<(g&63)) == 0 {
			continue
		}
		for _, l := range ix.prefixLens {
			if l > len(t.norm) {
				break
			}
			if ids, ok := ix.byPrefix[t.norm[:l]]; ok {
				try(ids, i)
			}
		}
	}
	return hits, sid
}

func (s *spec) matches(t *token, id int32) bool {
	switch s.kind {
	case specStem:
		return id == s.id
	case specExact:
		return t.norm == s.val
	default:
		return strings.HasPrefix(t.norm, s.val)
	}
}

// matchAt matches the pattern with its first word at token i; it returns the last token.
func (p *latinPattern) matchAt(toks []token, sid []int32, i int) (int, bool) {
	if !p.specs[0].matches(&toks[i], sid[i]) {
		return 0, false
	}
	j := i
	for k := 1; k < len(p.specs); k++ {
		s := &p.specs[k]
		if !s.gap {
			if j+1 >= len(toks) || toks[j+1].sent != toks[i].sent || !s.matches(&toks[j+1], sid[j+1]) {
				return 0, false
			}
			j++
			continue
		}
		found := false
		for g := j + 1; g <= j+1+maxGap && g < len(toks) && toks[g].sent == toks[i].sent; g++ {
			if s.matches(&toks[g], sid[g]) {
				j, found = g, true
				break
			}
		}
		if !found {
			return 0, false
		}
	}
	return j, true
}

// tokenAt returns the token whose compact range holds compact offset c.
func tokenAt(d *doc, c int32) int32 {
	i := sort.Search(len(d.toks), func(i int) bool { return d.toks[i].cstart > c })
	return int32(i - 1)
}

// eojeolEnd returns the compact offset where the word holding token t ends.
func eojeolEnd(d *doc, t int32) int32 {
	k := t + 1
	for int(k) < len(d.toks) && !d.toks[k].eojeol {
		k++
	}
	if int(k) < len(d.toks) {
		return d.toks[k].cstart
	}
	return int32(len(d.compact))
}

func (ix *koIndex) match(d *doc, hits []hit) []hit {
	c := d.compact
	for ti := range d.toks {
		t := &d.toks[ti]
		sentEnd := int32(len(c))
		if se := d.sents[t.sent+1]; int(se) < len(d.toks) {
			sentEnd = d.toks[se].cstart
		}
		note := int8(-1) // noteFinal of this token, found when first needed
		for off := 0; off < len(t.norm); {
			r, n := utf8.DecodeRuneInString(t.norm[off:])
			var ids []int32
			pos := t.cstart + int32(off)
			var next uint32
			if q := int(pos) + n; q+3 <= len(c) {
				next = pack3(c[q:])
			}
			if r >= 0xAC00 && r <= 0xD7A3 {
				if ix.hangul != nil && ix.hfilter[r-0xAC00]&secBit(next) != 0 {
					ids = ix.hangul[r-0xAC00]
				}
			} else if len(ix.byRune) > 0 {
				ids = ix.byRune[r]
			}
			for _, id := range ids {
				if sc := ix.sec[id]; sc != 0 && sc != next {
					continue
				}
				p := &ix.pats[id]
				if !strings.HasPrefix(c[pos:], p.parts[0]) {
					// note form: the verbal noun ends the clause without its verb (구류장에
					// 수감. 조사 중 구타.) and stands for 수감되, 구타당 …
					if len(p.parts) == 1 && !p.exact && !p.anchorE && (!p.anchorS || off == 0 && t.eojeol) && notePrefix(t.norm[off:], p.parts[0]) {
						if note < 0 {
							note = 0
							if noteFinal(d, int32(ti)) {
								note = 1
							}
						}
						if note == 0 {
							continue
						}
						for _, cl := range p.classes {
							hits = append(hits, hit{cls: cl, t0: int32(ti), t1: int32(ti), start: t.start + int32(off), end: t.end, sent: t.sent})
						}
					}
					continue
				}
				if (p.anchorS || p.exact) && (off != 0 || !t.eojeol) {
					continue
				}
				end := pos + int32(len(p.parts[0]))
				ok := true
				for _, part := range p.parts[1:] {
					if end >= sentEnd {
						ok = false
						break
					}
					k := strings.Index(c[end:sentEnd], part)
					if k < 0 {
						ok = false
						break
					}
					end += int32(k + len(part))
				}
				if !ok || end > int32(len(c)) {
					continue
				}
				lastTok := tokenAt(d, end-1)
				if p.exact || p.anchorE {
					we := eojeolEnd(d, lastTok)
					rest := c[end:we]
					if p.exact && rest != "" || p.anchorE && !koParticles[rest] {
						continue
					}
				}
				lt := &d.toks[lastTok]
				for _, cl := range p.classes {
					hits = append(hits, hit{cls: cl, t0: int32(ti), t1: lastTok, start: t.start + int32(off), end: lt.start + (end - lt.cstart), sent: t.sent})
				}
			}
			off += n
		}
	}
	return hits
}

// noteFinal: Korean token ti ends a clause of note form — a noun closes it, before a full
// stop, a comma, a line end or the end of the text, with no verb ending (사망. 통보 없음,).
func noteFinal(d *doc, ti int32) bool {
	t := &d.toks[ti]
	if int(ti)+1 < len(d.toks) && !d.toks[ti+1].eojeol {
		return false
	}
	rest := d.text[t.end:]
	if int(ti)+1 < len(d.toks) {
		rest = d.text[t.end:d.toks[ti+1].start]
	}
	rest = strings.TrimLeft(rest, " ")
	switch {
	case rest == "" && int(ti)+1 < len(d.toks):
		return false // only spaces before the next word: the clause goes on
	case rest != "" && rest[0] != '.' && rest[0] != ',' && rest[0] != '\n' && rest[0] != ';':
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t.norm)
	switch r {
	case '다', '요', '음', '함', '됨', '까', '죠', '네', '지', '고', '며', '서', '니', '데', '게', '임':
		return false
	}
	return r >= 0xAC00 && r <= 0xD7A3
}

// notePrefix: word is a term less its verbalizer (수감 for 수감되, 구타 for 구타당).
func notePrefix(word, term string) bool {
	for _, v := range [...]string{"되", "돼", "됐", "당", "했", "하", "시켰", "시키"} {
		if len(term) > len(v)+3 && strings.HasSuffix(term, v) && term[:len(term)-len(v)] == word {
			return true
		}
	}
	return false
}
