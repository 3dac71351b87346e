package testimony

import (
	"strconv"
	"strings"
)

// SchemaVersion is the format version this package reads.
const SchemaVersion = 1

// Keys are the keys one kind of mapping of the format may hold, in the order of the spec,
// and the keys it must hold.
type Keys struct {
	Known    []string
	Required []string
}

// Mappings lists every mapping of the testimony format, by the name messages use for it.
// The parser checks files against it, and the JSON Schema test reads it, so that the
// schema editors use and the parser cannot drift apart. (An event's account is not
// listed: its keys are the languages of the vocabulary.)
var Mappings = map[string]Keys{
	"testimony": {
		Known:    []string{"id", "schema", "source", "persons", "events"},
		Required: []string{"id", "schema", "source", "persons", "events"},
	},
	"source": {
		Known:    []string{"interviewed", "place", "interviewer", "language", "relation", "consent"},
		Required: []string{"interviewed", "language", "relation", "consent"},
	},
	"person": {
		Known:    []string{"ref", "pseudonym", "sex", "born", "origin"},
		Required: []string{"ref", "pseudonym"},
	},
	"event": {
		Known:    []string{"id", "date", "until", "place", "account", "acts", "review"},
		Required: []string{"id", "date", "account"},
	},
	"place": {
		Known: []string{"name", "admin1", "country", "geo"},
	},
	"act": {
		Known:    []string{"type", "victim", "perpetrator"},
		Required: []string{"type", "victim", "perpetrator"},
	},
	"review": {
		Known: []string{"add", "remove", "note"},
	},
}

// Instruments are the instrument prefixes an article reference may use.
var Instruments = []string{"UDHR", "ICCPR", "ICESCR", "CAT", "CRC", "CEDAW", "CRPD", "ICPPED", "CSR51", "TIP", "ROME"}

// Born years outside this range are refused as implausible.
const (
	MinBorn = 1880
	MaxBorn = 2100
)

// The patterns below are those of the JSON Schema (schema/testimony.schema.json); they
// are matched by hand because they run for every id and code of every file.

// SplitID splits a testimony id, [A-Z]{2,6}-\d{4}-\d{3,5} (PSC-2019-0042), into its
// prefix, year and number (with its zero padding). ok is false when id is malformed.
func SplitID(id string) (prefix string, year int, number string, ok bool) {
	parts := strings.Split(id, "-")
	if len(parts) != 3 || !allIn(parts[0], 2, 6, isUpper) || !allIn(parts[1], 4, 4, isDigit) || !allIn(parts[2], 3, 5, isDigit) {
		return "", 0, "", false
	}
	year, _ = strconv.Atoi(parts[1])
	return parts[0], year, parts[2], true
}

// IsID reports whether s is a well-formed testimony id.
func IsID(s string) bool {
	_, _, _, ok := SplitID(s)
	return ok
}

// isEventID matches ^[A-Za-z][A-Za-z0-9_-]{0,31}$.
func isEventID(s string) bool {
	return len(s) >= 1 && isLetter(s[0]) && allIn(s[1:], 0, 31, isWordByte)
}

// isRef matches ^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$.
func isRef(s string) bool {
	return len(s) >= 1 && (isLetter(s[0]) || isDigit(s[0])) && allIn(s[1:], 0, 31, isWordByte)
}

// isCountry matches ^[A-Z]{2}$.
func isCountry(s string) bool { return allIn(s, 2, 2, isUpper) }

// isStaffCode matches ^[a-z]+[-_]?\d+$ (staff-07).
func isStaffCode(s string) bool {
	i := 0
	for i < len(s) && s[i] >= 'a' && s[i] <= 'z' {
		i++
	}
	if i == 0 {
		return false
	}
	if i < len(s) && (s[i] == '-' || s[i] == '_') {
		i++
	}
	return allIn(s[i:], 1, len(s), isDigit)
}

func allIn(s string, minLen, maxLen int, ok func(byte) bool) bool {
	if len(s) < minLen || len(s) > maxLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !ok(s[i]) {
			return false
		}
	}
	return true
}

func isUpper(c byte) bool    { return c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool    { return c >= '0' && c <= '9' }
func isLetter(c byte) bool   { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }
func isWordByte(c byte) bool { return isLetter(c) || isDigit(c) || c == '_' || c == '-' }
