package report

import (
	"bytes"
	"regexp"

	"github.com/pscore/dossier/internal/diag"
)

// todoMarker is what `dossier new report` writes where something remains to be written.
var todoMarker = regexp.MustCompile(`\bTODO\b`)

// checkTodos reports every TODO left in report.yaml and the section files. A scaffold
// loads as it is, so without this check a definition with "TODO title" on its cover
// would build, and could be filed. In draft mode they are warnings: drafts are for
// reading unfinished work.
func (r *Report) checkTodos(data []byte, o *Options) diag.List {
	var d diag.List
	files := []struct {
		path string
		src  []byte
	}{{r.Path, data}}
	for _, s := range r.Sections {
		for _, l := range r.Languages {
			if f := s.Files[l]; f != nil && o.built(l) {
				files = append(files, struct {
					path string
					src  []byte
				}{f.Path, f.Source})
			}
		}
	}
	for _, f := range files {
		for _, loc := range todoMarker.FindAllIndex(f.src, -1) {
			if inComment(f.src, loc[0], f.path == r.Path) {
				continue
			}
			line := 1 + bytes.Count(f.src[:loc[0]], []byte("\n"))
			start := bytes.LastIndexByte(f.src[:loc[0]], '\n') + 1
			col := 1 + len([]rune(string(f.src[start:loc[0]])))
			msg := "TODO left here: write what is missing before the filing is built"
			if o.Draft {
				d.Warnf(f.path, line, col, "%s", msg)
			} else {
				d.Errorf(f.path, line, col, "%s (or build with --draft to read it as it is)", msg)
			}
		}
	}
	return d
}

// inComment reports whether the byte at off is inside a comment, which never reaches
// a filing: a YAML comment (# to the end of the line) or a Markdown/HTML comment.
func inComment(src []byte, off int, yaml bool) bool {
	if yaml {
		start := bytes.LastIndexByte(src[:off], '\n') + 1
		for i := start; i < off; i++ {
			if src[i] == '#' && (i == start || src[i-1] == ' ' || src[i-1] == '\t') {
				return true
			}
		}
		return false
	}
	open := bytes.LastIndex(src[:off], []byte("<!--"))
	return open >= 0 && bytes.LastIndex(src[:off], []byte("-->")) < open
}
