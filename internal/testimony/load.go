package testimony

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/vocab"
)

// Corpus is a set of testimonies loaded together, with every problem found in them.
type Corpus struct {
	Testimonies []*Testimony // sorted by id; only files that parsed without errors
	Diags       diag.List
	Files       int // testimony files read
	EventsRead  int // events in every file read, including files with errors
}

// Events counts the events of the loaded testimonies.
func (c *Corpus) Events() int {
	n := 0
	for _, t := range c.Testimonies {
		n += len(t.Events)
	}
	return n
}

// Get returns the testimony with this id, or nil.
func (c *Corpus) Get(id string) *Testimony {
	i := sort.Search(len(c.Testimonies), func(i int) bool { return c.Testimonies[i].ID >= id })
	if i < len(c.Testimonies) && c.Testimonies[i].ID == id {
		return c.Testimonies[i]
	}
	return nil
}

// Loader reads testimony files.
type Loader struct {
	Vocab *vocab.Vocabulary
	// ReadFile reads one file; nil means os.ReadFile. Encryption at rest plugs in here,
	// so that decrypted text never touches the disk.
	ReadFile func(path string) ([]byte, error)
}

// fileExts are the extensions of testimony files, longest first.
var fileExts = []string{".yaml.age", ".yml.age", ".yaml", ".yml"}

// IsTestimonyFile reports whether a file name is one the loader reads.
func IsTestimonyFile(name string) bool {
	for _, ext := range fileExts {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

// Load reads the given files and folders (folders recursively). Every problem in every
// file is collected; nothing stops at the first error.
func (l *Loader) Load(paths ...string) *Corpus {
	c := &Corpus{}
	var files []string
	for _, p := range paths {
		found, d := expand(p)
		files = append(files, found...)
		c.Diags = append(c.Diags, d...)
	}
	sort.Strings(files)
	files = dedupe(files)
	c.Files = len(files)

	read := l.ReadFile
	if read == nil {
		read = readFile
	}
	results := make([]struct {
		t *Testimony
		d diag.List
	}, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if l.ReadFile != nil {
					// A custom reader (decryption) reads whole files: refuse a huge one
					// before it does. Encryption adds far less than the margin.
					if st, err := os.Stat(files[i]); err == nil && st.Size() > MaxFileSize+MaxFileSize/16 {
						results[i].d.Errorf(files[i], 1, 1, "%s", TooLarge(st.Size()))
						continue
					}
				}
				data, err := read(files[i])
				var tooLarge *tooLargeError
				switch {
				case errors.As(err, &tooLarge):
					results[i].d.Errorf(files[i], 1, 1, "%s", TooLarge(tooLarge.size))
					continue
				case err != nil:
					results[i].d.Errorf(files[i], 0, 0, "%v", readError(err))
					continue
				}
				results[i].t, results[i].d = Parse(files[i], data, l.Vocab)
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()

	byID := map[string]*Testimony{}
	for _, r := range results {
		c.Diags = append(c.Diags, r.d...)
		t := r.t
		if t != nil {
			c.EventsRead += len(t.Events)
		}
		if t == nil || t.ID == "" {
			continue
		}
		if first, dup := byID[t.ID]; dup {
			c.Diags.Errorf(t.Path, t.Pos.Line, t.Pos.Col, "testimony id %q is also used by %s:%d: ids must be unique", t.ID, first.Path, first.Pos.Line)
			continue
		}
		byID[t.ID] = t
		if r.d.Errors() == 0 {
			c.Testimonies = append(c.Testimonies, t)
		}
	}
	sort.Slice(c.Testimonies, func(i, j int) bool { return c.Testimonies[i].ID < c.Testimonies[j].ID })
	c.Diags.Sort()
	return c
}

// tooLargeError is returned by readFile for a file over MaxFileSize, which it does not
// read: a 50 MB file costs a stat, not 50 MB of memory per worker.
type tooLargeError struct{ size int64 }

func (e *tooLargeError) Error() string { return TooLarge(e.size) }

// readFile reads a file of at most MaxFileSize bytes.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() > MaxFileSize {
		return nil, &tooLargeError{st.Size()}
	}
	// Read one byte more than the size: the file may have grown since.
	data := make([]byte, st.Size()+1)
	n, err := io.ReadFull(f, data)
	switch {
	case err == io.ErrUnexpectedEOF || err == io.EOF:
		return data[:n], nil
	case err != nil:
		return nil, err
	}
	rest, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1-int64(n)))
	if err != nil {
		return nil, err
	}
	data = append(data, rest...)
	if len(data) > MaxFileSize {
		return nil, &tooLargeError{int64(len(data))}
	}
	return data, nil
}

func readError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}

// expand turns a path into the testimony files it names.
func expand(p string) ([]string, diag.List) {
	var d diag.List
	p = filepath.Clean(p)
	st, err := os.Stat(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			d.Errorf(p, 0, 0, "no such file or folder")
		} else {
			d.Errorf(p, 0, 0, "%s", readError(err))
		}
		return nil, d
	}
	if !st.IsDir() {
		switch {
		case !IsTestimonyFile(p):
			d.Errorf(p, 0, 0, "not a testimony file: expected a .yaml file (or .yaml.age when encrypted)")
			return nil, d
		case !st.Mode().IsRegular():
			// A pipe or a device would block the read, or never end.
			d.Errorf(p, 0, 0, "not a regular file but %s: a testimony is a .yaml file", fileKind(st.Mode()))
			return nil, d
		}
		return []string{p}, d
	}
	files := walkFiles(p, func(name string) bool {
		// sealed.yaml(.age) holds real identifiers (internal/seal): never read it as a testimony.
		return IsTestimonyFile(name) && name != "sealed.yaml" && name != "sealed.yaml.age"
	}, func(path string, err error) {
		d.Errorf(path, 0, 0, "%s", readError(err))
	})
	if len(files) == 0 && len(d) == 0 {
		d.Errorf(p, 0, 0, "no testimony files (*.yaml) in this folder")
	}
	return files, d
}

// Files lists the files paths name the way the loader finds testimonies: a file as
// given; in a folder, recursively, the regular files whose names keep accepts, hidden
// folders (.git …) left out. It goes on past what cannot be read and returns the first
// such error with what it found, sorted.
func Files(paths []string, keep func(name string) bool) ([]string, error) {
	var out []string
	var first error
	failed := func(_ string, err error) {
		if first == nil {
			first = err
		}
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		switch {
		case err != nil:
			failed(p, err)
		case !st.IsDir():
			out = append(out, p)
		default:
			out = append(out, walkFiles(p, keep, failed)...)
		}
	}
	sort.Strings(out)
	return out, first
}

// walkFiles returns the regular files under dir whose names keep accepts, hidden folders
// left out; failed is told of every file or folder that cannot be read.
func walkFiles(dir string, keep func(name string) bool, failed func(path string, err error)) []string {
	var files []string
	_ = filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			failed(path, err)
			return nil
		}
		if e.IsDir() && path != dir && strings.HasPrefix(e.Name(), ".") {
			return filepath.SkipDir
		}
		if !e.IsDir() && e.Type().IsRegular() && keep(e.Name()) {
			files = append(files, path)
		}
		return nil
	})
	return files
}

func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

func dedupe(sorted []string) []string {
	out := sorted[:0]
	for i, s := range sorted {
		if i == 0 || s != sorted[i-1] {
			out = append(out, s)
		}
	}
	return out
}
