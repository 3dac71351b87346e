package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pscore/dossier/internal/i18n"
	"github.com/pscore/dossier/internal/markdown"
	"github.com/pscore/dossier/internal/pdf"
)

func init() { commands = append(commands, newRenderCmd) }

type renderOptions struct {
	*globals
	File   string
	Lang   string // en | fr | ko; empty: front matter, else guessed from the text
	Output string // default: File with the extension .pdf
	Plain  bool   // body paragraphs without numbers
	Mark   string // per-page mark
	Header string // running header
}

func newRenderCmd(g *globals) *cobra.Command {
	opts := &renderOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "render FILE.md",
		Short: "Typeset any Markdown file as a UN-style PDF",
		Long: `Typeset a Markdown file (CommonMark with GFM tables and footnotes) as a
UN-style PDF on A4: headings in the UN hierarchy (# I., ## A., ### 1.), numbered
paragraphs, footnotes at the foot of the page, bookmarks and metadata.

An optional YAML front matter gives title, author, subject, keywords, lang, date
(YYYY-MM-DD) and the cover (organ, symbol, distribution, cover_date, original,
session, subtitle, submitter). A "chart" code block draws a bar chart; a link to
case:ID refers to a case listed in an annex; <!-- pagebreak --> starts a new page.

The creation date comes from the front matter date, else SOURCE_DATE_EPOCH; the
clock is never read, so the same file gives the same PDF. The output is written
atomically: nothing is left half-written on error.`,
		Args: cobra.ExactArgs(1),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return []string{"md", "markdown"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			return runRender(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Lang, "lang", "", "document `language`: en, fr or ko (default: the front matter's, else guessed from the text)")
	f.StringVarP(&opts.Output, "output", "o", "", "output `file` (default: FILE with the extension .pdf)")
	f.BoolVar(&opts.Plain, "plain", false, "do not number body paragraphs")
	f.StringVar(&opts.Mark, "mark", "", "`text` set at the top of every page, e.g. CONFIDENTIAL")
	f.StringVar(&opts.Header, "header", "", "running header `text` (default: the cover's symbol, else the title)")
	_ = cmd.RegisterFlagCompletionFunc("lang", cobra.FixedCompletions([]string{"en", "fr", "ko"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runRender(opts *renderOptions) error {
	switch opts.Lang {
	case "", "en", "fr", "ko":
	default:
		return fmt.Errorf("unknown --lang %q: use en, fr or ko", opts.Lang)
	}
	src, err := os.ReadFile(opts.File)
	if err != nil {
		return err
	}
	d, diags := markdown.Parse(src, markdown.Options{Path: opts.File, Numbered: !opts.Plain, Lang: opts.Lang})
	if opts.Lang != "" {
		d.Meta.Lang = opts.Lang
	}
	if diags.Errors() > 0 {
		return diags.Err()
	}
	for _, w := range diags {
		fmt.Fprintln(opts.Err, w)
	}
	p, err := opts.Project()
	if err != nil {
		return err
	}
	loc, err := i18n.Localizer(p, d.Meta.Lang)
	if err != nil {
		return err
	}
	out := opts.Output
	if out == "" {
		out = strings.TrimSuffix(opts.File, filepath.Ext(opts.File)) + ".pdf"
	}
	// Source protection (protect.go): a sealed value or an identifier in the text stops
	// the render before anything is written.
	if err := protectRender(opts.globals, p, d, opts.File, out, opts.Header, opts.Mark, i18n.Func(loc)); err != nil {
		return err
	}
	res, err := pdf.Render(d, pdf.Options{Mark: opts.Mark, Header: opts.Header, Localize: i18n.Func(loc)})
	if err != nil {
		return fmt.Errorf("%s: %w", opts.File, err)
	}
	if err := writeFileAtomic(out, res.PDF, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(opts.Out, "%s: %d pages\n", out, res.Pages)
	return nil
}

// writeFileAtomic writes data to a temporary file in the same folder and renames it
// over name, so that name is either the old file or the whole new one.
func writeFileAtomic(name string, data []byte, perm os.FileMode) (err error) {
	dir := filepath.Dir(name)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Chmod(perm); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
