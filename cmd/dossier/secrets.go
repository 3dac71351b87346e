package main

import (
	"os"

	"github.com/pscore/dossier/internal/secret"
)

// Keyring returns the keys for encrypted (*.age) files: the --identity files and
// $DOSSIER_IDENTITY, and the passphrase of $DOSSIER_PASSPHRASE or, on a terminal, asked
// once without echo. It is made on first use and shared by the whole command.
func (g *globals) Keyring() *secret.Keyring {
	if g.keyring == nil {
		g.keyring = secret.NewKeyring(secret.Options{
			IdentityFiles: g.Identities,
			Getenv:        os.Getenv,
			Prompt:        secret.TerminalPrompt(g.In, g.Err),
		})
	}
	return g.keyring
}

// ReadFile returns the function every command reads testimonies and the sealed file
// with: encrypted files are decrypted in memory, so their plaintext never touches the
// disk; plain files are read as they are.
func (g *globals) ReadFile() func(path string) ([]byte, error) {
	return g.Keyring().ReadFile
}
