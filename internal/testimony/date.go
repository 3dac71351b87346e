package testimony

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pscore/dossier/internal/yamlnode"
)

// Date is an ISO 8601 partial date: a year, a year and month, or a full date.
// Month and Day are 0 when not given. The zero Date means "no date".
type Date struct {
	Year, Month, Day int
}

// ParseDate parses "2011", "2011-05" or "2011-05-03", checking that the month and day
// exist ("2011-13" and "2011-02-30" are errors).
func ParseDate(s string) (Date, error) {
	if len(s) > 10 && (s[10] == 'T' || s[10] == 't' || s[10] == ' ') {
		if d, err := ParseDate(s[:10]); err == nil {
			return Date{}, fmt.Errorf("%q is not a date: give the day only (%s), without a time", s, d)
		}
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 || !allIn(parts[0], 4, 4, isDigit) {
		return Date{}, fmt.Errorf("%s is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", yamlnode.Quote(s))
	}
	for _, p := range parts[1:] {
		if !allIn(p, 1, 2, isDigit) {
			return Date{}, fmt.Errorf("%s is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", yamlnode.Quote(s))
		}
	}
	var d Date
	d.Year, _ = strconv.Atoi(parts[0])
	if d.Year < 1 {
		return Date{}, fmt.Errorf("%q is not a date: there is no year 0", s)
	}
	if len(parts) >= 2 {
		if len(parts[1]) != 2 {
			return Date{}, fmt.Errorf("%q is not a date: the month needs two digits (YYYY-MM)", s)
		}
		d.Month, _ = strconv.Atoi(parts[1])
		if d.Month < 1 || d.Month > 12 {
			return Date{}, fmt.Errorf("%q is not a date: month %s does not exist", s, parts[1])
		}
	}
	if len(parts) == 3 {
		if len(parts[2]) != 2 {
			return Date{}, fmt.Errorf("%q is not a date: the day needs two digits (YYYY-MM-DD)", s)
		}
		d.Day, _ = strconv.Atoi(parts[2])
		last := time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		if d.Day < 1 || d.Day > last {
			return Date{}, fmt.Errorf("%q is not a date: %04d-%02d has no day %s", s, d.Year, d.Month, parts[2])
		}
	}
	return d, nil
}

// IsZero reports whether no date was given.
func (d Date) IsZero() bool { return d.Year == 0 }

// String formats the date with the precision it was given.
func (d Date) String() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// First is the earliest day the partial date can mean.
func (d Date) First() time.Time {
	m, day := d.Month, d.Day
	if m == 0 {
		m = 1
	}
	if day == 0 {
		day = 1
	}
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// Last is the latest day the partial date can mean.
func (d Date) Last() time.Time {
	switch {
	case d.Month == 0:
		return time.Date(d.Year, 12, 31, 0, 0, 0, 0, time.UTC)
	case d.Day == 0:
		return time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return d.First()
}

// Before reports whether d certainly ends before o begins, so "2011" is not before
// "2011-05" (they overlap) but "2011-04" is.
func (d Date) Before(o Date) bool { return d.Last().Before(o.First()) }
