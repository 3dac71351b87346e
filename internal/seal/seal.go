// Package seal keeps the sealed identifiers of a project: real names, exact birth dates,
// phone numbers, addresses and the like that researchers must keep but that never go in
// a testimony and never in an output. They live in one file at the project root, beside
// testimonies/ (never inside it, so the testimony loader never reads it):
//
//	sealed.yaml        (or sealed.yaml.age, encrypted with age — the safe default)
//
//	schema: 1
//	sealed:
//	  DEV-2014-001:            # testimony id
//	    A:                     # person ref in that testimony
//	      - kind: name         # name | birth-date | phone | address | email | id-number | other
//	        value: "김영희"
//	      - kind: birth-date
//	        value: "1985-03-03"
//
// `dossier seal add|list|remove` manage it; `dossier validate` reports a sealed value
// found in a testimony file; every build scans every output for every sealed value
// (internal/leak).
package seal

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/leak"
	"github.com/pscore/dossier/internal/secret"
	"github.com/pscore/dossier/internal/testimony"
	"github.com/pscore/dossier/internal/yamlnode"
)

// File names at the project root.
const (
	FileName      = "sealed.yaml"
	EncryptedName = FileName + secret.Ext
	// RecipientsFile lists the age public keys (age1…) of the people who may read the
	// sealed file and encrypted testimonies, one per line. It holds no secret and may be
	// committed; `dossier encrypt` and `dossier seal` encrypt to it by default.
	RecipientsFile = "recipients.txt"
)

// IsSealedFile reports whether a file name is the sealed file's (plain or encrypted).
func IsSealedFile(name string) bool {
	base := filepath.Base(name)
	return base == FileName || base == EncryptedName
}

var idPattern = regexp.MustCompile(`^[A-Z]{2,6}-\d{4}-\d{3,5}$`)

// Entry is one sealed value.
type Entry struct {
	Testimony string
	Person    string
	Kind      string
	Value     string
	// Line and Col locate the entry in the file it was read from (0 when added).
	Line, Col int
}

// Store is the sealed file of a project.
type Store struct {
	// Path is the file, existing or to be created.
	Path string
	// Exists is false for a project without a sealed file yet.
	Exists bool
	// Encrypted says the file is (or will be) age-encrypted; Passphrase that it is
	// encrypted with a passphrase rather than to recipients.
	Encrypted, Passphrase bool
	Entries               []Entry
}

// Locate finds the sealed file of the project folder dir. Both sealed.yaml and
// sealed.yaml.age present is an error: one of them is stale, and a stale plaintext copy
// is exactly what must not lie around.
func Locate(dir string) (*Store, error) {
	plain := filepath.Join(dir, FileName)
	enc := filepath.Join(dir, EncryptedName)
	_, errP := os.Stat(plain)
	_, errE := os.Stat(enc)
	switch {
	case errP == nil && errE == nil:
		return nil, fmt.Errorf("%s and %s both exist: keep only the encrypted one (delete the plaintext file, and purge it from backups and git history)", plain, enc)
	case errE == nil:
		return &Store{Path: enc, Exists: true, Encrypted: true}, nil
	case errP == nil:
		return &Store{Path: plain, Exists: true}, nil
	case !errors.Is(errP, fs.ErrNotExist):
		return nil, errP
	case !errors.Is(errE, fs.ErrNotExist):
		return nil, errE
	}
	return &Store{Path: enc, Encrypted: true}, nil
}

// Load locates and reads the sealed file of dir with read (a decrypting reader, see
// secret.Keyring). A project without one has an empty store. Problems in the file are
// diagnostics; a file that cannot be read or decrypted is an error.
func Load(dir string, read func(string) ([]byte, error)) (*Store, diag.List, error) {
	s, err := Locate(dir)
	if err != nil {
		return nil, nil, err
	}
	if !s.Exists {
		return s, nil, nil
	}
	if read == nil {
		read = os.ReadFile
	}
	data, err := read(s.Path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, nil, fmt.Errorf("%s: %v", s.Path, err)
	}
	if s.Encrypted {
		if raw, err := os.ReadFile(s.Path); err == nil {
			s.Passphrase = secret.PassphraseEncrypted(raw)
		}
	}
	entries, d := Parse(s.Path, data)
	s.Entries = entries
	return s, d, nil
}

// Parse reads the text of a sealed file. Every problem is reported with its line and
// column; entries with problems are left out.
func Parse(path string, data []byte) ([]Entry, diag.List) {
	top, d := yamlnode.DecodeOptional(path, data)
	if top == nil {
		return nil, d
	}
	if top.Kind != yaml.MappingNode {
		d.Errorf(path, top.Line, top.Column, "a sealed file is a mapping: schema: 1 and sealed: testimony id → person ref → list of {kind, value}")
		return nil, d
	}
	var entries []Entry
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		switch k.Value {
		case "schema":
			if v.Value != "1" {
				d.Errorf(path, v.Line, v.Column, "schema %q: this dossier reads schema 1", v.Value)
			}
		case "sealed":
			if v.Tag == "!!null" {
				continue
			}
			if v.Kind != yaml.MappingNode {
				d.Errorf(path, v.Line, v.Column, "sealed: maps testimony ids to persons")
				continue
			}
			entries = append(entries, parseTestimonies(path, v, &d)...)
		default:
			d.Errorf(path, k.Line, k.Column, "unknown key %q: a sealed file has schema and sealed", k.Value)
		}
	}
	// duplicates
	seen := map[[4]string]Entry{}
	kept := entries[:0]
	for _, e := range entries {
		key := [4]string{e.Testimony, e.Person, e.Kind, leak.Fold(e.Value)}
		if first, dup := seen[key]; dup {
			d.Warnf(path, e.Line, e.Col, "the same %s is sealed twice for %s person %s (first at line %d)", e.Kind, e.Testimony, e.Person, first.Line)
			continue
		}
		seen[key] = e
		kept = append(kept, e)
	}
	d.Sort()
	return kept, d
}

func parseTestimonies(path string, m *yaml.Node, d *diag.List) []Entry {
	var out []Entry
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		id := k.Value
		if !idPattern.MatchString(id) {
			d.Errorf(path, k.Line, k.Column, "%q is not a testimony id (like PSC-2019-0042)", id)
			continue
		}
		if v.Kind != yaml.MappingNode {
			d.Errorf(path, v.Line, v.Column, "%s: maps person refs (A, B …) to lists of {kind, value}", id)
			continue
		}
		for j := 0; j+1 < len(v.Content); j += 2 {
			pk, pv := v.Content[j], v.Content[j+1]
			ref := pk.Value
			if pk.Kind != yaml.ScalarNode || strings.TrimSpace(ref) == "" {
				d.Errorf(path, pk.Line, pk.Column, "a person ref is a short name such as A or B")
				continue
			}
			if pv.Kind != yaml.SequenceNode {
				d.Errorf(path, pv.Line, pv.Column, "%s person %s: a list of {kind, value}", id, ref)
				continue
			}
			for _, item := range pv.Content {
				if e, ok := parseEntry(path, id, ref, item, d); ok {
					out = append(out, e)
				}
			}
		}
	}
	return out
}

func parseEntry(path, id, ref string, item *yaml.Node, d *diag.List) (Entry, bool) {
	e := Entry{Testimony: id, Person: ref, Line: item.Line, Col: item.Column}
	if item.Kind != yaml.MappingNode {
		d.Errorf(path, item.Line, item.Column, "an entry is {kind: …, value: …}")
		return e, false
	}
	ok := true
	var valueNode *yaml.Node
	for i := 0; i+1 < len(item.Content); i += 2 {
		k, v := item.Content[i], item.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			d.Errorf(path, v.Line, v.Column, "%s: expected text", k.Value)
			ok = false
			continue
		}
		switch k.Value {
		case "kind":
			e.Kind = v.Value
		case "value":
			e.Value, valueNode = v.Value, v
		default:
			d.Errorf(path, k.Line, k.Column, "unknown key %q: an entry has kind and value", k.Value)
			ok = false
		}
	}
	if e.Kind == "" {
		d.Errorf(path, item.Line, item.Column, "entry without kind: one of %s", strings.Join(leak.Kinds, ", "))
		return e, false
	}
	if valueNode == nil {
		d.Errorf(path, item.Line, item.Column, "entry without value")
		return e, false
	}
	if err := leak.CheckValue(e.Kind, e.Value); err != nil {
		at := valueNode
		if strings.HasPrefix(err.Error(), "unknown kind") {
			for i := 0; i+1 < len(item.Content); i += 2 {
				if item.Content[i].Value == "kind" {
					at = item.Content[i+1]
				}
			}
		}
		d.Errorf(path, at.Line, at.Column, "%v", err)
		return e, false
	}
	return e, ok
}

// Secrets returns the entries as values for the leak scanner, each with where it is.
func (s *Store) Secrets() []leak.Secret {
	out := make([]leak.Secret, 0, len(s.Entries))
	for _, e := range s.Entries {
		src := s.Path
		if e.Line > 0 {
			src = fmt.Sprintf("%s:%d:%d", s.Path, e.Line, e.Col)
		}
		out = append(out, leak.Secret{Testimony: e.Testimony, Person: e.Person, Kind: e.Kind, Value: e.Value, Source: src})
	}
	return out
}

// Add adds an entry after checking it; the same value for the same person and kind
// twice is an error.
func (s *Store) Add(e Entry) error {
	if !idPattern.MatchString(e.Testimony) {
		return fmt.Errorf("%q is not a testimony id (like PSC-2019-0042)", e.Testimony)
	}
	if strings.TrimSpace(e.Person) == "" || strings.ContainsAny(e.Person, " \t\n:") {
		return fmt.Errorf("%q is not a person ref (like A or B)", e.Person)
	}
	if err := leak.CheckValue(e.Kind, e.Value); err != nil {
		return err
	}
	for _, x := range s.Entries {
		if x.Testimony == e.Testimony && x.Person == e.Person && x.Kind == e.Kind && leak.Fold(x.Value) == leak.Fold(e.Value) {
			return fmt.Errorf("this %s is already sealed for %s person %s", e.Kind, e.Testimony, e.Person)
		}
	}
	e.Line, e.Col = 0, 0
	s.Entries = append(s.Entries, e)
	return nil
}

// Remove removes the entries for which match is true and returns how many it removed.
func (s *Store) Remove(match func(Entry) bool) int {
	kept := s.Entries[:0]
	n := 0
	for _, e := range s.Entries {
		if match(e) {
			n++
			continue
		}
		kept = append(kept, e)
	}
	s.Entries = kept
	return n
}

func kindRank(k string) int {
	for i, x := range leak.Kinds {
		if x == k {
			return i
		}
	}
	return len(leak.Kinds)
}

// Sorted returns the entries sorted by testimony, person, kind (in the order of
// leak.Kinds), then in the order they were added.
func (s *Store) Sorted() []Entry {
	out := append([]Entry{}, s.Entries...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Testimony != b.Testimony {
			return a.Testimony < b.Testimony
		}
		if a.Person != b.Person {
			return a.Person < b.Person
		}
		return kindRank(a.Kind) < kindRank(b.Kind)
	})
	return out
}

const header = `# Sealed identifiers: real names, exact birth dates, phone numbers, addresses … of the
# persons of each testimony. They never go in a testimony and never in an output: every
# build refuses to write a file that contains one. Keep this file encrypted (dossier
# encrypt sealed.yaml) and manage it with dossier seal add | list | remove.
`

// Marshal returns the store as YAML text, sorted, so that the same entries always give
// the same bytes.
func (s *Store) Marshal() []byte {
	str := func(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: v} }
	quoted := func(v string) *yaml.Node {
		return &yaml.Node{Kind: yaml.ScalarNode, Value: v, Style: yaml.DoubleQuotedStyle}
	}
	sealed := &yaml.Node{Kind: yaml.MappingNode}
	var tNode, pNode *yaml.Node
	var lastT, lastP string
	for _, e := range s.Sorted() {
		if tNode == nil || e.Testimony != lastT {
			tNode = &yaml.Node{Kind: yaml.MappingNode}
			sealed.Content = append(sealed.Content, str(e.Testimony), tNode)
			lastT, pNode = e.Testimony, nil
		}
		if pNode == nil || e.Person != lastP {
			pNode = &yaml.Node{Kind: yaml.SequenceNode}
			tNode.Content = append(tNode.Content, quoted(e.Person), pNode)
			lastP = e.Person
		}
		pNode.Content = append(pNode.Content, &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
			str("kind"), str(e.Kind), str("value"), quoted(e.Value),
		}})
	}
	doc := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		str("schema"), {Kind: yaml.ScalarNode, Value: "1", Tag: "!!int"},
		str("sealed"), sealed,
	}}
	if len(sealed.Content) == 0 {
		doc.Content[3] = &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
	}
	var buf bytes.Buffer
	buf.WriteString(header)
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		panic(err) // nodes built above always encode
	}
	enc.Close()
	return buf.Bytes()
}

// Save writes the store to its path: encrypted to the recipients when the store is
// encrypted (the plaintext never touches the disk), as YAML otherwise. The write is
// atomic: a temporary file (of ciphertext) beside it, then a rename.
func (s *Store) Save(to secret.Recipients) error {
	data := s.Marshal()
	if s.Encrypted {
		if to.Empty() {
			return errors.New("nothing to encrypt the sealed file to")
		}
		ct, err := secret.Encrypt(data, to)
		if err != nil {
			return err
		}
		data = ct
	}
	if err := secret.WriteFileAtomic(s.Path, data, 0o600); err != nil {
		return err
	}
	s.Exists = true
	return nil
}

// CheckFiles looks for sealed values in the raw text of testimony files (comments
// included), read with read (a decrypting reader), and reports each as an error at its
// line and column: real identifiers never go in a testimony. What looks like an
// identifier (a phone number, an e-mail address, a resident registration number) is a
// warning there: it belongs in the sealed file, and the build
// refuses it in any output anyway. s may be nil (no sealed file). Files that cannot be
// read are left to the loader to report.
func CheckFiles(files []string, s *Store, read func(string) ([]byte, error)) diag.List {
	var d diag.List
	if read == nil {
		read = os.ReadFile
	}
	var secrets []leak.Secret
	if s != nil {
		secrets = s.Secrets()
	}
	scanner := leak.NewScanner(secrets, nil)
	for _, f := range files {
		if IsSealedFile(f) {
			continue
		}
		data, err := read(f)
		if err != nil {
			continue
		}
		text := string(data)
		hits := scanner.ScanText(leak.Text{Where: f, Text: text})
		sealedAt := func(h leak.Hit) bool {
			for _, o := range hits {
				if o.Kind == leak.HitSealed && o.Start < h.End && h.Start < o.End {
					return true
				}
			}
			return false
		}
		for _, h := range hits {
			line, col := diag.Position(text, h.Start)
			if h.Kind != leak.HitSealed && sealedAt(h) {
				continue // said once, as the sealed value it is
			}
			if h.Kind == leak.HitSealed {
				d.Errorf(f, line, col, "contains a %s: real identifiers never go in a testimony — write the pseudonym instead", h.Secret.Label())
				continue
			}
			if h.Kind == leak.HitBirthDate {
				// In a testimony file full dates are event dates, and the loader refuses
				// a born: that is not a year; a build still refuses a date of birth.
				continue
			}
			id := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(f), ".age"), ".yaml")
			d.Warnf(f, line, col, "this looks like an identifier (%s): it belongs in the sealed file (dossier seal add %s PERSON --kind %s -), not in a testimony, and a build that would print it fails", h.Kind, id, sealKind(h.Kind))
		}
	}
	d.Sort()
	return d
}

// sealKind is the kind of sealed value for a pattern hit.
func sealKind(k leak.HitKind) string {
	switch k {
	case leak.HitPhone:
		return leak.KindPhone
	case leak.HitEmail:
		return leak.KindEmail
	case leak.HitRRN:
		return leak.KindIDNumber
	case leak.HitBirthDate:
		return leak.KindBirthDate
	}
	return leak.KindOther
}

// TestimonyFiles lists the testimony files under the given files and folders the way
// the loader does (folders recursively, hidden folders skipped), without the sealed file.
func TestimonyFiles(paths []string) []string {
	out, _ := testimony.Files(paths, func(name string) bool {
		return testimony.IsTestimonyFile(name) && !IsSealedFile(name)
	})
	return out
}
