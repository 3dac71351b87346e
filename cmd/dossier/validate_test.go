package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/pscore/dossier/internal/secret"
)

// badFixtures are the malformed testimonies of the loader's tests, one folder per class
// of problem, each with the diagnostics it must give (want.txt).
const badFixtures = "../../internal/testimony/testdata/bad"

// validateRun runs `dossier validate` in process, with an empty project (embedded
// vocabulary) unless project is given, and returns what it printed and its error.
func validateRun(t *testing.T, project string, format string, paths ...string) (string, error) {
	t.Helper()
	t.Setenv(secret.EnvIdentity, "")
	t.Setenv(secret.EnvPassphrase, "")
	if project == "" {
		project = t.TempDir()
	}
	var out, errOut bytes.Buffer
	g := &globals{ProjectDir: project, In: strings.NewReader(""), Out: &out, Err: &errOut}
	err := runValidate(&validateOptions{globals: g, Paths: paths, Format: format})
	if errOut.Len() > 0 {
		t.Errorf("stderr: %s", errOut.String())
	}
	return out.String(), err
}

var summaryLine = regexp.MustCompile(`^(\d+) testimonies, (\d+) events, (\d+) errors, (\d+) warnings$`)

// TestValidateFixtures: every malformed file gives its own path:line:col message, as the
// fixture says, then the summary; any error makes the command fail (exit 1).
func TestValidateFixtures(t *testing.T) {
	cases, err := os.ReadDir(badFixtures)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name(), func(t *testing.T) {
			dir := filepath.Join(badFixtures, c.Name())
			want, err := os.ReadFile(filepath.Join(dir, "want.txt"))
			if err != nil {
				t.Fatal(err)
			}
			out, runErr := validateRun(t, "", "text", dir)
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			m := summaryLine.FindStringSubmatch(lines[len(lines)-1])
			if m == nil {
				t.Fatalf("no summary line:\n%s", out)
			}
			var wantLines []string
			for _, l := range strings.Split(strings.TrimSuffix(string(want), "\n"), "\n") {
				wantLines = append(wantLines, dir+string(filepath.Separator)+strings.ReplaceAll(l, "$DIR", dir))
			}
			if got := strings.Join(lines[:len(lines)-1], "\n"); got != strings.Join(wantLines, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", got, strings.Join(wantLines, "\n"))
			}
			warnOnly := strings.HasPrefix(c.Name(), "warn-")
			if warnOnly != (runErr == nil) || runErr != nil && !errors.Is(runErr, errReported) {
				t.Errorf("error %v (summary %q)", runErr, lines[len(lines)-1])
			}
		})
	}
}

// TestValidateAllAtOnce: every problem of every file in one run, sorted, each with a
// position; the counts add up.
func TestValidateAllAtOnce(t *testing.T) {
	out, err := validateRun(t, "", "text", badFixtures)
	if !errors.Is(err, errReported) {
		t.Fatalf("error %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	m := summaryLine.FindStringSubmatch(lines[len(lines)-1])
	if m == nil || m[1] == "0" || m[3] == "0" || m[4] == "0" {
		t.Fatalf("summary %q", lines[len(lines)-1])
	}
	positioned := regexp.MustCompile(`^` + regexp.QuoteMeta(badFixtures) + `/[^:]+\.yaml:[1-9]\d*:[1-9]\d*: \S`)
	for _, l := range lines[:len(lines)-1] {
		if !positioned.MatchString(l) {
			t.Errorf("not path:line:col: message: %s", l)
		}
	}
	if n := len(lines) - 1; m[3]+m[4] == "" || n < 50 {
		t.Errorf("%d diagnostics", n)
	}
}

// TestValidateSampleCorpus: the project's own testimonies (the default) are valid.
func TestValidateSampleCorpus(t *testing.T) {
	project := t.TempDir()
	copyDir(t, "../../testimonies", filepath.Join(project, "testimonies"))
	out, err := validateRun(t, project, "text")
	if err != nil || out != "40 testimonies, 74 events, 0 errors, 0 warnings\n" {
		t.Errorf("%v\n%s", err, out)
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestValidateJSON: --format json gives the counts and every diagnostic as an object.
func TestValidateJSON(t *testing.T) {
	dir := filepath.Join(badFixtures, "unknown-key")
	out, err := validateRun(t, "", "json", dir)
	if !errors.Is(err, errReported) {
		t.Errorf("error %v", err)
	}
	var rep struct {
		Testimonies, Events, Errors, Warnings int
		Diagnostics                           []map[string]any
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	f := filepath.Join(dir, "PSC-2019-001.yaml")
	if rep.Testimonies != 1 || rep.Events != 1 || rep.Errors != 2 || rep.Warnings != 0 || len(rep.Diagnostics) != 2 {
		t.Fatalf("%+v", rep)
	}
	want := map[string]any{"path": f, "line": 7.0, "col": 3.0, "severity": "error", "message": `unknown key "langauge" in source (did you mean "language"?)`}
	if got := rep.Diagnostics[1]; len(got) != len(want) || got["path"] != want["path"] || got["line"] != want["line"] || got["col"] != want["col"] || got["severity"] != want["severity"] || got["message"] != want["message"] {
		t.Errorf("diagnostic %v, want %v", got, want)
	}
	// A clean run lists no diagnostics, as an empty array (not null).
	out, err = validateRun(t, "", "json", "../../internal/testimony/testdata/good")
	if err != nil || !strings.Contains(out, `"diagnostics": []`) || !strings.Contains(out, `"warnings": 0`) {
		t.Errorf("%v\n%s", err, out)
	}
	if _, err := validateRun(t, "", "yaml", dir); err == nil || !strings.Contains(err.Error(), `unknown --format "yaml"`) {
		t.Errorf("bad format: %v", err)
	}
}

// TestValidateRobustness: what a new user may feed it. Each file gets its own message
// with a position and the command fails; text that is only encoded differently (BOM,
// CRLF, decomposed Hangul) passes.
func TestValidateRobustness(t *testing.T) {
	good, err := os.ReadFile("../../internal/testimony/testdata/good/PSC-2019-001.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(sub, name string, data []byte) string {
		t.Helper()
		p := filepath.Join(dir, sub, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ok := []string{
		write("ok", "PSC-2019-001.yaml", append([]byte("\ufeff"), good...)),
		write("ok", "PSC-2019-002.yaml", bytes.ReplaceAll(bytes.Replace(good, []byte("PSC-2019-001"), []byte("PSC-2019-002"), 1), []byte("\n"), []byte("\r\n"))),
		write("ok", "PSC-2019-003.yaml", []byte(norm.NFD.String(strings.Replace(string(good), "PSC-2019-001", "PSC-2019-003", 1)))),
	}
	out, err := validateRun(t, "", "text", ok...)
	if err != nil || out != "3 testimonies, 3 events, 0 errors, 0 warnings\n" {
		t.Errorf("BOM, CRLF, NFD: %v\n%s", err, out)
	}
	bad := map[string]string{
		write("bad", "empty.yaml", nil):                                       ":1:1: file is empty",
		write("bad", "junk.yaml", []byte("\x7fELF\x02\x01\x01\x00")):          ":1:1: not a text file: control character 0x7f",
		write("bad", "latin1.yaml", []byte("id: T\xe9moin\n")):                ":1:6: not UTF-8: byte 0xe9",
		write("bad", "list.yaml", []byte("- id: PSC-2019-001\n")):             ":1:1: testimony must be a mapping",
		write("bad", "tabs.yaml", []byte("id: X\nsource:\n\tlanguage: ko\n")): ":3:1: YAML syntax: found character that cannot start any token: indent with spaces, never tabs",
	}
	big := filepath.Join(dir, "bad", "big.yaml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	bad[big] = ":1:1: file is 50.0 MB, far larger than any testimony"
	for path, want := range bad {
		out, err := validateRun(t, "", "text", path)
		if !errors.Is(err, errReported) || !strings.HasPrefix(out, path+want) {
			t.Errorf("%s: %v\n%s\nwant %s", filepath.Base(path), err, out, path+want)
		}
	}
	// Paths that are not testimony files: said so, and the command fails.
	if err := os.MkdirAll(filepath.Join(dir, "notes"), 0o755); err != nil {
		t.Fatal(err)
	}
	write("notes", "readme.txt", []byte("nothing"))
	for path, want := range map[string]string{
		filepath.Join(dir, "notes"):   ": no testimony files (*.yaml) in this folder\n",
		filepath.Join(dir, "missing"): ": no such file or folder\n",
	} {
		out, err := validateRun(t, "", "text", path)
		if !errors.Is(err, errReported) || out != path+want+"0 testimonies, 0 events, 1 errors, 0 warnings\n" {
			t.Errorf("%s: %v\n%s", path, err, out)
		}
	}
}

// TestValidateExitCode runs the command line as a user does.
func TestValidateExitCode(t *testing.T) {
	t.Setenv(secret.EnvIdentity, "")
	t.Setenv(secret.EnvPassphrase, "")
	project := t.TempDir()
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"validate", "../../internal/testimony/testdata/good"}, 0},
		{[]string{"validate", filepath.Join(badFixtures, "warn-unused-person")}, 0},
		{[]string{"validate", filepath.Join(badFixtures, "yaml-tab")}, 1},
		{[]string{"validate", "--format", "json", filepath.Join(badFixtures, "bad-month")}, 1},
		{[]string{"validate", "--format", "xml"}, 1},
		{[]string{"validate"}, 1}, // an empty project: no testimonies/ folder
	} {
		var out, errOut bytes.Buffer
		code := run(append([]string{"--project", project}, tc.args...), strings.NewReader(""), &out, &errOut)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d\n%s%s", tc.args, code, tc.code, out.String(), errOut.String())
		}
	}
}
