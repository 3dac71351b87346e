package dossier

import _ "embed"

// TestimonySchema is the JSON Schema (draft-07) of the testimony format,
// schema/testimony.schema.json, for editors with a YAML language server. The parser
// (internal/testimony) is the full check; a test keeps the two in agreement. Print it
// with `dossier schema`, which fills in a project's own vocabulary.
//
//go:embed schema/testimony.schema.json
var TestimonySchema []byte
