package manifest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/pscore/dossier/internal/leak"
)

func sum(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func build(order []string) []byte {
	m := New("upr-dprk.en.pdf", []byte("%PDF-1.7 output"), "v1.2.3")
	m.Report, m.Lang = "upr-dprk", "en"
	files := map[string][2]string{
		"testimonies/DEV-2014-002.yaml":     {KindTestimony, "id: DEV-2014-002"},
		"testimonies/DEV-2014-001.yaml.age": {KindTestimony, "id: DEV-2014-001"},
		"reports/upr-dprk/report.yaml":      {KindDefinition, "kind: upr-submission"},
		"reports/upr-dprk/01-intro.en.md":   {KindSection, "# Intro"},
	}
	for _, name := range order {
		f := files[name]
		var stored []byte
		if strings.HasSuffix(name, ".age") {
			stored = []byte("age-encryption.org/v1 ciphertext")
		}
		m.AddInput(f[0], name, []byte(f[1]), stored)
	}
	m.AddRuleSet("lexicon", "reference/lexicon.yaml", []byte("version: 2026.2\nterms: []\n"))
	m.AddRuleSet("charters", "reference/charters.yaml", []byte("# c\nversion: 3\n"))
	m.Checks = Checks{SealedValues: 4, Patterns: true, Consent: "public", ConsentChecked: true}
	m.AddWaived([]leak.Hit{{Where: "upr-dprk.en.pdf: block 3 (paragraph)", Kind: leak.HitPhone, Text: "+41 22 917 9000",
		Waiver: &leak.Waiver{File: "waivers.yaml", Line: 2, Reason: "OHCHR switchboard", By: "staff-03"}}})
	return m.Marshal()
}

func TestDeterministic(t *testing.T) {
	a := build([]string{"testimonies/DEV-2014-002.yaml", "testimonies/DEV-2014-001.yaml.age", "reports/upr-dprk/report.yaml", "reports/upr-dprk/01-intro.en.md"})
	b := build([]string{"reports/upr-dprk/01-intro.en.md", "testimonies/DEV-2014-001.yaml.age", "reports/upr-dprk/report.yaml", "testimonies/DEV-2014-002.yaml"})
	if string(a) != string(b) {
		t.Fatalf("not deterministic:\n%s\n%s", a, b)
	}
	m, err := Parse(a)
	if err != nil {
		t.Fatal(err)
	}
	if m.Output.SHA256 != sum("%PDF-1.7 output") || m.Output.Size != 15 {
		t.Errorf("output = %+v", m.Output)
	}
	var paths []string
	for _, in := range m.Inputs {
		paths = append(paths, in.Kind+" "+in.Path)
		if in.Path == "testimonies/DEV-2014-001.yaml.age" {
			if in.SHA256 != sum("id: DEV-2014-001") || in.StoredSHA256 != sum("age-encryption.org/v1 ciphertext") {
				t.Errorf("encrypted input = %+v", in)
			}
		} else if in.StoredSHA256 != "" {
			t.Errorf("plain input with a stored hash: %+v", in)
		}
	}
	want := "definition reports/upr-dprk/report.yaml\nreference reference/charters.yaml\nreference reference/lexicon.yaml\nsection reports/upr-dprk/01-intro.en.md\ntestimony testimonies/DEV-2014-001.yaml.age\ntestimony testimonies/DEV-2014-002.yaml"
	if strings.Join(paths, "\n") != want {
		t.Errorf("inputs:\n%s", strings.Join(paths, "\n"))
	}
	if len(m.RuleSets) != 2 || m.RuleSets[0].Name != "charters" || m.RuleSets[0].Version != "3" || m.RuleSets[1].Version != "2026.2" {
		t.Errorf("rule sets = %+v", m.RuleSets)
	}
	if len(m.Waivers) != 1 || m.Waivers[0].Waiver != "waivers.yaml:2" || m.Waivers[0].By != "staff-03" {
		t.Errorf("waivers = %+v", m.Waivers)
	}
	for _, bad := range []string{"id: DEV", "kind: upr"} {
		if strings.Contains(string(a), bad) {
			t.Errorf("the manifest holds content %q", bad)
		}
	}
}

func TestVerifyAndName(t *testing.T) {
	if FileName("upr-dprk.en.pdf") != "upr-dprk.en.manifest.json" {
		t.Error(FileName("upr-dprk.en.pdf"))
	}
	m := New("o.pdf", []byte("out"), "devel")
	m.AddInput(KindSource, "a.md", []byte("a"), nil)
	read := func(n string) ([]byte, error) {
		if n == "a.md" {
			return []byte("changed"), nil
		}
		return nil, errors.New("missing")
	}
	got := m.Verify([]byte("out!"), read)
	if len(got) != 2 {
		t.Errorf("verify = %v", got)
	}
	enc := New("c.pdf", []byte("ciphertext"), "devel")
	enc.SetEncrypted([]byte("plain"))
	if !strings.Contains(string(enc.Marshal()), `"plaintext_sha256": "`+sum("plain")+`"`) {
		t.Errorf("%s", enc.Marshal())
	}
}
