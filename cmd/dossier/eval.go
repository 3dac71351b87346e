package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pscore/dossier/internal/classify"
)

func init() { commands = append(commands, newEvalCmd) }

type evalOptions struct {
	*globals
	Gold   string
	Paths  []string
	Format string // text | json
}

func newEvalCmd(g *globals) *cobra.Command {
	opts := &evalOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "eval --gold FILE [PATH...]",
		Short: "Precision, recall and F1 of the classifier against coded cases",
		Long: `Compare the classification of testimonies (default: the project's testimonies/
folder) with hand-coded labels in a gold file, so that researchers can measure the rules
on their own cases.

The gold file maps each testimony id to its events, each with the acts the narrative
supports (type, victim, perpetrator) and the articles engaged — the format of the
development corpus's gold.yaml. Acts are scored by type per event (and, as a secondary
figure, as type-victim-perpetrator triples); articles at article level, paragraphs ignored
(ICCPR-12.2 counts as ICCPR-12), among the articles cited against a state (binding) and
the UDHR. The report gives precision, recall and F1 per act type and overall, per
instrument, the confusions (which type stood where gold had another) and every missed and
spurious label.

Only testimonies present in both the gold file and the classified files are scored. The
command measures; it exits 0 whatever the scores, and 1 only when the gold file or a
testimony cannot be read (its problems as path:line:col diagnostics).`,
		ValidArgsFunction: yamlFileCompletion,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runEval(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Gold, "gold", "", "gold `file` of hand-coded labels (required)")
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output `format`: text or json")
	_ = cmd.MarkFlagRequired("gold")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runEval(opts *evalOptions) error {
	if opts.Format != "text" && opts.Format != "json" {
		return fmt.Errorf("unknown --format %q: use text or json", opts.Format)
	}
	if opts.Gold == "" {
		return fmt.Errorf("--gold FILE is required: the hand-coded labels to compare with")
	}
	p, v, err := opts.Vocabulary()
	if err != nil {
		return err
	}
	data, err := os.ReadFile(opts.Gold)
	if err != nil {
		return fmt.Errorf("gold file: %w", err)
	}
	gold, diags := classify.ParseGold(opts.Gold, data, v)
	if diags.Errors() > 0 {
		for _, d := range diags {
			fmt.Fprintln(opts.Err, d)
		}
		return errReported
	}
	c, err := classify.Load(p)
	if err != nil {
		return err
	}
	corpus, err := loadTestimonies(opts.globals, opts.Paths)
	if err != nil {
		return err
	}
	failed := reportLoadProblems(opts.Err, corpus.Diags)
	rep := classify.Evaluate(gold, c.Corpus(corpus.Testimonies))
	if opts.Format == "json" {
		enc := json.NewEncoder(opts.Out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		printEval(opts.Out, rep, c.Version())
	}
	if failed {
		return errReported
	}
	return nil
}

func printEval(w io.Writer, rep *classify.Report, version string) {
	fmt.Fprintf(w, "gold %s: %d cases, %d events scored (rules: %s)\n", rep.Gold, rep.Cases, rep.Events, version)
	if len(rep.MissingCases) > 0 {
		fmt.Fprintf(w, "not scored (no testimony classified): %s\n", strings.Join(rep.MissingCases, ", "))
	}
	fmt.Fprintln(w)
	line := func(name string, s classify.Score) {
		fmt.Fprintf(w, "%-32s P %.3f  R %.3f  F1 %.3f   (tp %d, fp %d, fn %d)\n", name, s.Precision, s.Recall, s.F1, s.TP, s.FP, s.FN)
	}
	line("acts (type per event)", rep.Acts)
	line("acts (type, victim, perpetrator)", rep.ActsFull)
	line("articles (article level)", rep.Articles)
	table := func(title string, rows []classify.LabelScore) {
		fmt.Fprintf(w, "\n%s\n  %-24s %6s %6s %6s %4s %4s %4s\n", title, "", "P", "R", "F1", "tp", "fp", "fn")
		for _, r := range rows {
			fmt.Fprintf(w, "  %-24s %6.3f %6.3f %6.3f %4d %4d %4d\n", r.Label, r.Precision, r.Recall, r.F1, r.TP, r.FP, r.FN)
		}
	}
	table("per act type", rep.PerType)
	table("per instrument (articles)", rep.PerInstrument)
	if len(rep.Confusions) > 0 {
		fmt.Fprintf(w, "\nconfusions (gold type → predicted type in the same event; — for none)\n")
		for _, c := range rep.Confusions {
			fmt.Fprintf(w, "  %3d  %s → %s\n", c.Count, c.Gold, c.Predicted)
		}
	}
	items := func(title string, list []classify.Item) {
		if len(list) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s\n", title)
		for _, it := range list {
			fmt.Fprintf(w, "  %s %s %-7s %s\n", it.Testimony, it.Event, it.Kind, it.Value)
		}
	}
	items("missed (in gold, not predicted)", rep.Missed)
	items("spurious (predicted, not in gold)", rep.Spurious)
}
