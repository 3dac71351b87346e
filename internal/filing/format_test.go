package filing

import (
	"testing"

	"github.com/pscore/dossier/internal/testimony"
)

func TestFormatDate(t *testing.T) {
	d := testimony.Date{Year: 2019, Month: 5, Day: 9}
	m := testimony.Date{Year: 2019, Month: 5}
	for _, c := range []struct {
		d    testimony.Date
		lang string
		want string
	}{
		{d, "en", "9 May 2019"}, {d, "fr", "9 mai 2019"}, {d, "ko", "2019년 5월 9일"},
		{m, "en", "May 2019"}, {m, "fr", "mai 2019"}, {m, "ko", "2019년 5월"},
		{testimony.Date{Year: 2019}, "fr", "2019"}, {testimony.Date{Year: 2019}, "ko", "2019년"},
		{testimony.Date{Year: 2019, Month: 8, Day: 1}, "fr", "1er août 2019"},
		{d, "es", "9 de mayo de 2019"},
	} {
		if got := FormatDate(c.d, c.lang); got != c.want {
			t.Errorf("FormatDate(%v, %s) = %q, want %q", c.d, c.lang, got, c.want)
		}
	}
	for _, c := range []struct {
		from, until testimony.Date
		lang, want  string
	}{
		{testimony.Date{Year: 2011, Month: 5}, testimony.Date{Year: 2012, Month: 8}, "en", "May 2011 – August 2012"},
		{testimony.Date{Year: 2006, Month: 6}, testimony.Date{Year: 2006, Month: 9}, "en", "June–September 2006"},
		{testimony.Date{Year: 2006, Month: 6}, testimony.Date{Year: 2006, Month: 9}, "fr", "juin–septembre 2006"},
		{testimony.Date{Year: 2001}, testimony.Date{Year: 2002}, "en", "2001–2002"},
		{testimony.Date{Year: 2001}, testimony.Date{Year: 2002}, "ko", "2001년~2002년"},
		{testimony.Date{Year: 1970, Month: 10}, testimony.Date{Year: 1979}, "en", "October 1970 – 1979"},
	} {
		if got := FormatPeriod(c.from, c.until, c.lang); got != c.want {
			t.Errorf("FormatPeriod(%v, %v, %s) = %q, want %q", c.from, c.until, c.lang, got, c.want)
		}
	}
}

func TestOrdinal(t *testing.T) {
	for _, c := range []struct {
		n    int
		lang string
		want string
	}{
		{1, "en", "first"}, {33, "en", "thirty-third"}, {42, "en", "forty-second"}, {47, "en", "forty-seventh"},
		{61, "en", "sixty-first"}, {58, "en", "fifty-eighth"}, {40, "en", "fortieth"}, {12, "en", "twelfth"}, {100, "en", "one hundredth"},
		{1, "fr", "première"}, {47, "fr", "quarante-septième"}, {61, "fr", "soixante et unième"}, {58, "fr", "cinquante-huitième"},
		{45, "fr", "quarante-cinquième"}, {49, "fr", "quarante-neuvième"}, {71, "fr", "soixante et onzième"}, {80, "fr", "quatre-vingtième"},
		{81, "fr", "quatre-vingt-unième"}, {4, "fr", "quatrième"}, {11, "fr", "onzième"},
		{47, "ko", "제47차"},
	} {
		if got := Ordinal(c.n, c.lang); got != c.want {
			t.Errorf("Ordinal(%d, %s) = %q, want %q", c.n, c.lang, got, c.want)
		}
	}
}

func TestFormatCount(t *testing.T) {
	for _, c := range []struct {
		n    int
		lang string
		want string
	}{
		{3, "en", "three"}, {3, "fr", "trois"}, {3, "ko", "3"}, {12, "en", "12"},
		{1500, "en", "1,500"}, {1500, "fr", "1\u202f500"}, {2815, "ko", "2,815"}, {1234567, "en", "1,234,567"},
	} {
		if got := FormatCount(c.n, c.lang); got != c.want {
			t.Errorf("FormatCount(%d, %s) = %q, want %q", c.n, c.lang, got, c.want)
		}
	}
}

func TestJosa(t *testing.T) {
	for in, want := range map[string]string{
		"서울북한인권증언기록원이(가) 기록한": "서울북한인권증언기록원이 기록한",
		"북한인권시민연합이(가) 기록한":    "북한인권시민연합이 기록한",
		"좋은벗들이(가) 기록한":        "좋은벗들이 기록한",
		"나우은(는) 동의한다":         "나우는 동의한다",
		"NKDB은(는) 동의한다":       "NKDB은(는) 동의한다",
		"A과(와) B":             "A과(와) B",
	} {
		if got := josa(in); got != want {
			t.Errorf("josa(%q) = %q, want %q", in, got, want)
		}
	}
}
