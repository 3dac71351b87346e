package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pscore/dossier/internal/classify"
	"github.com/pscore/dossier/internal/diag"
)

func init() { commands = append(commands, newClassifyCmd) }

type classifyOptions struct {
	*globals
	Paths   []string
	Format  string // table | json
	Lang    string // en | fr | ko: language of article titles
	Explain bool
}

func newClassifyCmd(g *globals) *cobra.Command {
	opts := &classifyOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "classify [PATH...]",
		Short: "The acts and articles of every event, with reasons",
		Long: `Classify every event of the testimonies (default: the project's testimonies/ folder)
against the human-rights instruments they engage.

Acts coded in a testimony are used as given; events without coded acts are read from
their narrative (Korean, English or French) with the project's lexicon, and every
inferred act shows the words it rests on and a confidence. Each act's articles come from
the charter catalogue; an article is "binding" for the responsible state only if that
state was party to the instrument on the event date, otherwise it is cited as a
reference. A reviewer's review.add / review.remove are applied last.

--format json prints the contract other tools read: an array with one object per event
({testimony, event, acts, articles}). --explain prints, per article, the rule, its reason,
the evidence quoted, and why it is binding or a reference.

Rules: reference/charters.yaml and reference/lexicon.yaml (embedded; a project's own
files override them).`,
		ValidArgsFunction: yamlFileCompletion,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runClassify(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "table", "output `format`: table or json")
	cmd.Flags().StringVar(&opts.Lang, "lang", "en", "`language` of article titles: en, fr or ko")
	cmd.Flags().BoolVar(&opts.Explain, "explain", false, "print the full reasoning: rule, reason, evidence, binding or reference and why")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"table", "json"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("lang", cobra.FixedCompletions([]string{"en", "fr", "ko"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runClassify(opts *classifyOptions) error {
	if opts.Format != "table" && opts.Format != "json" {
		return fmt.Errorf("unknown --format %q: use table or json", opts.Format)
	}
	if opts.Lang != "en" && opts.Lang != "fr" && opts.Lang != "ko" {
		return fmt.Errorf("unknown --lang %q: use en, fr or ko", opts.Lang)
	}
	p, err := opts.Project()
	if err != nil {
		return err
	}
	c, err := classify.Load(p)
	if err != nil {
		return err
	}
	c.Lang = opts.Lang
	corpus, err := loadTestimonies(opts.globals, opts.Paths)
	if err != nil {
		return err
	}
	failed := reportLoadProblems(opts.Err, corpus.Diags)
	results := c.Corpus(corpus.Testimonies)
	if opts.Format == "json" {
		if results == nil {
			results = []classify.EventResult{}
		}
		enc := json.NewEncoder(opts.Out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(results); err != nil {
			return err
		}
	} else {
		printClassification(opts.Out, c, results, opts.Explain)
	}
	if failed {
		return errReported
	}
	return nil
}

// reportLoadProblems prints the errors of files that could not be read (they are left
// out of the classification) and says how many warnings `dossier validate` would show.
func reportLoadProblems(w io.Writer, diags diag.List) bool {
	warnings := 0
	for _, d := range diags {
		if d.Severity == diag.Error {
			fmt.Fprintln(w, d)
		} else {
			warnings++
		}
	}
	if n := diags.Errors(); n > 0 {
		fmt.Fprintf(w, "%d errors: the files with errors were not classified\n", n)
	}
	if warnings > 0 {
		fmt.Fprintf(w, "%d warnings (see dossier validate)\n", warnings)
	}
	return diags.Errors() > 0
}

// printClassification writes the researcher's view: per event, its acts (who did what
// to whom, how we know) and its articles (which state, binding or reference).
func printClassification(w io.Writer, c *classify.Classifier, results []classify.EventResult, explain bool) {
	for i, r := range results {
		if i > 0 {
			fmt.Fprintln(w)
		}
		place := r.Place.Name
		if r.Place.Country != "" {
			place += " (" + r.Place.Country + ")"
		}
		fmt.Fprintf(w, "%s %s · %s · %s\n", r.Testimony, r.Event, r.Date, strings.TrimSpace(place))
		if len(r.Acts) == 0 {
			fmt.Fprintln(w, "  no acts found: nothing in the account matches the lexicon; code the acts by hand if the account states any")
		} else {
			fmt.Fprintln(w, "  acts")
		}
		for _, a := range r.Acts {
			how := a.Origin
			if a.Origin == classify.OriginInferred {
				how = fmt.Sprintf("inferred %.2f", a.Confidence)
			}
			marks := ""
			if a.Hearsay {
				marks += " [hearsay]"
			}
			for _, n := range a.Notes {
				marks += " [" + n + "]"
			}
			quote := ""
			if len(a.Evidence) > 0 {
				quote = "  " + quoteSpan(a.Evidence[0], 60)
			}
			fmt.Fprintf(w, "    %-23s %s ← %-12s %s%s%s\n", a.Type, a.Victim, a.Perpetrator, how, marks, quote)
			if explain {
				for _, sp := range a.Evidence {
					fmt.Fprintf(w, "        evidence %s [%s %d–%d]\n", quoteSpan(sp, 100), sp.Lang, sp.Start, sp.End)
				}
			}
		}
		if len(r.Articles) > 0 {
			fmt.Fprintln(w, "  articles")
		}
		for _, a := range r.Articles {
			status := "reference"
			if a.Binding {
				status = "binding"
			}
			fmt.Fprintf(w, "    %-12s %-9s %-3s %s — %s\n", a.Ref, status, a.State, strings.Join(a.Acts, ", "), a.Title)
			if explain {
				fmt.Fprintf(w, "        %s %s: %s\n", a.State, status, a.Basis)
				fmt.Fprintf(w, "        rule %s: %s\n", strings.Join(a.Rules, ", "), a.Reason)
				for _, sp := range a.Evidence {
					fmt.Fprintf(w, "        evidence %s [%s %d–%d]\n", quoteSpan(sp, 100), sp.Lang, sp.Start, sp.End)
				}
			}
		}
		if r.Review != nil {
			fmt.Fprintf(w, "  review: a reviewer decided last")
			if len(r.Review.Added) > 0 {
				fmt.Fprintf(w, "; added %s", strings.Join(r.Review.Added, ", "))
			}
			if len(r.Review.Removed) > 0 {
				fmt.Fprintf(w, "; removed %s", strings.Join(r.Review.Removed, ", "))
			}
			if len(r.Review.NotFound) > 0 {
				fmt.Fprintf(w, "; asked to remove %s, which no rule cited", strings.Join(r.Review.NotFound, ", "))
			}
			if r.Review.Note != "" {
				fmt.Fprintf(w, " (%s)", r.Review.Note)
			}
			fmt.Fprintln(w)
		}
		if explain {
			for _, x := range r.COI {
				fmt.Fprintf(w, "  COI finding %s %s (%s): %s Source: %s\n", x.Ref, x.Title, strings.Join(x.Acts, ", "), x.Reason, x.Source)
			}
		} else if len(r.COI) > 0 {
			refs := make([]string, len(r.COI))
			for i, x := range r.COI {
				refs[i] = x.Ref
			}
			fmt.Fprintf(w, "  COI findings (crimes against humanity, A/HRC/25/63): %s — the Commission's, not this event's; see --explain\n", strings.Join(refs, ", "))
		}
	}
	if len(results) > 0 {
		fmt.Fprintf(w, "\n%d events classified (rules: %s)\n", len(results), c.Version())
	}
}

// quoteSpan quotes evidence on one line, shortened to n runes.
func quoteSpan(sp classify.Span, n int) string {
	s := strings.Join(strings.Fields(sp.Text), " ")
	r := []rune(s)
	if len(r) > n {
		s = string(r[:n-1]) + "…"
	}
	return "“" + s + "”"
}
