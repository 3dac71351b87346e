package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/leak"
	"github.com/pscore/dossier/internal/seal"
	"github.com/pscore/dossier/internal/secret"
)

func init() { commands = append(commands, newSealCmd) }

// scryptWorkFactor is the work factor of new passphrase encryptions; 0 is age's
// default. Tests lower it.
var scryptWorkFactor = 0

// sealOptions are the options of seal add, list and remove.
type sealOptions struct {
	*globals
	Testimony, Person string
	Kind              string
	Value             string // "-" reads it from standard input
	Reveal            bool
	All               bool
	// how to encrypt a new sealed file, or re-encrypt one
	Recipients     []string
	RecipientFiles []string
	Passphrase     bool
	Plaintext      bool
}

func newSealCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "seal",
		Short: "Manage sealed identifiers (real names, birth dates, phone numbers …)",
		Long: `Sealed identifiers are what a person could be identified by — real names, exact
birth dates, phone numbers, addresses, e-mail addresses, id numbers — that
researchers must keep but that never go in a testimony and never in an output. They
live in sealed.yaml.age (encrypted with age; sealed.yaml only if you insist) at the
project root, keyed by testimony id and person ref.

Every build and render scans every output for every sealed value, through case,
Unicode forms, spacing, hyphenation and invisible characters, and refuses to write a
file that contains one; no waiver can cover a sealed value. dossier validate reports
a sealed value found in a testimony file.

Type the value on standard input, not on the command line, so that it stays out of
your shell history:

  dossier seal add DEV-2014-001 A --kind name -

A new sealed file is encrypted to the public keys in recipients.txt (or
--recipient/--recipients-file), or with --passphrase. An existing encrypted file is
re-encrypted in memory to the same recipients: the plaintext never touches the disk.`,
	}
	cmd.AddCommand(newSealAddCmd(g), newSealListCmd(g), newSealRemoveCmd(g))
	return cmd
}

func addEncryptionFlags(cmd *cobra.Command, opts *sealOptions) {
	f := cmd.Flags()
	f.StringArrayVar(&opts.Recipients, "recipient", nil, "encrypt the sealed file to this age public `key` (age1…; repeatable; default: recipients.txt)")
	f.StringArrayVar(&opts.RecipientFiles, "recipients-file", nil, "encrypt the sealed file to the public keys in `FILE` (repeatable)")
	f.BoolVar(&opts.Passphrase, "passphrase", false, "encrypt a new sealed file with a passphrase ($DOSSIER_PASSPHRASE, or asked twice)")
	f.BoolVar(&opts.Plaintext, "plaintext", false, "create the sealed file unencrypted (not recommended: anyone with the folder reads it)")
}

func newSealAddCmd(g *globals) *cobra.Command {
	opts := &sealOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "add TESTIMONY PERSON --kind KIND (VALUE | -)",
		Short: "Seal a value of a person of a testimony",
		Long: `Seal a value of a person (by ref, e.g. A) of a testimony. KIND is one of name,
birth-date (YYYY-MM-DD), phone, address, email, id-number, other. Give - as the
value to type it on standard input (not echoed on a terminal), so that it stays out of
your shell history; seal each spelling you need found (Hangul, romanised) on its own.`,
		Example: `  dossier seal add DEV-2014-001 A --kind name -
  dossier seal add DEV-2014-001 A --kind birth-date - < value.txt`,
		Args: cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Testimony, opts.Person, opts.Value = args[0], args[1], args[2]
			return runSealAdd(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Kind, "kind", "", "`KIND` of value: "+strings.Join(leak.Kinds, ", "))
	_ = cmd.MarkFlagRequired("kind")
	_ = cmd.RegisterFlagCompletionFunc("kind", cobra.FixedCompletions(leak.Kinds, cobra.ShellCompDirectiveNoFileComp))
	addEncryptionFlags(cmd, opts)
	return cmd
}

func newSealListCmd(g *globals) *cobra.Command {
	opts := &sealOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "list [TESTIMONY]",
		Short: "List sealed values (masked unless --reveal)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Testimony = args[0]
			}
			return runSealList(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Reveal, "reveal", false, "show the values (mind who can see your screen and your terminal's scrollback)")
	return cmd
}

func newSealRemoveCmd(g *globals) *cobra.Command {
	opts := &sealOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "remove TESTIMONY [PERSON]",
		Short: "Remove sealed values",
		Long: `Remove the sealed values of a testimony, narrowed by person, --kind and --value
(- reads the value from standard input). Removing more than one needs --all.`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Testimony = args[0]
			if len(args) == 2 {
				opts.Person = args[1]
			}
			return runSealRemove(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Kind, "kind", "", "remove only values of this kind")
	cmd.Flags().StringVar(&opts.Value, "value", "", "remove only this value (- reads it from standard input)")
	cmd.Flags().BoolVar(&opts.All, "all", false, "remove every value that matches")
	addEncryptionFlags(cmd, opts)
	return cmd
}

// openSealed opens the project's sealed file (decrypting it in memory).
func openSealed(g *globals) (*seal.Store, string, error) {
	p, err := g.Project()
	if err != nil {
		return nil, "", err
	}
	dir := p.Dir
	if dir == "" {
		dir = "."
	}
	s, d, err := seal.Load(dir, g.ReadFile())
	if err != nil {
		return nil, "", err
	}
	if d.Errors() > 0 {
		return nil, "", d.Err()
	}
	for _, w := range d {
		fmt.Fprintln(g.Err, w)
	}
	return s, dir, nil
}

// readValue returns the value given, or reads it from standard input for "-" (without
// echo on a terminal).
func readValue(g *globals, v string) (string, error) {
	if v != "-" {
		return v, nil
	}
	if prompt := secret.TerminalPrompt(g.In, g.Err); prompt != nil {
		return prompt("Value (not shown): ")
	}
	r := bufio.NewReader(io.LimitReader(g.In, 1<<16))
	line, err := r.ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// sealRecipients decides what the sealed file is saved encrypted to.
func sealRecipients(opts *sealOptions, s *seal.Store, dir string) (secret.Recipients, error) {
	to := secret.Recipients{WorkFactor: scryptWorkFactor}
	if s.Exists && s.Encrypted && s.Passphrase {
		pass, err := opts.Keyring().Passphrase()
		if err != nil {
			return to, err
		}
		to.Passphrase = pass
		return to, nil
	}
	keys, err := secret.ParseRecipients(opts.Recipients, opts.RecipientFiles)
	if err != nil {
		return to, err
	}
	if len(keys) == 0 {
		rf := filepath.Join(dir, seal.RecipientsFile)
		if _, err := os.Stat(rf); err == nil {
			if keys, err = secret.ParseRecipients(nil, []string{rf}); err != nil {
				return to, err
			}
		}
	}
	if len(keys) > 0 {
		to.Keys = keys
		return to, nil
	}
	if !s.Exists && opts.Passphrase {
		pass, err := secret.NewPassphrase(os.Getenv, secret.TerminalPrompt(opts.In, opts.Err))
		if err != nil {
			return to, err
		}
		to.Passphrase = pass
		return to, nil
	}
	if s.Exists {
		return to, fmt.Errorf("%s: cannot re-encrypt: an age file does not record its recipients — pass --recipient age1… or --recipients-file FILE, or list your team's public keys in %s", s.Path, seal.RecipientsFile)
	}
	return to, fmt.Errorf("no sealed file yet, and nothing to encrypt it to: pass --recipient age1… or --recipients-file FILE (or list your team's public keys in %s), or --passphrase; --plaintext creates an unencrypted sealed.yaml (not recommended)", seal.RecipientsFile)
}

// saveSealed saves the store, encrypted unless it is a plain file (or --plaintext made
// a new one), and checks that the keys at hand can still open what was written.
func saveSealed(opts *sealOptions, s *seal.Store, dir string) error {
	if !s.Exists && opts.Plaintext {
		s.Encrypted = false
		s.Path = filepath.Join(dir, seal.FileName)
	}
	var to secret.Recipients
	if s.Encrypted {
		var err error
		if to, err = sealRecipients(opts, s, dir); err != nil {
			return err
		}
		// Refuse to lock the user out: whoever re-encrypts must still be able to read.
		if to.Passphrase == "" && opts.Keyring().HasIdentities() {
			probe, err := secret.Encrypt([]byte("probe"), to)
			if err != nil {
				return err
			}
			if _, err := opts.Keyring().Decrypt(probe); err != nil {
				return fmt.Errorf("refusing to write %s: none of your identities (--identity) is among its recipients, so you could not read it back — add your own public key", s.Path)
			}
		}
	}
	if err := s.Save(to); err != nil {
		return err
	}
	if !s.Encrypted {
		fmt.Fprintf(opts.Err, "warning: %s is not encrypted: anyone with the folder can read it — run `dossier encrypt %s`\n", s.Path, s.Path)
	}
	return nil
}

func runSealAdd(opts *sealOptions) error {
	if opts.Value != "-" {
		fmt.Fprintln(opts.Err, "note: a value given on the command line stays in your shell history; give - to type it instead")
	}
	value, err := readValue(opts.globals, opts.Value)
	if err != nil {
		return err
	}
	s, dir, err := openSealed(opts.globals)
	if err != nil {
		return err
	}
	e := seal.Entry{Testimony: opts.Testimony, Person: opts.Person, Kind: opts.Kind, Value: value}
	if err := s.Add(e); err != nil {
		return err
	}
	if !testimonyExists(dir, opts.Testimony) {
		fmt.Fprintf(opts.Err, "warning: no testimonies/%s.yaml (or .yaml.age) in this project\n", opts.Testimony)
	}
	if err := saveSealed(opts, s, dir); err != nil {
		return err
	}
	fmt.Fprintf(opts.Out, "sealed %s of %s person %s in %s (%d values)\n", opts.Kind, opts.Testimony, opts.Person, s.Path, len(s.Entries))
	return nil
}

func testimonyExists(dir, id string) bool {
	for _, ext := range []string{".yaml", ".yaml.age", ".yml", ".yml.age"} {
		if _, err := os.Stat(filepath.Join(dir, "testimonies", id+ext)); err == nil {
			return true
		}
	}
	return false
}

func runSealList(opts *sealOptions) error {
	s, _, err := openSealed(opts.globals)
	if err != nil {
		return err
	}
	if !s.Exists {
		fmt.Fprintln(opts.Out, "no sealed values (no sealed.yaml.age in this project)")
		return nil
	}
	tw := tabwriter.NewWriter(opts.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TESTIMONY\tPERSON\tKIND\tVALUE")
	n := 0
	for _, e := range s.Sorted() {
		if opts.Testimony != "" && e.Testimony != opts.Testimony {
			continue
		}
		v := "••••••••"
		if opts.Reveal {
			v = e.Value
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", e.Testimony, e.Person, e.Kind, v)
		n++
	}
	tw.Flush()
	fmt.Fprintf(opts.Out, "%d sealed values in %s\n", n, s.Path)
	if !s.Encrypted {
		fmt.Fprintf(opts.Err, "warning: %s is not encrypted: run `dossier encrypt %s`\n", s.Path, s.Path)
	}
	return nil
}

func runSealRemove(opts *sealOptions) error {
	value := ""
	if opts.Value != "" {
		v, err := readValue(opts.globals, opts.Value)
		if err != nil {
			return err
		}
		value = leak.Fold(v)
	}
	s, dir, err := openSealed(opts.globals)
	if err != nil {
		return err
	}
	match := func(e seal.Entry) bool {
		return e.Testimony == opts.Testimony && (opts.Person == "" || e.Person == opts.Person) &&
			(opts.Kind == "" || e.Kind == opts.Kind) && (value == "" || leak.Fold(e.Value) == value)
	}
	n := 0
	for _, e := range s.Entries {
		if match(e) {
			n++
		}
	}
	switch {
	case n == 0:
		return fmt.Errorf("no sealed value matches in %s", s.Path)
	case n > 1 && !opts.All:
		return fmt.Errorf("%d sealed values match: narrow with PERSON, --kind or --value, or pass --all to remove them all", n)
	}
	s.Remove(match)
	if err := saveSealed(opts, s, dir); err != nil {
		return err
	}
	fmt.Fprintf(opts.Out, "removed %d sealed value(s) from %s (%d left)\n", n, s.Path, len(s.Entries))
	return nil
}

// checkSealedInTestimonies is dossier validate's look for sealed values in the
// testimony files of paths (default: the project's testimonies/), comments included.
// The sealed file is validated too. When it cannot be read (no key), the look is
// skipped with a warning: researchers without the key can still validate.
func checkSealedInTestimonies(g *globals, paths []string) diag.List {
	p, err := g.Project()
	if err != nil {
		return nil
	}
	dir := p.Dir
	if dir == "" {
		dir = "."
	}
	s, d, err := seal.Load(dir, g.ReadFile())
	if err != nil {
		var out diag.List
		if strings.Contains(err.Error(), "cannot decrypt") {
			out.Warnf(filepath.Join(dir, seal.EncryptedName), 0, 0, "sealed values were not looked for in the testimonies: %s", strings.TrimPrefix(err.Error(), filepath.Join(dir, seal.EncryptedName)+": "))
		} else {
			out.Errorf(dir, 0, 0, "%v", err)
		}
		return out
	}
	if len(paths) == 0 {
		paths = []string{p.Path("testimonies")}
	}
	return append(d, seal.CheckFiles(seal.TestimonyFiles(paths), s, g.ReadFile())...)
}
