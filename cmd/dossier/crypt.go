package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pscore/dossier/internal/seal"
	"github.com/pscore/dossier/internal/secret"
	"github.com/pscore/dossier/internal/testimony"
)

func init() { commands = append(commands, newEncryptCmd, newDecryptCmd) }

type encryptOptions struct {
	*globals
	Paths          []string
	Recipients     []string
	RecipientFiles []string
	Passphrase     bool
}

func newEncryptCmd(g *globals) *cobra.Command {
	opts := &encryptOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "encrypt [PATH...]",
		Short: "Encrypt testimonies and the sealed file with age (*.yaml → *.yaml.age)",
		Long: `Encrypt plaintext files with age (https://age-encryption.org): each FILE becomes
FILE.age, written atomically, and the plaintext file is then deleted. Default: every
plaintext testimony under the project's testimonies/ and the sealed file.

Files are encrypted to the public keys given by --recipient / --recipients-file, else
to those in the project's recipients.txt (one age1… key per line, safe to commit), or
with a passphrase (--passphrase: $DOSSIER_PASSPHRASE, or asked twice). Every command
then reads the encrypted files in memory given --identity FILE ($DOSSIER_IDENTITY) or
the passphrase.

Deleting a file does not erase it: copies may remain in git history, backups, editor
swap files and the disk itself. Stop tracking the plaintext (git rm --cached) and purge
it from history where it was ever committed.`,
		Example: `  age-keygen -o ~/.config/dossier/key.txt      # once per person; share the public key
  dossier encrypt --recipients-file recipients.txt
  dossier validate --identity ~/.config/dossier/key.txt`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runEncrypt(opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.Recipients, "recipient", nil, "age public `key` to encrypt to (age1…; repeatable)")
	f.StringArrayVar(&opts.RecipientFiles, "recipients-file", nil, "encrypt to the public keys in `FILE` (repeatable; default: the project's recipients.txt)")
	f.BoolVar(&opts.Passphrase, "passphrase", false, "encrypt with a passphrase instead ($DOSSIER_PASSPHRASE, or asked twice)")
	return cmd
}

// plaintextFiles lists the files to encrypt: the paths given (folders: their testimony
// files), or the project's testimonies and sealed file. Files already encrypted are
// left out.
func plaintextFiles(g *globals, paths []string) ([]string, error) {
	if len(paths) == 0 {
		p, err := g.Project()
		if err != nil {
			return nil, err
		}
		if st, err := os.Stat(p.Path("testimonies")); err == nil && st.IsDir() {
			paths = append(paths, p.Path("testimonies"))
		}
		if _, err := os.Stat(p.Path(seal.FileName)); err == nil {
			paths = append(paths, p.Path(seal.FileName))
		}
	}
	out, err := testimony.Files(paths, func(name string) bool {
		return (testimony.IsTestimonyFile(name) || seal.IsSealedFile(name)) && !secret.IsEncryptedName(name)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func runEncrypt(opts *encryptOptions) error {
	files, err := plaintextFiles(opts.globals, opts.Paths)
	if err != nil {
		return err
	}
	to := secret.Recipients{WorkFactor: scryptWorkFactor}
	if to.Keys, err = secret.ParseRecipients(opts.Recipients, opts.RecipientFiles); err != nil {
		return err
	}
	if len(to.Keys) == 0 && !opts.Passphrase {
		p, err := opts.Project()
		if err != nil {
			return err
		}
		if rf := p.Path(seal.RecipientsFile); fileExists(rf) {
			if to.Keys, err = secret.ParseRecipients(nil, []string{rf}); err != nil {
				return err
			}
		}
	}
	switch {
	case len(to.Keys) > 0 && opts.Passphrase:
		return errors.New("give either recipients or --passphrase, not both")
	case opts.Passphrase:
		if to.Passphrase, err = secret.NewPassphrase(os.Getenv, secret.TerminalPrompt(opts.In, opts.Err)); err != nil {
			return err
		}
	case len(to.Keys) == 0:
		return fmt.Errorf("nothing to encrypt to: pass --recipient age1… or --recipients-file FILE (or list your team's public keys in %s), or --passphrase", seal.RecipientsFile)
	}
	if len(files) == 0 {
		fmt.Fprintln(opts.Out, "nothing to encrypt: no plaintext testimony or sealed file")
		return nil
	}
	// Check everything before changing anything.
	for _, f := range files {
		if secret.IsEncryptedName(f) {
			return fmt.Errorf("%s: already encrypted", f)
		}
		if fileExists(f + secret.Ext) {
			return fmt.Errorf("%s: %s already exists: remove one of them first", f, f+secret.Ext)
		}
	}
	n := 0
	for _, f := range files {
		plain, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if secret.IsAge(plain) {
			fmt.Fprintf(opts.Err, "%s: already age-encrypted (only the name lacks .age); left as it is\n", f)
			continue
		}
		ct, err := secret.Encrypt(plain, to)
		if err != nil {
			return fmt.Errorf("%s: %v", f, err)
		}
		// Check the ciphertext opens with the keys at hand before the plaintext goes.
		if to.Passphrase != "" || opts.Keyring().HasIdentities() {
			k := opts.Keyring()
			if to.Passphrase != "" {
				k = secret.NewKeyring(secret.Options{Getenv: func(v string) string {
					if v == secret.EnvPassphrase {
						return to.Passphrase
					}
					return ""
				}})
			}
			back, err := k.Decrypt(ct)
			if err != nil || !bytes.Equal(back, plain) {
				return fmt.Errorf("%s: refusing to replace it: your identities (--identity) cannot open the encrypted copy — add your own public key to the recipients", f)
			}
		}
		if err := secret.WriteFileAtomic(f+secret.Ext, ct, 0o600); err != nil {
			return err
		}
		if err := os.Remove(f); err != nil {
			return fmt.Errorf("%s: encrypted to %s, but the plaintext could not be deleted: %v — delete it yourself", f, f+secret.Ext, err)
		}
		fmt.Fprintf(opts.Out, "%s → %s\n", f, f+secret.Ext)
		n++
	}
	fmt.Fprintf(opts.Out, "%d files encrypted\n", n)
	fmt.Fprintln(opts.Err, "warning: the plaintext files are deleted, not erased: copies may remain in git history, backups and editor swap files. Stop tracking them (git rm --cached FILE) and purge them from history if they were ever committed.")
	return nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

type decryptOptions struct {
	*globals
	Paths  []string
	Output string
	Yes    bool
}

func newDecryptCmd(g *globals) *cobra.Command {
	opts := &decryptOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "decrypt PATH...",
		Short: "Decrypt age-encrypted files back to plaintext (*.yaml.age → *.yaml)",
		Long: `Decrypt *.age files with --identity FILE ($DOSSIER_IDENTITY) or the passphrase.
You rarely need to: every command reads encrypted files in memory. This writes
plaintext to disk, where anyone with the folder can read it and where deleting it
later does not erase it.

With -o FILE (one input; - for standard output) the plaintext goes there and the
encrypted file stays. Otherwise each FILE.age is replaced by FILE, which needs --yes.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runDecrypt(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write the plaintext of the one input to `FILE` (- for standard output)")
	cmd.Flags().BoolVar(&opts.Yes, "yes", false, "replace each FILE.age by its plaintext FILE")
	return cmd
}

func runDecrypt(opts *decryptOptions) error {
	var files []string
	for _, p := range opts.Paths {
		st, err := os.Stat(p)
		if err != nil {
			return err
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		_ = filepath.WalkDir(p, func(path string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() && secret.IsEncryptedName(e.Name()) {
				files = append(files, path)
			}
			return nil
		})
	}
	sort.Strings(files)
	if opts.Output != "" {
		if len(files) != 1 {
			return fmt.Errorf("-o takes exactly one input file, not %d", len(files))
		}
		plain, err := opts.Keyring().ReadFile(files[0])
		if err != nil {
			return fmt.Errorf("%s: %v", files[0], err)
		}
		if opts.Output == "-" {
			_, err = opts.Out.Write(plain)
			return err
		}
		if fileExists(opts.Output) {
			return fmt.Errorf("%s already exists", opts.Output)
		}
		fmt.Fprintf(opts.Err, "warning: writing plaintext to %s\n", opts.Output)
		return secret.WriteFileAtomic(opts.Output, plain, 0o600)
	}
	if !opts.Yes {
		return errors.New("this writes plaintext to disk and deletes the encrypted files: pass --yes to go on, or -o FILE for one file (every command reads encrypted files without this)")
	}
	var failed []string
	for _, f := range files {
		if !secret.IsEncryptedName(f) {
			return fmt.Errorf("%s: not an encrypted file (no .age)", f)
		}
		target := strings.TrimSuffix(f, secret.Ext)
		if fileExists(target) {
			return fmt.Errorf("%s: %s already exists", f, target)
		}
	}
	for _, f := range files {
		target := strings.TrimSuffix(f, secret.Ext)
		plain, err := opts.Keyring().ReadFile(f)
		if err != nil {
			fmt.Fprintf(opts.Err, "%s: %v\n", f, err)
			failed = append(failed, f)
			continue
		}
		if err := secret.WriteFileAtomic(target, plain, 0o600); err != nil {
			return err
		}
		if err := os.Remove(f); err != nil {
			return err
		}
		fmt.Fprintf(opts.Out, "%s → %s\n", f, target)
	}
	fmt.Fprintln(opts.Err, "warning: plaintext is now on disk: encrypt it again (dossier encrypt) when you are done, and do not commit it")
	if len(failed) > 0 {
		return errReported
	}
	return nil
}
