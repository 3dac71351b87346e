package leak

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// A full date written in any of the ways the three languages of the filings write one.
// Dates are found on the pattern form (ASCII digits, '-' for every dash).

var months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
	"sept": 9, "oct": 10, "nov": 11, "dec": 12,
	"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5,
	"juin": 6, "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10,
	"novembre": 11, "décembre": 12, "decembre": 12,
	"janv": 1, "févr": 2, "fevr": 2, "fév": 2, "fev": 2, "avr": 4, "juil": 7, "déc": 12,
}

var monthAlt = func() string {
	names := make([]string, 0, len(months))
	for m := range months {
		names = append(names, m)
	}
	// Longest first, so that "septembre" wins over "sept".
	for i := range names {
		for j := i + 1; j < len(names); j++ {
			if len(names[j]) > len(names[i]) || len(names[j]) == len(names[i]) && names[j] < names[i] {
				names[i], names[j] = names[j], names[i]
			}
		}
	}
	return strings.Join(names, "|")
}()

var (
	// 1985-03-03, 1985.3.3, 1985. 3. 3., 1985/03/03
	reYMD = regexp.MustCompile(`(\d{4}) ?([-./]) ?(\d{1,2}) ?[-./] ?(\d{1,2})\.?`)
	// 1985년 3월 3일
	reKoDate = regexp.MustCompile(`(\d{4}) ?년 ?(\d{1,2}) ?월 ?(\d{1,2}) ?일`)
	// 03/03/1985, 3.3.1985, 03-03-1985 (day-month or month-day)
	reDMYNum = regexp.MustCompile(`(\d{1,2}) ?([-./]) ?(\d{1,2}) ?[-./] ?(\d{4})`)
	// 3 March 1985, 3rd of March, 1985, 1er mars 1985, 3 mar. 1985
	reDMY = regexp.MustCompile(`(?i)(\d{1,2})(?:st|nd|rd|th|er|re)? ?(?:of )?(` + monthAlt + `)\.? ?,? ?(\d{4})`)
	// March 3, 1985, March 3rd 1985
	reMDY = regexp.MustCompile(`(?i)\b(` + monthAlt + `)\.? (\d{1,2})(?:st|nd|rd|th)?,? ?(\d{4})`)
	// 19850303
	reCompact = regexp.MustCompile(`(\d{4})(\d{2})(\d{2})`)
)

// date is a full calendar date found in a text, with where it is in the pattern form.
type date struct {
	y, m, d    int
	start, end int
}

func validDate(y, m, d int) bool {
	if y < 1850 || y > 2200 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// digitEdge reports whether s[i:j] is glued to more digits on either side.
func digitEdge(s string, i, j int) bool {
	return i > 0 && isDigit(s[i-1]) || j < len(s) && isDigit(s[j])
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// findDates returns the full dates in a pattern-form text. A numeric date that reads both
// day-first and month-first is returned both ways.
func findDates(s string) []date {
	if !hasDigitRun(s, 4) {
		return nil // every full date has a four-digit year or eight digits
	}
	var out []date
	add := func(y, m, d, i, j int) {
		if validDate(y, m, d) {
			out = append(out, date{y, m, d, i, j})
		}
	}
	for _, mt := range reYMD.FindAllStringSubmatchIndex(s, -1) {
		if digitEdge(s, mt[0], mt[1]) {
			continue
		}
		add(atoi(s[mt[2]:mt[3]]), atoi(s[mt[6]:mt[7]]), atoi(s[mt[8]:mt[9]]), mt[0], mt[1])
	}
	for _, mt := range reKoDate.FindAllStringSubmatchIndex(s, -1) {
		if digitEdge(s, mt[0], mt[1]) {
			continue
		}
		add(atoi(s[mt[2]:mt[3]]), atoi(s[mt[4]:mt[5]]), atoi(s[mt[6]:mt[7]]), mt[0], mt[1])
	}
	for _, mt := range reDMYNum.FindAllStringSubmatchIndex(s, -1) {
		if digitEdge(s, mt[0], mt[1]) {
			continue
		}
		a, b, y := atoi(s[mt[2]:mt[3]]), atoi(s[mt[6]:mt[7]]), atoi(s[mt[8]:mt[9]])
		add(y, b, a, mt[0], mt[1])
		if a != b {
			add(y, a, b, mt[0], mt[1])
		}
	}
	for _, mt := range reDMY.FindAllStringSubmatchIndex(s, -1) {
		if digitEdge(s, mt[0], mt[1]) {
			continue
		}
		m := months[strings.ToLower(s[mt[4]:mt[5]])]
		add(atoi(s[mt[6]:mt[7]]), m, atoi(s[mt[2]:mt[3]]), mt[0], mt[1])
	}
	for _, mt := range reMDY.FindAllStringSubmatchIndex(s, -1) {
		if digitEdge(s, mt[0], mt[1]) {
			continue
		}
		m := months[strings.ToLower(s[mt[2]:mt[3]])]
		add(atoi(s[mt[6]:mt[7]]), m, atoi(s[mt[4]:mt[5]]), mt[0], mt[1])
	}
	for _, mt := range reCompact.FindAllStringSubmatchIndex(s, -1) {
		if digitEdge(s, mt[0], mt[1]) {
			continue
		}
		add(atoi(s[mt[2]:mt[3]]), atoi(s[mt[4]:mt[5]]), atoi(s[mt[6]:mt[7]]), mt[0], mt[1])
	}
	return out
}

// parseISODate parses YYYY-MM-DD.
func parseISODate(s string) (y, m, d int, ok bool) {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return 0, 0, 0, false
	}
	return t.Year(), int(t.Month()), t.Day(), true
}

// Words that say a date is a birth date, in the pattern form, lower case. Matched before
// the date (within birthBefore bytes) or right after it ("1985년 3월 3일생").
var (
	reBirthBefore = regexp.MustCompile(`(?i)(\bborn\b|\bbirth|\bd\.? ?o\.? ?b\b|\bb\. ?|\bnée?(?: |$)|\bnaissance|\bnaît|\bnaquit|생년월일|생일|출생|태어|탄생)`)
	reBirthAfter  = regexp.MustCompile(`(?i)^\s?\)?\s?(생|출생|에 (?:출생|태어)|년생|\(born\)|\(née?\))`)
)

const birthBefore = 48 // bytes of pattern-form text looked at before a date

// birthContext reports whether the date at s[i:j] reads as a birth date.
func birthContext(s string, i, j int) bool {
	from := i - birthBefore
	for from > 0 && from < len(s) && s[from]&0xC0 == 0x80 {
		from-- // do not cut a character
	}
	from = max(from, 0)
	if reBirthBefore.MatchString(s[from:i]) {
		return true
	}
	to := min(j+16, len(s))
	for to < len(s) && s[to]&0xC0 == 0x80 {
		to++
	}
	return reBirthAfter.MatchString(s[j:to])
}

// hasDigitRun reports whether s has n ASCII digits in a row.
func hasDigitRun(s string, n int) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			run++
			if run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
