package filing

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/pscore/dossier/internal/pdf"
)

// Output is a file a build writes: an edition's PDF, or a file a Finish hook adds (a
// manifest).
type Output struct {
	Path    string
	Data    []byte
	Edition *Edition // nil for files that are not an edition
	Pages   int
}

// Finish runs once every edition of every report has been assembled, checked and
// rendered, before anything is written. It may replace the data of outputs (PDF
// encryption) and return further outputs to write with them (a manifest). An error
// stops the build: nothing is written.
type Finish func(outs []*Output) ([]*Output, error)

// Hooks are what other parts of dossier add to a build: checks on every assembled
// edition and finishing steps on every output.
type Hooks struct {
	Checks []Check
	Finish []Finish
}

// OutputPath is where an edition is written: DIR/<report>/<report>.<lang>.pdf.
func OutputPath(dir string, e *Edition) string {
	return filepath.Join(dir, e.Report.Name, e.Report.Name+"."+e.Lang+".pdf")
}

// Render typesets an edition as PDF. The creation date is the report's date, so the
// same inputs give the same bytes.
func (b *Builder) Render(e *Edition, path string) (*Output, error) {
	b.init()
	lang := e.Lang
	res, err := pdf.Render(e.Doc, pdf.Options{
		Lang:   lang,
		Header: e.Header,
		Mark:   e.Mark,
		// The kind's rule (HRC statements: 10 points) sets the body size.
		BodySize: e.BodySize,
		// Created is the report's date (Meta.Created), so the same inputs give the
		// same bytes.
		Created: e.Doc.Meta.Created,
		Localize: func(id string, data map[string]any) string {
			return b.Localize(lang, id, data)
		},
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", e.Name(), err)
	}
	return &Output{Path: path, Data: res.PDF, Edition: e, Pages: res.Pages}, nil
}

// RenderAll renders editions in parallel, in the order given. Every error is
// returned, joined.
func (b *Builder) RenderAll(eds []*Edition, dir string) ([]*Output, error) {
	outs := make([]*Output, len(eds))
	errs := make([]error, len(eds))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(runtime.GOMAXPROCS(0), max(len(eds), 1)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				outs[i], errs[i] = b.Render(eds[i], OutputPath(dir, eds[i]))
			}
		}()
	}
	for i := range eds {
		next <- i
	}
	close(next)
	wg.Wait()
	return outs, errors.Join(errs...)
}

// tmpPattern names the temporary files of a write, so that files a crashed build left
// behind can be recognised and removed.
const tmpSuffix = ".dossier-tmp"

// WriteAll writes every output or none: each is first written and synced to a
// temporary file in its own folder, and only when all of them are on disk are they
// renamed over their names. On any error the temporary files are removed and no
// output is replaced. Temporary files left by an interrupted earlier build in those
// folders are removed first.
func WriteAll(outs []*Output) (err error) {
	seen := map[string]bool{}
	for _, o := range outs {
		if seen[o.Path] {
			return fmt.Errorf("%s: written twice by one build", o.Path)
		}
		seen[o.Path] = true
	}
	dirs := map[string]bool{}
	for _, o := range outs {
		dirs[filepath.Dir(o.Path)] = true
	}
	for _, dir := range sortedKeys(dirs) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		removeStale(dir)
	}
	var tmps []string
	defer func() {
		if err != nil {
			for _, t := range tmps {
				os.Remove(t)
			}
		}
	}()
	for _, o := range outs {
		t, err := writeTemp(o)
		if err != nil {
			return err
		}
		tmps = append(tmps, t)
	}
	for i, o := range outs {
		if err := os.Rename(tmps[i], o.Path); err != nil {
			// The outputs renamed so far are complete files; the rest stay as they were.
			return fmt.Errorf("%s: %w", o.Path, err)
		}
	}
	return nil
}

func writeTemp(o *Output) (name string, err error) {
	f, err := os.CreateTemp(filepath.Dir(o.Path), "."+filepath.Base(o.Path)+".*"+tmpSuffix)
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(o.Data); err != nil {
		return "", err
	}
	if err = f.Sync(); err != nil {
		return "", err
	}
	if err = f.Chmod(0o644); err != nil {
		return "", err
	}
	if err = f.Close(); err != nil {
		return "", err
	}
	return f.Name(), nil
}

// removeStale removes the temporary files an interrupted build left in dir.
func removeStale(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasPrefix(e.Name(), ".") && strings.HasSuffix(e.Name(), tmpSuffix) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	for _, n := range names {
		os.Remove(filepath.Join(dir, n))
	}
}
