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

	"github.com/pscore/dossier/internal/classify"
	"github.com/pscore/dossier/internal/secret"
)

const devCorpus = "../../testdata/corpus/dev"

// runIn runs a command function with buffers and an empty project (embedded reference
// data), the way the CLI would, and returns stdout, stderr and the error.
func runIn(t *testing.T, f func(g *globals) error) (string, string, error) {
	t.Helper()
	t.Setenv(secret.EnvIdentity, "")
	t.Setenv(secret.EnvPassphrase, "")
	var out, errOut bytes.Buffer
	g := &globals{ProjectDir: t.TempDir(), In: strings.NewReader(""), Out: &out, Err: &errOut}
	err := f(g)
	return out.String(), errOut.String(), err
}

func classifyRun(t *testing.T, format, lang string, explain bool, paths ...string) (string, string, error) {
	return runIn(t, func(g *globals) error {
		return runClassify(&classifyOptions{globals: g, Paths: paths, Format: format, Lang: lang, Explain: explain})
	})
}

// TestClassifyJSON: the JSON contract, one object per event, quotes at their offsets.
func TestClassifyJSON(t *testing.T) {
	file := filepath.Join(devCorpus, "testimonies", "DEV-2014-001.yaml")
	out, errOut, err := classifyRun(t, "json", "en", false, file)
	if err != nil || errOut != "" {
		t.Fatalf("err %v, stderr %q", err, errOut)
	}
	var res []classify.EventResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || res[0].Testimony != "DEV-2014-001" || res[0].Event != "e1" || res[1].Event != "e2" {
		t.Fatalf("results: %+v", res)
	}
	var fr *classify.ActResult
	for i := range res[0].Acts {
		if res[0].Acts[i].Type == "forced-repatriation" {
			fr = &res[0].Acts[i]
		}
	}
	if fr == nil || fr.Perpetrator != "cn-police" || fr.Origin != "inferred" || len(fr.Evidence) == 0 {
		t.Fatalf("forced repatriation: %+v", res[0].Acts)
	}
	raw, _ := os.ReadFile(file)
	if !bytes.Contains(raw, []byte(fr.Evidence[0].Text)) {
		t.Errorf("evidence %q is not in the file", fr.Evidence[0].Text)
	}
	found := false
	for _, a := range res[0].Articles {
		if a.Ref == "CAT-3" && a.State == "CN" && a.Binding && len(a.Rules) > 0 && len(a.Acts) > 0 {
			found = true
		}
	}
	if !found {
		t.Errorf("CAT-3 binding on China not cited: %+v", res[0].Articles)
	}
	// keys of the contract, exactly as other tools read them
	var generic []map[string]any
	json.Unmarshal([]byte(out), &generic)
	for _, k := range []string{"testimony", "event", "acts", "articles"} {
		if _, ok := generic[0][k]; !ok {
			t.Errorf("no %q key", k)
		}
	}
}

// TestClassifyTable: the researcher's view; --explain adds the reasoning; --lang the titles.
func TestClassifyTable(t *testing.T) {
	file := filepath.Join(devCorpus, "testimonies", "DEV-2014-010.yaml")
	out, _, err := classifyRun(t, "table", "en", false, file)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"DEV-2014-010 e1 · 2011-04", "acts", "torture", "A ← mss", "inferred", "articles", "ICCPR-7", "binding", "reference", "events classified (rules: charters"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	out, _, err = classifyRun(t, "table", "fr", true, file)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"DPRK party to ICCPR since 1981-12-14", "DPRK not party to CAT", "rule torture.always", "evidence “", "[en ", "Interdiction de la torture"} {
		if !strings.Contains(out, want) {
			t.Errorf("--explain lacks %q:\n%s", want, out)
		}
	}
}

// TestClassifyNonState: the explanation says whose duty a trafficker's act engages.
func TestClassifyNonState(t *testing.T) {
	out, _, err := classifyRun(t, "table", "en", true, filepath.Join(devCorpus, "testimonies", "DEV-2020-005.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "non-state perpetrator (trafficker): engages China's duty to protect (due diligence)") {
		t.Errorf("no due-diligence wording:\n%s", out)
	}
}

// TestClassifyErrors: bad flags are refused; a file with errors is reported and left out,
// the rest classified, and the command fails.
func TestClassifyErrors(t *testing.T) {
	if _, _, err := classifyRun(t, "xml", "en", false, devCorpus); err == nil {
		t.Error("--format xml accepted")
	}
	if _, _, err := classifyRun(t, "json", "de", false, devCorpus); err == nil {
		t.Error("--lang de accepted")
	}
	dir := t.TempDir()
	good, _ := os.ReadFile(filepath.Join(devCorpus, "testimonies", "DEV-2014-001.yaml"))
	os.WriteFile(filepath.Join(dir, "DEV-2014-001.yaml"), good, 0o644)
	os.WriteFile(filepath.Join(dir, "DEV-2014-999.yaml"), []byte("id: DEV-2014-999\nschema: 7\n"), 0o644)
	out, errOut, err := classifyRun(t, "json", "en", false, dir)
	if !errors.Is(err, errReported) {
		t.Errorf("err = %v, want errReported", err)
	}
	if !regexp.MustCompile(`DEV-2014-999\.yaml:\d+:\d+: `).MatchString(errOut) {
		t.Errorf("stderr lacks path:line:col diagnostics: %q", errOut)
	}
	var res []classify.EventResult
	if json.Unmarshal([]byte(out), &res) != nil || len(res) != 2 {
		t.Errorf("the valid file should still be classified: %s", out)
	}
}
