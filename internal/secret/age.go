// Package secret keeps testimonies and sealed identifiers encrypted at rest with age
// (https://age-encryption.org), and protects confidential PDFs with a password.
//
// Encrypted files are named *.age (PSC-2019-0042.yaml.age, sealed.yaml.age). A [Keyring]
// reads them transparently, in memory: decrypted text is never written to disk, and no
// temporary file is made. Identities (age secret keys) come from --identity files or the
// DOSSIER_IDENTITY variable; a passphrase from DOSSIER_PASSPHRASE or, on a terminal, a
// prompt that does not echo.
package secret

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// Environment variables read by [NewKeyring].
const (
	EnvIdentity   = "DOSSIER_IDENTITY"   // path(s) of age identity files, separated like PATH
	EnvPassphrase = "DOSSIER_PASSPHRASE" // passphrase of passphrase-encrypted files
)

// Ext is the extension of encrypted files.
const Ext = ".age"

// MaxPlaintext bounds what a decrypted file may hold: testimonies are kilobytes.
const MaxPlaintext = 64 << 20

const (
	magic      = "age-encryption.org/v1\n"
	armorBegin = "-----BEGIN AGE ENCRYPTED FILE-----"
)

// IsAge reports whether data is an age file (binary or ASCII-armored).
func IsAge(data []byte) bool {
	return bytes.HasPrefix(data, []byte(magic)) || bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte(armorBegin))
}

// IsEncryptedName reports whether a file name says the file is encrypted (ends in .age).
func IsEncryptedName(name string) bool { return strings.HasSuffix(name, Ext) }

// stanzaTypes returns the types of the recipient stanzas of an age file's header
// ("X25519", "scrypt", "mlkem768x25519" …), without decrypting anything.
func stanzaTypes(data []byte) []string {
	if !bytes.HasPrefix(data, []byte(magic)) {
		if r := dearmor(data); r != nil {
			b, err := io.ReadAll(io.LimitReader(r, 64<<10))
			if err != nil && len(b) == 0 {
				return nil
			}
			data = b
		}
	}
	var types []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "---") {
			break
		}
		if strings.HasPrefix(line, "-> ") {
			f := strings.Fields(line[3:])
			if len(f) > 0 {
				types = append(types, f[0])
			}
		}
	}
	return types
}

func dearmor(data []byte) io.Reader {
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if !bytes.HasPrefix(trimmed, []byte(armorBegin)) {
		return nil
	}
	return armor.NewReader(bytes.NewReader(trimmed))
}

// PassphraseEncrypted reports whether an age file was encrypted with a passphrase
// (rather than to recipients' public keys).
func PassphraseEncrypted(data []byte) bool {
	for _, t := range stanzaTypes(data) {
		if t == "scrypt" {
			return true
		}
	}
	return false
}

// Options configures a [Keyring].
type Options struct {
	// IdentityFiles are age identity files (--identity, repeatable).
	IdentityFiles []string
	// Getenv reads the environment; nil means no environment (tests).
	Getenv func(string) string
	// Prompt asks for a passphrase on a terminal without echo; nil means never ask.
	Prompt func(prompt string) (string, error)
}

// Keyring decrypts age files with the identities and passphrase it was given. It is
// safe for concurrent use: the loader reads files from several goroutines.
type Keyring struct {
	identities []age.Identity
	names      []string // identity files, as given, for messages
	idErr      error    // why an identity file could not be used

	envPass    string
	hasEnvPass bool
	prompt     func(string) (string, error)

	mu       sync.Mutex
	pass     string
	passErr  error
	passDone bool
}

// NewKeyring returns a keyring for the identity files of o and of DOSSIER_IDENTITY, and
// the passphrase of DOSSIER_PASSPHRASE or the prompt. Problems with identity files are
// reported when an encrypted file is read, so that commands reading only plain files
// are not stopped by them.
func NewKeyring(o Options) *Keyring {
	k := &Keyring{prompt: o.Prompt}
	files := append([]string{}, o.IdentityFiles...)
	if o.Getenv != nil {
		for _, p := range filepath.SplitList(o.Getenv(EnvIdentity)) {
			if p != "" {
				files = append(files, p)
			}
		}
		if p := o.Getenv(EnvPassphrase); p != "" {
			k.envPass, k.hasEnvPass = p, true
		}
	}
	for _, f := range files {
		ids, err := readIdentities(f)
		if err != nil {
			if k.idErr == nil {
				k.idErr = err
			}
			continue
		}
		k.identities = append(k.identities, ids...)
		k.names = append(k.names, f)
	}
	return k
}

func readIdentities(path string) ([]age.Identity, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("identity file %s: %v", path, err)
	}
	ids, err := age.ParseIdentities(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("identity file %s: %v (an identity file holds AGE-SECRET-KEY-1… lines, as made by age-keygen)", path, err)
	}
	return ids, nil
}

// HasIdentities reports whether the keyring holds at least one identity.
func (k *Keyring) HasIdentities() bool { return len(k.identities) > 0 }

// IdentityError returns why an identity file given could not be used, or nil.
func (k *Keyring) IdentityError() error { return k.idErr }

// Identities returns the identities of the keyring.
func (k *Keyring) Identities() []age.Identity { return k.identities }

// Passphrase returns the passphrase: DOSSIER_PASSPHRASE, or asked once on the terminal.
func (k *Keyring) Passphrase() (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.passDone {
		return k.pass, k.passErr
	}
	k.passDone = true
	switch {
	case k.hasEnvPass:
		k.pass = k.envPass
	case k.prompt != nil:
		k.pass, k.passErr = k.prompt("Passphrase: ")
		if k.passErr == nil && k.pass == "" {
			k.passErr = errors.New("empty passphrase")
		}
	default:
		k.passErr = fmt.Errorf("no passphrase: set %s, or run on a terminal to be asked", EnvPassphrase)
	}
	return k.pass, k.passErr
}

// ReadFile reads a file, decrypting it in memory when it is an age file (by name or by
// content). Plain files are returned as they are. A file that cannot be decrypted gives
// an error that says why and what to do, without the path (callers put it in front).
func (k *Keyring) ReadFile(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if !IsAge(data) {
		if IsEncryptedName(path) {
			return nil, errors.New("cannot decrypt: not an age file (it does not start with the age header)")
		}
		return data, nil
	}
	return k.Decrypt(data)
}

// Decrypt decrypts an age file in memory.
func (k *Keyring) Decrypt(data []byte) ([]byte, error) {
	scrypt := PassphraseEncrypted(data)
	var ids []age.Identity
	if scrypt {
		pass, err := k.Passphrase()
		if err != nil {
			return nil, fmt.Errorf("cannot decrypt: the file is passphrase-encrypted, and %v", err)
		}
		id, err := age.NewScryptIdentity(pass)
		if err != nil {
			return nil, fmt.Errorf("cannot decrypt: %v", err)
		}
		ids = []age.Identity{id}
	} else {
		if len(k.identities) == 0 {
			if k.idErr != nil {
				return nil, fmt.Errorf("cannot decrypt: %v", k.idErr)
			}
			return nil, fmt.Errorf("cannot decrypt: no identity given — pass --identity FILE or set %s", EnvIdentity)
		}
		ids = k.identities
	}
	var src io.Reader = bytes.NewReader(data)
	if r := dearmor(data); r != nil {
		src = r
	}
	r, err := age.Decrypt(src, ids...)
	if err != nil {
		var nomatch *age.NoIdentityMatchError
		switch {
		case errors.As(err, &nomatch) && scrypt:
			return nil, errors.New("cannot decrypt: wrong passphrase")
		case errors.As(err, &nomatch):
			msg := fmt.Sprintf("cannot decrypt: no identity matches (tried %s) — pass the right --identity", strings.Join(k.names, ", "))
			if k.idErr != nil {
				msg += fmt.Sprintf("; also, %v", k.idErr)
			}
			return nil, errors.New(msg)
		}
		return nil, fmt.Errorf("cannot decrypt: %v", err)
	}
	out, err := io.ReadAll(io.LimitReader(r, MaxPlaintext+1))
	if err != nil {
		return nil, fmt.Errorf("cannot decrypt: the file is damaged or was tampered with (%v)", err)
	}
	if len(out) > MaxPlaintext {
		return nil, fmt.Errorf("cannot decrypt: the plaintext is over %d MB, far larger than any testimony", MaxPlaintext>>20)
	}
	return out, nil
}

// Recipients is what files are encrypted to: public keys, or a passphrase.
type Recipients struct {
	Keys []age.Recipient
	// Passphrase, when not empty, encrypts with the passphrase instead (scrypt).
	Passphrase string
	// WorkFactor is the scrypt work factor (log2 of N); 0 means age's default (18, about
	// a second per file). Lower values are for tests only.
	WorkFactor int
}

// Empty reports whether there is nothing to encrypt to.
func (r Recipients) Empty() bool { return len(r.Keys) == 0 && r.Passphrase == "" }

// ParseRecipients parses recipients given as public keys (age1…) and as recipients
// files (one key per line, # comments).
func ParseRecipients(keys, files []string) ([]age.Recipient, error) {
	var out []age.Recipient
	for _, s := range keys {
		rs, err := age.ParseRecipients(strings.NewReader(s))
		if err != nil {
			return nil, fmt.Errorf("recipient %q: %v (a recipient is a public key age1…, as age-keygen -y prints)", s, err)
		}
		out = append(out, rs...)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("recipients file: %w", err)
		}
		rs, err := age.ParseRecipients(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("recipients file %s: %v", f, err)
		}
		out = append(out, rs...)
	}
	return out, nil
}

// Encrypt encrypts plaintext in memory.
func Encrypt(plaintext []byte, to Recipients) ([]byte, error) {
	var rs []age.Recipient
	if to.Passphrase != "" {
		r, err := age.NewScryptRecipient(to.Passphrase)
		if err != nil {
			return nil, err
		}
		if to.WorkFactor > 0 {
			r.SetWorkFactor(to.WorkFactor)
		}
		rs = []age.Recipient{r}
	} else {
		rs = to.Keys
	}
	if len(rs) == 0 {
		return nil, errors.New("no recipient to encrypt to")
	}
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, rs...)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(plaintext); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteFileAtomic writes data to a temporary file in path's folder and renames it over
// path, so that a reader sees the old file or the new one, never a part. Callers write
// ciphertext (or a file the user asked to have in plaintext) only.
func WriteFileAtomic(path string, data []byte, perm os.FileMode) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Chmod(tmp, perm); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}
