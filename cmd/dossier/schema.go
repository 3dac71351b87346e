package main

import (
	"github.com/spf13/cobra"

	"github.com/pscore/dossier/internal/testimony"
)

func init() { commands = append(commands, newSchemaCmd) }

type schemaOptions struct {
	*globals
}

func newSchemaCmd(g *globals) *cobra.Command {
	opts := &schemaOptions{globals: g}
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of testimony files, for editors",
		Long: `Print the JSON Schema (draft-07) of testimony files, with the project's own
vocabulary. Editors with a YAML language server (VS Code's YAML extension, and others)
use it to check testimonies and explain each field as researchers type:

  dossier schema > testimony.schema.json

then put this line at the top of a testimony file:

  # yaml-language-server: $schema=../testimony.schema.json

or map testimonies/*.yaml to the schema in the editor's settings ("yaml.schemas").
dossier validate remains the full check.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return runSchema(opts) },
	}
}

func runSchema(opts *schemaOptions) error {
	_, v, err := opts.Vocabulary()
	if err != nil {
		return err
	}
	out, err := testimony.Schema(v)
	if err != nil {
		return err
	}
	_, err = opts.Out.Write(out)
	return err
}
