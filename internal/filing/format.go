package filing

import (
	"strconv"
	"strings"

	"github.com/pscore/dossier/internal/testimony"
)

var months = map[string][12]string{
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	"fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	"es": {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
}

// FormatDate writes a (partial) date the UN way in lang, with the precision it has:
// "9 May 2019", "May 2019", "2019"; « 9 mai 2019 », « 1er mai 2019 »; "2019년 5월 9일".
func FormatDate(d testimony.Date, lang string) string {
	if d.IsZero() {
		return ""
	}
	y := strconv.Itoa(d.Year)
	if lang == "ko" {
		s := y + "년"
		if d.Month > 0 {
			s += " " + strconv.Itoa(d.Month) + "월"
		}
		if d.Day > 0 {
			s += " " + strconv.Itoa(d.Day) + "일"
		}
		return s
	}
	names, ok := months[lang]
	if !ok {
		names = months["en"]
	}
	if d.Month == 0 {
		return y
	}
	m := names[d.Month-1]
	if lang == "es" {
		if d.Day == 0 {
			return m + " de " + y
		}
		return strconv.Itoa(d.Day) + " de " + m + " de " + y
	}
	if d.Day == 0 {
		return m + " " + y
	}
	day := strconv.Itoa(d.Day)
	if lang == "fr" && d.Day == 1 {
		day = "1er"
	}
	return day + " " + m + " " + y
}

// FormatPeriod writes an event's date, or its period when until is given:
// "February–March 2009", "May 2011 – August 2012".
func FormatPeriod(from, until testimony.Date, lang string) string {
	if until.IsZero() || until == from {
		return FormatDate(from, lang)
	}
	precision := func(d testimony.Date) int {
		switch {
		case d.Day != 0:
			return 3
		case d.Month != 0:
			return 2
		}
		return 1
	}
	if lang != "ko" && precision(from) == precision(until) && precision(from) < 3 {
		// "2001–2002", "June–September 2006": UN style, an en dash without spaces
		switch {
		case precision(from) == 1:
			return strconv.Itoa(from.Year) + "–" + strconv.Itoa(until.Year)
		case from.Year == until.Year:
			return strings.TrimSuffix(FormatDate(from, lang), " "+strconv.Itoa(from.Year)) + "–" + FormatDate(until, lang)
		}
	}
	if lang == "ko" {
		return FormatDate(from, lang) + "~" + FormatDate(until, lang)
	}
	return FormatDate(from, lang) + " – " + FormatDate(until, lang)
}

// FormatMonth writes a month and year: "May 2029", « mai 2029 », "2029년 5월".
func FormatMonth(d testimony.Date, lang string) string {
	return FormatDate(testimony.Date{Year: d.Year, Month: d.Month}, lang)
}

var (
	unitsEN = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	tensEN  = []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	ordEN   = map[string]string{"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth", "nine": "ninth", "twelve": "twelfth"}
	unitsFR = []string{"zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
		"onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"}
	tensFR  = []string{"", "", "vingt", "trente", "quarante", "cinquante", "soixante", "soixante", "quatre-vingt", "quatre-vingt"}
	unitsES = []string{"cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"}
)

// FormatCount writes a number the UN way: in words under 10 ("three", « trois »), in
// figures from 10 ("12", "1,500"; « 1 500 » with a narrow no-break space in French).
// Korean uses figures throughout.
func FormatCount(n int, lang string) string {
	if n >= 0 && n < 10 {
		switch lang {
		case "en":
			return unitsEN[n]
		case "fr":
			return unitsFR[n]
		case "es":
			return unitsES[n]
		}
	}
	return FormatNumber(n, lang)
}

// FormatNumber writes a number in figures with the thousands separator of lang.
func FormatNumber(n int, lang string) string {
	s := strconv.Itoa(abs(n))
	sep := ","
	switch lang {
	case "fr":
		sep = "\u202f"
	case "es":
		sep = "."
	}
	if len(s) > 4 || len(s) == 4 && lang != "es" {
		var b strings.Builder
		for i, c := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b.WriteString(sep)
			}
			b.WriteRune(c)
		}
		s = b.String()
	}
	if n < 0 {
		s = "-" + s
	}
	return s
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// cardinalEN writes 1–199 in English words.
func cardinalEN(n int) string {
	switch {
	case n < 20:
		return unitsEN[n]
	case n < 100:
		s := tensEN[n/10]
		if n%10 != 0 {
			s += "-" + unitsEN[n%10]
		}
		return s
	}
	s := "one hundred"
	if n%100 != 0 {
		s += " and " + cardinalEN(n%100)
	}
	return s
}

// cardinalFR writes 1–199 in French words (1990 spelling, with hyphens).
func cardinalFR(n int) string {
	switch {
	case n < 20:
		return unitsFR[n]
	case n < 100:
		t, u := n/10, n%10
		if t == 7 || t == 9 {
			u += 10
		}
		s := tensFR[t]
		switch {
		case u == 0 && t == 8:
			return s + "s"
		case u == 0:
			return s
		case (u == 1 || u == 11) && t < 8:
			return s + " et " + unitsFR[u]
		}
		return s + "-" + unitsFR[u]
	}
	s := "cent"
	if n%100 != 0 {
		s += " " + cardinalFR(n%100)
	}
	return s
}

// Ordinal writes n as a session ordinal: "forty-seventh", « quarante-septième »,
// "제47차"; figures with a suffix beyond 199.
func Ordinal(n int, lang string) string {
	if n <= 0 {
		return strconv.Itoa(n)
	}
	switch lang {
	case "ko":
		return "제" + strconv.Itoa(n) + "차"
	case "fr":
		if n == 1 {
			return "première"
		}
		if n >= 200 {
			return strconv.Itoa(n) + "e"
		}
		w := cardinalFR(n)
		w = strings.TrimSuffix(w, "s") // quatre-vingts → quatre-vingt
		switch {
		case strings.HasSuffix(w, "et un"):
			return strings.TrimSuffix(w, "un") + "unième"
		case strings.HasSuffix(w, "cinq"):
			return w + "uième"
		case strings.HasSuffix(w, "neuf"):
			return strings.TrimSuffix(w, "f") + "vième"
		case strings.HasSuffix(w, "e"):
			return strings.TrimSuffix(w, "e") + "ième"
		}
		return w + "ième"
	}
	if n >= 200 {
		suffix := "th"
		if n%100 < 11 || n%100 > 13 {
			suffix = [...]string{"th", "st", "nd", "rd", "th", "th", "th", "th", "th", "th"}[n%10]
		}
		return strconv.Itoa(n) + suffix
	}
	w := cardinalEN(n)
	i := strings.LastIndexAny(w, " -")
	last := w[i+1:]
	if o, ok := ordEN[last]; ok {
		return w[:i+1] + o
	}
	if strings.HasSuffix(last, "y") {
		return w[:i+1] + strings.TrimSuffix(last, "y") + "ieth"
	}
	return w + "th"
}

// Capitalize upper-cases the first letter: "forty-seventh" → "Forty-seventh".
func Capitalize(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
