package project

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestProjectFileOverridesDefault(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "reference"), 0o755); err != nil {
		t.Fatal(err)
	}
	own := []byte("acts: []\n")
	if err := os.WriteFile(filepath.Join(dir, "reference", "vocabulary.yaml"), own, 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	data, shown, err := p.ReadFile("reference/vocabulary.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != string(own) || shown != filepath.Join(dir, "reference", "vocabulary.yaml") {
		t.Errorf("got %q from %s, want the project's own file", data, shown)
	}
	// A file the project lacks comes from the embedded defaults, and says so.
	data, shown, err = p.ReadFile("reference/charters.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(data) == 0 || !strings.HasPrefix(shown, "(embedded) ") {
		t.Errorf("charters.yaml: %d bytes from %q, want the embedded default", len(data), shown)
	}
}

func TestListMergesProjectAndDefaults(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"upr-submission.yaml", "my-kind.yaml", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, "templates", name), []byte("x: 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	names, err := p.List("templates", "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(names, " ")
	for _, want := range []string{"templates/my-kind.yaml", "templates/upr-submission.yaml", "templates/hrc-statement.yaml"} {
		if !strings.Contains(got, want) {
			t.Errorf("List = %s, missing %s", got, want)
		}
	}
	if strings.Contains(got, "notes.txt") || strings.Count(got, "upr-submission.yaml") != 1 {
		t.Errorf("List = %s: want only *.yaml, each once", got)
	}
}

func TestOpenRefusesMissingFolder(t *testing.T) {
	if _, err := Open(filepath.Join(t.TempDir(), "no-such-project")); err == nil {
		t.Error("Open of a missing folder succeeded; a typo in --project must not build from the defaults alone")
	}
	f := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(f, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(f); err == nil {
		t.Error("Open of a file succeeded")
	}
}
