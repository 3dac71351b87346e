package filing

import (
	"sort"

	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/markdown"
	"github.com/pscore/dossier/internal/report"
)

// SectionDiagnostics checks what can be checked in a definition's sections without
// assembling the filing: the syntax of their calls and of their Markdown. The build
// runs it on a definition whose report.yaml has errors (and so is not assembled), so
// that one run still shows every problem of the section files.
func SectionDiagnostics(r *report.Report) diag.List {
	var d diag.List
	for _, s := range r.Sections {
		langs := make([]string, 0, len(s.Files))
		for l := range s.Files {
			langs = append(langs, l)
		}
		sort.Strings(langs)
		for _, l := range langs {
			sc, sd := scanCalls(s.Files[l])
			d = append(d, sd...)
			_, md := markdown.Parse(sc.out, markdown.Options{Path: sc.file.Path, Lang: l})
			for _, x := range md {
				// links between sections are resolved only in the assembled document
				if x.Severity == diag.Error && linkError.MatchString(x.Message) {
					continue
				}
				d = append(d, x)
			}
		}
	}
	return d
}
