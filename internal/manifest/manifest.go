// Package manifest writes, beside each output, a record of exactly what it was built
// from: the SHA-256 of every testimony, definition, section, template and reference file
// it drew on (never their content), the dossier version, the versions of the rule sets
// (charters, lexicon), the identifier checks run and the waivers applied, and the
// output's own hash — so that an organisation can later show what a filing was built
// from, and anyone holding the inputs can check it.
//
// A manifest is deterministic like the outputs: no clock, sorted keys and inputs.
//
// Hashes of encrypted inputs (*.age) are of the plaintext, so that they do not change
// when a file is re-encrypted to another key; the hash of the file as stored is recorded
// beside it. A confidential output is encrypted deterministically (see
// secret.EncryptPDF): its sha256 is the same from build to build for the same inputs and
// password, and changes with the password; plaintext_sha256, the hash of the PDF before
// encryption, is recorded beside it and does not depend on the password.
package manifest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"path"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/pscore/dossier/internal/leak"
)

// Schema is the version of the manifest format.
const Schema = 1

// Input kinds.
const (
	KindTestimony  = "testimony"
	KindDefinition = "definition" // report.yaml
	KindSection    = "section"    // a report's Markdown sections
	KindTemplate   = "template"
	KindReference  = "reference" // vocabularies, charters, lexicon, UN rules
	KindI18n       = "i18n"
	KindWaivers    = "waivers"
	KindSource     = "source" // the Markdown file of dossier render
)

// Manifest is the record of one output.
type Manifest struct {
	Schema   int       `json:"schema"`
	Output   Output    `json:"output"`
	Report   string    `json:"report,omitempty"`
	Lang     string    `json:"lang,omitempty"`
	Dossier  string    `json:"dossier_version"`
	RuleSets []RuleSet `json:"rule_sets"`
	Inputs   []Input   `json:"inputs"`
	Checks   Checks    `json:"checks"`
	Waivers  []Waived  `json:"waivers"`
}

// Output is the file the manifest describes.
type Output struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
	Size   int    `json:"size"`
	// Encrypted outputs (confidential PDFs): the hash of the PDF before encryption.
	Encrypted       bool   `json:"encrypted,omitempty"`
	PlaintextSHA256 string `json:"plaintext_sha256,omitempty"`
}

// RuleSet is a versioned rule set the output depends on (reference/charters.yaml …).
type RuleSet struct {
	Name    string `json:"name"`
	File    string `json:"file"`
	Version string `json:"version"`
}

// Input is one file the output drew on.
type Input struct {
	Kind string `json:"kind"`
	Path string `json:"path"`
	// SHA256 is of the content (the plaintext for an encrypted file).
	SHA256 string `json:"sha256"`
	// StoredSHA256 is of the file as stored, when it differs (encrypted files).
	StoredSHA256 string `json:"stored_sha256,omitempty"`
}

// Checks says what source-protection checks the output passed.
type Checks struct {
	// SealedValues is how many sealed values the output was scanned for.
	SealedValues int `json:"sealed_values"`
	// Patterns says the output was scanned for identifier patterns.
	Patterns bool `json:"identifier_patterns"`
	// Consent is the consent level of the output; ConsentChecked that its text was
	// checked against every testimony whose consent does not allow it.
	Consent        string `json:"consent,omitempty"`
	ConsentChecked bool   `json:"consent_checked"`
}

// Waived is a pattern hit a waiver let through.
type Waived struct {
	Where  string `json:"where"`
	Kind   string `json:"kind"`
	Text   string `json:"text"`
	Waiver string `json:"waiver"` // file:line of the waiver
	Reason string `json:"reason"`
	By     string `json:"by"`
}

// Hash returns the hex SHA-256 of data.
func Hash(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// New starts the manifest of an output named file with the bytes written.
func New(file string, output []byte, dossierVersion string) *Manifest {
	return &Manifest{
		Schema:  Schema,
		Output:  Output{File: file, SHA256: Hash(output), Size: len(output)},
		Dossier: dossierVersion,
	}
}

// SetEncrypted records that the output is the encryption of plaintext: the hash of the
// plaintext, which stays the same when the password changes.
func (m *Manifest) SetEncrypted(plaintext []byte) {
	m.Output.Encrypted = true
	m.Output.PlaintextSHA256 = Hash(plaintext)
}

// AddInput records an input file: its project-relative path, its content and, when the
// file is stored encrypted, the stored bytes (nil otherwise). Adding the same path twice
// keeps one.
func (m *Manifest) AddInput(kind, name string, content, stored []byte) {
	in := Input{Kind: kind, Path: path.Clean(strings.ReplaceAll(name, "\\", "/")), SHA256: Hash(content)}
	if stored != nil && !bytes.Equal(stored, content) {
		in.StoredSHA256 = Hash(stored)
	}
	for i, x := range m.Inputs {
		if x.Path == in.Path && x.Kind == in.Kind {
			m.Inputs[i] = in
			return
		}
	}
	m.Inputs = append(m.Inputs, in)
}

// AddInputHashes records an input by its hashes, when the caller has them already
// (storedSHA256 empty for a file stored as it is).
func (m *Manifest) AddInputHashes(kind, name, sha256, storedSHA256 string) {
	in := Input{Kind: kind, Path: path.Clean(strings.ReplaceAll(name, "\\", "/")), SHA256: sha256, StoredSHA256: storedSHA256}
	for i, x := range m.Inputs {
		if x.Path == in.Path && x.Kind == in.Kind {
			m.Inputs[i] = in
			return
		}
	}
	m.Inputs = append(m.Inputs, in)
}

// AddRuleSet records the version of a rule-set file (its top-level version: key; empty
// when it has none) and the file as an input.
func (m *Manifest) AddRuleSet(name, file string, content []byte) {
	m.RuleSets = append(m.RuleSets, RuleSet{Name: name, File: file, Version: Version(content)})
	m.AddInput(KindReference, file, content, nil)
}

// Version returns the top-level version: of a YAML file, or "".
func Version(yamlText []byte) string {
	var v struct {
		Version yaml.Node `yaml:"version"`
	}
	if err := yaml.Unmarshal(yamlText, &v); err != nil {
		return ""
	}
	return v.Version.Value
}

// Marshal returns the manifest as indented JSON, inputs and rule sets sorted, with a
// final newline. The same manifest always gives the same bytes.
func (m *Manifest) Marshal() []byte {
	c := *m
	c.Inputs = append([]Input{}, m.Inputs...)
	sort.Slice(c.Inputs, func(i, j int) bool {
		if c.Inputs[i].Kind != c.Inputs[j].Kind {
			return c.Inputs[i].Kind < c.Inputs[j].Kind
		}
		return c.Inputs[i].Path < c.Inputs[j].Path
	})
	c.RuleSets = append([]RuleSet{}, m.RuleSets...)
	sort.Slice(c.RuleSets, func(i, j int) bool { return c.RuleSets[i].Name < c.RuleSets[j].Name })
	c.Waivers = append([]Waived{}, m.Waivers...)
	sort.SliceStable(c.Waivers, func(i, j int) bool {
		a, b := c.Waivers[i], c.Waivers[j]
		if a.Where != b.Where {
			return a.Where < b.Where
		}
		return a.Text < b.Text
	})
	if c.RuleSets == nil {
		c.RuleSets = []RuleSet{}
	}
	if c.Inputs == nil {
		c.Inputs = []Input{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&c); err != nil {
		panic(err) // plain strings and numbers always encode
	}
	return buf.Bytes()
}

// FileName returns the manifest's file name for an output: upr-dprk.en.pdf →
// upr-dprk.en.manifest.json.
func FileName(output string) string {
	ext := path.Ext(output)
	return strings.TrimSuffix(output, ext) + ".manifest.json"
}

// Parse reads a manifest.
func Parse(data []byte) (*Manifest, error) {
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	return &m, nil
}

// Verify compares the manifest with the output bytes and the current inputs, read by
// read (project-relative path → content). It returns one message per difference.
func (m *Manifest) Verify(output []byte, read func(name string) ([]byte, error)) []string {
	var out []string
	if h := Hash(output); h != m.Output.SHA256 {
		out = append(out, m.Output.File+": the output's hash differs from the manifest's")
	}
	for _, in := range m.Inputs {
		data, err := read(in.Path)
		if err != nil {
			out = append(out, in.Path+": "+err.Error())
			continue
		}
		if Hash(data) != in.SHA256 {
			out = append(out, in.Path+": changed since the build")
		}
	}
	return out
}

// AddWaived records the hits that waivers let through.
func (m *Manifest) AddWaived(hits []leak.Hit) {
	for _, h := range hits {
		if h.Waiver == nil {
			continue
		}
		m.Waivers = append(m.Waivers, Waived{Where: h.Where, Kind: string(h.Kind), Text: h.Text,
			Waiver: h.Waiver.Pos(), Reason: h.Waiver.Reason, By: h.Waiver.By})
	}
}
