package secret

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/pscore/dossier/internal/markdown"
	"github.com/pscore/dossier/internal/pdf"
)

// needTool returns the path of an external tool; a missing tool fails the test on CI
// (CI=true) and skips it elsewhere.
func needTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required on CI (install qpdf and poppler-utils): %v", name, err)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}

var (
	samplesMu sync.Mutex
	samples   = map[string][]byte{}
)

// samplePDF renders testdata/markdown/LANG.md (times copies of its body) as a
// confidential filing is rendered: the writer's output, incremental update included.
func samplePDF(t testing.TB, lang string, times int) []byte {
	t.Helper()
	key := fmt.Sprint(lang, times)
	samplesMu.Lock()
	defer samplesMu.Unlock()
	if b, ok := samples[key]; ok {
		return b
	}
	src, err := os.ReadFile("../../testdata/markdown/" + lang + ".md")
	if err != nil {
		t.Fatal(err)
	}
	if times > 1 {
		_, body, _ := strings.Cut(strings.TrimPrefix(string(src), "---\n"), "\n---\n")
		for i := 1; i < times; i++ {
			src = append(src, "\n<!-- pagebreak -->\n\n"+strings.ReplaceAll(body, "[^", fmt.Sprintf("[^%d", i))...)
		}
	}
	d, diags := markdown.Parse(src, markdown.Options{Path: lang + ".md", Numbered: true})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	r, err := pdf.Render(d, pdf.Options{Mark: "CONFIDENTIAL"})
	if err != nil {
		t.Fatal(err)
	}
	samples[key] = r.PDF
	return r.PDF
}

func writeTemp(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// utf16Hex returns s as a PDF text string in hexadecimal (UTF-16BE after FEFF), upper case.
func utf16Hex(s string) string {
	var b strings.Builder
	b.WriteString("FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	return b.String()
}

func utf16Bytes(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

// noPlaintext fails if any of the texts is in data: as UTF-8, as UTF-16BE bytes, or as
// UTF-16BE in hexadecimal (either case).
func noPlaintext(t *testing.T, data []byte, texts ...string) {
	t.Helper()
	for _, s := range texts {
		h := utf16Hex(s)[4:]
		for _, form := range [][]byte{[]byte(s), utf16Bytes(s), []byte(h), []byte(strings.ToLower(h))} {
			if bytes.Contains(data, form) {
				t.Errorf("%q is readable in the encrypted PDF (as %q)", s, form)
			}
		}
	}
}

// sameGraph compares the object graphs of two PDFs from their catalogs and document
// information: the same dictionaries (stream /Length aside), arrays, strings, numbers
// and names, and the same stream data, whatever the object numbers.
func sameGraph(a, b *pdfFile) error {
	seen := map[[2]int]bool{}
	// null: a value that is null, or a reference to no object
	null := func(f *pdfFile, v any) bool {
		if r, ok := v.(pdfRef); ok {
			o, err := f.object(r.num)
			return err == nil && o == nil
		}
		return v == nil
	}
	var cmp func(x, y any, path string) error
	cmp = func(x, y any, path string) error {
		if null(a, x) && null(b, y) {
			return nil
		}
		rx, okx := x.(pdfRef)
		ry, oky := y.(pdfRef)
		switch {
		case okx && !oky: // a direct object made indirect, or the reverse
			ox, _ := a.object(rx.num)
			return cmp(ox, y, path)
		case oky && !okx:
			oy, _ := b.object(ry.num)
			return cmp(x, oy, path)
		case okx && oky:
			if seen[[2]int{rx.num, ry.num}] {
				return nil
			}
			seen[[2]int{rx.num, ry.num}] = true
			ox, err1 := a.object(rx.num)
			oy, err2 := b.object(ry.num)
			if err1 != nil || err2 != nil {
				return fmt.Errorf("%s: %v %v", path, err1, err2)
			}
			return cmp(ox, oy, fmt.Sprintf("%s→%d", path, rx.num))
		}
		switch vx := x.(type) {
		case *pdfStream:
			vy, ok := y.(*pdfStream)
			if !ok {
				return fmt.Errorf("%s: a stream and a %T", path, y)
			}
			if !bytes.Equal(vx.data, vy.data) {
				return fmt.Errorf("%s: stream data differs (%d and %d bytes)", path, len(vx.data), len(vy.data))
			}
			return cmpDict(vx.dict, vy.dict, a, b, path, true, null, cmp)
		case *pdfDict:
			vy, ok := y.(*pdfDict)
			if !ok {
				return fmt.Errorf("%s: a dictionary and a %T", path, y)
			}
			return cmpDict(vx, vy, a, b, path, false, null, cmp)
		case pdfArray:
			vy, ok := y.(pdfArray)
			if !ok || len(vx) != len(vy) {
				return fmt.Errorf("%s: %v and %v", path, x, y)
			}
			for i := range vx {
				if err := cmp(vx[i], vy[i], fmt.Sprintf("%s[%d]", path, i)); err != nil {
					return err
				}
			}
			return nil
		case pdfInt, pdfReal:
			fx, fy := number(x), number(y)
			if fx != fy {
				return fmt.Errorf("%s: %v and %v", path, x, y)
			}
			return nil
		case pdfString:
			vy, ok := y.(pdfString)
			if !ok || !bytes.Equal(vx, vy) {
				return fmt.Errorf("%s: %q and %q", path, x, y)
			}
			return nil
		}
		if x != y {
			return fmt.Errorf("%s: %v (%T) and %v (%T)", path, x, x, y, y)
		}
		return nil
	}
	for _, k := range []pdfName{"Root", "Info"} {
		if v, _ := a.resolve(a.trailer.get(k)); k == "Info" && v != nil {
			if _, ok := v.(*pdfDict); !ok {
				continue // not a dictionary: not written
			}
		}
		if err := cmp(a.trailer.get(k), b.trailer.get(k), "/"+string(k)); err != nil {
			return err
		}
	}
	return nil
}

func cmpDict(x, y *pdfDict, fa, fb *pdfFile, path string, stream bool, null func(*pdfFile, any) bool, cmp func(x, y any, path string) error) error {
	keys := func(d *pdfDict, f *pdfFile) map[pdfName]bool {
		m := map[pdfName]bool{}
		for i, k := range d.keys {
			if (k != "Length" || !stream) && !null(f, d.vals[i]) {
				m[k] = true
			}
		}
		return m
	}
	kx, ky := keys(x, fa), keys(y, fb)
	if len(kx) != len(ky) {
		return fmt.Errorf("%s: keys %v and %v", path, x.keys, y.keys)
	}
	for k := range kx {
		if !ky[k] {
			return fmt.Errorf("%s: /%s only on one side", path, k)
		}
		if err := cmp(x.get(k), y.get(k), path+"/"+string(k)); err != nil {
			return err
		}
	}
	return nil
}

func number(v any) float64 {
	switch x := v.(type) {
	case pdfInt:
		return float64(x)
	case pdfReal:
		f, _ := strconv.ParseFloat(string(x), 64)
		return f
	}
	return -1
}

func mustParse(t testing.TB, b []byte) *pdfFile {
	t.Helper()
	f, err := parsePDF(b, nil)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

const testPW = "a-long-test-password"

func TestEncryptPDF(t *testing.T) {
	plain := samplePDF(t, "fr", 1)
	enc, err := EncryptPDF(plain, testPW, "")
	if err != nil {
		t.Fatal(err)
	}
	// deterministic: the same bytes again; another password or plaintext, other bytes
	again, _ := EncryptPDF(append([]byte{}, plain...), testPW, "")
	if !bytes.Equal(enc, again) {
		t.Error("two encryptions of the same PDF with the same password differ")
	}
	other, _ := EncryptPDF(plain, testPW+"!", "")
	owner, _ := EncryptPDF(plain, testPW, "another owner password")
	if bytes.Equal(enc, other) || bytes.Equal(enc, owner) {
		t.Error("another password gives the same bytes")
	}
	fe, fo := mustParse(t, enc), mustParse(t, other)
	if bytes.Equal(fe.trailer.get("Encrypt").(pdfRef).resolveIn(fe).get("UE").(pdfString), fo.trailer.get("Encrypt").(pdfRef).resolveIn(fo).get("UE").(pdfString)) {
		t.Error("/UE is the same for two passwords")
	}
	// a clean PDF 2.0 file: one cross-reference table, no update, an /ID from the plaintext
	if !bytes.HasPrefix(enc, []byte("%PDF-2.0\n")) || bytes.Count(enc, []byte("startxref")) != 1 || bytes.Count(enc, []byte("%%EOF")) != 1 ||
		bytes.Count(enc, []byte("\nxref\n")) != 1 || bytes.Count(enc, []byte("\ntrailer\n")) != 1 || fe.trailer.get("Prev") != nil {
		t.Error("not a single-section PDF 2.0 file")
	}
	sum := sha256.Sum256(plain)
	id := sha256.Sum256(append([]byte("dossier pdf id\x00"), sum[:]...))
	if ids, _ := fe.trailer.get("ID").(pdfArray); len(ids) != 2 || !bytes.Equal(ids[0].(pdfString), id[:16]) || !bytes.Equal(ids[1].(pdfString), id[:16]) {
		t.Errorf("/ID = %v", fe.trailer.get("ID"))
	}
	// the /Encrypt dictionary
	ed := fe.trailer.get("Encrypt").(pdfRef).resolveIn(fe)
	for k, want := range map[pdfName]any{"Filter": pdfName("Standard"), "V": pdfInt(5), "R": pdfInt(6), "Length": pdfInt(256),
		"StmF": pdfName("StdCF"), "StrF": pdfName("StdCF"), "P": pdfInt(-1340), "EncryptMetadata": pdfBool(true)} {
		if ed.get(k) != want {
			t.Errorf("/Encrypt /%s = %v, want %v", k, ed.get(k), want)
		}
	}
	cf := ed.get("CF").(*pdfDict).get("StdCF").(*pdfDict)
	if cf.get("CFM") != pdfName("AESV3") || cf.get("AuthEvent") != pdfName("DocOpen") || cf.get("Length") != pdfInt(32) {
		t.Errorf("/StdCF = %v %v", cf.keys, cf.vals)
	}
	for k, n := range map[pdfName]int{"O": 48, "U": 48, "OE": 32, "UE": 32, "Perms": 16} {
		if s, _ := ed.get(k).(pdfString); len(s) != n {
			t.Errorf("/%s is %d bytes", k, len(s))
		}
	}
	// every string and stream encrypted under its own IV
	ivs := map[string]bool{}
	strs, stms := 0, 0
	encNum := fe.trailer.get("Encrypt").(pdfRef).num
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case pdfString:
			strs++
			if len(x) < 32 || len(x)%16 != 0 || ivs[string(x[:16])] {
				t.Errorf("a string is not AES ciphertext under a fresh IV: %x", x)
			}
			ivs[string(x[:16])] = true
		case pdfArray:
			for _, e := range x {
				walk(e)
			}
		case *pdfDict:
			for _, e := range x.vals {
				walk(e)
			}
		case *pdfStream:
			walk(x.dict)
			stms++
			if len(x.data) < 32 || len(x.data)%16 != 0 || ivs[string(x.data[:16])] {
				t.Error("a stream is not AES ciphertext under a fresh IV")
			}
			ivs[string(x.data[:16])] = true
		}
	}
	for _, n := range fe.numbers() {
		if n != encNum {
			walk(fe.objs[n])
		}
	}
	if strs < 10 || stms < 10 {
		t.Errorf("%d strings, %d streams", strs, stms)
	}
	// nothing of the content is readable: metadata, outline, body text (which the
	// plaintext shows: the title in the XMP and, in UTF-16BE, in /Info)
	const title = "La détention arbitraire en République populaire démocratique de Corée"
	if !bytes.Contains(plain, []byte(title)) || !bytes.Contains(plain, []byte(utf16Hex(title))) {
		t.Fatal("the plaintext does not show its title: the check below proves nothing")
	}
	noPlaintext(t, enc, title, "Exposé écrit sur la détention arbitraire", "Méthode", "PSCORE", "x:xmpmeta",
		"https://www.ohchr.org", "Les enquêteurs ont suivi un protocole conçu pour protéger les sources.")

	// it opens with the password (either), and holds the same objects as the plaintext
	for _, pw := range []string{testPW} {
		dec, err := DecryptPDF(enc, pw)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(dec, []byte("%PDF-2.0")) {
			t.Error("decrypted PDF is not 2.0")
		}
		if err := sameGraph(mustParse(t, plain), mustParse(t, dec)); err != nil {
			t.Error(err)
		}
	}
	dec, err := DecryptPDF(owner, "another owner password")
	if err != nil {
		t.Fatalf("owner password: %v", err)
	}
	if err := sameGraph(mustParse(t, plain), mustParse(t, dec)); err != nil {
		t.Error(err)
	}
	if _, err := DecryptPDF(enc, "the wrong password"); err == nil || !strings.Contains(err.Error(), "wrong password") {
		t.Errorf("wrong password: %v", err)
	}
	// a tampered /P is caught by /Perms (algorithm 13)
	bad := bytes.Replace(enc, []byte("/P -1340"), []byte("/P -0004"), 1)
	if _, err := DecryptPDF(bad, testPW); err == nil || !strings.Contains(err.Error(), "tampered") {
		t.Errorf("tampered /P: %v", err)
	}
	if _, err := EncryptPDF(enc, testPW, ""); err == nil || !strings.Contains(err.Error(), "encrypted already") {
		t.Errorf("encrypting twice: %v", err)
	}
	if _, err := EncryptPDF([]byte("hello"), testPW, ""); err == nil {
		t.Error("not a PDF: no error")
	}
	if _, err := EncryptPDF(plain, "", ""); err == nil {
		t.Error("empty password: no error")
	}
}

func (r pdfRef) resolveIn(f *pdfFile) *pdfDict {
	o, _ := f.object(r.num)
	d, _ := o.(*pdfDict)
	return d
}

// TestDecryptForeign opens files encrypted by other implementations of revision 6: qpdf
// (a fixture with encrypted object streams and a cross-reference stream) and pdfcpu.
func TestDecryptForeign(t *testing.T) {
	fixture, err := os.ReadFile("testdata/qpdf-aes256.pdf")
	if err != nil {
		t.Fatal(err)
	}
	for _, pw := range []string{"user pässword", "owner password", "user pa\u0308ssword"} { // NFC or NFD: the same
		dec, err := DecryptPDF(fixture, pw)
		if err != nil {
			t.Fatalf("%q: %v", pw, err)
		}
		f := mustParse(t, dec)
		info, _ := f.resolve(f.trailer.get("Info"))
		if title, _ := info.(*pdfDict).get("Title").(pdfString); !bytes.Equal(title, append([]byte{0xfe, 0xff}, utf16Bytes("Témoignage « œ » secret")...)) {
			t.Errorf("title %q", title)
		}
		cat, _ := f.resolve(f.trailer.get("Root"))
		pages, _ := f.resolve(cat.(*pdfDict).get("Pages"))
		page, _ := f.resolve(pages.(*pdfDict).get("Kids").(pdfArray)[0])
		content, _ := f.resolve(page.(*pdfDict).get("Contents"))
		s, _ := content.(*pdfStream) // qpdf compressed it
		if data, err := decodeStream(s); s == nil || err != nil || !bytes.Contains(data, []byte("(Hello, qpdf fixture) Tj")) {
			t.Errorf("the page content is not decrypted: %v %q", err, data)
		}
	}
	if _, err := DecryptPDF(fixture, "user password"); err == nil {
		t.Error("a wrong password opened the fixture")
	}

	plain := bytes.Clone(samplePDF(t, "ko", 1))
	copy(plain, "%PDF-2.0") // else pdfcpu writes revision 5
	api.DisableConfigDir()
	conf := model.NewAESConfiguration("pdfcpu-user-pw", "pdfcpu-owner-pw", 256)
	var out bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(plain), &out, conf); err != nil {
		t.Fatal(err)
	}
	for _, pw := range []string{"pdfcpu-user-pw", "pdfcpu-owner-pw"} {
		dec, err := DecryptPDF(out.Bytes(), pw)
		if err != nil {
			t.Fatalf("pdfcpu's encryption, %s: %v", pw, err)
		}
		if err := sameGraph(mustParse(t, plain), mustParse(t, dec)); err != nil && !strings.Contains(err.Error(), "/Info") {
			t.Error(err) // pdfcpu rewrites /Info (Producer, ModDate); the rest is the same
		}
	}
}

// TestEncryptPDFPasswords: passwords are prepared (SASLprep approximated, UTF-8, 127
// bytes) so that what a reader's user types opens the file.
func TestEncryptPDFPasswords(t *testing.T) {
	plain := samplePDF(t, "fr", 1)
	long := strings.Repeat("가", 50) // 150 bytes: cut at 127, inside a character
	cases := []struct{ set, open string }{
		{"correct horse battery staple", "correct horse battery staple"},
		{"비밀번호는 길어야 한다", "비밀번호는 길어야 한다"},
		{"no\u00a0break\u2003spaces", "no break spaces"},
		{"ｆｕｌｌｗｉｄｔｈ ｐａｓｓ", "fullwidth pass"},
		{"soft\u00adhyphen password", "softhyphen password"},
		{long, long},
		{long, long + "and more"},
	}
	for _, c := range cases {
		enc, err := EncryptPDF(plain, c.set, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := DecryptPDF(enc, c.open); err != nil {
			t.Errorf("set %q, open with %q: %v", c.set, c.open, err)
		}
	}
	if got := prepPassword(long); len(got) != 127 {
		t.Errorf("prepared length %d", len(got))
	}
}

// TestEncryptPDFInputs: every PDF the writer can give is read (incremental update, a
// direct /Info, indirect /Length defined after its stream, strings with escapes, names
// with #xx), and so are object streams, cross-reference streams and a broken
// cross-reference offset, which other tools write.
func TestEncryptPDFInputs(t *testing.T) {
	content := "BT /F1 12 Tf 20 100 Td (Caf\\351 \\(ouvert\\)) Tj ET"
	tricky := buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R /Lang (fr) /Names#20X (a\\\nb\\tc (nested) \\101\\7) >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 -.5 ] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R % a comment\n>>",
		"<< /Length 6 0 R >>\nstream\n" + content + "\nendstream",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Missing 99 0 R >>",
		strconv.Itoa(len(content)),
	}, "/Info << /Title <FEFF00540069007400720065> /Author (Tester) >>")
	f := mustParse(t, tricky)
	cat, _ := f.resolve(f.trailer.get("Root"))
	if s := cat.(*pdfDict).get("Names X"); !bytes.Equal(s.(pdfString), []byte("ab\tc (nested) A\a")) {
		t.Errorf("literal string read as %q", s)
	}
	inputs := map[string][]byte{"writer": samplePDF(t, "ko", 1), "tricky": tricky}
	// a wrong startxref: read again from the object headers
	broken := bytes.Clone(inputs["writer"])
	i := bytes.LastIndex(broken, []byte("startxref\n"))
	copy(broken[i+10:], "1234")
	inputs["broken xref"] = broken
	if qpdf, err := exec.LookPath("qpdf"); err == nil {
		in := writeTemp(t, "in.pdf", inputs["writer"])
		out := filepath.Join(filepath.Dir(in), "objstm.pdf")
		if msg, err := exec.Command(qpdf, "--object-streams=generate", in, out).CombinedOutput(); err != nil {
			t.Fatalf("%v %s", err, msg)
		}
		inputs["object streams"], _ = os.ReadFile(out)
	} else if os.Getenv("CI") == "true" {
		t.Fatal("qpdf is required on CI")
	}
	for name, plain := range inputs {
		enc, err := EncryptPDF(plain, testPW, "")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		dec, err := DecryptPDF(enc, testPW)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if err := sameGraph(mustParse(t, plain), mustParse(t, dec)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if qpdf, err := exec.LookPath("qpdf"); err == nil {
			p := writeTemp(t, "enc.pdf", enc)
			if out, err := exec.Command(qpdf, "--password="+testPW, "--check", p).CombinedOutput(); err != nil {
				t.Errorf("%s: qpdf --check: %v\n%s", name, err, out)
			}
		}
	}
}

// buildPDF makes a PDF of the given objects (numbered from 1) with a correct
// cross-reference table and the trailer entries given besides /Size and /Root.
func buildPDF(objs []string, trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f\r\n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n\r\n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailer, x)
	return b.Bytes()
}

// TestEncryptPDFTools checks the encrypted filing with qpdf, poppler and pdfcpu, in
// French (é œ « ») and Korean.
func TestEncryptPDFTools(t *testing.T) {
	qpdf := needTool(t, "qpdf")
	pdftotext := needTool(t, "pdftotext")
	pdfinfo := needTool(t, "pdfinfo")
	run := func(name string, args ...string) (string, error) {
		out, err := exec.Command(name, args...).CombinedOutput()
		return string(out), err
	}
	for _, c := range []struct {
		lang, title string
		words       []string
	}{
		{"fr", "La détention arbitraire en République populaire démocratique de Corée", []string{"é", "œ", "«", "»"}},
		{"ko", "조선민주주의인민공화국의 자의적 구금", []string{"조선민주주의인민공화국", "증언"}},
	} {
		t.Run(c.lang, func(t *testing.T) {
			plain := samplePDF(t, c.lang, 1)
			enc, err := EncryptPDF(plain, testPW, "")
			if err != nil {
				t.Fatal(err)
			}
			noPlaintext(t, enc, c.title)
			pp, ep := writeTemp(t, "plain.pdf", plain), writeTemp(t, "enc.pdf", enc)
			dp := filepath.Join(filepath.Dir(ep), "dec.pdf")

			out, err := run(qpdf, "--password="+testPW, "--show-encryption", ep)
			if err != nil || !strings.Contains(out, "R = 6\n") || !strings.Contains(out, "P = -1340\n") ||
				!strings.Contains(out, "stream encryption method: AESv3") || !strings.Contains(out, "string encryption method: AESv3") ||
				!strings.Contains(out, "print high resolution: allowed") || !strings.Contains(out, "extract for accessibility: allowed") ||
				!strings.Contains(out, "modify anything: not allowed") || !strings.Contains(out, "extract for any purpose: not allowed") {
				t.Errorf("qpdf --show-encryption: %v\n%s", err, out)
			}
			// exit 0: no error and no warning
			if out, err := run(qpdf, "--password="+testPW, "--check", ep); err != nil || !strings.Contains(out, "No syntax or stream encoding errors") {
				t.Errorf("qpdf --check: %v\n%s", err, out)
			}
			if out, err := run(qpdf, "--password=a-wrong-password", "--check", ep); err == nil || !strings.Contains(out, "invalid password") {
				t.Errorf("qpdf with a wrong password: %v\n%s", err, out)
			}
			if out, err := run(qpdf, "--check", ep); err == nil {
				t.Errorf("qpdf opened it without a password:\n%s", out)
			}
			// qpdf's decryption holds the plaintext's objects, and reads the same
			if out, err := run(qpdf, "--password="+testPW, "--decrypt", ep, dp); err != nil {
				t.Fatalf("qpdf --decrypt: %v\n%s", err, out)
			}
			qdec, _ := os.ReadFile(dp)
			if err := sameGraph(mustParse(t, plain), mustParse(t, qdec)); err != nil {
				t.Errorf("qpdf's decryption: %v", err)
			}
			want, err := exec.Command(pdftotext, "-enc", "UTF-8", pp, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range c.words {
				if !strings.Contains(string(want), w) {
					t.Errorf("the plaintext's text lacks %q", w)
				}
			}
			got, err := exec.Command(pdftotext, "-enc", "UTF-8", dp, "-").Output()
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("pdftotext of qpdf's decryption differs: %v", err)
			}
			got, err = exec.Command(pdftotext, "-enc", "UTF-8", "-upw", testPW, ep, "-").Output()
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("pdftotext -upw differs: %v", err)
			}
			if err := exec.Command(pdftotext, "-upw", "a-wrong-password", ep, "-").Run(); err == nil {
				t.Error("pdftotext opened it with a wrong password")
			}
			info, err := run(pdfinfo, "-enc", "UTF-8", "-upw", testPW, ep)
			if err != nil || !strings.Contains(info, "Title:           "+c.title+"\n") || !strings.Contains(info, "Author:          PSCORE\n") ||
				!strings.Contains(info, "PDF version:     2.0") || !strings.Contains(info, "algorithm:AES-256") {
				t.Errorf("pdfinfo -upw: %v\n%s", err, info)
			}

			// pdfcpu reads, validates and decrypts it
			api.DisableConfigDir()
			conf := model.NewAESConfiguration(testPW, testPW, 256)
			conf.ValidationMode = model.ValidationStrict
			if err := api.Validate(bytes.NewReader(enc), conf); err != nil {
				t.Errorf("pdfcpu validate (strict): %v", err)
			}
			conf = model.NewAESConfiguration(testPW, testPW, 256)
			var pdec bytes.Buffer
			if err := api.Decrypt(bytes.NewReader(enc), &pdec, conf); err != nil {
				t.Fatalf("pdfcpu decrypt: %v", err)
			}
			got, err = exec.Command(pdftotext, "-enc", "UTF-8", writeTemp(t, "pdfcpu.pdf", pdec.Bytes()), "-").Output()
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("pdftotext of pdfcpu's decryption differs: %v", err)
			}
		})
	}
	// passwords as typed in a viewer: spaces, Korean, and the owner password
	plain := samplePDF(t, "fr", 1)
	for _, pw := range []string{"correct horse battery staple", "비밀번호는 길어야 한다"} {
		enc, err := EncryptPDF(plain, pw, "the owner's own password")
		if err != nil {
			t.Fatal(err)
		}
		p := writeTemp(t, "pw.pdf", enc)
		if out, err := run(qpdf, "--password="+pw, "--check", p); err != nil {
			t.Errorf("qpdf --check with %q: %v\n%s", pw, err, out)
		}
		// (revision 6 does not let the owner password recover the user password)
		if out, err := run(qpdf, "--password=the owner's own password", "--show-encryption", p); err != nil || !strings.Contains(out, "Supplied password is owner password") || strings.Contains(out, "Supplied password is user password") {
			t.Errorf("qpdf with the owner password: %v\n%s", err, out)
		}
		if out, err := run(pdftotext, "-upw", pw, p, "-"); err != nil {
			t.Errorf("pdftotext -upw %q: %v\n%s", pw, err, out)
		}
	}
	// a password over 127 bytes is cut there, as qpdf cuts it
	long := strings.Repeat("가", 50)
	enc, _ := EncryptPDF(plain, long, "")
	if out, err := run(qpdf, "--password="+long, "--check", writeTemp(t, "long.pdf", enc)); err != nil {
		t.Errorf("qpdf with a 150-byte password: %v\n%s", err, out)
	}
}

func fuzzSeeds(f *testing.F) {
	f.Add(buildPDF([]string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"}, "/Info << /Title (x) >>"))
	f.Add([]byte("%PDF-1.7\n1 0 obj << /Type /Catalog /X [(a\\) <41> 1 0 R] >> endobj trailer << /Root 1 0 R >>"))
	f.Add([]byte("%PDF-1.7\n1 0 obj << /Length 99 >> stream\nabc\nendstream endobj\nstartxref\n9\n%%EOF"))
	if b, err := os.ReadFile("testdata/qpdf-aes256.pdf"); err == nil {
		f.Add(b)
	}
}

// FuzzParsePDF: reading never panics, and what is read is written back as a PDF that
// reads as the same objects.
func FuzzParsePDF(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 1<<16 {
			return
		}
		p, err := parsePDF(b, nil)
		if err != nil {
			return
		}
		out, err := writePDF(p, "2.0", nil, nil, nil)
		if err != nil {
			return
		}
		back, err := parsePDF(out, nil)
		if err != nil {
			t.Fatalf("the rewritten PDF does not read: %v\n%q", err, out)
		}
		if err := sameGraph(mustParse(t, b), back); err != nil {
			t.Fatalf("the rewritten PDF differs: %v", err)
		}
	})
}

// FuzzEncryptPDF: what EncryptPDF accepts decrypts again (slow: every input that reads
// costs seven 2.B hashes).
func FuzzEncryptPDF(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 1<<16 {
			return
		}
		enc, err := EncryptPDF(b, "fuzz-password", "")
		if err != nil {
			return
		}
		if _, err := DecryptPDF(enc, "fuzz-password"); err != nil {
			t.Fatalf("EncryptPDF's output does not decrypt: %v", err)
		}
	})
}

func BenchmarkEncryptPDF(b *testing.B) {
	plain := samplePDF(b, "fr", 3) // an 8-page filing
	f := mustParse(b, plain)
	pages, _ := f.resolve(f.trailer.get("Root"))
	kids, _ := f.resolve(pages.(*pdfDict).get("Pages"))
	b.SetBytes(int64(len(plain)))
	for b.Loop() {
		if _, err := EncryptPDF(plain, "sample-only-not-for-filing", ""); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(kids.(*pdfDict).get("Count").(pdfInt)), "pages")
}

func BenchmarkHash2B(b *testing.B) {
	pw := []byte("sample-only-not-for-filing")
	salt := []byte("12345678")
	u := bytes.Repeat([]byte{1}, 48)
	for b.Loop() {
		hash2B(pw, salt, u)
	}
}
