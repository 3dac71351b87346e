package classify

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// A token is one word of an account, with where it came from. Offsets are byte offsets
// into the account text as loaded (NFC), so that evidence quotes are exactly text[start:end].
//
// English and French accounts are split into words; Korean accounts into 어절 (space-separated
// words), whose stems and particles are matched as substrings of a spaceless "compact" text
// because Korean attaches particles and endings to stems and spaces them inconsistently.
type token struct {
	start, end int32     // byte offsets in the original text
	norm       string    // folded: lowercase, accents stripped (en/fr); lowercase ASCII (ko)
	stem       string    // en/fr: light stem of norm; ko: norm
	wi         *wordInfo // en/fr with a word cache: the word's lexicon entries
	sent       int32     // sentence index
	clause     int32     // clause index (global within the document)
	cstart     int32     // ko: offset of norm in the compact text
	eojeol     bool      // ko: starts a space-separated word; en/fr: always true
}

// doc is one account in one language, tokenised.
type doc struct {
	lang    string
	mode    byte // 'k' Korean, 'l' Latin-script (en, fr)
	text    string
	toks    []token
	sents   []int32 // first token of each sentence, plus len(toks)
	compact string  // ko: concatenated token norms
}

func (d *doc) sentCount() int { return len(d.sents) - 1 }

// sentOf returns the token range [a, b) of sentence s.
func (d *doc) sentRange(s int32) (int32, int32) { return d.sents[s], d.sents[s+1] }

// Clause-opening words: a negation never reaches across them.
var clauseWords = map[string]bool{
	"but": true, "while": true, "whereas": true, "although": true, "though": true, "because": true,
	"until": true, "when": true, "so": true, "then": true, "whenever": true,
	"mais": true, "quand": true, "lorsque": true, "puis": true, "car": true, "parce": true,
	"jusqu'": true, "pendant": true, "tandis": true, "lorsqu'": true,
	"that": true, "que": true, "qu'": true,
}

var apostrophes = map[string]string{"s": "'s", "re": "'re", "ve": "'ve", "ll": "'ll", "d": "'d", "m": "'m"}

// frElisions are the French words written with an apostrophe before a vowel.
var frElisions = map[string]bool{
	"l": true, "d": true, "j": true, "m": true, "n": true, "s": true, "t": true, "c": true,
	"qu": true, "jusqu": true, "lorsqu": true, "puisqu": true, "quoiqu": true,
}

// koConnectives end a Korean clause when a word ends with them (…고, …는데, …지만 …).
var koConnectives = []string{"는데", "은데", "지만", "면서", "으며", "니까", "어서", "아서", "해서", "여서", "다가", "는지", "고"}

func isApos(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '\u2018' || r == '\u02bc' || r == '`' || r == '\u2032'
}

func startsWordRune(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r) || isApos(r)
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isAposByte(c byte) bool { return c == '\'' || c == '`' }

func isHangul(r rune) bool {
	return (r >= 0xAC00 && r <= 0xD7A3) || (r >= 0x1100 && r <= 0x11FF) || (r >= 0x3130 && r <= 0x318F)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	if r >= 0xAC00 && r <= 0xD7A3 {
		return true // Hangul syllables
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// foldAppend appends r lowercased and without accents to dst: typists vary in both.
func foldAppend(dst []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(dst, byte(r))
	}
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'À', 'Á', 'Â', 'Ã', 'Ä', 'Å', 'ā':
		return append(dst, 'a')
	case 'ç', 'Ç':
		return append(dst, 'c')
	case 'è', 'é', 'ê', 'ë', 'È', 'É', 'Ê', 'Ë', 'ē':
		return append(dst, 'e')
	case 'ì', 'í', 'î', 'ï', 'Ì', 'Í', 'Î', 'Ï':
		return append(dst, 'i')
	case 'ñ', 'Ñ':
		return append(dst, 'n')
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'Ò', 'Ó', 'Ô', 'Õ', 'Ö', 'ø', 'ō':
		return append(dst, 'o')
	case 'ù', 'ú', 'û', 'ü', 'Ù', 'Ú', 'Û', 'Ü', 'ū':
		return append(dst, 'u')
	case 'ý', 'ÿ', 'Ý':
		return append(dst, 'y')
	case 'œ', 'Œ':
		return append(dst, 'o', 'e')
	case 'æ', 'Æ':
		return append(dst, 'a', 'e')
	case 'ß':
		return append(dst, 's', 's')
	}
	return utf8.AppendRune(dst, unicode.ToLower(r))
}

// arena holds the folded forms of one document's words: each word's bytes are written once
// and never changed, so strings can point into it without a copy per word.
type arena struct{ buf []byte }

func (a *arena) mark() int { return len(a.buf) }

func (a *arena) str(mark int) string {
	if len(a.buf) == mark {
		return ""
	}
	return unsafe.String(&a.buf[mark], len(a.buf)-mark)
}

// reserve makes room for n more bytes without moving bytes already handed out as strings.
func (a *arena) reserve(n int) {
	if len(a.buf)+n > cap(a.buf) {
		a.buf = make([]byte, 0, max(2*n, 256, cap(a.buf)))
	}
}

// tokenize splits an account into tokens, sentences and clauses. mode 'k' is Korean.
func tokenize(text, lang string, mode byte, st *stemmer) *doc {
	return tokenizeInto(nil, text, lang, mode, st, nil)
}

// wordInfo is what the lexicon knows of one (folded) word: computed once per distinct word
// and worker, because words repeat far more than they vary.
type wordInfo struct {
	// what every lookup reads comes first, in one cache line
	kb       [16]byte // the word, when it is this short
	sid      int32    // interned stem (0: no stem spec uses it)
	kl       int8     // its length (-1: in key)
	clause   bool     // opens a clause (but, while, que …)
	denial   bool     // may start a denial ("not true", « pas vrai »; see denialCue)
	stem     string
	key      string  // a longer word
	prefixes []int32 // prefix patterns the word can start
	norm     []int32 // exact-form patterns the word can start
}

// wordCache maps folded words of one language to their wordInfo: an open-addressing table
// with a byte hash inlined here, because the lookup runs once per word of every account
// and the general map's hashing and probing showed as a tenth of the classifier's time.
type wordCache struct {
	slots []wordSlot // power of two, at most half full
	n     int
	chunk []wordInfo // where new entries are made
	ix    *latinIndex
	st    *stemmer
}

// wordSlot keeps the hash beside the entry, and the entry keeps a short word's bytes
// inline: a lookup reads the slot and the entry it needs anyway, not a third place.
type wordSlot struct {
	h  uint32
	wi *wordInfo
}

// wordCacheMax bounds a worker's cache; a full cache starts again.
const wordCacheMax = 1 << 17

func wordHash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h ^ h>>15
}

func (wi *wordInfo) is(norm string) bool {
	if len(norm) <= len(wi.kb) {
		return int(wi.kl) == len(norm) && string(wi.kb[:len(norm)]) == norm
	}
	return wi.key == norm
}

func (wc *wordCache) get(norm string) *wordInfo {
	if len(wc.slots) == 0 {
		wc.slots = make([]wordSlot, 1024)
	}
	mask := uint32(len(wc.slots) - 1)
	h := wordHash(norm)
	for i := h & mask; ; i = (i + 1) & mask {
		sl := &wc.slots[i]
		if sl.wi == nil {
			break
		}
		if sl.h == h && sl.wi.is(norm) {
			return sl.wi
		}
	}
	if len(wc.chunk) == cap(wc.chunk) {
		// entries side by side: lookups walk a compact block, not the whole heap
		wc.chunk = make([]wordInfo, 0, 256)
	}
	wc.chunk = append(wc.chunk, wordInfo{stem: strings.Clone(wc.st.stem(wc.ix.lang, norm)), clause: clauseWords[norm], denial: maybeDenialStart(norm), kl: -1})
	wi := &wc.chunk[len(wc.chunk)-1]
	if len(norm) <= len(wi.kb) {
		wi.kl = int8(copy(wi.kb[:], norm))
	} else {
		wi.key = strings.Clone(norm)
	}
	wi.sid = wc.ix.ids[wi.stem]
	wi.norm = wc.ix.byNorm[norm]
	if len(norm) >= 2 {
		if g := uint16(norm[0])<<8 | uint16(norm[1]); wc.ix.gate[g>>6]&(1<<(g&63)) != 0 {
			for _, l := range wc.ix.prefixLens {
				if l > len(norm) {
					break
				}
				wi.prefixes = append(wi.prefixes, wc.ix.byPrefix[norm[:l]]...)
			}
		}
	}
	wc.put(h, wi)
	return wi
}

func (wc *wordCache) put(h uint32, wi *wordInfo) {
	if 2*(wc.n+1) > len(wc.slots) {
		old := wc.slots
		size := 2 * len(old)
		if wc.n+1 > wordCacheMax {
			old, size = nil, 1024
		}
		wc.slots, wc.n = make([]wordSlot, size), 0
		for _, sl := range old {
			if sl.wi != nil {
				wc.put(sl.h, sl.wi)
			}
		}
	}
	mask := uint32(len(wc.slots) - 1)
	i := h & mask
	for wc.slots[i].wi != nil {
		i = (i + 1) & mask
	}
	wc.slots[i] = wordSlot{h, wi}
	wc.n++
}

// tokenizeInto tokenises into buf's storage when it is large enough (the classifier reuses
// one buffer per worker), else into a new slice.
func tokenizeInto(buf []token, text, lang string, mode byte, st *stemmer, words *wordCache) *doc {
	return tokenizeDoc(&doc{}, nil, buf, text, lang, mode, st, words)
}

// tokenizeDoc tokenises into d (zeroed), taking the sentence index from ints when given.
func tokenizeDoc(d *doc, ints *slab[int32], buf []token, text, lang string, mode byte, st *stemmer, words *wordCache) *doc {
	d.lang, d.mode, d.text = lang, mode, text
	if cap(buf) >= len(text)/3+8 {
		d.toks = buf[:0]
	} else {
		d.toks = make([]token, 0, len(text)/5+4)
	}
	var ar arena
	var sent, clause int32
	newSent, newClause := false, false
	spaceBefore := true
	i := 0
	emit := func(start, end int, norm string, eoj bool) {
		if newSent && len(d.toks) > 0 {
			sent++
			clause++
		} else if newClause && len(d.toks) > 0 {
			clause++
		}
		newSent, newClause = false, false
		t := token{start: int32(start), end: int32(end), norm: norm, sent: sent, clause: clause, eojeol: eoj}
		if mode == 'k' {
			t.stem = norm
		} else {
			opens := false
			if words != nil {
				t.wi = words.get(norm)
				t.stem = t.wi.stem
				opens = t.wi.clause
			} else {
				t.stem = st.stem(lang, norm)
				opens = len(norm) <= 8 && clauseWords[norm]
			}
			if opens && len(d.toks) > 0 && d.toks[len(d.toks)-1].sent == sent {
				clause++
				t.clause = clause
			}
		}
		d.toks = append(d.toks, t)
	}
	for i < len(text) {
		if text[i] == ' ' {
			// the commonest separator, without decoding
			spaceBefore = true
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			switch {
			case r == '\n':
				// A blank line ends a paragraph, hence a sentence; a single newline is a wrap.
				j := i + 1
				for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
					j++
				}
				if j < len(text) && text[j] == '\n' {
					newSent = true
				}
			case r == '.' || r == '!' || r == '?' || r == '…' || r == '。':
				if endsSentence(text, i+n, mode, d.toks) {
					newSent = true
				} else {
					newClause = true
				}
			case r == ',' || r == ';' || r == ':' || r == '(' || r == ')' || r == '—' || r == '–' ||
				r == '"' || r == '«' || r == '»' || r == '“' || r == '”' || r == '、' || r == '·':
				newClause = true
			case r == '-' && mode != 'k' && i > 0 && i+n < len(text) && text[i+n] == ' ' && text[i-1] == ' ':
				newClause = true
			}
			spaceBefore = spaceBefore || unicode.IsSpace(r) || (mode == 'k' && !isApos(r) && r != '-')
			if mode == 'k' && isApos(r) && i > 0 {
				// a quote inside an 어절 ('규율원'으로) does not start a new word
				pr, _ := utf8.DecodeLastRuneInString(text[:i])
				if unicode.IsSpace(pr) {
					spaceBefore = true
				}
			}
			i += n
			continue
		}
		// a word
		start := i
		// fast path: words that need no folding (lowercase ASCII; Korean) are slices of the
		// text, not copies
		j := i
		for j < len(text) {
			c := text[j]
			if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
				j++
				continue
			}
			if mode == 'k' && c >= utf8.RuneSelf {
				r, n := utf8.DecodeRuneInString(text[j:])
				if isHangul(r) || unicode.IsLetter(r) && !unicode.IsUpper(r) && r >= 0x1100 || unicode.IsDigit(r) {
					j += n
					continue
				}
			}
			break
		}
		if j > i && (j == len(text) || text[j] < utf8.RuneSelf && !isWordByte(text[j]) && !isAposByte(text[j]) || text[j] >= utf8.RuneSelf && !startsWordRune(text[j:])) {
			i = j
			norm := text[start:i]
			if mode != 'k' && (norm == "no" || norm == "n") && isNumberAbbrev(text, i) {
				norm = "no."
			}
			emit(start, i, norm, mode != 'k' || spaceBefore)
			spaceBefore = false
			continue
		}
		wordEnd := i
		for wordEnd < len(text) {
			r2, n2 := utf8.DecodeRuneInString(text[wordEnd:])
			if !isWordRune(r2) && !isApos(r2) {
				break
			}
			wordEnd += n2
		}
		ar.reserve(2*(wordEnd-i) + 4)
		m := ar.mark()
		for i < len(text) {
			r, n = utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				if mode == 'k' {
					if r < utf8.RuneSelf && r >= 'A' && r <= 'Z' {
						r += 'a' - 'A'
					}
					ar.buf = utf8.AppendRune(ar.buf, r)
				} else {
					ar.buf = foldAppend(ar.buf, r)
				}
				i += n
				continue
			}
			if isApos(r) && mode != 'k' && i+n < len(text) {
				nr, _ := utf8.DecodeRuneInString(text[i+n:])
				if !isWordRune(nr) {
					break
				}
				cur := ar.str(m)
				if lang == "fr" && frElisions[cur] {
					ar.buf = append(ar.buf, '\'')
					emit(start, i+n, ar.str(m), true)
					i += n
					start = i
					ar.reserve(2*(wordEnd-i) + 4)
					m = ar.mark()
					continue
				}
				if lang == "en" {
					rest := wordAt(text, i+n)
					switch {
					case rest == "t" && strings.HasSuffix(cur, "n") && len(cur) > 1:
						emit(start, i-1, cur[:len(cur)-1], true)
						emit(i-1, i+n+1, "n't", true)
						i += n + 1
						start = i
						goto next
					case rest == "s" || rest == "re" || rest == "ve" || rest == "ll" || rest == "d" || rest == "m":
						emit(start, i, cur, true)
						emit(i, i+n+len(rest), apostrophes[rest], true)
						i += n + len(rest)
						start = i
						goto next
					}
				}
				ar.buf = append(ar.buf, '\'')
				i += n
				continue
			}
			break
		}
		if ar.mark() > m {
			norm := ar.str(m)
			if mode != 'k' && (norm == "no" || norm == "n") && isNumberAbbrev(text, i) {
				norm = "no."
			}
			emit(start, i, norm, mode != 'k' || spaceBefore)
		}
	next:
		spaceBefore = false
	}
	// sentence starts
	if ints != nil {
		d.sents = ints.many(int(sent) + 2)[:0]
	} else {
		d.sents = make([]int32, 0, int(sent)+2)
	}
	prev := int32(-1)
	for k := range d.toks {
		if d.toks[k].sent != prev {
			d.sents = append(d.sents, int32(k))
			prev = d.toks[k].sent
		}
	}
	d.sents = append(d.sents, int32(len(d.toks)))
	if mode == 'k' {
		d.koClauses()
		var cb strings.Builder
		cb.Grow(len(text))
		for k := range d.toks {
			d.toks[k].cstart = int32(cb.Len())
			cb.WriteString(d.toks[k].norm)
		}
		d.compact = cb.String()
	}
	return d
}

// wordAt returns the letters starting at i.
func wordAt(text string, i int) string {
	j := i
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsLetter(r) {
			break
		}
		j += n
	}
	return strings.ToLower(text[i:j])
}

// isNumberAbbrev reports whether "No" at text[:i] is the abbreviation of "number"
// (Camp No. 15, n° 15) rather than the word "no".
func isNumberAbbrev(text string, i int) bool {
	j := i
	if j < len(text) && text[j] == '.' {
		j++
	} else if strings.HasPrefix(text[j:], "°") || strings.HasPrefix(text[j:], "º") {
		j += 2
	} else {
		return false
	}
	for j < len(text) && text[j] == ' ' {
		j++
	}
	return j < len(text) && text[j] >= '0' && text[j] <= '9'
}

var abbreviations = map[string]bool{"no": true, "mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "p": true, "pp": true, "vol": true, "art": true, "para": true, "paras": true, "n": true, "cf": true, "e.g": true, "i.e": true, "etc": false, "m": true, "mme": true}

// endsSentence decides whether punctuation ending at text[i:] closes a sentence: it must be
// followed by a space and a capital, a quote, a Hangul syllable or the end — so "Camp No. 15"
// and "p. 74" stay in one sentence.
func endsSentence(text string, i int, mode byte, toks []token) bool {
	if len(toks) > 0 && mode != 'k' {
		last := toks[len(toks)-1]
		if int(last.end) == i-1 && (abbreviations[last.norm] || (len(last.norm) == 1 && last.norm >= "a" && last.norm <= "z")) {
			return false
		}
	}
	j := i
	sawSpace := false
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		switch {
		case unicode.IsSpace(r):
			sawSpace = true
		case r == '"' || r == '\'' || r == '’' || r == '”' || r == '»' || r == ')' || r == '.':
			if sawSpace {
				return true
			}
		default:
			if !sawSpace {
				return false
			}
			return unicode.IsUpper(r) || isHangul(r) || r == '«' || r == '“' || r == '"' || r == '(' || mode == 'k' || unicode.IsDigit(r) && mode == 'k'
		}
		j += n
	}
	return true
}

// koClauses opens a new clause after a Korean word that ends with a connective ending.
func (d *doc) koClauses() {
	if len(d.toks) == 0 {
		return
	}
	shift := int32(0)
	for k := range d.toks {
		d.toks[k].clause += shift
		if k+1 < len(d.toks) && d.toks[k+1].eojeol && d.toks[k+1].sent == d.toks[k].sent && d.toks[k+1].clause == d.toks[k].clause-shift {
			for _, c := range koConnectives {
				if strings.HasSuffix(d.toks[k].norm, c) && len(d.toks[k].norm) > len(c) {
					shift++
					break
				}
			}
		}
	}
}

// stemmer reduces English and French words to a light stem so that inflections match:
// beat / beats / beating / beaten; starve / starved / starving / starvation; battu / battue
// / battus / battues. It is deliberately light — prefixes (execut*) cover the rest.
type stemmer struct {
	lemmas map[string]map[string]string
}

func (s *stemmer) stem(lang, w string) string {
	switch lang {
	case "en":
		return s.stemEN(w)
	case "fr":
		return stemFR(w)
	}
	return w
}

func isVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'
}

func undouble(w string) string {
	n := len(w)
	if n >= 3 && w[n-1] == w[n-2] && !isVowel(w[n-1]) && w[n-1] != 'l' && w[n-1] != 's' && w[n-1] != 'z' {
		return w[:n-1]
	}
	return w
}

func (s *stemmer) stemEN(w string) string {
	if l, ok := s.lemmas["en"][w]; ok {
		if l == w {
			return w // listed as itself: protected from the suffix rules (apartment)
		}
		w = l
	}
	if len(w) <= 3 || strings.ContainsAny(w, "0123456789'") {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "zes"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
	case strings.HasSuffix(w, "s"):
		w = w[:len(w)-1]
	}
	switch {
	case strings.HasSuffix(w, "ing") && len(w) >= 6:
		w = undouble(w[:len(w)-3])
	case strings.HasSuffix(w, "ied") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ed") && len(w) >= 5 && !strings.HasSuffix(w, "eed"):
		w = undouble(w[:len(w)-2])
	case strings.HasSuffix(w, "ation") && len(w) >= 8:
		w = w[:len(w)-5]
	case strings.HasSuffix(w, "ment") && len(w) >= 8:
		w = w[:len(w)-4]
	case strings.HasSuffix(w, "ly") && len(w) >= 6:
		w = w[:len(w)-2]
	}
	if strings.HasSuffix(w, "e") && len(w) >= 4 {
		w = w[:len(w)-1]
	}
	return w
}

// stemFR folds gender and number: battu/battue/battus/battues → battu; arrêtée → arrete.
func stemFR(w string) string {
	if len(w) <= 3 || strings.ContainsAny(w, "0123456789'") {
		return w
	}
	if (strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x")) && !strings.HasSuffix(w, "ois") && !strings.HasSuffix(w, "ais") && !strings.HasSuffix(w, "ss") {
		w = w[:len(w)-1]
	}
	switch {
	case strings.HasSuffix(w, "ee"):
		w = w[:len(w)-1]
	case strings.HasSuffix(w, "ue") && len(w) > 4:
		w = w[:len(w)-1]
	case strings.HasSuffix(w, "ie") && len(w) > 4:
		w = w[:len(w)-1]
	}
	return w
}
