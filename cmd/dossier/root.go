package main

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/project"
	"github.com/pscore/dossier/internal/secret"
	"github.com/pscore/dossier/internal/testimony"
	"github.com/pscore/dossier/internal/vocab"
)

// version is set at link time (-ldflags "-X main.version=…"); otherwise it comes from the
// module build info, so `go install` builds report their module version.
var version = ""

func dossierVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// globals are the options and streams every command shares. Tests build one with
// buffers and call a command's run function directly, without starting a process.
type globals struct {
	ProjectDir string
	// Identities are age identity files (--identity) for encrypted (*.age) files; see
	// Keyring and ReadFile in secrets.go.
	Identities []string
	// PasswordFile holds the password of confidential PDFs (--password-file of build);
	// empty means $DOSSIER_PDF_PASSWORD.
	PasswordFile string
	In           io.Reader
	Out          io.Writer
	Err          io.Writer

	keyring *secret.Keyring
	corpus  *testimony.Corpus // the project's testimonies, once loaded (loadTestimonies)
}

// Project opens the project folder given by --project.
func (g *globals) Project() (*project.Project, error) {
	return project.Open(g.ProjectDir)
}

// Vocabulary opens the project and loads its vocabulary (reference/vocabulary.yaml),
// which most commands check files against.
func (g *globals) Vocabulary() (*project.Project, *vocab.Vocabulary, error) {
	p, err := g.Project()
	if err != nil {
		return nil, nil, err
	}
	v, err := vocab.Load(p)
	if err != nil {
		return nil, nil, err
	}
	return p, v, nil
}

// commands holds the constructors of the subcommands; each command file registers its
// own in init, so that adding a command touches only its file.
var commands []func(*globals) *cobra.Command

// errReported means the command already printed what went wrong (diagnostics, a
// summary); the process only has to exit 1.
var errReported = errors.New("reported")

func newRootCmd(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:   "dossier",
		Short: "Turn escapee testimonies into United Nations filings",
		Long: `dossier turns testimonies of North Korean escapees into United Nations filings.

It validates testimony files, classifies every event against the articles of the
human-rights instruments it engages, and builds UPR submissions, Human Rights Council
written statements and Special Procedures filings as PDF in Korean, English and French,
refusing any output that could expose a source.`,
		Version:       dossierVersion(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(g.In)
	root.SetOut(g.Out)
	root.SetErr(g.Err)
	root.PersistentFlags().StringVar(&g.ProjectDir, "project", ".", "project `folder` whose testimonies/, reports/, templates/, i18n/ and reference/ are used")
	root.PersistentFlags().StringArrayVar(&g.Identities, "identity", nil, "age identity `FILE` to read encrypted (*.age) testimonies and the sealed file (repeatable; default $DOSSIER_IDENTITY)")
	for _, newCmd := range commands {
		root.AddCommand(newCmd(g))
	}
	return root
}

// run executes the CLI with args and returns the process exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	g := &globals{In: stdin, Out: stdout, Err: stderr}
	root := newRootCmd(g)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return 0
	}
	var list *diag.ListError
	switch {
	case errors.Is(err, errReported):
	case errors.As(err, &list):
		for _, d := range list.List {
			fmt.Fprintln(stderr, d)
		}
	default:
		fmt.Fprintln(stderr, "dossier:", err)
	}
	return 1
}
