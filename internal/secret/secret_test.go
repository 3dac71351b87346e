package secret

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// writeKey writes a new identity file and returns its path and recipient.
func writeKey(t *testing.T, dir, name string) (string, age.Recipient) {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte("# test key\n"+id.String()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, id.Recipient()
}

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestKeyring(t *testing.T) {
	dir := t.TempDir()
	key, rcpt := writeKey(t, dir, "key.txt")
	other, _ := writeKey(t, dir, "other.txt")
	plain := []byte("id: DEV-2014-001\n")
	ct, err := Encrypt(plain, Recipients{Keys: []age.Recipient{rcpt}})
	if err != nil {
		t.Fatal(err)
	}
	if !IsAge(ct) || PassphraseEncrypted(ct) {
		t.Fatal("IsAge / PassphraseEncrypted")
	}
	file := filepath.Join(dir, "DEV-2014-001.yaml.age")
	if err := os.WriteFile(file, ct, 0o600); err != nil {
		t.Fatal(err)
	}
	plainFile := filepath.Join(dir, "plain.yaml")
	os.WriteFile(plainFile, plain, 0o600)

	// right key, by flag and by environment
	for _, k := range []*Keyring{
		NewKeyring(Options{IdentityFiles: []string{other, key}}),
		NewKeyring(Options{Getenv: env(map[string]string{EnvIdentity: key})}),
	} {
		got, err := k.ReadFile(file)
		if err != nil || !bytes.Equal(got, plain) {
			t.Fatalf("ReadFile = %q, %v", got, err)
		}
		got, err = k.ReadFile(plainFile)
		if err != nil || !bytes.Equal(got, plain) {
			t.Fatalf("plain ReadFile = %q, %v", got, err)
		}
	}

	// wrong key: says so, and which identity files were tried
	_, err = NewKeyring(Options{IdentityFiles: []string{other}}).ReadFile(file)
	if err == nil || err.Error() != "cannot decrypt: no identity matches (tried "+other+") — pass the right --identity" {
		t.Errorf("wrong key: %v", err)
	}
	// no key at all
	_, err = NewKeyring(Options{}).ReadFile(file)
	if err == nil || !strings.Contains(err.Error(), "no identity given — pass --identity FILE or set DOSSIER_IDENTITY") {
		t.Errorf("no key: %v", err)
	}
	// a missing identity file is reported only when needed
	k := NewKeyring(Options{IdentityFiles: []string{filepath.Join(dir, "missing.txt")}})
	if _, err := k.ReadFile(plainFile); err != nil {
		t.Errorf("plain file with a bad identity: %v", err)
	}
	if _, err := k.ReadFile(file); err == nil || !strings.Contains(err.Error(), "missing.txt") {
		t.Errorf("missing identity: %v", err)
	}
	// not an identity file
	os.WriteFile(filepath.Join(dir, "junk.txt"), []byte("hello\n"), 0o600)
	if _, err := NewKeyring(Options{IdentityFiles: []string{filepath.Join(dir, "junk.txt")}}).ReadFile(file); err == nil || !strings.Contains(err.Error(), "AGE-SECRET-KEY-1") {
		t.Errorf("junk identity: %v", err)
	}
	// tampered
	bad := append([]byte{}, ct...)
	bad[len(bad)-5] ^= 1
	if _, err := NewKeyring(Options{IdentityFiles: []string{key}}).Decrypt(bad); err == nil || !strings.Contains(err.Error(), "damaged or was tampered with") {
		t.Errorf("tampered: %v", err)
	}
	// a .age file that is not one
	os.WriteFile(filepath.Join(dir, "x.yaml.age"), plain, 0o600)
	if _, err := NewKeyring(Options{IdentityFiles: []string{key}}).ReadFile(filepath.Join(dir, "x.yaml.age")); err == nil || !strings.Contains(err.Error(), "not an age file") {
		t.Errorf("not age: %v", err)
	}
	// armored
	var arm bytes.Buffer
	aw := armor.NewWriter(&arm)
	aw.Write(ct)
	aw.Close()
	if got, err := NewKeyring(Options{IdentityFiles: []string{key}}).Decrypt(arm.Bytes()); err != nil || !bytes.Equal(got, plain) {
		t.Errorf("armored: %q %v", got, err)
	}
}

func TestPassphrase(t *testing.T) {
	plain := []byte("secret: yes\n")
	ct, err := Encrypt(plain, Recipients{Passphrase: "correct horse battery", WorkFactor: 10})
	if err != nil {
		t.Fatal(err)
	}
	if !PassphraseEncrypted(ct) {
		t.Fatal("not seen as passphrase-encrypted")
	}
	got, err := NewKeyring(Options{Getenv: env(map[string]string{EnvPassphrase: "correct horse battery"})}).Decrypt(ct)
	if err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("env passphrase: %q %v", got, err)
	}
	if _, err := NewKeyring(Options{Getenv: env(map[string]string{EnvPassphrase: "wrong"})}).Decrypt(ct); err == nil || err.Error() != "cannot decrypt: wrong passphrase" {
		t.Errorf("wrong passphrase: %v", err)
	}
	if _, err := NewKeyring(Options{}).Decrypt(ct); err == nil || !strings.Contains(err.Error(), "set DOSSIER_PASSPHRASE") {
		t.Errorf("no passphrase: %v", err)
	}
	// the prompt is asked once for many files
	asked := 0
	k := NewKeyring(Options{Prompt: func(string) (string, error) { asked++; return "correct horse battery", nil }})
	for i := 0; i < 3; i++ {
		if _, err := k.Decrypt(ct); err != nil {
			t.Fatal(err)
		}
	}
	if asked != 1 {
		t.Errorf("asked %d times", asked)
	}
}

func TestParseRecipients(t *testing.T) {
	dir := t.TempDir()
	_, r := writeKey(t, dir, "k")
	s := r.(*age.X25519Recipient).String()
	os.WriteFile(filepath.Join(dir, "recipients.txt"), []byte("# team\n"+s+"\n"), 0o644)
	rs, err := ParseRecipients([]string{s}, []string{filepath.Join(dir, "recipients.txt")})
	if err != nil || len(rs) != 2 {
		t.Fatalf("%v %v", rs, err)
	}
	if _, err := ParseRecipients([]string{"AGE-SECRET-KEY-1XYZ"}, nil); err == nil || strings.Contains(err.Error(), "XYZ") == false {
		t.Errorf("bad recipient: %v", err)
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f.age")
	if err := WriteFileAtomic(p, []byte("one"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(p, []byte("two"), 0o600); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("left behind: %v", ents)
	}
	got, _ := os.ReadFile(p)
	st, _ := os.Stat(p)
	if string(got) != "two" || st.Mode().Perm() != 0o600 {
		t.Errorf("%q %v", got, st.Mode())
	}
}

func TestPDFPassword(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "pw")
	os.WriteFile(f, []byte("a long enough password\nignored\n"), 0o600)
	if pw, err := PDFPassword(f, nil); err != nil || pw != "a long enough password" {
		t.Errorf("%q %v", pw, err)
	}
	if pw, err := PDFPassword("", env(map[string]string{EnvPDFPassword: "another long password"})); err != nil || pw != "another long password" {
		t.Errorf("%q %v", pw, err)
	}
	if _, err := PDFPassword("", nil); err == nil || !strings.Contains(err.Error(), "--password-file") {
		t.Errorf("none: %v", err)
	}
	if _, err := PDFPassword("", env(map[string]string{EnvPDFPassword: "short"})); err == nil {
		t.Error("short password accepted")
	}
	// Poppler-based readers cannot open a file whose password is over 32 bytes.
	if _, err := PDFPassword("", env(map[string]string{EnvPDFPassword: "비밀번호는 서른두 바이트를 넘는다"})); err == nil || !strings.Contains(err.Error(), "at most 32") {
		t.Errorf("a 45-byte password: %v", err)
	}
}
