// Package diag collects problems found in user files (testimonies, report definitions,
// Markdown sections) and prints them the way compilers do, path:line:col: message, so
// that editors and researchers can jump straight to the spot.
package diag

import (
	"fmt"
	"sort"
)

// Severity says whether a problem stops the build.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText makes severities read as words in JSON output.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Diagnostic is one problem at one place. Line and Col are 1-based; 0 means unknown
// (a problem with the file as a whole).
type Diagnostic struct {
	Path     string   `json:"path"`
	Line     int      `json:"line"`
	Col      int      `json:"col"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
}

// String formats the diagnostic as path:line:col: message; warnings say so.
func (d Diagnostic) String() string {
	loc := d.Path
	if d.Line > 0 {
		loc = fmt.Sprintf("%s:%d:%d", d.Path, d.Line, max(d.Col, 1))
	}
	if d.Severity == Warning {
		return loc + ": warning: " + d.Message
	}
	return loc + ": " + d.Message
}

// List is a set of diagnostics.
type List []Diagnostic

// Errorf adds an error.
func (l *List) Errorf(path string, line, col int, format string, args ...any) {
	*l = append(*l, Diagnostic{Path: path, Line: line, Col: col, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning.
func (l *List) Warnf(path string, line, col int, format string, args ...any) {
	*l = append(*l, Diagnostic{Path: path, Line: line, Col: col, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// Sort orders by path, line, column, then message, so output is stable.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Message < b.Message
	})
}

// Errors counts the errors.
func (l List) Errors() int {
	n := 0
	for _, d := range l {
		if d.Severity == Error {
			n++
		}
	}
	return n
}

// Warnings counts the warnings.
func (l List) Warnings() int { return len(l) - l.Errors() }

// Err returns nil when there are no errors, else an error that prints every diagnostic.
func (l List) Err() error {
	if l.Errors() == 0 {
		return nil
	}
	return &ListError{List: l}
}

// ListError is an error carrying diagnostics; commands print them one per line.
type ListError struct{ List List }

func (e *ListError) Error() string {
	s := ""
	for i, d := range e.List {
		if i > 0 {
			s += "\n"
		}
		s += d.String()
	}
	return s
}
