// Package dossier holds the defaults embedded in the dossier binary: reference data
// (vocabularies, charters, lexicons, UN rules), filing templates and message tables.
// A project folder overrides any of them file by file, the way a Hugo site overrides
// its theme; see internal/project.
package dossier

import "embed"

// Defaults is the embedded default project: reference/, templates/ and i18n/.
// Testimonies and reports are a project's own content and are never embedded.
//
//go:embed all:reference all:templates all:i18n
var Defaults embed.FS
