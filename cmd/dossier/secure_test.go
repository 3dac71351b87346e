package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/pscore/dossier/internal/secret"
)

// secureProject makes a project folder with a few sample testimonies.
func secureProject(t *testing.T, ids ...string) string {
	t.Helper()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "testimonies"), 0o755)
	for _, id := range ids {
		data, err := os.ReadFile(filepath.Join("../../testimonies", id+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "testimonies", id+".yaml"), data, 0o644)
	}
	return dir
}

// newKey writes an identity file outside the project and returns it and its recipient.
func newKey(t *testing.T) (string, string) {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "key.txt")
	os.WriteFile(f, []byte(id.String()+"\n"), 0o600)
	return f, id.Recipient().String()
}

// dossier runs the CLI in a project with stdin and returns the exit code, stdout, stderr.
func dossier(t *testing.T, project, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"--project", project}, args...), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// noPlaintext fails if any file under the folders holds one of the secrets, or if a
// temporary file was left behind.
func noPlaintext(t *testing.T, secrets []string, dirs ...string) {
	t.Helper()
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return nil
			}
			if strings.Contains(e.Name(), "tmp") {
				t.Errorf("temporary file left: %s", path)
			}
			data, _ := os.ReadFile(path)
			for _, s := range secrets {
				if bytes.Contains(data, []byte(s)) {
					t.Errorf("%s holds %q in plaintext", path, s)
				}
			}
			return nil
		})
	}
}

func TestSealRoundTrip(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Setenv(secret.EnvIdentity, "")
	t.Setenv(secret.EnvPassphrase, "")
	dir := secureProject(t, "DEV-2014-001")
	key, rcpt := newKey(t)
	other, _ := newKey(t)
	const name, phone = "김영희", "010-2345-6789"

	// a first value creates sealed.yaml.age, encrypted to the recipient
	code, out, errs := dossier(t, dir, name+"\n", "seal", "add", "DEV-2014-001", "A", "--kind", "name", "-", "--recipient", rcpt, "--identity", key)
	if code != 0 || !strings.Contains(out, "sealed name of DEV-2014-001 person A in "+filepath.Join(dir, "sealed.yaml.age")+" (1 values)") {
		t.Fatalf("seal add: %d %q %q", code, out, errs)
	}
	raw, _ := os.ReadFile(filepath.Join(dir, "sealed.yaml.age"))
	if !secret.IsAge(raw) {
		t.Fatal("sealed.yaml.age is not an age file")
	}
	// a second value: an age file does not record its recipients
	code, _, errs = dossier(t, dir, phone, "seal", "add", "DEV-2014-001", "A", "--kind", "phone", "-", "--identity", key)
	if code == 0 || !strings.Contains(errs, "cannot re-encrypt: an age file does not record its recipients") {
		t.Errorf("re-encrypt without recipients: %d %q", code, errs)
	}
	os.WriteFile(filepath.Join(dir, "recipients.txt"), []byte("# team\n"+rcpt+"\n"), 0o644)
	if code, out, errs = dossier(t, dir, phone, "seal", "add", "DEV-2014-001", "A", "--kind", "phone", "-", "--identity", key); code != 0 {
		t.Fatalf("seal add phone: %d %q %q", code, out, errs)
	}
	// a value on the command line works, with a note about shell history
	if code, _, errs = dossier(t, dir, "", "seal", "add", "DEV-2014-001", "B", "--kind", "birth-date", "1960-01-02", "--identity", key); code != 0 || !strings.Contains(errs, "shell history") {
		t.Fatalf("seal add on the command line: %d %q", code, errs)
	}
	// refuse to lock oneself out
	_, otherRcpt := newKey(t)
	if code, _, errs = dossier(t, dir, "x y z", "seal", "add", "DEV-2014-001", "B", "--kind", "name", "-", "--identity", key, "--recipient", otherRcpt); code == 0 || !strings.Contains(errs, "could not read it back") {
		t.Errorf("lock-out: %d %q", code, errs)
	}

	// list: masked by default
	code, out, _ = dossier(t, dir, "", "seal", "list", "--identity", key)
	if code != 0 || strings.Contains(out, name) || strings.Contains(out, phone) || !strings.Contains(out, "DEV-2014-001  A       phone       ••••••••") || !strings.Contains(out, "3 sealed values") {
		t.Errorf("list:\n%s", out)
	}
	code, out, _ = dossier(t, dir, "", "seal", "list", "--reveal", "--identity", key)
	if code != 0 || !strings.Contains(out, name) || !strings.Contains(out, phone) {
		t.Errorf("list --reveal:\n%s", out)
	}
	// wrong key, no key
	code, _, errs = dossier(t, dir, "", "seal", "list", "--identity", other)
	if code == 0 || !strings.Contains(errs, "sealed.yaml.age: cannot decrypt: no identity matches (tried "+other+") — pass the right --identity") {
		t.Errorf("wrong key: %d %q", code, errs)
	}
	code, _, errs = dossier(t, dir, "", "seal", "list")
	if code == 0 || !strings.Contains(errs, "no identity given") {
		t.Errorf("no key: %d %q", code, errs)
	}
	t.Setenv(secret.EnvIdentity, key)
	if code, _, errs = dossier(t, dir, "", "seal", "list"); code != 0 {
		t.Errorf("DOSSIER_IDENTITY: %d %q", code, errs)
	}

	// remove: ambiguous without --all, by kind, by value from stdin
	if code, _, errs = dossier(t, dir, "", "seal", "remove", "DEV-2014-001", "A"); code == 0 || !strings.Contains(errs, "2 sealed values match") {
		t.Errorf("ambiguous remove: %d %q", code, errs)
	}
	if code, out, errs = dossier(t, dir, phone+"\n", "seal", "remove", "DEV-2014-001", "A", "--value", "-"); code != 0 || !strings.Contains(out, "removed 1 sealed value(s)") {
		t.Errorf("remove by value: %d %q %q", code, out, errs)
	}
	code, out, _ = dossier(t, dir, "", "seal", "list", "--reveal")
	if strings.Contains(out, phone) || !strings.Contains(out, name) || !strings.Contains(out, "2 sealed values") {
		t.Errorf("after remove:\n%s", out)
	}
	noPlaintext(t, []string{name, phone, "1960-01-02"}, dir, tmp)
	ents, _ := os.ReadDir(dir)
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "recipients.txt sealed.yaml.age testimonies" {
		t.Errorf("project holds %v", names)
	}
}

func TestSealPassphrase(t *testing.T) {
	scryptWorkFactor = 10
	defer func() { scryptWorkFactor = 0 }()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Setenv(secret.EnvIdentity, "")
	dir := secureProject(t, "DEV-2014-001")
	t.Setenv(secret.EnvPassphrase, "a passphrase of several words")
	if code, _, errs := dossier(t, dir, "Kim Young-hee\n", "seal", "add", "DEV-2014-001", "A", "--kind", "name", "-"); code == 0 || !strings.Contains(errs, "--passphrase") {
		t.Errorf("no recipient, no --passphrase: %d %q", code, errs)
	}
	if code, _, errs := dossier(t, dir, "Kim Young-hee\n", "seal", "add", "DEV-2014-001", "A", "--kind", "name", "-", "--passphrase"); code != 0 {
		t.Fatalf("seal add --passphrase: %d %q", code, errs)
	}
	raw, _ := os.ReadFile(filepath.Join(dir, "sealed.yaml.age"))
	if !secret.PassphraseEncrypted(raw) {
		t.Fatal("not passphrase-encrypted")
	}
	// adding re-encrypts with the same passphrase, no recipient needed
	if code, _, errs := dossier(t, dir, "kim@example.org\n", "seal", "add", "DEV-2014-001", "A", "--kind", "email", "-"); code != 0 {
		t.Fatalf("second add: %d %q", code, errs)
	}
	code, out, _ := dossier(t, dir, "", "seal", "list", "--reveal")
	if code != 0 || !strings.Contains(out, "kim@example.org") || !strings.Contains(out, "Kim Young-hee") {
		t.Errorf("list:\n%s", out)
	}
	t.Setenv(secret.EnvPassphrase, "not the passphrase")
	if code, _, errs := dossier(t, dir, "", "seal", "list"); code == 0 || !strings.Contains(errs, "sealed.yaml.age: cannot decrypt: wrong passphrase") {
		t.Errorf("wrong passphrase: %d %q", code, errs)
	}
	noPlaintext(t, []string{"Kim Young-hee", "kim@example.org"}, dir, tmp)
}

func TestSealPlaintextOptIn(t *testing.T) {
	t.Setenv(secret.EnvIdentity, "")
	t.Setenv(secret.EnvPassphrase, "")
	dir := secureProject(t, "DEV-2014-001")
	code, _, errs := dossier(t, dir, "김영희", "seal", "add", "DEV-2014-001", "A", "--kind", "name", "-", "--plaintext")
	if code != 0 || !strings.Contains(errs, "is not encrypted") {
		t.Fatalf("%d %q", code, errs)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "sealed.yaml"))
	if !strings.Contains(string(data), `value: "김영희"`) {
		t.Errorf("sealed.yaml:\n%s", data)
	}
	// bad values are refused with the reason
	if code, _, errs = dossier(t, dir, "김", "seal", "add", "DEV-2014-001", "A", "--kind", "name", "-"); code == 0 || !strings.Contains(errs, "too short") {
		t.Errorf("short value: %d %q", code, errs)
	}
	if code, _, errs = dossier(t, dir, "3 March 1985", "seal", "add", "DEV-2014-001", "A", "--kind", "birth-date", "-"); code == 0 || !strings.Contains(errs, "YYYY-MM-DD") {
		t.Errorf("bad date: %d %q", code, errs)
	}
}

func TestValidateFindsSealedValues(t *testing.T) {
	t.Setenv(secret.EnvIdentity, "")
	t.Setenv(secret.EnvPassphrase, "")
	dir := secureProject(t, "DEV-2014-001", "DEV-2014-002")
	f := filepath.Join(dir, "testimonies", "DEV-2014-002.yaml")
	data, _ := os.ReadFile(f)
	// a researcher's note with the witness's real name, spaced differently
	data = bytes.Replace(data, []byte("persons:\n"), []byte("# real name: 박 철수 (do not publish)\npersons:\n"), 1)
	os.WriteFile(f, data, 0o644)
	os.WriteFile(filepath.Join(dir, "sealed.yaml"), []byte("schema: 1\nsealed:\n  DEV-2014-002:\n    A:\n      - {kind: name, value: \"박철수\"}\n"), 0o600)
	code, out, _ := dossier(t, dir, "", "validate")
	if code != 1 || !strings.Contains(out, "DEV-2014-002.yaml:") || !strings.Contains(out, ": contains a sealed name of DEV-2014-002 person A ("+filepath.Join(dir, "sealed.yaml")+":5:9)") {
		t.Errorf("validate: %d\n%s", code, out)
	}
	if strings.Contains(out, "박철수") || strings.Contains(out, "박 철수") {
		t.Error("validate printed the sealed value")
	}
	// an unreadable sealed file only warns: researchers without the key can validate
	os.Remove(filepath.Join(dir, "sealed.yaml"))
	os.WriteFile(filepath.Join(dir, "sealed.yaml.age"), []byte("age-encryption.org/v1\n-> X25519 abc\nxyz\n--- abc\n"), 0o600)
	data = bytes.Replace(data, []byte("# real name: 박 철수 (do not publish)\n"), nil, 1)
	os.WriteFile(f, data, 0o644)
	code, out, _ = dossier(t, dir, "", "validate")
	if code != 0 || !strings.Contains(out, "warning: sealed values were not looked for in the testimonies: cannot decrypt") {
		t.Errorf("validate without the key: %d\n%s", code, out)
	}
}

func TestEncryptDecrypt(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Setenv(secret.EnvIdentity, "")
	t.Setenv(secret.EnvPassphrase, "")
	ids := []string{"DEV-2014-001", "DEV-2014-002", "DEV-2016-006"}
	dir := secureProject(t, ids...)
	os.WriteFile(filepath.Join(dir, "sealed.yaml"), []byte("schema: 1\nsealed:\n  DEV-2014-001:\n    A:\n      - {kind: name, value: \"김영희\"}\n"), 0o600)
	key, rcpt := newKey(t)
	other, _ := newKey(t)
	_, before, _ := dossier(t, dir, "", "validate")

	if code, _, errs := dossier(t, dir, "", "encrypt"); code == 0 || !strings.Contains(errs, "nothing to encrypt to") {
		t.Errorf("encrypt without recipients: %d %q", code, errs)
	}
	code, out, errs := dossier(t, dir, "", "encrypt", "--recipient", rcpt, "--identity", key)
	if code != 0 || !strings.Contains(out, "4 files encrypted") || !strings.Contains(errs, "git rm --cached") {
		t.Fatalf("encrypt: %d %q %q", code, out, errs)
	}
	for _, id := range ids {
		if fileExists(filepath.Join(dir, "testimonies", id+".yaml")) || !fileExists(filepath.Join(dir, "testimonies", id+".yaml.age")) {
			t.Errorf("%s not converted", id)
		}
	}
	if fileExists(filepath.Join(dir, "sealed.yaml")) || !fileExists(filepath.Join(dir, "sealed.yaml.age")) {
		t.Error("sealed.yaml not converted")
	}
	noPlaintext(t, []string{"김영희", "restaurant kitchen in Dandong"}, dir, tmp)

	// every command reads them with the key
	code, after, _ := dossier(t, dir, "", "validate", "--identity", key)
	if code != 0 || after != before {
		t.Errorf("validate with the key: %d\n%s\nwant\n%s", code, after, before)
	}
	t.Setenv(secret.EnvIdentity, key)
	if code, after, _ = dossier(t, dir, "", "validate"); code != 0 || after != before {
		t.Errorf("validate with DOSSIER_IDENTITY: %d\n%s", code, after)
	}
	t.Setenv(secret.EnvIdentity, "")
	// a wrong key: one clear error per file, naming it
	code, out, _ = dossier(t, dir, "", "validate", "--identity", other)
	for _, id := range ids {
		want := filepath.Join(dir, "testimonies", id+".yaml.age") + ": cannot decrypt: no identity matches (tried " + other + ") — pass the right --identity"
		if !strings.Contains(out, want) {
			t.Errorf("wrong key: no %q in\n%s", want, out)
		}
	}
	if code != 1 || !strings.Contains(out, "3 testimonies, 0 events, 3 errors, 1 warnings") {
		t.Errorf("wrong key: %d\n%s", code, out)
	}
	if code, out, _ = dossier(t, dir, "", "validate"); code != 1 || !strings.Contains(out, "cannot decrypt: no identity given — pass --identity FILE or set DOSSIER_IDENTITY") {
		t.Errorf("no key: %d\n%s", code, out)
	}

	// decrypt: refuses without --yes; -o - prints one file; --yes converts back
	if code, _, errs = dossier(t, dir, "", "decrypt", filepath.Join(dir, "testimonies")); code == 0 || !strings.Contains(errs, "--yes") {
		t.Errorf("decrypt without --yes: %d %q", code, errs)
	}
	code, out, _ = dossier(t, dir, "", "decrypt", "-o", "-", "--identity", key, filepath.Join(dir, "testimonies", "DEV-2014-001.yaml.age"))
	orig, _ := os.ReadFile("../../testimonies/DEV-2014-001.yaml")
	if code != 0 || out != string(orig) {
		t.Errorf("decrypt -o -: %d", code)
	}
	if code, _, errs = dossier(t, dir, "", "decrypt", "--yes", "--identity", key, filepath.Join(dir, "testimonies")); code != 0 {
		t.Fatalf("decrypt --yes: %d %q", code, errs)
	}
	for _, id := range ids {
		got, _ := os.ReadFile(filepath.Join(dir, "testimonies", id+".yaml"))
		want, _ := os.ReadFile(filepath.Join("../../testimonies", id+".yaml"))
		if !bytes.Equal(got, want) || fileExists(filepath.Join(dir, "testimonies", id+".yaml.age")) {
			t.Errorf("%s not restored", id)
		}
	}
}

func TestEncryptPassphrase(t *testing.T) {
	scryptWorkFactor = 10
	defer func() { scryptWorkFactor = 0 }()
	t.Setenv(secret.EnvIdentity, "")
	dir := secureProject(t, "DEV-2014-001", "DEV-2014-002")
	t.Setenv(secret.EnvPassphrase, "the passphrase of the team")
	_, before, _ := dossier(t, dir, "", "validate")
	if code, out, errs := dossier(t, dir, "", "encrypt", "--passphrase"); code != 0 || !strings.Contains(out, "2 files encrypted") {
		t.Fatalf("encrypt --passphrase: %d %q %q", code, out, errs)
	}
	if code, after, _ := dossier(t, dir, "", "validate"); code != 0 || after != before {
		t.Errorf("validate with the passphrase: %d\n%s", code, after)
	}
	t.Setenv(secret.EnvPassphrase, "a wrong passphrase!")
	code, out, _ := dossier(t, dir, "", "validate")
	if code != 1 || !strings.Contains(out, filepath.Join(dir, "testimonies", "DEV-2014-001.yaml.age")+": cannot decrypt: wrong passphrase") {
		t.Errorf("wrong passphrase: %d\n%s", code, out)
	}
}
