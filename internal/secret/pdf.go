package secret

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// EnvPDFPassword holds the password of confidential PDFs when no --password-file is given.
const EnvPDFPassword = "DOSSIER_PDF_PASSWORD"

// MinPDFPassword is the shortest password accepted for a confidential PDF. The PDF
// standard's password hash is fast to attack offline: the password is the protection.
const MinPDFPassword = 12

// MaxPDFPassword is the longest password accepted, in bytes. AES-256 PDFs allow 127,
// but poppler-based readers (Evince, Okular, pdftotext) cut passwords at 32 bytes and
// then refuse the right one: a UN officer on such a reader could not open the filing.
const MaxPDFPassword = 32

// PDFPassword returns the password for confidential PDFs: the first line of file when
// given (--password-file), else DOSSIER_PDF_PASSWORD. It is an error when there is none,
// or when it is too short: a confidential filing is never written unprotected.
func PDFPassword(file string, getenv func(string) string) (string, error) {
	var pw, from string
	switch {
	case file != "":
		data, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("password file: %w", err)
		}
		pw, _, _ = strings.Cut(string(data), "\n")
		pw = strings.TrimRight(pw, "\r")
		from = file
	case getenv != nil && getenv(EnvPDFPassword) != "":
		pw, from = getenv(EnvPDFPassword), EnvPDFPassword
	default:
		return "", fmt.Errorf("a confidential filing is encrypted with a password: give it with --password-file FILE or %s", EnvPDFPassword)
	}
	if !utf8.ValidString(pw) {
		return "", fmt.Errorf("the PDF password in %s is not UTF-8 text", from)
	}
	if utf8.RuneCountInString(pw) < MinPDFPassword {
		return "", fmt.Errorf("the PDF password in %s is too short: use %d characters or more (a passphrase of several words is best)", from, MinPDFPassword)
	}
	if len(pw) > MaxPDFPassword {
		return "", fmt.Errorf("the PDF password in %s is %d bytes long: use at most %d (common PDF readers cut longer passwords and then cannot open the file)", from, len(pw), MaxPDFPassword)
	}
	return pw, nil
}

// Permissions of a confidential PDF (/P, ISO 32000-2 table 22, bits numbered from 1):
// printing (bit 3) at full quality (bit 12), and text extraction for accessibility (bit
// 10); no changes, copying, annotations, forms or page assembly. Bits 7–8 and 13–32 are
// reserved and set, bits 1–2 reserved and clear: -1340, the value qpdf writes for the
// same permissions (pdfcpu, used before, wrote -1337, with bits 1–2 set by mistake).
const pdfPermissions = int32(-0x100000000 + (0xFFFFF0C0 | 1<<2 | 1<<9 | 1<<11))

// EncryptPDF encrypts a PDF in memory with the standard security handler, AES-256
// (revision 6, AESV3, ISO 32000-2 §7.6), so that it opens only with userPassword (or
// ownerPassword, which grants every permission; empty means the same as userPassword).
// Printing and text extraction for accessibility are allowed; changes are not
// ([pdfPermissions]).
//
// The input is read (incremental updates included) and written afresh as one PDF 2.0
// file — revision 6 belongs to PDF 2.0 — with a single cross-reference table: every
// object reachable from the catalog and the document information, renumbered in order,
// every string and stream encrypted (AES-256-CBC with the file key, a 16-byte IV in
// front, PKCS#5 padding), the XMP metadata stream included (/EncryptMetadata true: the
// title and the subject are in it). The document information (title, author, dates)
// stays readable to whoever has the password (pdfinfo -upw).
//
// # Deterministic
//
// The same PDF and passwords always give the same bytes. Where the standard draws random
// values — the 32-byte file key, the four 8-byte salts of /U and /O, the filler of /Perms,
// the IV of every string and stream — they are derived from the password and the SHA-256
// of the plaintext PDF (see deriveKeys):
//
//   - the user password is first stretched with algorithm 2.B, the standard's own
//     password hash, salted with the plaintext's hash; HKDF-SHA-256 (salt: the
//     plaintext's hash) then gives the file key, an IV key, the salts and the filler;
//   - the IV of the n-th string of object k is HMAC-SHA-256(IV key, k‖gen‖n)[:16], that
//     of its stream the same with another tag;
//   - the file /ID (both elements) is SHA-256 of the plaintext's hash under a fixed
//     prefix: like the plaintext's own /ID (internal/pdf), a hash of the content.
//
// Why this is as safe as random values:
//
//   - The keys are fresh for every document and password: a new plaintext (any change at
//     all) or a new password gives unrelated keys, salts and IVs. Nothing is shared
//     between two filings, even with the same password.
//   - IVs are unique and unpredictable: each (object, kind, index) has its own, from a
//     PRF (HMAC-SHA-256) under a key derived like the file key, never written. A (key,
//     IV) pair only ever encrypts one plaintext — the same string of the same document —
//     so CBC's requirements hold.
//   - Knowing the file key (anyone who opens the file learns it) does not reveal the
//     password: it is an HKDF output of a 2.B hash of the password, as one-way as /U.
//   - It gives no faster password test than the file already does. The manifest beside a
//     filing publishes the plaintext's SHA-256, so a derivation straight from the password
//     (HKDF alone, microseconds) would have let anyone holding the file and the manifest
//     try passwords far faster than through /U; the 2.B stretch makes each guess cost what
//     checking it against /U costs. The password remains the protection, as the standard
//     intends (hence MinPDFPassword).
//   - The owner password only enters /O and /OE, as the standard's algorithm 9 computes
//     them; it is not in the derivation, so a reader who knows the user password (and the
//     file key) learns nothing that makes the owner password easier to guess.
//
// What it reveals: two encryptions of the same plaintext with the same passwords are
// identical — that is the point: a rebuild can be checked byte for byte against a filing.
// The /ID, like the manifest's plaintext_sha256, lets whoever already holds a candidate
// plaintext confirm that it is the one encrypted; it tells nothing to anyone else.
//
// Passwords are prepared as revision 6 asks (see prepPassword): SASLprep, approximated
// by mapping spaces, dropping invisible characters and NFKC, then UTF-8, at most 127
// bytes.
func EncryptPDF(pdf []byte, userPassword, ownerPassword string) ([]byte, error) {
	if userPassword == "" {
		return nil, errors.New("encrypt PDF: empty password")
	}
	if ownerPassword == "" {
		ownerPassword = userPassword
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || len(pdf) < 8 {
		return nil, errors.New("encrypt PDF: not a PDF")
	}
	user, owner := prepPassword(userPassword), prepPassword(ownerPassword)
	f, err := parsePDF(pdf, func(f *pdfFile) error {
		if f.trailer.get("Encrypt") != nil {
			return errors.New("the PDF is encrypted already")
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("encrypt PDF: %w", err)
	}
	sum := sha256.Sum256(pdf)
	keys := deriveKeys(sum, user)
	sec := newSecurityR6(keys.fileKey, user, owner, keys.salts, keys.fill, pdfPermissions, true)
	out, err := writePDF(f, "2.0", newCryptor(keys.fileKey, keys.ivKey), sec, pdfArray{pdfString(keys.id), pdfString(keys.id)})
	if err != nil {
		return nil, fmt.Errorf("encrypt PDF: %w", err)
	}
	return out, nil
}

// prepPassword prepares a password as revision 6 asks (ISO 32000-2 §7.6.4.3.3): SASLprep
// (RFC 4013), then UTF-8, truncated to 127 bytes. SASLprep is approximated — enough for
// passwords people type: spaces of every kind as U+0020, characters "commonly mapped to
// nothing" dropped, NFKC; its prohibited and bidirectional checks are not made. Readers
// (qpdf, Acrobat) prepare what the user types the same way. The truncation is of bytes,
// even within a character, as the standard says and qpdf does.
func prepPassword(pw string) []byte {
	var b strings.Builder
	for _, r := range pw {
		switch {
		case r == 0x00AD, r == 0x034F, r == 0x1806, r >= 0x180B && r <= 0x180D, r >= 0x200B && r <= 0x200D,
			r == 0x2060, r >= 0xFE00 && r <= 0xFE0F, r == 0xFEFF:
		case unicode.Is(unicode.Zs, r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	out := []byte(norm.NFKC.String(b.String()))
	if len(out) > 127 {
		out = out[:127]
	}
	return out
}

// DecryptPDF decrypts a PDF encrypted with AES-256 (revision 6) — by [EncryptPDF], or by
// any other writer — with its user or owner password, for checks and tests. The result is
// an unencrypted PDF of the same objects, in one cross-reference table (its bytes are not
// those given to EncryptPDF).
func DecryptPDF(pdf []byte, password string) ([]byte, error) {
	pw := prepPassword(password)
	var (
		c                     *cryptor
		encNum                = -1
		sec                   *securityR6
		stmIdentity, strIdent bool
	)
	f, err := parsePDF(pdf, func(f *pdfFile) error {
		ev := f.trailer.get("Encrypt")
		if ev == nil {
			return errors.New("the PDF is not encrypted")
		}
		if r, ok := ev.(pdfRef); ok {
			encNum = r.num
		}
		v, err := f.resolve(ev)
		if err != nil {
			return fmt.Errorf("/Encrypt: %w", err)
		}
		d, ok := v.(*pdfDict)
		if !ok {
			return errors.New("/Encrypt is not a dictionary")
		}
		if sec, stmIdentity, strIdent, err = readSecurity(d); err != nil {
			return err
		}
		key, err := sec.fileKey(pw)
		if err != nil {
			return err
		}
		c = newCryptor(key, nil)
		if !stmIdentity {
			f.decryptObjStm = func(_, _ int, data []byte) ([]byte, error) { return c.decrypt(data) }
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("decrypt PDF: %w", err)
	}
	for _, num := range f.numbers() {
		if num == encNum || f.inObjStm[num] {
			continue
		}
		o, err := decryptValue(c, f.objs[num], !strIdent, !stmIdentity, sec.EncryptMetadata)
		if err != nil {
			return nil, fmt.Errorf("decrypt PDF: object %d: %w", num, err)
		}
		f.objs[num] = o
	}
	id, _ := f.trailer.get("ID").(pdfArray)
	out, err := writePDF(f, f.version, nil, nil, id)
	if err != nil {
		return nil, fmt.Errorf("decrypt PDF: %w", err)
	}
	return out, nil
}

// readSecurity reads an /Encrypt dictionary of the standard security handler, revision 6
// with AESV3 (or Identity) crypt filters.
func readSecurity(d *pdfDict) (s *securityR6, stmIdentity, strIdentity bool, err error) {
	if d.get("Filter") != pdfName("Standard") {
		return nil, false, false, fmt.Errorf("unsupported security handler %v", d.get("Filter"))
	}
	v, _ := d.get("V").(pdfInt)
	r, _ := d.get("R").(pdfInt)
	if v != 5 || r != 6 {
		return nil, false, false, fmt.Errorf("unsupported encryption (V %d, R %d): only AES-256, revision 6, is read", v, r)
	}
	s = &securityR6{EncryptMetadata: true}
	for _, f := range []struct {
		key pdfName
		dst *[]byte
	}{{"O", &s.O}, {"U", &s.U}, {"OE", &s.OE}, {"UE", &s.UE}, {"Perms", &s.Perms}} {
		str, ok := d.get(f.key).(pdfString)
		if !ok {
			return nil, false, false, fmt.Errorf("/Encrypt has no /%s", f.key)
		}
		*f.dst = str
	}
	p, ok := d.get("P").(pdfInt)
	if !ok {
		return nil, false, false, errors.New("/Encrypt has no /P")
	}
	s.P = int32(p)
	if m, ok := d.get("EncryptMetadata").(pdfBool); ok {
		s.EncryptMetadata = bool(m)
	}
	cf, _ := d.get("CF").(*pdfDict)
	filter := func(key pdfName) (identity bool, err error) {
		name, _ := d.get(key).(pdfName)
		if name == "" || name == "Identity" {
			return true, nil
		}
		f, _ := cf.get(name).(*pdfDict)
		if f == nil || f.get("CFM") != pdfName("AESV3") {
			return false, fmt.Errorf("crypt filter %s is not AESV3", name)
		}
		return false, nil
	}
	if stmIdentity, err = filter("StmF"); err != nil {
		return nil, false, false, err
	}
	if strIdentity, err = filter("StrF"); err != nil {
		return nil, false, false, err
	}
	return s, stmIdentity, strIdentity, nil
}

// decryptValue decrypts the strings (when strs) and the stream data (when stms) of an
// object. Cross-reference and object streams are left (they are not written out), and
// so are the metadata when it was not encrypted, and streams with their own crypt filter.
func decryptValue(c *cryptor, v any, strs, stms, meta bool) (any, error) {
	var err error
	switch x := v.(type) {
	case pdfString:
		if strs {
			d, err := c.decrypt(x)
			return pdfString(d), err
		}
	case pdfArray:
		for i := range x {
			if x[i], err = decryptValue(c, x[i], strs, stms, meta); err != nil {
				return nil, err
			}
		}
	case *pdfDict:
		for i := range x.vals {
			if x.vals[i], err = decryptValue(c, x.vals[i], strs, stms, meta); err != nil {
				return nil, err
			}
		}
	case *pdfStream:
		t := x.dict.get("Type")
		if t == pdfName("XRef") { // never encrypted, /ID included
			return x, nil
		}
		if _, err := decryptValue(c, x.dict, strs, stms, meta); err != nil {
			return nil, err
		}
		switch {
		case !stms, t == pdfName("ObjStm"), t == pdfName("Metadata") && !meta, hasCryptFilter(x.dict):
			return x, nil
		}
		data, err := c.decrypt(x.data)
		if err != nil {
			return nil, err
		}
		return &pdfStream{dict: x.dict, data: data}, nil
	}
	return v, nil
}

func hasCryptFilter(d *pdfDict) bool {
	switch f := d.get("Filter").(type) {
	case pdfName:
		return f == "Crypt"
	case pdfArray:
		for _, x := range f {
			if x == pdfName("Crypt") {
				return true
			}
		}
	}
	return false
}
