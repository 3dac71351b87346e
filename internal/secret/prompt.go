package secret

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// TerminalPrompt returns a function that asks for a passphrase on the terminal in,
// writing the question to out, without echoing what is typed; nil when in is not a
// terminal (then the passphrase must come from DOSSIER_PASSPHRASE).
func TerminalPrompt(in io.Reader, out io.Writer) func(string) (string, error) {
	f, ok := in.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return func(prompt string) (string, error) {
		fmt.Fprint(out, prompt)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(out)
		if err != nil {
			return "", fmt.Errorf("reading the passphrase: %v", err)
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
}

// NewPassphrase returns the passphrase to encrypt with: DOSSIER_PASSPHRASE, or asked
// twice on the terminal (the two must match).
func NewPassphrase(getenv func(string) string, prompt func(string) (string, error)) (string, error) {
	if getenv != nil {
		if p := getenv(EnvPassphrase); p != "" {
			return p, nil
		}
	}
	if prompt == nil {
		return "", fmt.Errorf("no passphrase: set %s, or run on a terminal to be asked", EnvPassphrase)
	}
	p1, err := prompt("New passphrase: ")
	if err != nil {
		return "", err
	}
	if len([]rune(p1)) < 12 {
		return "", errors.New("the passphrase is too short: use 12 characters or more (several words are best)")
	}
	p2, err := prompt("Repeat the passphrase: ")
	if err != nil {
		return "", err
	}
	if p1 != p2 {
		return "", errors.New("the two passphrases differ")
	}
	return p1, nil
}
