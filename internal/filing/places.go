package filing

import (
	"bytes"
	"fmt"
	"sort"

	"gopkg.in/yaml.v3"

	"github.com/pscore/dossier/internal/project"
	"github.com/pscore/dossier/internal/vocab"
)

// PlacesFile is the project-relative path of the place names.
const PlacesFile = "reference/places.yaml"

// Places holds the names of countries and provinces per language.
type Places struct {
	Countries map[string]vocab.Label `yaml:"countries"`
	Short     map[string]vocab.Label `yaml:"short"`
	Provinces map[string]vocab.Label `yaml:"admin1"`
}

// LoadPlaces reads the place names of a project (or the embedded default).
func LoadPlaces(p *project.Project) (*Places, error) {
	data, shown, err := p.ReadFile(PlacesFile)
	if err != nil {
		return nil, err
	}
	var pl Places
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&pl); err != nil {
		return nil, fmt.Errorf("%s: %v", shown, err)
	}
	return &pl, nil
}

// Country returns the name of a country in lang (its code when unknown).
func (p *Places) Country(code, lang string) string {
	if l, ok := p.Countries[code]; ok {
		return l.In(lang)
	}
	return code
}

// CountryShort returns the short name of a country in running text (DPRK, RPDC, 북한).
func (p *Places) CountryShort(code, lang string) string {
	if l, ok := p.Short[code]; ok {
		return l.In(lang)
	}
	return p.Country(code, lang)
}

// Admin1 returns the name of a province in lang (as written when unknown).
func (p *Places) Admin1(name, lang string) string {
	if l, ok := p.Provinces[name]; ok {
		return l.In(lang)
	}
	return name
}

// States returns the country codes that have names, sorted.
func (p *Places) States() []string {
	out := make([]string, 0, len(p.Countries))
	for c := range p.Countries {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}
