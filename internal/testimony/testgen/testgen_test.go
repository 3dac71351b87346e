package testgen

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pscore/dossier/internal/testimony"
)

func TestDeterministic(t *testing.T) {
	a, b := Generate(50, 7), Generate(50, 7)
	c := Generate(50, 8)
	same, differs := true, false
	for i := range a {
		da, _ := testimony.Marshal(a[i])
		db, _ := testimony.Marshal(b[i])
		dc, _ := testimony.Marshal(c[i])
		same = same && bytes.Equal(da, db)
		differs = differs || !bytes.Equal(da, dc)
	}
	if !same || !differs {
		t.Errorf("same seed same corpus: %v; other seed other corpus: %v", same, differs)
	}
}

// TestCorpusValidates: a written corpus loads with no diagnostic at all, and has the mix
// the benchmarks count on.
func TestCorpusValidates(t *testing.T) {
	dir := t.TempDir()
	const n = 500
	if err := WriteCorpus(dir, n, 1); err != nil {
		t.Fatal(err)
	}
	c := (&testimony.Loader{Vocab: Vocabulary()}).Load(dir)
	for i, d := range c.Diags {
		if i == 10 {
			break
		}
		t.Error(d)
	}
	if len(c.Testimonies) != n {
		t.Fatalf("%d testimonies", len(c.Testimonies))
	}
	langs, consents := map[string]int{}, map[string]int{}
	coded, bytesTotal := 0, 0
	for _, tm := range c.Testimonies {
		if len(tm.Events) < 1 || len(tm.Events) > 4 {
			t.Errorf("%s: %d events", tm.ID, len(tm.Events))
		}
		langs[tm.Source.Language]++
		consents[tm.Source.Consent]++
		for _, e := range tm.Events {
			if len(e.Acts) > 0 {
				coded++
			}
			for _, text := range e.Account {
				bytesTotal += len(text)
			}
		}
	}
	if langs["ko"] == 0 || langs["en"] == 0 || langs["fr"] == 0 || len(consents) != 3 || coded == 0 {
		t.Errorf("languages %v, consents %v, %d coded events", langs, consents, coded)
	}
	// Sizes like the sample corpus: accounts of several hundred bytes per event.
	if avg := bytesTotal / c.Events(); avg < 200 || avg > 2000 {
		t.Errorf("average account %d bytes", avg)
	}
}

// TestSentencesFromCorpus: every sentence of the bank is from the sample corpus.
func TestSentencesFromCorpus(t *testing.T) {
	files, err := filepath.Glob("../../../testimonies/*.yaml")
	if err != nil || len(files) == 0 {
		t.Skip("sample corpus not found")
	}
	var all strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.WriteString(strings.Join(strings.Fields(string(data)), " "))
	}
	text := all.String()
	Vocabulary()
	for lang, list := range sentences {
		for _, s := range list {
			if !strings.Contains(text, s) {
				t.Errorf("%s sentence not in testimonies/: %q", lang, s)
			}
		}
	}
}
