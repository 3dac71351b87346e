// Package filing builds UN filings from report definitions (internal/report): UPR
// stakeholder submissions, written statements to the Human Rights Council, Special
// Procedures communications and answers to calls for input, in every language of the
// report.
//
// The pipeline has one shape for every kind:
//
//	load (report, corpus) → select testimonies by consent and draw → classify
//	→ assemble one doc.Document per edition (cover, front matter, sections with their
//	  calls expanded, recommendations, notes, annex of cited cases, metadata)
//	→ check every edition (word limits, consent, then the Checks hooks: leak scan …)
//	→ render every edition → Finish hooks (manifest, encryption)
//	→ write every file atomically, only if nothing above failed.
//
// Assembly and checks are in Builder.Assemble; rendering and writing in Build. The
// Checks hooks see each final document before any byte is rendered or written; the
// Finish hooks see every output before any is written.
package filing

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/doc"
	"github.com/pscore/dossier/internal/project"
	"github.com/pscore/dossier/internal/report"
	"github.com/pscore/dossier/internal/testimony"
	"github.com/pscore/dossier/internal/vocab"
)

// Edition is one language of one report, assembled and checked.
type Edition struct {
	Report *report.Report
	Lang   string
	// Doc is the final document: every template expanded, footnotes and metadata in
	// place. Checks see exactly what the writer will set.
	Doc *doc.Document
	// Words is the word count by part; Limit the word limit (0 when the edition has
	// none, e.g. Korean) and LimitRule what it comes from.
	Words     Words
	Limit     int
	LimitRule string
	// Cases are the testimony ids cited, in case-number order.
	Cases []string
	// Testimonies are every testimony whose content reached the document (cited, or
	// counted in statistics), for the leak scan's consent re-check.
	Testimonies []*testimony.Testimony
	// Header and Mark are the running header and the mark set on every page
	// (CONFIDENTIAL, DRAFT).
	Header string
	Mark   string
	// BodySize is the body size the filing kind's rules set (0: the design's).
	BodySize float64
	// Diags are this edition's problems (section files, calls, limits, checks).
	Diags diag.List
}

// Name is "report.lang", as summaries and messages print it.
func (e *Edition) Name() string { return e.Report.Name + "." + e.Lang }

// Check inspects an edition after assembly, before anything is rendered or written.
// Source protection plugs in here (a leak scan over doc.Pieces(e.Doc)). A check
// returns its problems; any error stops the build of every report.
type Check func(e *Edition) diag.List

// Builder assembles filings. One Builder serves a whole build: testimonies are
// classified once whatever the number of reports and languages.
type Builder struct {
	Project    *project.Project
	Vocab      *vocab.Vocabulary
	Corpus     *testimony.Corpus
	Places     *Places
	Classifier Classifier
	// Localize gives the labels (filing.* messages); nil loads the project's message
	// tables.
	Localize Localize
	// Draft turns missing translations into visible markers and marks every page
	// DRAFT; every other check still applies.
	Draft bool
	// Languages, when not empty, restricts the editions built (--lang).
	Languages []string
	// Checks run on every edition once assembled.
	Checks []Check

	once      sync.Once
	pseudOnce sync.Once
	pseud     *pseudonymWords
	classes   *classCache
	tmplMu    sync.Mutex
	templates map[string]*Template
	initErr   error
}

func (b *Builder) init() {
	b.once.Do(func() {
		b.classes = newClassCache(b.Classifier)
		b.templates = map[string]*Template{}
		if b.Places == nil {
			b.Places = &Places{}
		}
		if b.Localize == nil {
			l, err := LocalizeProject(b.project())
			if err != nil {
				b.initErr = err
				l = func(string, string, map[string]any) string { return "" }
			}
			b.Localize = l
		}
	})
}

func (b *Builder) project() *project.Project {
	if b.Project == nil {
		return project.Defaults()
	}
	return b.Project
}

// ReportOptions returns the options to load definitions with for this builder.
func (b *Builder) ReportOptions() report.Options {
	o := report.Options{Vocab: b.Vocab, Corpus: b.Corpus, Draft: b.Draft, Editions: b.Languages}
	if b.Places != nil && len(b.Places.Countries) > 0 {
		o.States = b.Places.States()
	}
	return o
}

// Template returns the template of a kind, loaded once.
func (b *Builder) Template(kind string) (*Template, error) {
	b.init()
	b.tmplMu.Lock()
	defer b.tmplMu.Unlock()
	if t, ok := b.templates[kind]; ok {
		return t, nil
	}
	t, err := LoadTemplate(b.project(), kind)
	if err != nil {
		return nil, err
	}
	b.templates[kind] = t
	return t, nil
}

// Assemble builds and checks every edition of a report (in the languages asked for).
// It writes nothing. The editions are returned even when there are errors, with their
// diagnostics; the list returned holds every diagnostic of the report.
func (b *Builder) Assemble(r *report.Report) ([]*Edition, diag.List) {
	b.init()
	var all diag.List
	if b.initErr != nil {
		all.Errorf(r.Path, 0, 0, "message tables: %v", b.initErr)
		return nil, all
	}
	t, err := b.Template(r.Kind)
	if err != nil {
		all.Errorf(r.Path, r.KindPos.Line, r.KindPos.Col, "template: %v", err)
		return nil, all
	}
	langs := r.Languages
	if len(b.Languages) > 0 {
		langs = nil
		for _, l := range r.Languages {
			if slices.Contains(b.Languages, l) {
				langs = append(langs, l)
			}
		}
	}
	rc := &reportCtx{b: b, r: r, t: t, langs: langs}
	rc.sel = selectCases(r, b.Corpus, b.classes)
	all = append(all, rc.prepare()...)
	var eds []*Edition
	for _, lang := range langs {
		e := rc.edition(lang)
		eds = append(eds, e)
	}
	// Checks after assembly: limits, notes, then the hooks.
	for _, e := range eds {
		b.check(rc, e)
		all = append(all, e.Diags...)
	}
	all.Sort()
	return eds, all
}

// check runs the built-in checks and the hooks on an edition.
func (b *Builder) check(rc *reportCtx, e *Edition) {
	// The writer's own check, once the files' errors are out of the way (a link to
	// nowhere is reported at its line, not again here).
	if err := doc.Validate(e.Doc); err != nil && e.Diags.Errors() == 0 {
		for _, line := range strings.Split(err.Error(), "\n") {
			e.Diags.Errorf(rc.r.Path, 0, 0, "%s: the assembled document is invalid: %s", e.Name(), line)
		}
	}
	e.Words = CountDocument(e.Doc)
	e.Limit, e.LimitRule = rc.t.Limit(rc.r, e.Lang)
	if e.Limit > 0 && e.Words.Counted() > e.Limit {
		e.Diags.Errorf(rc.r.Path, 0, 0, "%s: %s words, %s over the limit of %s (%s); headings, body and notes are counted, annexes are not",
			e.Name(), FormatNumber(e.Words.Counted(), "en"), FormatNumber(e.Words.Counted()-e.Limit, "en"), FormatNumber(e.Limit, "en"), e.LimitRule)
	} else if e.Limit > 0 && e.Words.Counted()*100 > e.Limit*98 {
		e.Diags.Warnf(rc.r.Path, 0, 0, "%s: %s words, within 2%% of the limit of %s (%s): Word may count a few more",
			e.Name(), FormatNumber(e.Words.Counted(), "en"), FormatNumber(e.Limit, "en"), e.LimitRule)
	}
	if rc.t.Notes == "references" {
		checkReferenceNotes(e)
	}
	// Consent, once more, on what the document actually carries.
	for _, t := range e.Testimonies {
		if !report.ConsentAllows(report.MaxConsent(rc.r.Kind), t.Source.Consent) {
			e.Diags.Errorf(t.Path, t.Pos.Line, t.Pos.Col, "%s: testimony %s (%s) reached a %s: refusing to build", e.Name(), t.ID, t.Source.Consent, rc.r.Kind)
		}
	}
	for _, c := range b.Checks {
		e.Diags = append(e.Diags, c(e)...)
	}
	e.Diags.Sort()
}

// checkReferenceNotes warns about notes that look like content rather than references
// (UPR endnotes may hold references only): more than 40 words, or no URL, document
// symbol or date.
func checkReferenceNotes(e *Edition) {
	for _, b := range e.Doc.Blocks {
		if _, ok := b.(*doc.Annex); ok {
			continue
		}
		for _, f := range footnotes(b) {
			text := strings.TrimSpace(doc.PlainText(f.Content))
			words := CountWords(text)
			switch {
			case words > 40:
				e.Diags.Warnf(e.Report.Path, 0, 0, "%s: note %q… has %d words: UPR endnotes are for references only", e.Name(), truncate(text, 40), words)
			case !referenceLike.MatchString(text):
				e.Diags.Warnf(e.Report.Path, 0, 0, "%s: note %q has no URL, document symbol or date: UPR endnotes are for references only", e.Name(), truncate(text, 60))
			}
		}
	}
}

// footnotes returns the footnotes of a block, in reading order.
func footnotes(b doc.Block) []*doc.Footnote {
	var out []*doc.Footnote
	var inl func([]doc.Inline)
	inl = func(content []doc.Inline) {
		for _, in := range content {
			switch v := in.(type) {
			case *doc.Footnote:
				out = append(out, v)
			case *doc.Emph:
				inl(v.Content)
			case *doc.Strong:
				inl(v.Content)
			case *doc.Link:
				inl(v.Content)
			case *doc.CaseRef:
				inl(v.Content)
			}
		}
	}
	var list func(*doc.List)
	list = func(l *doc.List) {
		for _, it := range l.Items {
			inl(it.Content)
			if it.Sub != nil {
				list(it.Sub)
			}
		}
	}
	var blk func(doc.Block)
	blk = func(b doc.Block) {
		switch v := b.(type) {
		case *doc.Heading:
			inl(v.Text)
		case *doc.Paragraph:
			inl(v.Content)
		case *doc.List:
			list(v)
		case *doc.Table:
			inl(v.Caption)
			for _, r := range append(append([]*doc.Row{}, v.Header...), v.Rows...) {
				for _, c := range r.Cells {
					inl(c.Content)
				}
			}
		case *doc.Chart:
			inl(v.Caption)
		case *doc.Cover:
			inl(v.Title)
			inl(v.Subtitle)
			inl(v.Submitter)
			for _, sb := range v.Summary {
				blk(sb)
			}
		case *doc.Quote:
			for _, qb := range v.Blocks {
				blk(qb)
			}
		case *doc.Annex:
			inl(v.Title)
			for _, ab := range v.Blocks {
				blk(ab)
			}
		}
	}
	blk(b)
	return out
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}

// Summary is one line of a build summary.
func (e *Edition) Summary(pages int, out string) string {
	words := FormatNumber(e.Words.Counted(), "en")
	if e.Limit > 0 {
		words += "/" + FormatNumber(e.Limit, "en")
	}
	pg := "-"
	if pages > 0 {
		pg = fmt.Sprintf("%d pages", pages)
		if pages == 1 {
			pg = "1 page"
		}
	}
	return fmt.Sprintf("%s\t%s\t%s\t%s words\t%s\t%s\t%s", e.Report.Name, e.Lang, pg, words,
		plural(len(e.Cases), "case", "cases"), plural(e.Diags.Warnings(), "warning", "warnings"), out)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// sortedKeys returns the keys of a map, sorted.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
