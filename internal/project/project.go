// Package project resolves the files of a dossier project: a folder whose testimonies/,
// reports/, templates/, i18n/ and reference/ subfolders are used, with the embedded
// defaults filling in whatever the folder does not provide.
package project

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"

	"github.com/pscore/dossier"
)

// Project is a project folder layered over the embedded defaults.
type Project struct {
	// Dir is the project folder as given by the user (--project).
	Dir string
	// defaults is consulted for any file the project folder lacks.
	defaults fs.FS
	local    fs.FS
}

// Open returns the project rooted at dir. A missing folder is an error, because a typo in
// --project would otherwise silently build from the defaults alone.
func Open(dir string) (*Project, error) {
	if dir == "" {
		dir = "."
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, &fs.PathError{Op: "open project", Path: dir, Err: errors.New("not a directory")}
	}
	return &Project{Dir: dir, defaults: dossier.Defaults, local: os.DirFS(dir)}, nil
}

// Defaults returns a project with no folder of its own: only the embedded defaults.
func Defaults() *Project {
	return &Project{Dir: "", defaults: dossier.Defaults}
}

// Path returns the on-disk path of a project-relative name (for messages and for
// commands that write into the project).
func (p *Project) Path(name string) string {
	if p.Dir == "" {
		return name
	}
	return filepath.Join(p.Dir, filepath.FromSlash(name))
}

// ReadFile reads a project-relative, slash-separated name, preferring the project folder.
// It returns the name to show the user: a file path, or "(embedded) name" for a default.
func (p *Project) ReadFile(name string) (data []byte, shown string, err error) {
	if p.local != nil {
		data, err = fs.ReadFile(p.local, name)
		if err == nil {
			return data, p.Path(name), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, p.Path(name), err
		}
	}
	data, err = fs.ReadFile(p.defaults, name)
	return data, "(embedded) " + name, err
}

// List returns the names of the regular files directly in dir whose names match the
// glob pattern, merged from the project folder and the defaults (project first wins),
// sorted.
func (p *Project) List(dir, pattern string) ([]string, error) {
	seen := map[string]bool{}
	for _, fsys := range []fs.FS{p.local, p.defaults} {
		if fsys == nil {
			continue
		}
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return nil, err
		}
		for _, e := range entries {
			if e.IsDir() {
				continue
			}
			if ok, _ := path.Match(pattern, e.Name()); ok {
				seen[path.Join(dir, e.Name())] = true
			}
		}
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, nil
}
