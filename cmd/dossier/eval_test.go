package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pscore/dossier/internal/classify"
)

func evalRun(t *testing.T, gold, format string, paths ...string) (string, string, error) {
	return runIn(t, func(g *globals) error {
		return runEval(&evalOptions{globals: g, Gold: gold, Format: format, Paths: paths})
	})
}

// TestEvalDev: the measurement on the development corpus, in text and JSON; the bar of the
// issue holds through the command as well.
func TestEvalDev(t *testing.T) {
	gold := filepath.Join(devCorpus, "gold.yaml")
	dir := filepath.Join(devCorpus, "testimonies")
	out, errOut, err := evalRun(t, gold, "text", dir)
	if err != nil || errOut != "" {
		t.Fatalf("err %v, stderr %q", err, errOut)
	}
	for _, want := range []string{"40 cases, 74 events scored", "acts (type per event)", "acts (type, victim, perpetrator)", "articles (article level)", "per act type", "torture", "per instrument", "ICCPR", "confusions"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	out, _, err = evalRun(t, gold, "json", dir)
	if err != nil {
		t.Fatal(err)
	}
	var rep classify.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Acts.F1 < 0.9 || rep.Articles.F1 < 0.9 || len(rep.PerType) == 0 {
		t.Errorf("acts F1 %.3f, articles F1 %.3f", rep.Acts.F1, rep.Articles.F1)
	}
}

// TestEvalSubset: only testimonies present in both are scored; the others are named.
func TestEvalSubset(t *testing.T) {
	out, _, err := evalRun(t, filepath.Join(devCorpus, "gold.yaml"), "text", filepath.Join(devCorpus, "testimonies", "DEV-2014-001.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "1 cases, 2 events scored") || !strings.Contains(out, "not scored (no testimony classified): DEV-2007-023") {
		t.Errorf("subset report:\n%s", out)
	}
}

// TestEvalBadGold: errors in the gold file are path:line:col diagnostics and exit 1; a
// low score is not an error.
func TestEvalBadGold(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "gold.yaml")
	os.WriteFile(bad, []byte("DEV-2014-001:\n  events:\n    e1:\n      acts:\n      - {type: whipping, victim: A, perpetrator: mss}\n"), 0o644)
	_, errOut, err := evalRun(t, bad, "text", filepath.Join(devCorpus, "testimonies"))
	if !errors.Is(err, errReported) || !strings.Contains(errOut, "gold.yaml:5:16: DEV-2014-001.e1: unknown act type \"whipping\"") {
		t.Errorf("err %v, stderr %q", err, errOut)
	}
	empty := filepath.Join(dir, "empty.yaml")
	os.WriteFile(empty, []byte("DEV-2014-001:\n  events:\n    e1: {acts: [], articles: []}\n    e2: {acts: [], articles: []}\n"), 0o644)
	out, _, err := evalRun(t, empty, "text", filepath.Join(devCorpus, "testimonies"))
	if err != nil || !strings.Contains(out, "spurious") {
		t.Errorf("a poor score is a measurement, not a failure: %v\n%s", err, out)
	}
	if _, _, err := evalRun(t, filepath.Join(dir, "missing.yaml"), "text"); err == nil {
		t.Error("a missing gold file is an error")
	}
}
