package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pscore/dossier/internal/report"
)

func init() { newSubcommands = append(newSubcommands, newNewReportCmd) }

type newReportOptions struct {
	*globals
	Kind  string
	Name  string
	Langs []string
	// Now is the clock (tests set it); nil means time.Now.
	Now func() time.Time
}

func newNewReportCmd(g *globals) *cobra.Command {
	opts := &newReportOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "report --kind KIND NAME",
		Short: "Write a commented report definition of a kind into reports/NAME/",
		Long: `Write reports/NAME/: a report.yaml with every field of the kind explained and a
first section in each language (01-introduction.LANG.md; q1.LANG.md for an answer to
a call for input), and print their paths. Kinds: upr-submission, hrc-statement,
sp-communication, sp-input. An existing folder is never touched.

The definition loads as written; fill in what is marked TODO, then run
dossier check NAME.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			return runNewReport(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Kind, "kind", "", "kind of filing: "+strings.Join(report.Kinds, ", "))
	cmd.Flags().StringSliceVar(&opts.Langs, "lang", nil, "`languages` of the editions (default en,fr,ko)")
	_ = cmd.MarkFlagRequired("kind")
	_ = cmd.RegisterFlagCompletionFunc("kind", cobra.FixedCompletions(report.Kinds, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runNewReport(opts *newReportOptions) error {
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	for _, l := range opts.Langs {
		if !slices.Contains(report.DefaultLanguages, l) {
			return fmt.Errorf("unknown --lang %q: use %s", l, strings.Join(report.DefaultLanguages, ", "))
		}
	}
	files, err := report.Scaffold(opts.Kind, opts.Name, now().Format("2006-01-02"), opts.Langs)
	if err != nil {
		return err
	}
	p, err := opts.Project()
	if err != nil {
		return err
	}
	dir := p.Path(filepath.Join("reports", opts.Name))
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return err
	}
	// the folder is created exclusively: an existing report is never overwritten
	if err := os.Mkdir(dir, 0o755); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists: choose another name", dir)
		}
		return err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		path := filepath.Join(dir, n)
		if err := writeFileAtomic(path, []byte(files[n]), 0o644); err != nil {
			os.RemoveAll(dir)
			return err
		}
		fmt.Fprintln(opts.Out, path)
	}
	fmt.Fprintf(opts.Err, "Fill in the fields marked TODO, then run: dossier check %s\n", opts.Name)
	return nil
}
