package seal

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/pscore/dossier/internal/secret"
)

const sample = `schema: 1
sealed:
  DEV-2014-001:
    A:
      - kind: name
        value: "김영희"
      - kind: phone
        value: "010-1234-5678"
    B:
      - {kind: birth-date, value: "1960-01-02"}
`

func TestParseAndMarshal(t *testing.T) {
	entries, d := Parse("sealed.yaml", []byte(sample))
	if len(d) != 0 || len(entries) != 3 {
		t.Fatalf("%v %v", entries, d)
	}
	if e := entries[0]; e.Testimony != "DEV-2014-001" || e.Person != "A" || e.Kind != "name" || e.Value != "김영희" || e.Line != 5 || e.Col != 9 {
		t.Errorf("entry = %+v", e)
	}
	s := &Store{Path: "sealed.yaml", Entries: entries}
	out := s.Marshal()
	again, d := Parse("x", out)
	if len(d) != 0 || len(again) != 3 {
		t.Fatalf("round trip: %v %v\n%s", again, d, out)
	}
	for i := range again {
		a, b := again[i], s.Sorted()[i]
		if a.Testimony != b.Testimony || a.Person != b.Person || a.Kind != b.Kind || a.Value != b.Value {
			t.Errorf("round trip %d: %+v vs %+v", i, a, b)
		}
	}
	if string((&Store{Entries: again}).Marshal()) != string(out) {
		t.Error("Marshal is not stable")
	}
	if got := s.Secrets()[0].Source; got != "sealed.yaml:5:9" {
		t.Errorf("source = %q", got)
	}
	empty := (&Store{}).Marshal()
	if e, d := Parse("e", empty); len(e) != 0 || len(d) != 0 {
		t.Errorf("empty store: %v %v\n%s", e, d, empty)
	}
}

func TestParseErrors(t *testing.T) {
	bad := `schema: 2
colour: red
sealed:
  not-an-id:
    A: []
  DEV-2014-001:
    A:
      - kind: nickname
        value: Kim
      - kind: name
        value: "김"
      - kind: birth-date
        value: 1985
      - value: "x y"
      - kind: name
        value: "김영희"
        note: x
      - kind: name
        value: "김영희"
      - kind: name
        value: "김 영희"
`
	_, d := Parse("sealed.yaml", []byte(bad))
	var got []string
	for _, x := range d {
		got = append(got, x.String())
	}
	want := []string{
		`sealed.yaml:1:9: schema "2": this dossier reads schema 1`,
		`sealed.yaml:2:1: unknown key "colour": a sealed file has schema and sealed`,
		`sealed.yaml:4:3: "not-an-id" is not a testimony id (like PSC-2019-0042)`,
		`sealed.yaml:8:15: unknown kind "nickname": use one of name, birth-date, phone, address, email, id-number, other`,
		`sealed.yaml:11:16: value is too short to search for: it needs two letters or digits or more`,
		`sealed.yaml:13:16: a birth date is written YYYY-MM-DD, e.g. 1985-03-03`,
		`sealed.yaml:14:9: entry without kind: one of name, birth-date, phone, address, email, id-number, other`,
		`sealed.yaml:17:9: unknown key "note": an entry has kind and value`,
		`sealed.yaml:20:9: warning: the same name is sealed twice for DEV-2014-001 person A (first at line 18)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestAddRemove(t *testing.T) {
	s := &Store{}
	if err := s.Add(Entry{Testimony: "DEV-2014-001", Person: "A", Kind: "name", Value: "김영희"}); err != nil {
		t.Fatal(err)
	}
	for _, e := range []Entry{
		{Testimony: "DEV-2014-001", Person: "A", Kind: "name", Value: "김 영희"},
		{Testimony: "dev", Person: "A", Kind: "name", Value: "김영희"},
		{Testimony: "DEV-2014-001", Person: "A B", Kind: "name", Value: "김영희"},
		{Testimony: "DEV-2014-001", Person: "A", Kind: "phone", Value: "12"},
	} {
		if err := s.Add(e); err == nil {
			t.Errorf("added %+v", e)
		}
	}
	s.Add(Entry{Testimony: "DEV-2014-001", Person: "A", Kind: "phone", Value: "010-1234-5678"})
	if n := s.Remove(func(e Entry) bool { return e.Kind == "phone" }); n != 1 || len(s.Entries) != 1 {
		t.Errorf("removed %d, left %v", n, s.Entries)
	}
}

func TestSaveEncrypted(t *testing.T) {
	dir := t.TempDir()
	id, _ := age.GenerateX25519Identity()
	keyFile := filepath.Join(t.TempDir(), "key.txt")
	os.WriteFile(keyFile, []byte(id.String()+"\n"), 0o600)

	s, err := Locate(dir)
	if err != nil || s.Exists || !s.Encrypted || filepath.Base(s.Path) != EncryptedName {
		t.Fatalf("Locate in an empty project: %+v %v", s, err)
	}
	s.Add(Entry{Testimony: "DEV-2014-001", Person: "A", Kind: "name", Value: "김영희"})
	if err := s.Save(secret.Recipients{Keys: []age.Recipient{id.Recipient()}}); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(s.Path)
	if !secret.IsAge(raw) || strings.Contains(string(raw), "김영희") {
		t.Fatal("the sealed file is not encrypted")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("files left: %v", ents)
	}
	k := secret.NewKeyring(secret.Options{IdentityFiles: []string{keyFile}})
	got, d, err := Load(dir, k.ReadFile)
	if err != nil || len(d) != 0 || len(got.Entries) != 1 || got.Entries[0].Value != "김영희" || !got.Encrypted || got.Passphrase {
		t.Fatalf("Load: %+v %v %v", got, d, err)
	}
	// without the key: a clear error naming the file
	_, _, err = Load(dir, secret.NewKeyring(secret.Options{}).ReadFile)
	if err == nil || !strings.Contains(err.Error(), EncryptedName+": cannot decrypt") {
		t.Errorf("Load without a key: %v", err)
	}
	// a stale plaintext beside it
	os.WriteFile(filepath.Join(dir, FileName), []byte(sample), 0o600)
	if _, err := Locate(dir); err == nil || !strings.Contains(err.Error(), "both exist") {
		t.Errorf("both: %v", err)
	}
}

func TestCheckFiles(t *testing.T) {
	dir := t.TempDir()
	tdir := filepath.Join(dir, "testimonies")
	os.MkdirAll(filepath.Join(tdir, ".git"), 0o755)
	os.WriteFile(filepath.Join(tdir, "DEV-2014-001.yaml"), []byte("id: DEV-2014-001\n# interviewer's note: 김 영희, tel 010 1234 5678\nevents: []\n"), 0o600)
	os.WriteFile(filepath.Join(tdir, "DEV-2014-002.yaml"), []byte("id: DEV-2014-002\n"), 0o600)
	os.WriteFile(filepath.Join(tdir, ".git", "x.yaml"), []byte("김영희"), 0o600)
	os.WriteFile(filepath.Join(tdir, FileName), []byte(sample), 0o600)
	entries, _ := Parse(filepath.Join(dir, FileName), []byte(sample))
	s := &Store{Path: filepath.Join(dir, FileName), Entries: entries}
	files := TestimonyFiles([]string{tdir})
	if len(files) != 2 {
		t.Fatalf("files = %v", files)
	}
	d := CheckFiles(files, s, nil)
	var got []string
	for _, x := range d {
		got = append(got, strings.TrimPrefix(x.String(), tdir+"/"))
	}
	want := []string{
		"DEV-2014-001.yaml:2:23: contains a sealed name of DEV-2014-001 person A (" + s.Path + ":5:9): real identifiers never go in a testimony — write the pseudonym instead",
		"DEV-2014-001.yaml:2:33: contains a sealed phone of DEV-2014-001 person A (" + s.Path + ":7:9): real identifiers never go in a testimony — write the pseudonym instead",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCheckFilesPatterns: without a sealed file, what looks like an identifier in a
// testimony is still a warning at its place, naming the command that seals it.
func TestCheckFilesPatterns(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "DEV-2014-003.yaml")
	os.WriteFile(f, []byte("id: DEV-2014-003\n# call her on 010-9876-5432 or mail a.b@example.org\ninterviewed: 2014-06-12\n"), 0o600)
	d := CheckFiles([]string{f}, nil, nil)
	var got []string
	for _, x := range d {
		got = append(got, strings.TrimPrefix(x.String(), dir+"/"))
	}
	want := []string{
		"DEV-2014-003.yaml:2:15: warning: this looks like an identifier (phone number): it belongs in the sealed file (dossier seal add DEV-2014-003 PERSON --kind phone -), not in a testimony, and a build that would print it fails",
		"DEV-2014-003.yaml:2:37: warning: this looks like an identifier (e-mail address): it belongs in the sealed file (dossier seal add DEV-2014-003 PERSON --kind email -), not in a testimony, and a build that would print it fails",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if d.Errors() != 0 {
		t.Errorf("a pattern is a warning, not an error")
	}
}
