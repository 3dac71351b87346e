package leak

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzLeakScan checks that scanning never panics on any text, that every hit lies inside
// the text, and that a sealed value planted in any surrounding text (set apart by
// spaces) is always found.
func FuzzLeakScan(f *testing.F) {
	seeds := [][3]string{
		{"증인", "김영희", "는 2009년에"},
		{"born on", "3 March 1985", "in Hoeryong"},
		{"call", "010-1234-5678", "now"},
		{"", "Kim Young-hee", ""},
		{"\u00ad\u200b", "김\u200b영\u00ad희", "\u1161\u11a8"},
		{"(02) 123-4567", "kim@example.org", "850303-2123456"},
		{"ß", "Straße", "ẞ"},
		{"\xff\xfe", "ab\xc3", "\xe2\x82"},
		{"I had been working in a restaurant kitchen in Dandong for almost two years", "S-14", "Témoin"},
		{"١٢٣", "٠١٠١٢٣٤٥٦٧٨", "１２"},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, prefix, value, suffix string) {
		text := prefix + " " + value + " " + suffix
		valid := CheckValue(KindOther, value) == nil
		var secrets []Secret
		if valid {
			secrets = []Secret{{Testimony: "DEV-2014-001", Person: "A", Kind: KindOther, Value: value}}
		}
		s := NewScanner(secrets, []string{prefix})
		hits := s.ScanText(Text{Where: "x", Text: text})
		found := false
		for _, h := range hits {
			if h.Start < 0 || h.End > len(text) || h.Start > h.End {
				t.Fatalf("hit %v out of range of %d bytes", h, len(text))
			}
			if h.Kind == HitSealed {
				found = true
			}
			if !utf8.ValidString(h.String()) && utf8.ValidString(text) {
				t.Fatalf("message is not UTF-8: %q", h.String())
			}
		}
		if valid && !found {
			t.Fatalf("planted value %q not found in %q (fold %q in %q)", value, text, Fold(value), Fold(text))
		}
		// a waiver file built from the text never panics either
		ws, _ := ParseWaivers("w.yaml", []byte("waivers:\n  - text: "+strings.ReplaceAll(value, "\n", " ")+"\n    reason: r\n    by: b\n"))
		ApplyWaivers(hits, ws, s)
		_ = Plain(text)
		_ = Excerpt(text, 4)
		findDates(makePatternForm(text).s)
	})
}
