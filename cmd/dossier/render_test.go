package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func renderTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required on CI: %v", name, err)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}

func TestRenderCommand(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("../../testdata/markdown/fr.md")
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "note.md")
	os.WriteFile(in, src, 0o644)
	var out, errb bytes.Buffer
	code := run([]string{"render", in, "--mark", "CONFIDENTIEL"}, nil, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	pdfPath := filepath.Join(dir, "note.pdf")
	if !strings.Contains(out.String(), pdfPath+": 3 pages") {
		t.Errorf("stdout: %q", out.String())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("files left: %v", entries)
	}
	text, err := exec.Command(renderTool(t, "pdftotext"), pdfPath, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"CONFIDENTIEL", "Page 1 sur 3", "l’œuvre de la justice", "Annexe"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("pdftotext lacks %q", want)
		}
	}
	// the same input renders to the same bytes
	first, _ := os.ReadFile(pdfPath)
	opts := &renderOptions{globals: &globals{ProjectDir: ".", Out: &out, Err: &errb}, File: in, Output: filepath.Join(dir, "again.pdf"), Mark: "CONFIDENTIEL"}
	if err := runRender(opts); err != nil {
		t.Fatal(err)
	}
	again, _ := os.ReadFile(opts.Output)
	if !bytes.Equal(first, again) {
		t.Error("two renders of the same file differ")
	}
}

func TestRenderLangFlagAndErrors(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "bad.md")
	os.WriteFile(in, []byte("# Title\n\nSee [there](#nowhere).\n"), 0o644)
	var out, errb bytes.Buffer
	if code := run([]string{"render", in}, nil, &out, &errb); code != 1 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(errb.String(), in+":3:5: link to #nowhere") {
		t.Errorf("stderr: %q", errb.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "bad.pdf")); !os.IsNotExist(err) {
		t.Error("a PDF was written despite errors")
	}
	// a character no font has: an error naming it, and no file, not even a temporary one
	os.WriteFile(in, []byte("# Title\n\nA Sinhala letter ඞ.\n"), 0o644)
	errb.Reset()
	if code := run([]string{"render", in, "-o", filepath.Join(dir, "x.pdf")}, nil, &out, &errb); code != 1 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(errb.String(), "U+0D9E") {
		t.Errorf("stderr: %q", errb.String())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
	// --lang sets the document language
	os.WriteFile(in, []byte("# Titre\n\nUn paragraphe.\n"), 0o644)
	errb.Reset()
	if code := run([]string{"render", "--lang", "ko", in}, nil, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	text, err := exec.Command(renderTool(t, "pdftotext"), filepath.Join(dir, "bad.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(text), "1쪽 중 1쪽") {
		t.Errorf("Korean footer missing: %q", text)
	}
	if code := run([]string{"render", "--lang", "de", in}, nil, &out, &errb); code != 1 {
		t.Error("--lang de accepted")
	}
}
