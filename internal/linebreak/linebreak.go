// Package linebreak finds where lines may end: the Unicode line breaking algorithm
// (UAX #14, by github.com/rivo/uniseg) tailored for the languages dossier sets.
//
//   - Korean is broken between words (eojeol), as with CSS word-break: keep-all. The
//     break opportunities UAX #14 gives between Hangul syllables, and between Hangul and
//     adjacent Latin letters or punctuation, are kept but demoted to [Syllable]: a
//     layout uses them only when a line would otherwise be badly stretched, or when one
//     eojeol is wider than the line.
//   - No line starts with a closing mark: no break is allowed before closing
//     punctuation, closing quotation marks, or . , ; : ! ? % and the like.
//   - A URL may also break inside, after a slash or ?, before &, =, _ and the like, as
//     a demoted opportunity: UN endnotes cite long addresses that would otherwise leave
//     a line with gaping word spaces. (No break before a dot: no line starts with one.)
//   - [French] applies French spacing: narrow no-break spaces inside « » and before
//     ; : ! ?, so that those marks never start or end a line alone.
package linebreak

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Kind is the kind of a break opportunity.
type Kind uint8

const (
	// Mandatory: the line must end here (newline, end of text).
	Mandatory Kind = iota + 1
	// Word: an ordinary opportunity, between words.
	Word
	// Syllable: an opportunity inside a word (between Korean syllables, inside a
	// URL), to be used only when needed.
	Syllable
)

func (k Kind) String() string {
	switch k {
	case Mandatory:
		return "mandatory"
	case Word:
		return "word"
	case Syllable:
		return "syllable"
	}
	return "none"
}

// Break is an opportunity to end a line before text[Pos:] (after text[:Pos]).
type Break struct {
	Pos  int
	Kind Kind
}

// Breaks returns the break opportunities of text in increasing Pos. The end of a
// non-empty text is always a Mandatory break and is the last element; no break is at
// position 0. Spaces stay at the end of the segment before a break (a layout hangs
// them in the margin).
func Breaks(text string) []Break {
	var out []Break
	state := -1
	pos := 0
	rest := text
	for len(rest) > 0 {
		var seg string
		var must bool
		seg, rest, must, state = uniseg.FirstLineSegmentInString(rest, state)
		pos += len(seg)
		if len(rest) == 0 {
			out = append(out, Break{Pos: pos, Kind: Mandatory})
			break
		}
		if must {
			out = append(out, Break{Pos: pos, Kind: Mandatory})
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(text[:pos])
		next, _ := utf8.DecodeRuneInString(text[pos:])
		if isClosing(next) || isOpening(prev) || next == '\u00A0' || next == '\u202F' || prev == '\u00A0' || prev == '\u202F' {
			continue
		}
		kind := Word
		if !unicode.IsSpace(prev) && (isHangul(prev) || isHangul(next)) {
			kind = Syllable
		}
		out = append(out, Break{Pos: pos, Kind: kind})
	}
	return withURLBreaks(text, out)
}

// url finds addresses in running text; trailing punctuation is not part of one.
var url = regexp.MustCompile(`(?:https?://|www\.)[^\s<>«»"“”‘’]+`)

// withURLBreaks adds the opportunities inside URLs to bs (sorted by Pos).
func withURLBreaks(text string, bs []Break) []Break {
	if !strings.Contains(text, "http") && !strings.Contains(text, "www.") {
		return bs
	}
	var extra []Break
	for _, m := range url.FindAllStringIndex(text, -1) {
		s, e := m[0], m[1]
		for e > s && strings.ContainsRune(".,;:!?)]}'", rune(text[e-1])) {
			e--
		}
		// the scheme and host's first label stay whole: "https://www."
		from := s + 1
		if i := strings.Index(text[s:e], "://"); i >= 0 {
			from = s + i + 3
		}
		for i := from + 1; i < e-1; i++ {
			prev, next := text[i-1], text[i]
			switch {
			case (prev == '/' || prev == '?') && next != '/':
			case strings.IndexByte("&=#_-~", next) >= 0 && strings.IndexByte("/?&=#_-~", prev) < 0:
			default:
				continue
			}
			if r, _ := utf8.DecodeRuneInString(text[i:]); isClosing(r) || !utf8.RuneStart(text[i]) {
				continue // no line starts with a closing mark
			}
			extra = append(extra, Break{Pos: i, Kind: Syllable})
		}
	}
	if len(extra) == 0 {
		return bs
	}
	out := make([]Break, 0, len(bs)+len(extra))
	i, j := 0, 0
	for i < len(bs) || j < len(extra) {
		switch {
		case j == len(extra) || i < len(bs) && bs[i].Pos < extra[j].Pos:
			out = append(out, bs[i])
			i++
		case i == len(bs) || extra[j].Pos < bs[i].Pos:
			out = append(out, extra[j])
			j++
		default: // already an opportunity: keep the stronger one
			out = append(out, bs[i])
			i++
			j++
		}
	}
	return out
}

func isHangul(r rune) bool {
	return r >= 0xAC00 && r <= 0xD7A3 || r >= 0x1100 && r <= 0x11FF || r >= 0x3130 && r <= 0x318F ||
		r >= 0xA960 && r <= 0xA97F || r >= 0xD7B0 && r <= 0xD7FF
}

// isClosing reports whether no line may start with r.
func isClosing(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', '%', '‰', '»', '›', '’', '”', '…', '‼', '⁇', '⁈', '⁉',
		'。', '、', '，', '．', '：', '；', '！', '？', '〉', '》', '」', '』', '】', '〕', '〗', '〙', '〛':
		return true
	}
	return unicode.In(r, unicode.Pe, unicode.Pf)
}

// isOpening reports whether no line may end with r.
func isOpening(r rune) bool {
	switch r {
	case '«', '‹', '“', '‘', '„', '〈', '《', '「', '『', '【', '〔':
		return true
	}
	return unicode.In(r, unicode.Ps, unicode.Pi)
}

const nnbsp = '\u202F'

// French applies French spacing to text: the space after « and before », ; : ! ? becomes
// a narrow no-break space (U+202F), and one is inserted where the space is missing, so
// "« Non »" and "Pourquoi ?" are set as the French do and never broken at the mark.
// A colon is spaced only when it ends a word (not in 10:30 or http://), and a mark that
// follows another of the set (?!) is not spaced again.
func French(text string) string {
	if !strings.ContainsAny(text, "«»;:!?") {
		return text
	}
	rs := []rune(text)
	out := make([]rune, 0, len(rs)+8)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch r {
		case '«':
			out = append(out, r)
			j := i + 1
			for j < len(rs) && isFrSpace(rs[j]) {
				j++
			}
			if j < len(rs) && rs[j] != '\n' {
				out = append(out, nnbsp)
			}
			i = j - 1
			continue
		case '»', ';', ':', '!', '?':
			if r != '»' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) && !isClosing(rs[i+1]) {
				break // 10:30, http://, a;b
			}
			// drop spaces written before the mark, then put one narrow no-break space
			k := len(out)
			for k > 0 && isFrSpace(out[k-1]) {
				k--
			}
			if k == 0 {
				break // mark at the start: nothing to space from
			}
			last := out[k-1]
			if r != '»' && strings.ContainsRune(";:!?", last) || last == '«' || last == '\n' || unicode.IsSpace(last) {
				break
			}
			out = append(out[:k], nnbsp)
		}
		out = append(out, r)
	}
	return string(out)
}

func isFrSpace(r rune) bool { return r == ' ' || r == '\u00A0' || r == nnbsp || r == '\u2009' }
