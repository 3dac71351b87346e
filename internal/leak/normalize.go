package leak

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Two forms of a text are matched against:
//
//   - the skeleton: letters and digits only, lower case, without diacritics, every
//     character fully decomposed (Hangul syllables into their jamo). Spaces, dashes,
//     punctuation and line breaks are dropped but remembered as separators; invisible
//     characters (zero-width spaces and joiners, soft hyphens, bidi marks, Hangul fillers)
//     are dropped and do not separate. So "김 영 희", "김영희", NFD "김영희" and
//     "김\u00ad영\u200b희" have one skeleton, as do "010-1234-5678", "010 1234 5678",
//     "０１０１２３４５６７８" and "01012345678". Sealed values and the distinctive texts of
//     testimonies are matched on skeletons.
//   - the pattern form: the text with invisible characters dropped, every dash as '-',
//     every space as ' ', every decimal digit and full-width ASCII character as ASCII.
//     Identifier patterns (phone numbers, resident registration numbers, e-mail
//     addresses, dates) are matched on it.
//
// Both are computed rune by rune, so that every character of a form maps back to the
// byte range of the source rune it came from (for line numbers in files).

// skeleton is the folded letters-and-digits form of a text.
type skeleton struct {
	s string
	// For each byte of s that starts a rune: the byte range of the source rune it came
	// from, and whether a separator came between it and the previous skeleton rune.
	start, end []int32
	sep        []bool
}

// invisible reports whether r is dropped without separating: format characters (soft
// hyphen, zero-width space, joiners, word joiner, BOM, bidi controls), variation
// selectors and the Hangul fillers.
func invisible(r rune) bool {
	switch {
	case unicode.Is(unicode.Cf, r):
		return true
	case r == 0x115F, r == 0x1160, r == 0x3164, r == 0xFFA0: // Hangul fillers
		return true
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF: // variation selectors
		return true
	case r == 0x034F: // combining grapheme joiner
		return true
	}
	return false
}

// digitValue returns the value of a decimal digit of any script (Nd), or -1.
func digitValue(r rune) int {
	if r >= '0' && r <= '9' {
		return int(r - '0')
	}
	if r < 0x80 || !unicode.Is(unicode.Nd, r) {
		return -1
	}
	// Every range of the Nd table is made of whole runs of ten digits starting at zero.
	for _, rg := range unicode.Nd.R16 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) {
			return int(r-rune(rg.Lo)) % 10
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) {
			return int(r-rune(rg.Lo)) % 10
		}
	}
	return -1
}

// foldRune appends the skeleton runes of r to dst; sep reports that r separates words
// (it adds nothing); drop that r is invisible.
func foldRune(dst []rune, r rune) (out []rune, sep bool) {
	if r < utf8.RuneSelf {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return append(dst, r), false
		case r >= 'A' && r <= 'Z':
			return append(dst, r+'a'-'A'), false
		}
		return dst, true
	}
	if invisible(r) {
		return dst, false
	}
	if r >= hangulBase && r < hangulBase+hangulCount {
		// A Hangul syllable decomposes into its jamo by arithmetic (Unicode §3.12).
		si := r - hangulBase
		dst = append(dst, 0x1100+si/(21*28), 0x1161+(si%(21*28))/28)
		if t := si % 28; t != 0 {
			dst = append(dst, 0x11A7+t)
		}
		return dst, false
	}
	if d := digitValue(r); d >= 0 {
		return append(dst, rune('0'+d)), false
	}
	var buf [4 * utf8.UTFMax]byte
	var dec [64]byte
	n := utf8.EncodeRune(buf[:], r)
	decomposed := norm.NFKD.Append(dec[:0], buf[:n]...)
	added := false
	for len(decomposed) > 0 {
		d, size := utf8.DecodeRune(decomposed)
		decomposed = decomposed[size:]
		switch {
		case unicode.IsMark(d), invisible(d):
		case unicode.IsLetter(d):
			if d == 'ß' || d == 'ẞ' {
				dst = append(dst, 's', 's')
			} else {
				dst = append(dst, unicode.ToLower(d))
			}
			added = true
		case digitValue(d) >= 0:
			dst = append(dst, rune('0'+digitValue(d)))
			added = true
		case unicode.IsNumber(d):
			// Other numbers (Roman numerals, fractions) keep their identity as letters
			// would; they are rare in identifiers.
			dst = append(dst, d)
			added = true
		}
	}
	if !added && !unicode.IsMark(r) {
		return dst, true
	}
	return dst, false
}

const (
	hangulBase  = 0xAC00
	hangulCount = 11172
)

// makeSkeleton computes the skeleton of text.
func makeSkeleton(text string) *skeleton { return buildSkeleton(text, true) }

// buildSkeleton computes the skeleton of text; without positions, start and end are
// left empty (for indexing, where only the folded text and the separators matter).
func buildSkeleton(text string, positions bool) *skeleton {
	k := &skeleton{sep: make([]bool, 0, len(text)+len(text)/2)}
	if positions {
		k.start = make([]int32, 0, cap(k.sep))
		k.end = make([]int32, 0, cap(k.sep))
	}
	b := make([]byte, 0, cap(k.sep))
	var runes [16]rune
	pendingSep := false
	for i, r := range text {
		out, sep := foldRune(runes[:0], r)
		if sep {
			pendingSep = true
			continue
		}
		size := utf8.RuneLen(r)
		if r == utf8.RuneError {
			_, size = utf8.DecodeRuneInString(text[i:])
		}
		for _, fr := range out {
			at := len(b)
			b = utf8.AppendRune(b, fr)
			for j := at; j < len(b); j++ {
				if positions {
					k.start = append(k.start, int32(i))
					k.end = append(k.end, int32(i+size))
				}
				k.sep = append(k.sep, pendingSep && j == at)
			}
			pendingSep = false
		}
	}
	k.s = string(b)
	return k
}

// pos returns the source start (or end) of the skeleton byte i; 0 without positions.
func (k *skeleton) pos(i int, start bool) int {
	if k.start == nil {
		return 0
	}
	if start {
		return int(k.start[i])
	}
	return int(k.end[i])
}

// Fold returns the skeleton of s: its letters and digits, lower case, without diacritics,
// Hangul decomposed into jamo, every separator and invisible character dropped. Two texts
// that read alike up to case, Unicode form, spacing, dashes and invisible characters fold
// to the same string.
func Fold(s string) string { return buildSkeleton(s, false).s }

// class of a skeleton rune for word boundaries: 'd' digit, 'c' a script written without
// spaces between names and particles (Hangul, Han, kana), 'l' any other letter.
func class(r rune) byte {
	switch {
	case r >= '0' && r <= '9':
		return 'd'
	case unicode.In(r, unicode.Hangul, unicode.Han, unicode.Hiragana, unicode.Katakana):
		return 'c'
	}
	return 'l'
}

// continuesSyllable reports whether r is a Hangul vowel or final consonant jamo, which
// cannot start a syllable.
func continuesSyllable(r rune) bool {
	return r >= 0x1160 && r <= 0x11FF || r >= 0xD7B0 && r <= 0xD7FF
}

// boundaryOK reports whether a match of s[i:j] stands on its own: not inside a longer
// word of Latin letters or a longer number, not splitting a source character or a Hangul
// syllable. Names in Hangul need no space around them (particles attach to them).
func (k *skeleton) boundaryOK(i, j int) bool {
	if i > 0 {
		if k.start[i] == k.start[i-1] {
			return false // inside one source character (ß → ss, a syllable's jamo)
		}
		if !k.sep[i] {
			first, _ := utf8.DecodeRuneInString(k.s[i:])
			prev, _ := utf8.DecodeLastRuneInString(k.s[:i])
			if continuesSyllable(first) {
				return false
			}
			if c := class(first); c != 'c' && c == class(prev) {
				return false
			}
		}
	}
	if j < len(k.s) {
		if k.start[j] == k.start[j-1] {
			return false
		}
		if !k.sep[j] {
			next, _ := utf8.DecodeRuneInString(k.s[j:])
			last, _ := utf8.DecodeLastRuneInString(k.s[:j])
			if continuesSyllable(next) {
				return false
			}
			if c := class(last); c != 'c' && c == class(next) {
				return false
			}
		}
	}
	return true
}

// find calls fn for every occurrence of needle in the skeleton that stands on its own,
// with the byte range it covers in the source text. fn returns false to stop.
func (k *skeleton) find(needle string, fn func(start, end int) bool) {
	if needle == "" {
		return
	}
	for from := 0; from < len(k.s); {
		i := strings.Index(k.s[from:], needle)
		if i < 0 {
			return
		}
		i += from
		j := i + len(needle)
		if k.boundaryOK(i, j) {
			if !fn(int(k.start[i]), int(k.end[j-1])) {
				return
			}
		}
		_, size := utf8.DecodeRuneInString(k.s[i:])
		from = i + size
	}
}

// patternForm is a text with invisible characters dropped, dashes, spaces, digits and
// full-width ASCII made plain, and a map back to the source.
type patternForm struct {
	s     string
	start []int32 // for each byte of s: offset of the source rune
	end   []int32
}

// plainRune maps one rune to its pattern form; ok is false when it is dropped.
func plainRune(r rune) (rune, bool) {
	switch {
	case r < utf8.RuneSelf:
		if r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' {
			return ' ', true
		}
		return r, true
	case invisible(r):
		return 0, false
	case unicode.IsSpace(r), unicode.Is(unicode.Zs, r):
		return ' ', true
	case unicode.Is(unicode.Pd, r), r == 0x2212, r == 0x2043:
		return '-', true
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0, true
	case r == 0xFE6B: // small commercial at
		return '@', true
	}
	if d := digitValue(r); d >= 0 {
		return rune('0' + d), true
	}
	return r, true
}

func makePatternForm(text string) *patternForm {
	p := &patternForm{}
	var b strings.Builder
	b.Grow(len(text))
	for i, r := range text {
		pr, ok := plainRune(r)
		if !ok {
			continue
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		at := b.Len()
		b.WriteRune(pr)
		for j := at; j < b.Len(); j++ {
			p.start = append(p.start, int32(i))
			p.end = append(p.end, int32(i+size))
		}
	}
	p.s = b.String()
	return p
}

// source returns the source byte range of s[i:j] (j > i).
func (p *patternForm) source(i, j int) (int, int) {
	return int(p.start[i]), int(p.end[j-1])
}

// Plain returns the pattern form of s with runs of spaces made one and the ends trimmed:
// the form in which hit texts are shown and waivers compared.
func Plain(s string) string {
	return strings.Join(strings.Fields(makePatternForm(s).s), " ")
}
