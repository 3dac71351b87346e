package i18n

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pscore/dossier/internal/project"
)

func TestDefaults(t *testing.T) {
	for lang, want := range map[string]string{"en": "Page 3 of 12", "fr": "Page 3 sur 12", "ko": "12쪽 중 3쪽", "de": "Page 3 of 12"} {
		l, err := Localizer(project.Defaults(), lang)
		if err != nil {
			t.Fatal(err)
		}
		if got := Func(l)("pdf.page_of", map[string]any{"Page": 3, "Total": 12}); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
		if got := Func(l)("no.such.id", nil); got != "" {
			t.Errorf("unknown id gave %q", got)
		}
	}
}

func TestProjectOverridesPerMessage(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "i18n"), 0o755)
	os.WriteFile(filepath.Join(dir, "i18n", "active.fr.yaml"), []byte("pdf.annex: \"Appendice {{.Number}}\"\n"), 0o644)
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	l, err := Localizer(p, "fr")
	if err != nil {
		t.Fatal(err)
	}
	f := Func(l)
	if got := f("pdf.annex", map[string]any{"Number": "II"}); got != "Appendice II" {
		t.Errorf("override: %q", got)
	}
	if got := f("pdf.page_of", map[string]any{"Page": 1, "Total": 2}); got != "Page 1 sur 2" {
		t.Errorf("default kept: %q", got)
	}
}

func TestBadFile(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "i18n"), 0o755)
	os.WriteFile(filepath.Join(dir, "i18n", "active.en.yaml"), []byte("pdf.annex: [unclosed\n"), 0o644)
	p, _ := project.Open(dir)
	if _, err := Localizer(p, "en"); err == nil {
		t.Error("no error for a malformed message file")
	}
}
