// Package vocab holds the controlled vocabularies of the testimony format: act types,
// perpetrators (with the state that answers for each), relations, consent levels, sexes
// and languages. They are data (reference/vocabulary.yaml) so that a project can extend
// them without a new release.
package vocab

import (
	"bytes"

	"gopkg.in/yaml.v3"

	"github.com/pscore/dossier/internal/yamlnode"

	"github.com/pscore/dossier/internal/project"
)

// File is the project-relative path of the vocabulary.
const File = "reference/vocabulary.yaml"

// Label is a short text in each interface language (en, fr, ko).
type Label map[string]string

// In returns the label in lang, falling back to English.
func (l Label) In(lang string) string {
	if s, ok := l[lang]; ok && s != "" {
		return s
	}
	return l["en"]
}

// Act is one act type of the act vocabulary.
type Act struct {
	Code        string `yaml:"code"`
	Label       Label  `yaml:"label"`
	Description Label  `yaml:"description"`
}

// Perpetrator is one perpetrator code and the state responsible for it ("" for
// non-state actors such as traffickers).
type Perpetrator struct {
	Code  string `yaml:"code"`
	State string `yaml:"state"`
	Label Label  `yaml:"label"`
}

// Vocabulary is the whole controlled vocabulary.
type Vocabulary struct {
	Acts         []Act         `yaml:"acts"`
	Perpetrators []Perpetrator `yaml:"perpetrators"`
	Relations    []string      `yaml:"relations"`
	Consents     []string      `yaml:"consents"`
	Sexes        []string      `yaml:"sexes"`
	Languages    []string      `yaml:"languages"`

	acts  map[string]*Act
	perps map[string]*Perpetrator
}

// Load reads the vocabulary of a project (its own file, or the embedded default).
func Load(p *project.Project) (*Vocabulary, error) {
	data, shown, err := p.ReadFile(File)
	if err != nil {
		return nil, err
	}
	return Parse(shown, data)
}

// Parse decodes a vocabulary file; name is used in error messages.
func Parse(name string, data []byte) (*Vocabulary, error) {
	var v Vocabulary
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&v); err != nil {
		return nil, yamlnode.DecodeError(name, data, err)
	}
	v.acts = map[string]*Act{}
	for i := range v.Acts {
		v.acts[v.Acts[i].Code] = &v.Acts[i]
	}
	v.perps = map[string]*Perpetrator{}
	for i := range v.Perpetrators {
		v.perps[v.Perpetrators[i].Code] = &v.Perpetrators[i]
	}
	return &v, nil
}

// Act returns the act type with this code, or nil.
func (v *Vocabulary) Act(code string) *Act { return v.acts[code] }

// Perpetrator returns the perpetrator with this code, or nil.
func (v *Vocabulary) Perpetrator(code string) *Perpetrator { return v.perps[code] }

// Has reports whether list contains s.
func Has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
