package fonts

import (
	"errors"
	"strings"
	"testing"
)

func TestFaces(t *testing.T) {
	for _, f := range Faces() {
		if err := f.Load(); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if f.UnitsPerEm == 0 || f.Ascent <= 0 || f.Descent >= 0 {
			t.Errorf("%s: metrics %d %d %d", f.Name, f.UnitsPerEm, f.Ascent, f.Descent)
		}
	}
}

func TestFor(t *testing.T) {
	for _, tc := range []struct {
		s    Style
		r    rune
		want string
	}{
		{Serif, 'e', "LiberationSerif-Regular"},
		{Serif, 'é', "LiberationSerif-Regular"},
		{Serif, 'œ', "LiberationSerif-Regular"},
		{Serif, '가', "NanumMyeongjo"},
		{SerifBold, '한', "NanumMyeongjoBold"},
		{SerifItalic, '한', "NanumMyeongjo"},
		{Sans, '북', "NanumGothic"},
		{SansBold, 'A', "LiberationSans-Bold"},
		{Mono, '\u202F', "LiberationSans-Regular"},
		{Mono, '한', "NanumGothic"},
	} {
		f := For(tc.s, tc.r)
		if f == nil || f.Name != tc.want {
			t.Errorf("For(%d, %q) = %v, want %s", tc.s, tc.r, f, tc.want)
		}
		if f != nil && f.Advance(tc.r) <= 0 {
			t.Errorf("%s: no advance for %q", f.Name, tc.r)
		}
	}
	// the reason for per-character choice: NanumMyeongjo has no é
	if faces[nanumM].Has('é') {
		t.Log("NanumMyeongjo has é after all")
	}
}

func TestMissing(t *testing.T) {
	err := Check(Serif, "ok ඞ", "block 3 (paragraph)")
	var me *MissingError
	if !errors.As(err, &me) || me.Rune != 'ඞ' {
		t.Fatalf("got %v", err)
	}
	for _, want := range []string{"U+0D9E", "ඞ", "block 3"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q lacks %q", err, want)
		}
	}
	if err := Check(Serif, "Témoignage « œuvre » 탈북민 — 1’2", ""); err != nil {
		t.Error(err)
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		f := &Face{Name: "x", Data: nanumMyeongjo}
		if err := f.Load(); err != nil {
			b.Fatal(err)
		}
	}
}
