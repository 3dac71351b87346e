package secret

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
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

var pdfcpuOnce sync.Once

// EncryptPDF encrypts a PDF in memory with the standard security handler, AES-256
// (revision 6, AESV3, ISO 32000-2), so that it opens only with userPassword (or
// ownerPassword, which grants every permission; empty means the same as userPassword).
// Printing and text extraction for accessibility are allowed; changes are not.
//
// Revision 6 belongs to PDF 2.0, so the file is declared PDF 2.0. The document's
// metadata (title, dates, producer) is kept as it is.
//
// The output is not byte-identical from one call to the next: pdfcpu draws the file
// key, the salts and every initialisation vector from crypto/rand (as the standard
// intends) and derives the file /ID from the clock, and none of that can be seeded. The
// plaintext PDF is deterministic; a build manifest records the hash of both.
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
	userPassword, ownerPassword = prepPassword(userPassword), prepPassword(ownerPassword)
	pdfcpuOnce.Do(api.DisableConfigDir) // never write pdfcpu's config files anywhere
	in := append([]byte{}, pdf...)
	copy(in, "%PDF-2.0") // same length as "%PDF-1.x": offsets are unchanged
	conf := model.NewAESConfiguration(userPassword, ownerPassword, 256)
	conf.Permissions = model.PermissionsPrint | model.PermissionExtractRev3
	var out bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(in), &out, conf); err != nil {
		return nil, fmt.Errorf("encrypt PDF: %w", err)
	}
	return out.Bytes(), nil
}

// prepPassword prepares a password as revision 6 asks (SASLprep, RFC 4013): spaces of
// every kind as U+0020, characters "commonly mapped to nothing" dropped, NFKC, at most
// 127 bytes. pdfcpu hashes the bytes it is given as they are, so this is done here;
// readers (qpdf, Acrobat) do the same to what the user types.
func prepPassword(pw string) string {
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
	out := norm.NFKC.String(b.String())
	if len(out) > 127 {
		out = out[:127]
		for !utf8.ValidString(out) {
			out = out[:len(out)-1]
		}
	}
	return out
}

// DecryptPDF decrypts a PDF encrypted by [EncryptPDF], for checks and tests. pdfcpu
// refuses passwords with spaces here (it checks them as PRECIS identifiers): use qpdf to
// open those.
func DecryptPDF(pdf []byte, password string) ([]byte, error) {
	password = prepPassword(password)
	pdfcpuOnce.Do(api.DisableConfigDir)
	conf := model.NewAESConfiguration(password, password, 256)
	var out bytes.Buffer
	if err := api.Decrypt(bytes.NewReader(pdf), &out, conf); err != nil {
		return nil, fmt.Errorf("decrypt PDF: %w", err)
	}
	return out.Bytes(), nil
}
