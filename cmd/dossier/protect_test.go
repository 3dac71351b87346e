package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pscore/dossier/internal/manifest"
	"github.com/pscore/dossier/internal/secret"
)

// copyTree copies a folder.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if e.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// sampleProject makes a project with the sample testimonies and the reports named.
func sampleProject(t *testing.T, reports ...string) string {
	t.Helper()
	dir := t.TempDir()
	copyTree(t, "../../testimonies", filepath.Join(dir, "testimonies"))
	for _, r := range reports {
		copyTree(t, filepath.Join("../../reports", r), filepath.Join(dir, "reports", r))
	}
	return dir
}

// edit replaces old by new in a project file (old must be there).
func edit(t *testing.T, file, old, new string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s has no %q", file, old)
	}
	os.WriteFile(file, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644)
}

func isolate(t *testing.T) string {
	t.Helper()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Setenv(secret.EnvIdentity, "")
	t.Setenv(secret.EnvPassphrase, "")
	t.Setenv(secret.EnvPDFPassword, "")
	t.Setenv("SOURCE_DATE_EPOCH", "")
	return tmp
}

const followEN = "reports/upr-dprk/02-follow-up.en.md"
const followKO = "reports/upr-dprk/02-follow-up.ko.md"
const anchorEN = "The DPRK has given no information on what became of them."
const anchorKO = "북한은 이들의 행방에 대해 아무런 정보도 내놓지 않았다."

func TestBuildRefusesLeaks(t *testing.T) {
	isolate(t)
	cases := []struct {
		name   string
		lang   string
		setup  func(t *testing.T, dir string)
		want   []string // in stderr
		secret string   // must not be in stderr
	}{
		{
			name: "sealed name, spaced, in the Korean translation",
			lang: "ko",
			setup: func(t *testing.T, dir string) {
				os.WriteFile(filepath.Join(dir, "sealed.yaml"), []byte("sealed:\n  DEV-2014-002:\n    A:\n      - {kind: name, value: \"김영희\"}\n"), 0o600)
				edit(t, filepath.Join(dir, followKO), anchorKO, anchorKO+" 증언자 김 영 희는 이를 보았다.")
			},
			want:   []string{"upr-dprk.ko.pdf: block", "(paragraph): sealed name of DEV-2014-002 person A (" + "SEALED" + ":4:9) — remove it (a sealed value can never be waived) (from DIR/" + followKO + ":"},
			secret: "영 희",
		},
		{
			name: "phone number in a footnote",
			lang: "en",
			setup: func(t *testing.T, dir string) {
				edit(t, filepath.Join(dir, followEN), anchorEN, anchorEN+"[^tel]\n\n[^tel]: Interview by telephone on +82 10-2345-6789, 2024.\n")
			},
			want:   []string{"upr-dprk.en.pdf: block", "(paragraph), footnote: phone number \"+82 …\" — remove it, or add a waiver to waivers.yaml if it is not an identifier (from DIR/" + followEN + ":"},
			secret: "2345",
		},
		{
			name: "resident registration number in the metadata title",
			lang: "en",
			setup: func(t *testing.T, dir string) {
				edit(t, filepath.Join(dir, "reports/upr-dprk/report.yaml"), "People's Republic of Korea\n", "People's Republic of Korea 850303-2123456\n")
			},
			want:   []string{"upr-dprk.en.pdf: meta title: resident registration number \"8503…\"", "(from DIR/reports/upr-dprk/report.yaml:3:"},
			secret: "2123456",
		},
		{
			name: "e-mail address in a table cell",
			lang: "en",
			setup: func(t *testing.T, dir string) {
				edit(t, filepath.Join(dir, followEN), anchorEN, anchorEN+"\n\n| Witness | Contact |\n|---|---|\n| A | kim.younghee@example.org |\n")
			},
			want:   []string{"(table), row 2, cell 2: e-mail address \"kim.…\""},
			secret: "younghee@",
		},
		{
			name: "birth date next to a pseudonym",
			lang: "en",
			setup: func(t *testing.T, dir string) {
				edit(t, filepath.Join(dir, followEN), anchorEN, anchorEN+" The witness was born on 3 March 1985 in Hoeryong.")
			},
			want: []string{"date of birth \"3 Ma…\""},
		},
		{
			name: "a waiver cannot cover a sealed value",
			lang: "en",
			setup: func(t *testing.T, dir string) {
				os.WriteFile(filepath.Join(dir, "sealed.yaml"), []byte("sealed:\n  DEV-2014-002:\n    A:\n      - {kind: phone, value: \"010-2345-6789\"}\n"), 0o600)
				edit(t, filepath.Join(dir, followEN), anchorEN, anchorEN+" Her brother's number was 010 2345 6789.")
				os.WriteFile(filepath.Join(dir, "reports/upr-dprk/waivers.yaml"), []byte("waivers:\n  - text: \"010 2345 6789\"\n    reason: not hers\n    by: staff-03\n"), 0o644)
			},
			want: []string{
				"sealed phone of DEV-2014-002 person A",
				"DIR/reports/upr-dprk/waivers.yaml:2:5: this waiver's text contains a sealed phone of DEV-2014-002 person A (SEALED:4:9): remove it from DIR/reports/upr-dprk/waivers.yaml — a sealed value can never be waived, and must not be written in a waiver file",
			},
			secret: "2345",
		},
		{
			name: "account of a confidential testimony pasted into a public filing",
			lang: "en",
			setup: func(t *testing.T, dir string) {
				edit(t, filepath.Join(dir, followEN), anchorEN, anchorEN+" As one woman put it, \"one morning they put us in a van, drove us over the bridge and handed us to the North Korean side like parcels\".")
			},
			want: []string{"(paragraph): text of the account of DEV-2014-001 (event e1, en), whose consent is \"confidential\": a public output may not contain it — remove it (consent cannot be waived) (from DIR/" + followEN + ":"},
		},
		{
			name: "pseudonym of a confidential testimony in a public filing",
			lang: "fr",
			setup: func(t *testing.T, dir string) {
				f := "reports/upr-dprk/02-follow-up.fr.md"
				data, _ := os.ReadFile(filepath.Join(dir, f))
				os.WriteFile(filepath.Join(dir, f), append(data, []byte("\nLe témoin S‑14 l’a confirmé.\n")...), 0o644)
			},
			want: []string{"upr-dprk.fr.pdf: block", "pseudonym of DEV-2014-001, whose consent is \"confidential\""},
		},
		{
			name: "a definition that pulls a confidential testimony into a public filing",
			lang: "en",
			setup: func(t *testing.T, dir string) {
				edit(t, filepath.Join(dir, "reports/upr-dprk/report.yaml"), "  consent: public\n", "  consent: public\n  testimonies: [DEV-2014-001]\n")
			},
			want: []string{"DEV-2014-001 is confidential"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := sampleProject(t, "upr-dprk")
			c.setup(t, dir)
			out := filepath.Join(dir, "build")
			code, stdout, stderr := dossier(t, dir, "", "build", "upr-dprk", "--lang", c.lang, "--out", out)
			if code != 1 {
				t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
			}
			for _, w := range c.want {
				w = strings.ReplaceAll(w, "SEALED", filepath.Join(dir, "sealed.yaml"))
				w = strings.ReplaceAll(w, "DIR/", dir+"/")
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks\n  %s\n%s", w, stderr)
				}
			}
			if c.secret != "" && strings.Contains(stderr, c.secret) {
				t.Errorf("stderr shows %q:\n%s", c.secret, stderr)
			}
			if !strings.Contains(stderr, "nothing was written") {
				t.Errorf("stderr does not say nothing was written:\n%s", stderr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s was created", out)
			}
		})
	}
}

func sha(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func TestBuildWaiverAndManifest(t *testing.T) {
	isolate(t)
	dir := sampleProject(t, "upr-dprk")
	edit(t, filepath.Join(dir, followEN), anchorEN, anchorEN+" Contact us at info@archive.example for the full list.")
	os.WriteFile(filepath.Join(dir, "waivers.yaml"), []byte("waivers:\n  - text: info@archive.example\n    where: upr-dprk.en\n    kind: email\n    reason: the archive's public address, on its website\n    by: staff-03\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "sealed.yaml"), []byte("sealed:\n  DEV-2014-002:\n    A:\n      - {kind: name, value: \"김영희\"}\n"), 0o600)
	out := filepath.Join(dir, "build")
	code, stdout, stderr := dossier(t, dir, "", "build", "upr-dprk", "--lang", "en", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "upr-dprk.en.pdf: warning: block") || !strings.Contains(stderr, `e-mail address "info…" waived by staff-03 (`+filepath.Join(dir, "waivers.yaml")+":2: the archive's public address, on its website)") {
		t.Errorf("the waiver is not logged:\n%s", stderr)
	}
	pdfPath := filepath.Join(out, "upr-dprk", "upr-dprk.en.pdf")
	mPath := filepath.Join(out, "upr-dprk", "upr-dprk.en.manifest.json")
	pdf, _ := os.ReadFile(pdfPath)
	mdata, err := os.ReadFile(mPath)
	if err != nil {
		t.Fatal(err)
	}
	m, err := manifest.Parse(mdata)
	if err != nil {
		t.Fatal(err)
	}
	if m.Output.File != "upr-dprk.en.pdf" || m.Output.SHA256 != sha(pdf) || m.Output.Encrypted || m.Report != "upr-dprk" || m.Lang != "en" {
		t.Errorf("output = %+v", m.Output)
	}
	if len(m.Waivers) != 1 || m.Waivers[0].Text != "info@archive.example" || m.Waivers[0].By != "staff-03" {
		t.Errorf("waivers = %+v", m.Waivers)
	}
	if m.Checks.SealedValues != 1 || !m.Checks.Patterns || m.Checks.Consent != "public" || !m.Checks.ConsentChecked {
		t.Errorf("checks = %+v", m.Checks)
	}
	kinds := map[string]int{}
	for _, in := range m.Inputs {
		kinds[in.Kind]++
		data, err := os.ReadFile(filepath.Join(dir, in.Path))
		if strings.HasPrefix(in.Path, "embedded:") {
			continue
		}
		if err != nil || sha(data) != in.SHA256 {
			t.Errorf("input %s: hash %s, file %s (%v)", in.Path, in.SHA256, sha(data), err)
		}
	}
	if kinds["testimony"] < 7 || kinds["definition"] != 1 || kinds["section"] != 3 || kinds["template"] != 1 || kinds["waivers"] != 1 {
		t.Errorf("input kinds = %v", kinds)
	}
	if bytes.Contains(mdata, []byte("김영희")) || bytes.Contains(mdata, []byte("Witness")) {
		t.Error("the manifest holds content")
	}
	// deterministic: a second build gives the same PDF and manifest
	out2 := filepath.Join(dir, "build2")
	if code, _, stderr = dossier(t, dir, "", "build", "upr-dprk", "--lang", "en", "--out", out2); code != 0 {
		t.Fatal(stderr)
	}
	pdf2, _ := os.ReadFile(filepath.Join(out2, "upr-dprk", "upr-dprk.en.pdf"))
	m2, _ := os.ReadFile(filepath.Join(out2, "upr-dprk", "upr-dprk.en.manifest.json"))
	if !bytes.Equal(pdf, pdf2) || !bytes.Equal(mdata, m2) {
		t.Error("two builds differ")
	}
}

func TestBuildConfidential(t *testing.T) {
	tmp := isolate(t)
	dir := sampleProject(t, "sp-communication-case")
	out := filepath.Join(dir, "build")
	// The sample keeps its password beside the definition, so that it builds on a fresh
	// clone; the build says that this is not for real filings.
	code, _, stderr := dossier(t, dir, "", "build", "--lang", "en", "--out", out)
	if code != 0 || !strings.Contains(stderr, "inside the project: anyone with the repository can open the filing") {
		t.Fatalf("sample password: %d %s", code, stderr)
	}
	samplePDF := filepath.Join(t.TempDir(), "sample.pdf")
	if err := os.Rename(filepath.Join(out, "sp-communication-case", "sp-communication-case.en.pdf"), samplePDF); err != nil {
		t.Fatal(err)
	}
	sampleEnc, _ := os.ReadFile(samplePDF)
	sampleM, _ := os.ReadFile(filepath.Join(out, "sp-communication-case", "sp-communication-case.en.manifest.json"))
	sampleMan, _ := manifest.Parse(sampleM)
	os.RemoveAll(out)
	def := filepath.Join(dir, "reports", "sp-communication-case", "report.yaml")
	data, err := os.ReadFile(def)
	if err != nil {
		t.Fatal(err)
	}
	data = regexp.MustCompile(`(?m)^password-file:.*\n`).ReplaceAll(data, nil)
	if err := os.WriteFile(def, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = dossier(t, dir, "", "build", "--lang", "en", "--out", out)
	if code != 1 || !strings.Contains(stderr, "sp-communication-case.en: a confidential filing is encrypted with a password: give it with --password-file FILE or DOSSIER_PDF_PASSWORD") || fileExists(out) {
		t.Fatalf("no password: %d %s", code, stderr)
	}
	const pw = "correct horse battery staple"
	t.Setenv(secret.EnvPDFPassword, pw)
	if code, _, stderr = dossier(t, dir, "", "build", "--lang", "en", "--out", out); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	pdfPath := filepath.Join(out, "sp-communication-case", "sp-communication-case.en.pdf")
	enc, _ := os.ReadFile(pdfPath)
	m, _ := os.ReadFile(filepath.Join(out, "sp-communication-case", "sp-communication-case.en.manifest.json"))
	man, _ := manifest.Parse(m)
	if !man.Output.Encrypted || man.Output.SHA256 != sha(enc) || man.Output.PlaintextSHA256 == "" || man.Checks.Consent != "confidential" {
		t.Errorf("manifest output = %+v %+v", man.Output, man.Checks)
	}
	// deterministic: a second build gives the same encrypted bytes and manifest
	out2 := filepath.Join(dir, "build2")
	if code, _, stderr = dossier(t, dir, "", "build", "--lang", "en", "--out", out2); code != 0 {
		t.Fatalf("second build: %s", stderr)
	}
	enc2, _ := os.ReadFile(filepath.Join(out2, "sp-communication-case", "sp-communication-case.en.pdf"))
	m2, _ := os.ReadFile(filepath.Join(out2, "sp-communication-case", "sp-communication-case.en.manifest.json"))
	if len(enc) == 0 || !bytes.Equal(enc, enc2) || !bytes.Equal(m, m2) {
		t.Error("two builds of the confidential filing differ")
	}
	// another password: other bytes, the same plaintext
	if bytes.Equal(sampleEnc, enc) || sampleMan.Output.SHA256 == man.Output.SHA256 {
		t.Error("the sample password and another give the same encrypted PDF")
	}
	if sampleMan.Output.PlaintextSHA256 != man.Output.PlaintextSHA256 {
		t.Error("the plaintext hash depends on the password")
	}
	ents, _ := os.ReadDir(tmp)
	if len(ents) != 0 {
		t.Errorf("temporary files: %v", ents)
	}
	qpdf := renderTool(t, "qpdf")
	if msg, err := exec.Command(qpdf, "--password=sample-only-not-for-filing", "--check", samplePDF).CombinedOutput(); err != nil {
		t.Errorf("the sample does not open with its sample password: %s", msg)
	}
	info, err := exec.Command(qpdf, "--password="+pw, "--show-encryption", pdfPath).CombinedOutput()
	if err != nil || !strings.Contains(string(info), "R = 6") || !strings.Contains(string(info), "AESv3") {
		t.Errorf("qpdf --show-encryption: %v\n%s", err, info)
	}
	if out, err := exec.Command(qpdf, "--password="+pw, "--check", pdfPath).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	if out, err := exec.Command(qpdf, "--check", pdfPath).CombinedOutput(); err == nil {
		t.Errorf("opened without the password:\n%s", out)
	}
	text, err := exec.Command(renderTool(t, "pdftotext"), "-upw", pw, pdfPath, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Count(string(text), "\f")
	if marks := strings.Count(string(text), "CONFIDENTIAL"); pages == 0 || marks < pages {
		t.Errorf("%d CONFIDENTIAL marks on %d pages", marks, pages)
	}
}

func TestBuildEncryptedCorpus(t *testing.T) {
	tmp := isolate(t)
	dir := sampleProject(t, "upr-dprk")
	os.WriteFile(filepath.Join(dir, "sealed.yaml"), []byte("sealed:\n  DEV-2014-002:\n    A:\n      - {kind: name, value: \"김영희\"}\n"), 0o600)
	key, rcpt := newKey(t)
	other, _ := newKey(t)
	// the plaintext build, for comparison
	plainOut := filepath.Join(t.TempDir(), "plain")
	if code, _, stderr := dossier(t, dir, "", "build", "upr-dprk", "--lang", "en", "--out", plainOut); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := dossier(t, dir, "", "encrypt", "--recipient", rcpt, "--identity", key); code != 0 {
		t.Fatal(stderr)
	}
	out := filepath.Join(dir, "build")
	// a wrong key: every file named, nothing written
	code, _, stderr := dossier(t, dir, "", "build", "upr-dprk", "--lang", "en", "--identity", other, "--out", out)
	if code != 1 || fileExists(out) || !strings.Contains(stderr, "sealed.yaml.age: cannot decrypt: no identity matches (tried "+other+") — pass the right --identity") {
		t.Errorf("wrong key: %d\n%s", code, stderr)
	}
	// the right key: the same PDF as from the plaintext corpus
	if code, _, stderr = dossier(t, dir, "", "build", "upr-dprk", "--lang", "en", "--identity", key, "--out", out); code != 0 {
		t.Fatalf("build with the key: %s", stderr)
	}
	a, _ := os.ReadFile(filepath.Join(plainOut, "upr-dprk", "upr-dprk.en.pdf"))
	b, _ := os.ReadFile(filepath.Join(out, "upr-dprk", "upr-dprk.en.pdf"))
	if !bytes.Equal(a, b) {
		t.Error("the build from the encrypted corpus differs from the plaintext one")
	}
	m, _ := os.ReadFile(filepath.Join(out, "upr-dprk", "upr-dprk.en.manifest.json"))
	man, _ := manifest.Parse(m)
	for _, in := range man.Inputs {
		if in.Kind != "testimony" {
			continue
		}
		plain, _ := os.ReadFile(filepath.Join("../../testimonies", strings.TrimSuffix(filepath.Base(in.Path), ".age")))
		stored, _ := os.ReadFile(filepath.Join(dir, in.Path))
		if !strings.HasSuffix(in.Path, ".yaml.age") || in.SHA256 != sha(plain) || in.StoredSHA256 != sha(stored) {
			t.Errorf("input %+v", in)
		}
	}
	noPlaintext(t, []string{"김영희", "handed over at the bridge"}, filepath.Join(dir, "testimonies"), tmp)
	if fileExists(filepath.Join(dir, "sealed.yaml")) {
		t.Error("sealed.yaml left in plaintext")
	}
}

func TestRenderRefusesLeaks(t *testing.T) {
	tmp := isolate(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "sealed.yaml"), []byte("sealed:\n  DEV-2014-002:\n    A:\n      - {kind: name, value: \"Kim Young-hee\"}\n"), 0o600)
	md := filepath.Join(dir, "note.md")
	out := filepath.Join(dir, "note.pdf")
	os.WriteFile(md, []byte("---\ntitle: Note\nlang: en\n---\n\n# Note\n\nThe witness, KIM Young\u00adhee, was returned in 2010.\n"), 0o644)
	code, _, stderr := dossier(t, dir, "", "render", md)
	if code != 1 || !strings.Contains(stderr, "note.pdf: block 2 (paragraph): sealed name of DEV-2014-002 person A ("+filepath.Join(dir, "sealed.yaml")+":4:9) — remove it (a sealed value can never be waived) (from "+md+":8:") || strings.Contains(stderr, "Young") || fileExists(out) {
		t.Fatalf("sealed name: %d\n%s", code, stderr)
	}
	// a phone number in a footnote; then a waiver beside the file lets it through, logged
	os.WriteFile(md, []byte("# Note\n\nCall the office.[^1]\n\n[^1]: Switchboard: +41 22 917 9000.\n"), 0o644)
	code, _, stderr = dossier(t, dir, "", "render", md)
	if code != 1 || !strings.Contains(stderr, "note.pdf: block 2 (paragraph), footnote: phone number \"+41 …\"") || fileExists(out) {
		t.Fatalf("phone: %d\n%s", code, stderr)
	}
	os.WriteFile(filepath.Join(dir, "waivers.yaml"), []byte("waivers:\n  - text: +41 22 917 9000\n    reason: OHCHR switchboard, public\n    by: staff-03\n"), 0o644)
	code, _, stderr = dossier(t, dir, "", "render", md)
	if code != 0 || !strings.Contains(stderr, "note.pdf: warning: block 2 (paragraph), footnote: phone number \"+41 …\" waived by staff-03") || !fileExists(out) {
		t.Fatalf("waived: %d\n%s", code, stderr)
	}
	// an encrypted sealed file that cannot be opened stops the render
	key, rcpt := newKey(t)
	other, _ := newKey(t)
	if code, _, stderr = dossier(t, dir, "", "encrypt", filepath.Join(dir, "sealed.yaml"), "--recipient", rcpt, "--identity", key); code != 0 {
		t.Fatal(stderr)
	}
	os.Remove(out)
	code, _, stderr = dossier(t, dir, "", "render", md, "--identity", other)
	if code != 1 || !strings.Contains(stderr, "outputs cannot be checked for sealed values: "+filepath.Join(dir, "sealed.yaml.age")+": cannot decrypt: no identity matches") || fileExists(out) {
		t.Fatalf("undecryptable sealed file: %d\n%s", code, stderr)
	}
	if code, _, stderr = dossier(t, dir, "", "render", md, "--identity", key); code != 0 {
		t.Fatalf("with the key: %s", stderr)
	}
	if ents, _ := os.ReadDir(tmp); len(ents) != 0 {
		t.Errorf("temporary files: %v", ents)
	}
}

func TestBuildPasswordFile(t *testing.T) {
	isolate(t)
	dir := sampleProject(t, "sp-communication-case")
	pwf := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(pwf, []byte("short\n"), 0o600)
	out := filepath.Join(dir, "build")
	code, _, stderr := dossier(t, dir, "", "build", "--lang", "fr", "--out", out, "--password-file", pwf)
	if code != 1 || !strings.Contains(stderr, "the PDF password in "+pwf+" is too short") || fileExists(out) {
		t.Fatalf("short password: %d\n%s", code, stderr)
	}
	os.WriteFile(pwf, []byte("mot de passe assez long\n"), 0o600)
	if code, _, stderr = dossier(t, dir, "", "build", "--lang", "fr", "--out", out, "--password-file", pwf); code != 0 {
		t.Fatalf("password file: %s", stderr)
	}
	enc, _ := os.ReadFile(filepath.Join(out, "sp-communication-case", "sp-communication-case.fr.pdf"))
	if !bytes.HasPrefix(enc, []byte("%PDF-2.0")) || !bytes.Contains(enc, []byte("/AESV3")) {
		t.Error("not an AES-256 PDF")
	}
}

func TestBuildScansWriterStringsAndSources(t *testing.T) {
	isolate(t)
	// a phone number planted in a message table the PDF writer uses for the footer
	dir := sampleProject(t, "upr-dprk")
	os.MkdirAll(filepath.Join(dir, "i18n"), 0o755)
	os.WriteFile(filepath.Join(dir, "i18n", "active.fr.yaml"), []byte("pdf.page_of: \"Page {{.Page}} sur {{.Total}} – tél. 010-2345-6789\"\n"), 0o644)
	code, _, stderr := dossier(t, dir, "", "build", "upr-dprk", "--lang", "fr", "--out", filepath.Join(dir, "build"))
	if code != 1 || !strings.Contains(stderr, "upr-dprk.fr.pdf: page text pdf.page_of: phone number \"010-…\"") {
		t.Errorf("footer: %d\n%s", code, stderr)
	}
	// a sealed value in a section file, even in a comment that never reaches the output
	dir = sampleProject(t, "upr-dprk")
	os.WriteFile(filepath.Join(dir, "sealed.yaml"), []byte("sealed:\n  DEV-2014-002:\n    A:\n      - {kind: name, value: \"김영희\"}\n"), 0o600)
	edit(t, filepath.Join(dir, followKO), anchorKO, anchorKO+" <!-- 김영희 씨에게 확인 -->")
	code, _, stderr = dossier(t, dir, "", "build", "upr-dprk", "--lang", "en", "--out", filepath.Join(dir, "build"))
	if code != 1 || !strings.Contains(stderr, filepath.Join(dir, followKO)+":13:") || !strings.Contains(stderr, "contains a sealed name of DEV-2014-002 person A") {
		t.Errorf("source: %d\n%s", code, stderr)
	}
}

func TestCheckRunsSourceProtection(t *testing.T) {
	isolate(t)
	dir := sampleProject(t, "upr-dprk")
	edit(t, filepath.Join(dir, followEN), anchorEN, anchorEN+" Her number: 010-2345-6789.")
	code, _, stderr := dossier(t, dir, "", "check", "upr-dprk", "--lang", "en")
	if code != 1 || !strings.Contains(stderr, "upr-dprk.en.pdf: block") || !strings.Contains(stderr, "phone number \"010-…\"") {
		t.Errorf("check: %d\n%s", code, stderr)
	}
	if fileExists(filepath.Join(dir, "build")) {
		t.Error("check wrote something")
	}
}
