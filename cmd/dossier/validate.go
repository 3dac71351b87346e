package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/testimony"
)

func init() { commands = append(commands, newValidateCmd) }

type validateOptions struct {
	*globals
	Paths  []string
	Format string // text | json
}

func newValidateCmd(g *globals) *cobra.Command {
	opts := &validateOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "validate [PATH...]",
		Short: "Check testimony files against the format",
		Long: `Check testimony files (default: the project's testimonies/ folder; files or
folders, recursively) and report every problem in every file, one per line as
path:line:col: message, followed by a summary. Exits 1 if any error was found.`,
		ValidArgsFunction: yamlFileCompletion,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runValidate(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output `format`: text or json")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func yamlFileCompletion(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return []string{"yaml", "age"}, cobra.ShellCompDirectiveFilterFileExt
}

// validateReport is the JSON form of a validation run, for tools.
type validateReport struct {
	Testimonies int               `json:"testimonies"`
	Events      int               `json:"events"`
	Errors      int               `json:"errors"`
	Warnings    int               `json:"warnings"`
	Diagnostics []diag.Diagnostic `json:"diagnostics"`
}

func runValidate(opts *validateOptions) error {
	if opts.Format != "text" && opts.Format != "json" {
		return fmt.Errorf("unknown --format %q: use text or json", opts.Format)
	}
	corpus, err := loadTestimonies(opts.globals, opts.Paths)
	if err != nil {
		return err
	}
	// Real identifiers never go in a testimony (seal.go).
	corpus.Diags = append(corpus.Diags, checkSealedInTestimonies(opts.globals, opts.Paths)...)
	corpus.Diags.Sort()
	rep := validateReport{
		Testimonies: corpus.Files, Events: corpus.EventsRead,
		Errors: corpus.Diags.Errors(), Warnings: corpus.Diags.Warnings(),
		Diagnostics: corpus.Diags,
	}
	if rep.Diagnostics == nil {
		rep.Diagnostics = []diag.Diagnostic{}
	}
	if opts.Format == "json" {
		enc := json.NewEncoder(opts.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		for _, d := range corpus.Diags {
			fmt.Fprintln(opts.Out, d)
		}
		fmt.Fprintf(opts.Out, "%d testimonies, %d events, %d errors, %d warnings\n", rep.Testimonies, rep.Events, rep.Errors, rep.Warnings)
	}
	if rep.Errors > 0 {
		return errReported
	}
	return nil
}

// loadTestimonies loads the given paths, or the project's testimonies/ folder (loaded
// once per command: build and its source-protection hook share it).
func loadTestimonies(g *globals, paths []string) (*testimony.Corpus, error) {
	if len(paths) == 0 && g.corpus != nil {
		return g.corpus, nil
	}
	p, v, err := g.Vocabulary()
	if err != nil {
		return nil, err
	}
	project := len(paths) == 0
	if project {
		paths = []string{p.Path("testimonies")}
	}
	l := &testimony.Loader{Vocab: v, ReadFile: g.ReadFile()} // decrypts *.age in memory
	c := l.Load(paths...)
	if project {
		g.corpus = c
	}
	return c, nil
}
