package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func init() { commands = append(commands, newCheckCmd) }

type checkOptions struct {
	*globals
	Reports []string
	Langs   []string
	Draft   bool
}

func newCheckCmd(g *globals) *cobra.Command {
	opts := &checkOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "check [REPORT...]",
		Short: "Run every check of a build without rendering or writing anything",
		Long: `Run every check that dossier build runs (definitions, sections and their calls,
consent, word limits, source protection) on every report under reports/, or the ones
named, without rendering or writing anything. Prints every problem and a summary line
per edition (words against the limit, cases cited, warnings). Exits 1 on any error.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Reports = args
			return runCheck(opts)
		},
		ValidArgsFunction: reportCompletion,
	}
	f := cmd.Flags()
	f.StringSliceVar(&opts.Langs, "lang", nil, "check only these `languages` (comma-separated: en,fr,ko)")
	f.BoolVar(&opts.Draft, "draft", false, "check as a draft: missing translations are warnings")
	return cmd
}

func runCheck(opts *checkOptions) error {
	s, err := openSession(opts.globals, opts.Reports, opts.Langs, opts.Draft)
	if err != nil {
		return err
	}
	eds := s.assemble()
	s.printDiags(opts.Err)
	var lines []string
	for _, e := range eds {
		lines = append(lines, e.Summary(0, "(not written)"))
	}
	printSummary(opts.Out, lines)
	if n := s.diags.Errors(); n > 0 {
		fmt.Fprintf(opts.Err, "check failed: %d errors, %d warnings\n", n, s.diags.Warnings())
		return errReported
	}
	return nil
}
