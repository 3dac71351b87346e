package linebreak

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func kinds(text string) string {
	var b strings.Builder
	last := 0
	for _, br := range Breaks(text) {
		b.WriteString(text[last:br.Pos])
		switch br.Kind {
		case Word:
			b.WriteString("|")
		case Syllable:
			b.WriteString("~")
		case Mandatory:
			b.WriteString("$")
		}
		last = br.Pos
	}
	return b.String()
}

func TestBreaks(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"The quick fox.", "The |quick |fox.$"},
		{"탈북민의 증언을 기록했다.", "탈~북~민~의 |증~언~을 |기~록~했~다.$"},
		{"UN에서 발표했다", "UN~에~서 |발~표~했~다$"},
		{"one\ntwo", "one\n$two$"},
		{"(a) word, word", "(a) |word, |word$"},
		{"« Non »", "« Non »$"},
		{"mot » suite", "mot » |suite$"},
		{"well-known", "well-|known$"},
	} {
		in := tc.in
		if strings.Contains(in, "«") {
			in = French(in)
			tc.want = French(tc.want)
		}
		if got := kinds(in); got != tc.want {
			t.Errorf("%q:\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestFrench(t *testing.T) {
	n := "\u202F"
	for _, tc := range []struct{ in, want string }{
		{"« Non », dit-il ; puis : quoi ? Oui !", "«" + n + "Non" + n + "», dit-il" + n + "; puis" + n + ": quoi" + n + "? Oui" + n + "!"},
		{"«Non»", "«" + n + "Non" + n + "»"},
		{"Quoi?!", "Quoi" + n + "?!"},
		{"à 10:30 sur http://x.org", "à 10:30 sur http://x.org"},
		{"Article 3:", "Article 3" + n + ":"},
		{"? début", "? début"},
		{"no marks here", "no marks here"},
	} {
		if got := French(tc.in); got != tc.want {
			t.Errorf("French(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// idempotent
	s := "« Non », dit-il ; puis : quoi ?"
	if French(French(s)) != French(s) {
		t.Errorf("not idempotent: %q", French(French(s)))
	}
}

// checkBreaks verifies the invariants every layout relies on.
func checkBreaks(t *testing.T, text string) {
	t.Helper()
	bs := Breaks(text)
	if text == "" {
		if len(bs) != 0 {
			t.Fatalf("breaks in empty text: %v", bs)
		}
		return
	}
	if len(bs) == 0 || bs[len(bs)-1].Pos != len(text) || bs[len(bs)-1].Kind != Mandatory {
		t.Fatalf("%q: last break is not a mandatory one at the end: %v", text, bs)
	}
	prev := 0
	for _, b := range bs {
		if b.Pos <= prev || b.Pos > len(text) {
			t.Fatalf("%q: break at %d after %d", text, b.Pos, prev)
		}
		if b.Kind < Mandatory || b.Kind > Syllable {
			t.Fatalf("%q: bad kind %d", text, b.Kind)
		}
		if utf8.ValidString(text) && b.Pos != len(text) && !utf8.RuneStart(text[b.Pos]) {
			t.Fatalf("%q: break at %d inside a character", text, b.Pos)
		}
		if b.Kind != Mandatory {
			next, _ := utf8.DecodeRuneInString(text[b.Pos:])
			before, _ := utf8.DecodeLastRuneInString(text[:b.Pos])
			if isClosing(next) && utf8.ValidString(text) {
				t.Fatalf("%q: line would start with closing %q", text, next)
			}
			if b.Kind == Word && isHangul(before) && isHangul(next) {
				t.Fatalf("%q: word break between syllables at %d", text, b.Pos)
			}
		}
		prev = b.Pos
	}
}

func FuzzBreak(f *testing.F) {
	for _, s := range []string{"", "a", "탈북민의 증언", "« Non » ; oui", "word\n\nword", "ab—cd", "UN에서(DPRK) 발표", "\u00a0x \u202f!"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkBreaks(t, s)
		fr := French(s)
		if utf8.ValidString(s) {
			if French(fr) != fr {
				t.Fatalf("French not idempotent on %q: %q then %q", s, fr, French(fr))
			}
			if strings.ReplaceAll(strings.Map(func(r rune) rune {
				if isFrSpace(r) {
					return -1
				}
				return r
			}, fr), "", "") != strings.Map(func(r rune) rune {
				if isFrSpace(r) {
					return -1
				}
				return r
			}, s) {
				t.Fatalf("French changed more than spaces: %q → %q", s, fr)
			}
		}
		checkBreaks(t, fr)
	})
}

// TestURLBreaks: an address breaks after a slash or before &, _ … (where UAX #14 does
// not, as a demoted opportunity), not inside "https:/" or "www", and trailing punctuation is
// not part of it.
func TestURLBreaks(t *testing.T) {
	text := "See https://www.ohchr.org/en/HRC_res?a=1&b=2, par. 4."
	at := map[string]Kind{}
	for _, b := range Breaks(text) {
		at[text[:b.Pos]] = b.Kind
	}
	for _, want := range []string{"See https://www.ohchr.org/", "See https://www.ohchr.org/en/", "See https://www.ohchr.org/en/HRC", "See https://www.ohchr.org/en/HRC_res?", "See https://www.ohchr.org/en/HRC_res?a=1"} {
		if at[want] == 0 {
			t.Errorf("no break after %q", want)
		}
	}
	for _, not := range []string{"See https:", "See https:/", "See https://www", "See https://www.ohchr.org/en/HRC_res?a=1&b=2"} {
		if _, ok := at[not]; ok {
			t.Errorf("break inside the scheme or before trailing punctuation after %q", not)
		}
	}
	if at["See "] != Word {
		t.Errorf("the word break before the URL is %v", at["See "])
	}
}
