package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestNewReport(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	now := func() time.Time { return time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC) }
	opts := &newReportOptions{globals: &globals{ProjectDir: dir, Out: &out, Err: &errb}, Kind: "hrc-statement", Name: "hrc-62", Now: now}
	if err := runNewReport(opts); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"report.yaml", "01-introduction.en.md", "01-introduction.fr.md", "01-introduction.ko.md"} {
		if !strings.Contains(out.String(), filepath.Join(dir, "reports", "hrc-62", f)) {
			t.Errorf("not written: %s\n%s", f, out.String())
		}
	}
	data, _ := os.ReadFile(filepath.Join(dir, "reports", "hrc-62", "report.yaml"))
	if !strings.Contains(string(data), "kind: hrc-statement") || !strings.Contains(string(data), "date: 2026-11-21") {
		t.Errorf("report.yaml:\n%s", data)
	}
	// never over an existing report
	if err := runNewReport(opts); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second run: %v", err)
	}
	// through the command line, with a language list; a bad kind is refused
	var o, e bytes.Buffer
	if code := run([]string{"new", "report", "--project", dir, "--kind", "sp-input", "--lang", "en", "call-2027"}, nil, &o, &e); code != 0 {
		t.Fatalf("exit %d: %s", code, e.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "reports", "call-2027", "q1.en.md")); err != nil {
		t.Error(err)
	}
	if code := run([]string{"new", "report", "--project", dir, "--kind", "upr", "x"}, nil, &o, &e); code != 1 || !strings.Contains(e.String(), `unknown kind "upr"`) {
		t.Errorf("bad kind: %d %s", code, e.String())
	}
}
