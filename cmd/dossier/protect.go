package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/doc"
	"github.com/pscore/dossier/internal/filing"
	"github.com/pscore/dossier/internal/leak"
	"github.com/pscore/dossier/internal/manifest"
	"github.com/pscore/dossier/internal/project"
	"github.com/pscore/dossier/internal/report"
	"github.com/pscore/dossier/internal/seal"
	"github.com/pscore/dossier/internal/secret"
	"github.com/pscore/dossier/internal/testimony"
)

// Source protection of every output (issue 6). For dossier build and check, a build hook:
//
//   - Check, on every assembled edition before anything is rendered: the final text of
//     the document (every piece of doc.Pieces: metadata, cover, body, footnotes, tables,
//     charts, link targets) plus the running header and the page mark is scanned for
//     every sealed value and identifier pattern, and re-checked for text of testimonies
//     whose consent does not allow the filing; pattern hits covered by a waiver are
//     logged as warnings, everything else is an error naming where (and, when it can
//     be traced, the section file it came from). A confidential filing (sp-communication,
//     or draw.consent: confidential) must carry a page mark.
//   - Finish, after every edition is rendered and before any byte is written: a
//     confidential filing is encrypted with the PDF password (AES-256, deterministic:
//     the same inputs and password give the same bytes, see secret.EncryptPDF), and a
//     manifest is added beside every output.
//
// dossier render scans its document the same way (protectRender).

func init() { buildHooks = append(buildHooks, protectionHooks) }

// protection holds what the checks need, loaded once per command.
type protection struct {
	g       *globals
	p       *project.Project
	store   *seal.Store
	scanner *leak.Scanner
	corpus  *testimony.Corpus
	waivers []leak.Waiver // the project's waivers.yaml

	// localize gives the strings the PDF writer sets itself (page footer, annex label):
	// they are not in the document, so they are scanned on their own.
	localize func(lang, id string, data map[string]any) string

	mu        sync.Mutex
	sources   map[string]diag.List          // sealed values in a report's own files, by folder
	hashes    map[string][2]string          // testimony file → content and stored hashes
	files     map[string]projectFile        // project files recorded in manifests
	consent   map[string]*leak.ConsentIndex // by consent level
	rwaivers  map[string][]leak.Waiver      // by report folder
	rwdiags   map[string]diag.List
	waived    map[string][]leak.Hit // by edition name
	waiverFor map[string][]string   // waiver files used, by edition name
}

// newProtection loads the sealed file (it must open: outputs cannot be checked for
// sealed values otherwise), the project's waivers and the testimonies.
func newProtection(g *globals, p *project.Project, corpus *testimony.Corpus) (*protection, error) {
	dir := p.Dir
	if dir == "" {
		dir = "."
	}
	store, d, err := seal.Load(dir, g.ReadFile())
	if err != nil {
		return nil, fmt.Errorf("outputs cannot be checked for sealed values: %v; nothing was built", err)
	}
	if d.Errors() > 0 {
		return nil, d.Err()
	}
	pr := &protection{g: g, p: p, store: store, corpus: corpus,
		consent: map[string]*leak.ConsentIndex{}, rwaivers: map[string][]leak.Waiver{},
		rwdiags: map[string]diag.List{}, waived: map[string][]leak.Hit{}, waiverFor: map[string][]string{},
		sources: map[string]diag.List{}, hashes: map[string][2]string{}, files: map[string]projectFile{}}
	if loc, err := filing.LocalizeProject(p); err == nil {
		pr.localize = loc
	}
	var persons []string
	if corpus != nil {
		for _, t := range corpus.Testimonies {
			for _, per := range t.Persons {
				persons = append(persons, per.Pseudonym)
			}
		}
	}
	pr.scanner = leak.NewScanner(store.Secrets(), persons)
	wf := p.Path(leak.WaiverFile)
	if data, err := os.ReadFile(wf); err == nil {
		ws, d := leak.ParseWaivers(wf, data)
		if d.Errors() > 0 {
			return nil, d.Err()
		}
		pr.waivers = ws
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return pr, nil
}

func protectionHooks(g *globals, p *project.Project) (filing.Hooks, error) {
	corpus, err := loadTestimonies(g, nil)
	if err != nil {
		return filing.Hooks{}, err
	}
	pr, err := newProtection(g, p, corpus)
	if err != nil {
		return filing.Hooks{}, err
	}
	return filing.Hooks{Checks: []filing.Check{pr.checkEdition}, Finish: []filing.Finish{pr.finish}}, nil
}

// confidential reports whether an edition is a confidential filing: a Special
// Procedures communication, or one that may draw on confidential testimonies.
func confidential(r *report.Report) bool {
	return r.Kind == report.KindSPCom || r.MaxConsent() == testimony.ConsentConfidential
}

func (pr *protection) consentIndex(level string) *leak.ConsentIndex {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	ci := pr.consent[level]
	if ci == nil {
		var ts []*testimony.Testimony
		if pr.corpus != nil {
			ts = pr.corpus.Testimonies
		}
		ci = leak.NewConsentIndex(ts, level)
		pr.consent[level] = ci
	}
	return ci
}

// reportWaivers returns the waivers of a report folder (reports/<name>/waivers.yaml).
func (pr *protection) reportWaivers(r *report.Report) ([]leak.Waiver, diag.List) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if ws, ok := pr.rwaivers[r.Dir]; ok {
		return ws, pr.rwdiags[r.Dir]
	}
	f := filepath.Join(r.Dir, leak.WaiverFile)
	var ws []leak.Waiver
	var d diag.List
	if data, err := os.ReadFile(f); err == nil {
		ws, d = leak.ParseWaivers(f, data)
	} else if !errors.Is(err, fs.ErrNotExist) {
		d.Errorf(f, 0, 0, "%v", err)
	}
	pr.rwaivers[r.Dir], pr.rwdiags[r.Dir] = ws, d
	return ws, d
}

// scanDoc scans a document (and the running header and page mark, which the writer
// sets but the document does not hold) for sealed values, identifier patterns and, when
// level is not empty, text of testimonies whose consent does not allow an output of
// that level. It returns the hits that stop the output, those waived, and problems
// with the waivers.
//
// Hits are located as "NAME: block 14 (paragraph), footnote"; a waiver's where: can
// name the output ("upr-dprk.en") as well as a place in it.
func (pr *protection) scanDoc(name string, d *doc.Document, header, mark, level string, waivers []leak.Waiver, localize func(id string, data map[string]any) string) (blocking, waived []leak.Hit, wd diag.List) {
	texts := leak.DocTexts(name, d)
	texts = append(texts, writerTexts(name, localize)...)
	if header != "" {
		texts = append(texts, leak.Text{Where: name + ": running header", Text: header})
	}
	if mark != "" {
		texts = append(texts, leak.Text{Where: name + ": page mark", Text: mark})
	}
	hits := pr.scanner.Scan(texts)
	if level != "" {
		hits = append(hits, pr.consentIndex(level).Scan(texts)...)
	}
	return leak.ApplyWaivers(hits, waivers, pr.scanner)
}

// writerTexts returns the strings the PDF writer sets on its own from the message
// tables (the page footer, the annex label), as they read.
func writerTexts(name string, localize func(id string, data map[string]any) string) []leak.Text {
	if localize == nil {
		return nil
	}
	var out []leak.Text
	for _, m := range []struct {
		id   string
		data map[string]any
	}{
		{"pdf.page_of", map[string]any{"Page": 1, "Total": 2}},
		{"pdf.annex", map[string]any{"Number": "I"}},
		{"pdf.united_nations", nil},
	} {
		if s := localize(m.id, m.data); s != "" {
			out = append(out, leak.Text{Where: name + ": page text " + m.id, Text: s})
		}
	}
	return out
}

// checkSources reports sealed values in a report's own files (report.yaml and every
// section in every language), whether or not the text reaches an output: real
// identifiers never go in a report's files either.
func (pr *protection) checkSources(r *report.Report) diag.List {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if d, ok := pr.sources[r.Dir]; ok {
		return d
	}
	var d diag.List
	if pr.scanner.Secrets() > 0 {
		files := []string{r.Path}
		texts := map[string]string{}
		if data, err := os.ReadFile(r.Path); err == nil {
			texts[r.Path] = string(data)
		}
		for _, s := range r.Sections {
			for _, f := range s.Files {
				files = append(files, f.Path)
				texts[f.Path] = string(f.Source)
			}
		}
		for _, f := range files {
			for _, h := range pr.scanner.ScanText(leak.Text{Where: f, Text: texts[f]}) {
				if h.Kind == leak.HitSealed {
					line, col := diag.Position(texts[f], h.Start)
					d.Errorf(f, line, col, "contains a %s: real identifiers never go in a report's files", h.Secret.Label())
				}
			}
		}
	}
	pr.sources[r.Dir] = d
	return d
}

// pdfPasswordFile says where the password of a confidential filing comes from: the
// --password-file flag, else DOSSIER_PDF_PASSWORD (file ""), else the report's own
// password-file.
func (pr *protection) pdfPasswordFile(r *report.Report) string {
	switch {
	case pr.g.PasswordFile != "":
		return pr.g.PasswordFile
	case os.Getenv(secret.EnvPDFPassword) != "":
		return ""
	case r.PasswordFile != "":
		return filepath.Join(r.Dir, filepath.FromSlash(r.PasswordFile))
	}
	return ""
}

func (pr *protection) pdfPassword(r *report.Report) (string, error) {
	return secret.PDFPassword(pr.pdfPasswordFile(r), os.Getenv)
}

// checkPassword makes a missing or weak PDF password a check error, before anything
// is rendered, and warns when the password sits inside the project folder, where
// anyone with the repository can read it (acceptable for the sample filing only).
func (pr *protection) checkPassword(e *filing.Edition) diag.List {
	var d diag.List
	r := e.Report
	if _, err := pr.pdfPassword(r); err != nil {
		if pr.g.PasswordFile == "" && os.Getenv(secret.EnvPDFPassword) == "" && r.PasswordFile != "" {
			d.Errorf(r.Path, r.PasswordFilePos.Line, r.PasswordFilePos.Col, "%s: %v", e.Name(), err)
		} else {
			d.Errorf(r.Path, 0, 0, "%s: %v", e.Name(), err)
		}
		return d
	}
	file := pr.pdfPasswordFile(r)
	if file == "" || e.Lang != r.Languages[0] {
		return d // warn once per report
	}
	abs, err1 := filepath.Abs(file)
	proj, err2 := filepath.Abs(pr.p.Path("."))
	if err1 == nil && err2 == nil {
		if rel, err := filepath.Rel(proj, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			line, col := 0, 0
			if file != pr.g.PasswordFile {
				line, col = r.PasswordFilePos.Line, r.PasswordFilePos.Col
			}
			d.Warnf(r.Path, line, col, "the PDF password of this confidential filing is kept in %s, inside the project: anyone with the repository can open the filing. Keep a real filing's password outside it (--password-file or %s)", file, secret.EnvPDFPassword)
		}
	}
	return d
}

// checkEdition is the build Check.
func (pr *protection) checkEdition(e *filing.Edition) diag.List {
	name := filepath.Base(filing.OutputPath("", e))
	rws, d := pr.reportWaivers(e.Report)
	waivers := append(append([]leak.Waiver{}, pr.waivers...), rws...)
	var localize func(string, map[string]any) string
	if pr.localize != nil {
		localize = func(id string, data map[string]any) string { return pr.localize(e.Lang, id, data) }
	}
	blocking, waived, wd := pr.scanDoc(name, e.Doc, e.Header, e.Mark, e.Report.MaxConsent(), waivers, localize)
	d = append(d, wd...)
	d = append(d, pr.checkSources(e.Report)...)
	for _, h := range blocking {
		d.Errorf(name, 0, 0, "%s%s", strings.TrimPrefix(h.String(), name+": "), pr.origin(e, h))
	}
	for _, h := range waived {
		d.Warnf(name, 0, 0, "%s", strings.TrimPrefix(h.String(), name+": "))
	}
	if confidential(e.Report) {
		d = append(d, pr.checkPassword(e)...)
	}
	if confidential(e.Report) && strings.TrimSpace(e.Mark) == "" {
		d.Errorf(e.Report.Path, 0, 0, "%s: a confidential filing carries a mark on every page, but the %s template sets none", e.Name(), e.Report.Kind)
	}
	pr.mu.Lock()
	pr.waived[e.Name()] = waived
	var files []string
	if len(pr.waivers) > 0 {
		files = append(files, pr.p.Path(leak.WaiverFile))
	}
	if len(rws) > 0 {
		files = append(files, filepath.Join(e.Report.Dir, leak.WaiverFile))
	}
	pr.waiverFor[e.Name()] = files
	pr.mu.Unlock()
	return d
}

// origin looks for where a hit comes from — the edition's section files, the report
// definition, the testimonies it draws on — and returns " (from FILE:LINE:COL)", or "".
func (pr *protection) origin(e *filing.Edition, h leak.Hit) string {
	type cand struct {
		path string
		data []byte
	}
	var cands []cand
	for _, s := range e.Report.Sections {
		if f := s.Files[e.Lang]; f != nil {
			cands = append(cands, cand{f.Path, f.Source})
		}
	}
	if data, err := os.ReadFile(e.Report.Path); err == nil {
		cands = append(cands, cand{e.Report.Path, data})
	}
	for _, t := range e.Testimonies {
		if data, err := pr.g.ReadFile()(t.Path); err == nil {
			cands = append(cands, cand{t.Path, data})
		}
	}
	for _, c := range cands {
		text := string(c.data)
		var found []leak.Hit
		if h.Kind == leak.HitConsent {
			found = pr.consentIndex(e.Report.MaxConsent()).Scan([]leak.Text{{Where: c.path, Text: text}})
		} else {
			found = pr.scanner.ScanText(leak.Text{Where: c.path, Text: text})
		}
		for _, f := range found {
			same := f.Kind == h.Kind
			switch {
			case h.Secret != nil:
				same = same && f.Secret != nil && *f.Secret == *h.Secret
			case h.Consent != nil:
				same = same && f.Consent != nil && *f.Consent == *h.Consent
			default:
				same = same && leak.Fold(f.Text) == leak.Fold(h.Text)
			}
			if same {
				line, col := diag.Position(text, f.Start)
				return fmt.Sprintf(" (from %s:%d:%d)", c.path, line, col)
			}
		}
	}
	return ""
}

// finish is the build Finish step: encrypt confidential filings and add a manifest
// beside every output. The manifest of an encrypted filing records the hash of the bytes
// written (the same from build to build, as the encryption is deterministic) and the
// hash of the PDF before encryption (plaintext_sha256), which does not depend on the
// password.
func (pr *protection) finish(outs []*filing.Output) ([]*filing.Output, error) {
	var more []*filing.Output
	for _, o := range outs {
		e := o.Edition
		if e == nil {
			continue
		}
		plain := o.Data
		if confidential(e.Report) {
			pw, err := pr.pdfPassword(e.Report)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", e.Name(), err)
			}
			enc, err := secret.EncryptPDF(plain, pw, "")
			if err != nil {
				return nil, fmt.Errorf("%s: %v", e.Name(), err)
			}
			o.Data = enc
		}
		m, err := pr.manifest(o, plain)
		if err != nil {
			return nil, err
		}
		more = append(more, &filing.Output{Path: filepath.Join(filepath.Dir(o.Path), manifest.FileName(filepath.Base(o.Path))), Data: m.Marshal()})
	}
	return more, nil
}

// testimonyHashes returns the hash of a testimony's content and, when it is stored
// encrypted, of the file as stored; computed once per file (decrypting a
// passphrase-encrypted file takes about a second).
func (pr *protection) testimonyHashes(path string) ([2]string, error) {
	pr.mu.Lock()
	h, ok := pr.hashes[path]
	pr.mu.Unlock()
	if ok {
		return h, nil
	}
	content, err := pr.g.ReadFile()(path)
	if err != nil {
		return h, fmt.Errorf("%s: %v", path, err)
	}
	h[0] = manifest.Hash(content)
	if secret.IsEncryptedName(path) {
		stored, err := os.ReadFile(path)
		if err != nil {
			return h, err
		}
		h[1] = manifest.Hash(stored)
	}
	pr.mu.Lock()
	pr.hashes[path] = h
	pr.mu.Unlock()
	return h, nil
}

// rel returns a path relative to the project folder, with slashes.
func (pr *protection) rel(path string) string {
	if pr.p.Dir != "" {
		if r, err := filepath.Rel(pr.p.Dir, path); err == nil && !strings.HasPrefix(r, "..") {
			return filepath.ToSlash(r)
		}
	}
	return filepath.ToSlash(path)
}

// projectFile is a project file (or its embedded default) as a manifest records it.
type projectFile struct {
	name, sha, version string
	ok                 bool
}

// projectFile reads a project file once per build: its name as recorded ("embedded:…"
// for a default), its hash and, for rule sets, its version.
func (pr *protection) projectFile(name string) projectFile {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if f, ok := pr.files[name]; ok {
		return f
	}
	f := projectFile{name: name}
	if data, shown, err := pr.p.ReadFile(name); err == nil {
		if strings.HasPrefix(shown, "(embedded) ") {
			f.name = "embedded:" + name
		}
		f.sha, f.version, f.ok = manifest.Hash(data), manifest.Version(data), true
	}
	pr.files[name] = f
	return f
}

// addProjectFile records a project file (or its embedded default) as an input.
func (pr *protection) addProjectFile(m *manifest.Manifest, kind, name string) {
	if f := pr.projectFile(name); f.ok {
		m.AddInputHashes(kind, f.name, f.sha, "")
	}
}

func (pr *protection) manifest(o *filing.Output, plain []byte) (*manifest.Manifest, error) {
	e := o.Edition
	m := manifest.New(filepath.Base(o.Path), o.Data, dossierVersion())
	if confidential(e.Report) {
		m.SetEncrypted(plain)
	}
	m.Report, m.Lang = e.Report.Name, e.Lang
	for _, t := range e.Testimonies {
		h, err := pr.testimonyHashes(t.Path)
		if err != nil {
			return nil, err
		}
		m.AddInputHashes(manifest.KindTestimony, pr.rel(t.Path), h[0], h[1])
	}
	if data, err := os.ReadFile(e.Report.Path); err == nil {
		m.AddInput(manifest.KindDefinition, pr.rel(e.Report.Path), data, nil)
	}
	for _, s := range e.Report.Sections {
		if f := s.Files[e.Lang]; f != nil {
			m.AddInput(manifest.KindSection, pr.rel(f.Path), f.Source, nil)
		}
	}
	pr.addProjectFile(m, manifest.KindTemplate, "templates/"+e.Report.Kind+".yaml")
	for _, name := range []string{"reference/vocabulary.yaml", filing.PlacesFile} {
		pr.addProjectFile(m, manifest.KindReference, name)
	}
	for _, rs := range []struct{ name, file string }{{"charters", "reference/charters.yaml"}, {"lexicon", "reference/lexicon.yaml"}} {
		if f := pr.projectFile(rs.file); f.ok {
			m.RuleSets = append(m.RuleSets, manifest.RuleSet{Name: rs.name, File: f.name, Version: f.version})
			m.AddInputHashes(manifest.KindReference, f.name, f.sha, "")
		}
	}
	for _, lang := range []string{e.Lang, "en"} {
		pr.addProjectFile(m, manifest.KindI18n, "i18n/active."+lang+".yaml")
	}
	pr.mu.Lock()
	waived := pr.waived[e.Name()]
	files := pr.waiverFor[e.Name()]
	pr.mu.Unlock()
	for _, f := range files {
		if data, err := os.ReadFile(f); err == nil {
			m.AddInput(manifest.KindWaivers, pr.rel(f), data, nil)
		}
	}
	m.AddWaived(waived)
	m.Checks = manifest.Checks{SealedValues: pr.scanner.Secrets(), Patterns: true,
		Consent: e.Report.MaxConsent(), ConsentChecked: true}
	return m, nil
}

// protectRender is dossier render's check: the document, header and mark are scanned
// for sealed values and identifier patterns (render has no consent level: it is not a
// filing), with the project's waivers and a waivers.yaml beside the Markdown file. It
// returns an error listing every hit that stops the output, and logs waived hits.
func protectRender(g *globals, p *project.Project, d *doc.Document, src, out, header, mark string, localize func(id string, data map[string]any) string) error {
	pr, err := newProtection(g, p, nil)
	if err != nil {
		return err
	}
	waivers := pr.waivers
	local := filepath.Join(filepath.Dir(src), leak.WaiverFile)
	if local != p.Path(leak.WaiverFile) {
		if data, err := os.ReadFile(local); err == nil {
			ws, wd := leak.ParseWaivers(local, data)
			if wd.Errors() > 0 {
				return wd.Err()
			}
			waivers = append(waivers, ws...)
		}
	}
	name := filepath.Base(out)
	blocking, waived, wd := pr.scanDoc(name, d, header, mark, "", waivers, localize)
	for _, h := range blocking {
		origin := ""
		if data, err := os.ReadFile(src); err == nil {
			for _, f := range pr.scanner.ScanText(leak.Text{Text: string(data)}) {
				if f.Kind == h.Kind && (h.Secret != nil && f.Secret != nil && *f.Secret == *h.Secret || h.Secret == nil && leak.Fold(f.Text) == leak.Fold(h.Text)) {
					line, col := diag.Position(string(data), f.Start)
					origin = fmt.Sprintf(" (from %s:%d:%d)", src, line, col)
					break
				}
			}
		}
		wd.Errorf(name, 0, 0, "%s%s", strings.TrimPrefix(h.String(), name+": "), origin)
	}
	for _, h := range waived {
		fmt.Fprintf(g.Err, "%s: warning: %s\n", name, strings.TrimPrefix(h.String(), name+": "))
	}
	if wd.Errors() > 0 {
		wd.Errorf(name, 0, 0, "nothing was written")
	}
	return wd.Err()
}
