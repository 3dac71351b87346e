package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/pscore/dossier/internal/classify"
	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/filing"
	"github.com/pscore/dossier/internal/project"
	"github.com/pscore/dossier/internal/report"
	"github.com/pscore/dossier/internal/testimony"
	"github.com/pscore/dossier/internal/vocab"
)

func init() { commands = append(commands, newBuildCmd) }

// buildHooks let other command files add checks on every assembled edition and
// finishing steps on every output (source protection: leak scan, manifest,
// encryption) to `dossier build` and `dossier check`, each from its own file's init:
//
//	func init() { buildHooks = append(buildHooks, func(g *globals, p *project.Project) (filing.Hooks, error) { … }) }
//
// Checks run in build and check; Finish steps only in build, after every edition is
// rendered and before anything is written.
var buildHooks []func(g *globals, p *project.Project) (filing.Hooks, error)

// newClassifier returns the classifier filings use: coded acts, and acts inferred from
// the accounts, with the articles they engage (reference/charters.yaml,
// reference/lexicon.yaml).
var newClassifier = func(p *project.Project, v *vocab.Vocabulary) (filing.Classifier, error) {
	c, err := classify.Load(p)
	if err != nil {
		return nil, err
	}
	return filing.FromClassify(c), nil
}

type buildOptions struct {
	*globals
	Reports []string
	Langs   []string
	OutDir  string
	Draft   bool
}

func newBuildCmd(g *globals) *cobra.Command {
	opts := &buildOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "build [REPORT...]",
		Short: "Build filings from report definitions into build/<report>/<report>.<lang>.pdf",
		Long: `Build UN filings from report definitions (reports/<name>/report.yaml and its
Markdown sections; see reports/README.md): every report under reports/, or the ones
named (a name under reports/ or a folder), in every language of the report.

Every check runs on every edition before anything is written: definition and
section errors, calls in the text, consent of every testimony drawn on, word limits
(English and French editions, counted as Word counts them: headings, body and notes,
annexes excluded), and source protection. On any error nothing is written and the
exit status is 1. Otherwise each edition is written atomically and a summary line per
edition gives its pages, words against the limit, cases cited and warnings.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Reports = args
			return runBuild(opts)
		},
		ValidArgsFunction: reportCompletion,
	}
	f := cmd.Flags()
	f.StringSliceVar(&opts.Langs, "lang", nil, "build only these `languages` (comma-separated: en,fr,ko)")
	f.StringVar(&opts.OutDir, "out", "", "output `folder` (default: the project's build/)")
	f.BoolVar(&opts.Draft, "draft", false, "draft: missing translations become visible markers and every page is marked DRAFT")
	f.StringVar(&g.PasswordFile, "password-file", "", "`file` whose first line is the password of confidential filings (sp-communication), encrypted AES-256 (default: $DOSSIER_PDF_PASSWORD)")
	_ = cmd.RegisterFlagCompletionFunc("lang", cobra.FixedCompletions(report.DefaultLanguages, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func reportCompletion(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	dirs, _ := report.Find("reports")
	var names []string
	for _, d := range dirs {
		names = append(names, filepath.Base(d))
	}
	return names, cobra.ShellCompDirectiveNoFileComp
}

// session is what build and check share: the builder and the reports loaded.
type session struct {
	p       *project.Project
	b       *filing.Builder
	reports []*report.Report
	hooks   []filing.Hooks
	diags   diag.List
}

// openSession loads the vocabulary, the testimonies, the reports named (or all of
// them) and the hooks. Problems in files are collected in s.diags; an error is returned
// only for what stops everything (no project, an unreadable vocabulary).
func openSession(g *globals, names, langs []string, draft bool) (*session, error) {
	for _, l := range langs {
		if !slices.Contains(report.DefaultLanguages, l) {
			return nil, fmt.Errorf("unknown --lang %q: use %s", l, strings.Join(report.DefaultLanguages, ", "))
		}
	}
	p, v, err := g.Vocabulary()
	if err != nil {
		return nil, err
	}
	places, err := filing.LoadPlaces(p)
	if err != nil {
		return nil, err
	}
	loc, err := filing.LocalizeProject(p)
	if err != nil {
		return nil, err
	}
	cl, err := newClassifier(p, v)
	if err != nil {
		return nil, err
	}
	s := &session{p: p}
	var corpus *testimony.Corpus
	if st, err := os.Stat(p.Path("testimonies")); err == nil && st.IsDir() {
		// the loader of dossier validate: encrypted testimonies are read in memory
		if corpus, err = loadTestimonies(g, nil); err != nil {
			return nil, err
		}
		s.diags = append(s.diags, corpus.Diags...)
	} else {
		corpus = &testimony.Corpus{}
	}
	s.b = &filing.Builder{Project: p, Vocab: v, Corpus: corpus, Places: places, Classifier: cl,
		Localize: loc, Draft: draft, Languages: langs}
	for _, h := range buildHooks {
		hk, err := h(g, p)
		if err != nil {
			return nil, err
		}
		s.hooks = append(s.hooks, hk)
		s.b.Checks = append(s.b.Checks, hk.Checks...)
	}
	dirs, d := reportDirs(p, names)
	s.diags = append(s.diags, d...)
	opts := s.b.ReportOptions()
	for _, dir := range dirs {
		r, d := report.Load(dir, opts)
		s.diags = append(s.diags, d...)
		// A definition with errors is not assembled; what can be checked in its
		// sections without it (calls, Markdown) is reported in the same run.
		switch {
		case r != nil && !hasErrorIn(d, r.Path):
			s.reports = append(s.reports, r)
		case r != nil:
			s.diags = append(s.diags, filing.SectionDiagnostics(r)...)
		}
	}
	return s, nil
}

// hasErrorIn reports whether d has an error in the file path.
func hasErrorIn(d diag.List, path string) bool {
	for _, x := range d {
		if x.Severity == diag.Error && x.Path == path {
			return true
		}
	}
	return false
}

// reportDirs resolves report arguments: a folder, or a name under the project's
// reports/; none means every report under reports/.
func reportDirs(p *project.Project, names []string) ([]string, diag.List) {
	var d diag.List
	if len(names) == 0 {
		dirs, err := report.Find(p.Path("reports"))
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				d.Errorf(p.Path("reports"), 0, 0, "no reports folder: create one with `dossier new report --kind KIND NAME`")
			} else {
				d.Errorf(p.Path("reports"), 0, 0, "%v", err)
			}
		} else if len(dirs) == 0 {
			d.Errorf(p.Path("reports"), 0, 0, "no report definitions (folders with a report.yaml) here")
		}
		return dirs, d
	}
	var dirs []string
	for _, n := range names {
		switch {
		case report.IsReportDir(n):
			dirs = append(dirs, n)
		case report.IsReportDir(p.Path(filepath.Join("reports", n))):
			dirs = append(dirs, p.Path(filepath.Join("reports", n)))
		default:
			d.Errorf(n, 0, 0, "no such report: neither a folder with a report.yaml nor a name under %s", p.Path("reports"))
		}
	}
	return dirs, d
}

// assemble assembles and checks every edition of every report.
func (s *session) assemble() []*filing.Edition {
	var eds []*filing.Edition
	for _, r := range s.reports {
		e, d := s.b.Assemble(r)
		eds = append(eds, e...)
		s.diags = append(s.diags, d...)
	}
	return eds
}

func (s *session) printDiags(w io.Writer) {
	s.diags.Sort()
	var last diag.Diagnostic
	for i, d := range s.diags {
		if i > 0 && d == last {
			continue
		}
		last = d
		fmt.Fprintln(w, d)
	}
}

func printSummary(w io.Writer, lines []string) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, l := range lines {
		fmt.Fprintln(tw, l)
	}
	tw.Flush()
}

func runBuild(opts *buildOptions) error {
	s, err := openSession(opts.globals, opts.Reports, opts.Langs, opts.Draft)
	if err != nil {
		return err
	}
	eds := s.assemble()
	if s.diags.Errors() > 0 {
		s.printDiags(opts.Err)
		fmt.Fprintf(opts.Err, "build failed: %d errors, %d warnings; nothing was written\n", s.diags.Errors(), s.diags.Warnings())
		return errReported
	}
	out := opts.OutDir
	if out == "" {
		out = s.p.Path("build")
	}
	outs, err := s.b.RenderAll(eds, out)
	if err != nil {
		s.printDiags(opts.Err)
		fmt.Fprintln(opts.Err, err)
		fmt.Fprintln(opts.Err, "build failed; nothing was written")
		return errReported
	}
	for _, h := range s.hooks {
		for _, f := range h.Finish {
			more, err := f(outs)
			if err != nil {
				s.printDiags(opts.Err)
				fmt.Fprintln(opts.Err, err)
				fmt.Fprintln(opts.Err, "build failed; nothing was written")
				return errReported
			}
			outs = append(outs, more...)
		}
	}
	if err := filing.WriteAll(outs); err != nil {
		s.printDiags(opts.Err)
		return err
	}
	s.printDiags(opts.Err)
	var lines []string
	for _, o := range outs {
		if o.Edition != nil {
			lines = append(lines, o.Edition.Summary(o.Pages, o.Path))
		}
	}
	printSummary(opts.Out, lines)
	return nil
}
