package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pscore/dossier/internal/testimony"
	"github.com/pscore/dossier/internal/vocab"
)

func init() {
	commands = append(commands, newNewCmd)
	newSubcommands = append(newSubcommands, newNewTestimonyCmd)
}

// newSubcommands are the constructors of the `dossier new` subcommands; each command
// file adds its own in init (new testimony here), so that adding one touches only its
// file.
var newSubcommands []func(*globals) *cobra.Command

func newNewCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "new",
		Short: "Create a file from a commented skeleton",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	for _, sub := range newSubcommands {
		cmd.AddCommand(sub(g))
	}
	return cmd
}

type newTestimonyOptions struct {
	*globals
	Prefix   string // id prefix; "" means the project's most common, else PSC
	Year     int    // interview year; 0 means this year
	Language string // language of the account
	// Now is the clock (tests set it); nil means time.Now.
	Now func() time.Time
}

// defaultPrefix is the id prefix of a project that has no testimony yet.
const defaultPrefix = "PSC"

func newNewTestimonyCmd(g *globals) *cobra.Command {
	opts := &newTestimonyOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "testimony",
		Short: "Write a commented testimony skeleton with the next free id",
		Long: `Write testimonies/<ID>.yaml, a skeleton of a testimony with every field explained,
and print its path. The id is the next free one: the prefix most used in the project
(or --prefix; PSC in a new project), the interview year (--year, default this year),
and one more than the highest number for that prefix and year, zero-padded like the
others. An existing file is never overwritten.

The skeleton does not pass dossier validate until the researcher has filled in the
event's date and its account: a placeholder can never slip into a filing.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return runNewTestimony(opts) },
	}
	cmd.Flags().StringVar(&opts.Prefix, "prefix", "", "id `prefix` (2–6 capital letters; default: the project's most common, else PSC)")
	cmd.Flags().IntVar(&opts.Year, "year", 0, "interview `year` (default: this year)")
	cmd.Flags().StringVar(&opts.Language, "language", "ko", "`language` of the source's account (ISO 639-1)")
	return cmd
}

func runNewTestimony(opts *newTestimonyOptions) error {
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	today := now()
	p, v, err := opts.Vocabulary()
	if err != nil {
		return err
	}
	if !vocab.Has(v.Languages, opts.Language) {
		return fmt.Errorf("unknown --language %q (allowed: %s)", opts.Language, strings.Join(v.Languages, ", "))
	}
	dir := p.Path("testimonies")
	ids, err := existingIDs(dir)
	if err != nil {
		return err
	}
	prefix := opts.Prefix
	if prefix == "" {
		prefix = commonPrefix(ids)
	}
	year := opts.Year
	if year == 0 {
		year = today.Year()
	}
	if year < 1000 || year > 9999 || !testimony.IsID(fmt.Sprintf("%s-%04d-001", prefix, year)) {
		return fmt.Errorf("cannot make an id from prefix %q and year %d: the prefix is 2–6 capital letters, the year four digits", prefix, year)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	next, width := nextNumber(ids, prefix, year)
	// Another researcher may take the same number at the same moment: the file is
	// created without overwriting, and the next number tried if it exists.
	for try := 0; try < 100; try++ {
		id := fmt.Sprintf("%s-%04d-%0*d", prefix, year, width, next+try)
		if !testimony.IsID(id) {
			return fmt.Errorf("no free number left for %s-%04d", prefix, year)
		}
		path := filepath.Join(dir, id+".yaml")
		err := createNew(path, []byte(skeleton(id, opts.Language, year, today)))
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(opts.Out, path)
		fmt.Fprintf(opts.Err, "Fill in the fields marked TODO, then run: dossier validate %s\n", path)
		return nil
	}
	return fmt.Errorf("could not find a free id after %s-%04d-%0*d", prefix, year, width, next)
}

// existingIDs returns the ids of the testimony files under dir (their names; validate
// checks that names and ids agree). A missing folder has none.
func existingIDs(dir string) ([]string, error) {
	var ids []string
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && path == dir {
				return filepath.SkipDir
			}
			return err
		}
		if id := testimony.FileID(e.Name()); !e.IsDir() && testimony.IsID(id) {
			ids = append(ids, id)
		}
		return nil
	})
	return ids, err
}

// commonPrefix is the prefix most ids use (the first in alphabetical order on a tie), or
// defaultPrefix.
func commonPrefix(ids []string) string {
	count := map[string]int{}
	for _, id := range ids {
		prefix, _, _, _ := testimony.SplitID(id)
		count[prefix]++
	}
	best := defaultPrefix
	prefixes := make([]string, 0, len(count))
	for p := range count {
		prefixes = append(prefixes, p)
	}
	sort.Strings(prefixes)
	for _, p := range prefixes {
		if count[p] > count[best] {
			best = p
		}
	}
	return best
}

// nextNumber returns one more than the highest number used with prefix and year, and
// the width numbers of this prefix are padded to (3 when there are none).
func nextNumber(ids []string, prefix string, year int) (next, width int) {
	width = 3
	widest := 0
	for _, id := range ids {
		p, y, num, _ := testimony.SplitID(id)
		if p != prefix {
			continue
		}
		widest = max(widest, len(num))
		if y == year {
			n, _ := strconv.Atoi(num)
			next = max(next, n)
		}
	}
	if widest > 0 {
		width = widest
	}
	return next + 1, width
}

// createNew writes a new file at path, atomically (a temporary file linked into place)
// and never over an existing one (fs.ErrExist).
func createNew(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".new-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	err = os.Link(tmp.Name(), path)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}
	// No hard links here (some network and FAT file systems): create exclusively.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	return f.Close()
}

// skeleton is a new testimony with every field explained. It fails validation until the
// event's date and account are written (and the interview date, for a past year).
func skeleton(id, lang string, year int, today time.Time) string {
	// Comments start in column 30, as in the spec's example.
	line := func(code, comment string) string { return fmt.Sprintf("%-29s# %s", code, comment) }
	interviewed := line("  interviewed: "+today.Format("2006-01-02"), "date of the interview (YYYY-MM-DD)")
	if today.Year() != year {
		interviewed = line("  interviewed:", "TODO date of the interview (YYYY-MM-DD)")
	}
	return strings.NewReplacer(
		"{id}\n", line("id: "+id, "the file is named <id>.yaml: change neither without the other")+"\n",
		"{interviewed}\n", interviewed+"\n",
		"{language}\n", line("  language: "+lang, "language of the original account: ko | en | fr | …")+"\n",
		"{id}", id,
		"{lang}", lang,
	).Replace(skeletonText)
}

const skeletonText = `# Testimony {id}: one interview with one source (format: shared/spec/testimony-format.md).
#
# Pseudonyms only, never real names. Real names, exact birth dates, phone numbers and
# addresses go in the sealed file (dossier seal), never here.
# Fill in the fields marked TODO, uncomment the optional ones that apply, then run
#   dossier validate
# (Editors: dossier schema prints a JSON Schema that explains every field as you type.)

{id}
schema: 1                    # format version
source:                      # the interview: who told us, when, how, what they allow
{interviewed}
  # place: Seoul             # where the interview took place (city level at most)
  # interviewer: staff-07    # staff code, never a name
{language}
  relation: victim           # victim | eyewitness | relative | hearsay
  consent: internal          # what the source allows; ask, and record the answer:
  #   public:       may be cited (anonymised) in public filings and reports
  #   confidential: may be sent only through confidential channels (Special Procedures
  #                 communications); never printed in a public document
  #   internal:     never leaves the organisation (the safe default until asked)
persons:                     # everyone the account mentions, by pseudonym only
  - ref: A                   # local reference, used by acts (A, B, C1 …)
    pseudonym: Witness A     # what documents print; never a real name
    # sex: female            # female | male | unknown
    # born: 1985             # year only: never a full birth date
    # origin: North Hamgyong # province of origin (admin level 1 at most)
events:                      # one entry per thing that happened at a time and place
  - id: e1                   # unique within the file: e1, e2 …
    date:                    # TODO when: 2011 | 2011-05 | 2011-05-03
    # until: 2011-08         # end of a period, in the same form
    # place:
    #   name: Onsong County MSS holding centre
    #   admin1: North Hamgyong   # province or region
    #   country: KP              # ISO 3166-1 alpha-2: KP, CN, RU …
    #   geo: [42.95, 129.99]     # approximate [latitude, longitude]
    account:                 # the narrative in the source's own words (Markdown)
      {lang}: |
      # TODO write the account above this line, each line indented 8 spaces.
      # Translations go beside it: en: | (or fr: |) with the text below, the same way.
    # acts:                  # optional: who did what to whom (inferred when absent)
    #   - type: arbitrary-detention  # a code of the act vocabulary (reference/vocabulary.yaml)
    #     victim: A                  # a person's ref
    #     perpetrator: mss           # a code of the perpetrator vocabulary; unknown if not known
    # review:                # optional: a reviewer's decision on the classification
    #   add: [ICCPR-9]       # articles to add
    #   remove: [UDHR-13]    # articles to drop
    #   note: why
`
