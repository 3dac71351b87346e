package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pscore/dossier/internal/project"
	"github.com/pscore/dossier/internal/testimony"
	"github.com/pscore/dossier/internal/vocab"
)

var newTestimonyClock = func() time.Time { return time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC) }

// newTestimonyRun runs `dossier new testimony` in process and returns the path it
// printed.
func newTestimonyRun(t *testing.T, project string, mod func(*newTestimonyOptions)) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	opts := &newTestimonyOptions{globals: &globals{ProjectDir: project, In: strings.NewReader(""), Out: &out, Err: &errOut}, Language: "ko", Now: newTestimonyClock}
	if mod != nil {
		mod(opts)
	}
	err := runNewTestimony(opts)
	return strings.TrimSuffix(out.String(), "\n"), err
}

func parseFile(t *testing.T, path string, data []byte) string {
	t.Helper()
	v, err := vocab.Load(project.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	_, diags := testimony.Parse(path, data, v)
	var lines []string
	for _, d := range diags {
		lines = append(lines, d.String())
	}
	return strings.Join(lines, "\n")
}

// TestNewTestimonySkeleton: in a new project the first testimony is PSC-<year>-001; the
// skeleton fails validation exactly where the researcher must write, and passes once
// they have.
func TestNewTestimonySkeleton(t *testing.T) {
	dir := t.TempDir()
	path, err := newTestimonyRun(t, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "testimonies", "PSC-2026-001.yaml"); path != want {
		t.Fatalf("path %q, want %q", path, want)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for _, s := range []string{"id: PSC-2026-001 ", "  interviewed: 2026-11-21 ", "consent: internal", "never real names", "sealed file", "  public:", "  confidential:", "  internal:"} {
		if !strings.Contains(text, s) {
			t.Errorf("skeleton lacks %q", s)
		}
	}
	want := path + ":30:10: event: \"date\" is empty: fill it in\n" +
		path + ":38:11: account.ko is empty: write the narrative, or remove the language"
	if got := parseFile(t, path, data); got != want {
		t.Errorf("skeleton:\n%s\nwant:\n%s", got, want)
	}
	filled := strings.Replace(text, "    date:                    # TODO", "    date: 2011-05            #", 1)
	filled = strings.Replace(filled, "      ko: |\n", "      ko: |\n        보위부 구류장에서 조사를 받았다.\n", 1)
	if got := parseFile(t, path, []byte(filled)); got != "" {
		t.Errorf("filled in:\n%s", got)
	}
	// The skeleton of a past year asks for the interview date too.
	path, err = newTestimonyRun(t, dir, func(o *newTestimonyOptions) { o.Year = 2019; o.Language = "en" })
	if err != nil {
		t.Fatal(err)
	}
	data, _ = os.ReadFile(path)
	got := parseFile(t, path, data)
	if filepath.Base(path) != "PSC-2019-001.yaml" || !strings.Contains(got, ":12:15: source: \"interviewed\" is empty: fill it in") || !strings.Contains(got, "account.en is empty") {
		t.Errorf("%s:\n%s", path, got)
	}
}

// TestNewTestimonyNumbering: prefix, year and padding follow the project.
func TestNewTestimonyNumbering(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "../../testimonies", filepath.Join(dir, "testimonies"))
	for _, tc := range []struct {
		mod  func(*newTestimonyOptions)
		want string
	}{
		{func(o *newTestimonyOptions) { o.Year = 2014 }, "DEV-2014-039.yaml"}, // DEV-2014-038 is the last
		{func(o *newTestimonyOptions) { o.Year = 2014 }, "DEV-2014-040.yaml"},
		{nil, "DEV-2026-034.yaml"}, // DEV-2026-033 exists
		{func(o *newTestimonyOptions) { o.Prefix = "NKDB"; o.Year = 2014 }, "NKDB-2014-001.yaml"},
	} {
		path, err := newTestimonyRun(t, dir, tc.mod)
		if err != nil || filepath.Base(path) != tc.want {
			t.Errorf("got %q, %v; want %s", path, err, tc.want)
		}
	}
	// Padding follows the prefix's existing numbers; subfolders count.
	if err := os.MkdirAll(filepath.Join(dir, "testimonies", "2019"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "testimonies", "2019", "ABC-2019-0042.yaml.age"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if path, err := newTestimonyRun(t, dir, func(o *newTestimonyOptions) { o.Prefix = "ABC"; o.Year = 2019 }); err != nil || filepath.Base(path) != "ABC-2019-0043.yaml" {
		t.Errorf("got %q, %v", path, err)
	}
}

// TestNewTestimonyNeverOverwrites: a file that appears under the next id (another
// researcher, at the same moment) is left alone and the following number used.
func TestNewTestimonyNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	tdir := filepath.Join(dir, "testimonies")
	if err := os.MkdirAll(tdir, 0o755); err != nil {
		t.Fatal(err)
	}
	taken := filepath.Join(tdir, "PSC-2026-001.yaml")
	if err := createNew(taken, []byte("mine")); err != nil {
		t.Fatal(err)
	}
	if err := createNew(taken, []byte("theirs")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("createNew over a file: %v", err)
	}
	if data, _ := os.ReadFile(taken); string(data) != "mine" {
		t.Errorf("overwritten: %q", data)
	}
	// nextNumber sees PSC-2026-001 and moves on; no temporary file is left behind.
	path, err := newTestimonyRun(t, dir, nil)
	if err != nil || filepath.Base(path) != "PSC-2026-002.yaml" {
		t.Errorf("got %q, %v", path, err)
	}
	entries, _ := os.ReadDir(tdir)
	if len(entries) != 2 {
		t.Errorf("files: %v", entries)
	}
}

func TestNewTestimonyErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		mod  func(*newTestimonyOptions)
		want string
	}{
		{func(o *newTestimonyOptions) { o.Prefix = "psc" }, `cannot make an id from prefix "psc"`},
		{func(o *newTestimonyOptions) { o.Prefix = "TOOLONGX" }, `cannot make an id from prefix "TOOLONGX"`},
		{func(o *newTestimonyOptions) { o.Year = 19 }, `cannot make an id from prefix "PSC" and year 19`},
		{func(o *newTestimonyOptions) { o.Language = "kr" }, `unknown --language "kr"`},
	} {
		if _, err := newTestimonyRun(t, dir, tc.mod); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("got %v, want %q", err, tc.want)
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "testimonies")); len(entries) != 0 {
		t.Errorf("files written: %v", entries)
	}
}

// TestNewCommandLine: `dossier new` lists its subcommands; other files may add theirs.
func TestNewCommandLine(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"new"}, strings.NewReader(""), &out, &errOut); code != 0 || !strings.Contains(out.String(), "testimony") {
		t.Errorf("dossier new: %d\n%s%s", code, out.String(), errOut.String())
	}
	dir := t.TempDir()
	out.Reset()
	errOut.Reset()
	code := run([]string{"--project", dir, "new", "testimony", "--prefix", "NK", "--year", "2020", "--language", "en"}, strings.NewReader(""), &out, &errOut)
	if want := filepath.Join(dir, "testimonies", "NK-2020-001.yaml") + "\n"; code != 0 || out.String() != want || !strings.Contains(errOut.String(), "dossier validate") {
		t.Errorf("dossier new testimony: %d\n%q\n%s", code, out.String(), errOut.String())
	}
}

// TestSchemaCommand: dossier schema prints the embedded schema for the default
// vocabulary.
func TestSchemaCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"--project", t.TempDir(), "schema"}, strings.NewReader(""), &out, &errOut); code != 0 || !strings.Contains(out.String(), `"$schema": "http://json-schema.org/draft-07/schema#"`) {
		t.Errorf("dossier schema: %d\n%s", code, errOut.String())
	}
}
