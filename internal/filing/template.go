package filing

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"text/template"

	"gopkg.in/yaml.v3"

	"github.com/pscore/dossier/internal/project"
	"github.com/pscore/dossier/internal/report"
	"github.com/pscore/dossier/internal/yamlnode"
)

// Template is the form of one kind of filing (templates/<kind>.yaml): its word limits,
// its cover and the generated text before and after the sections. The embedded default
// of each kind can be overridden by a project's templates/<kind>.yaml. Consent rules
// are not template data: they are code (report.MaxConsent), so no override loosens
// them.
type Template struct {
	Kind string `yaml:"kind"`
	// Name is the message id of the kind's name ("filing.kind.upr-submission").
	Name string `yaml:"name"`
	// Limits are the word limits by submission type (individual, joint) or by the
	// organisation's consultative status (general, special, roster), per LimitBy.
	Limits map[string]int `yaml:"limits"`
	// LimitBy says what selects the limit: "submission" (UPR), "status" (HRC) or ""
	// (no limit).
	LimitBy string `yaml:"limit-by"`
	// LimitLanguages are the editions filed with the UN, whose limits are enforced;
	// other editions report their count only.
	LimitLanguages []string `yaml:"limit-languages"`
	// Numbered makes the section paragraphs numbered paragraphs.
	Numbered bool `yaml:"numbered"`
	// Notes is "references" when notes may hold references only (UPR endnotes).
	Notes string `yaml:"notes"`
	// Typography is what the UN's rules for the kind fix about type; the design keeps
	// the rest.
	Typography struct {
		// BodySize is the body size in points of the Latin editions (0: the design's).
		BodySize float64 `yaml:"body-size"`
		// Emphasis "none" sets bold and italics in section text in roman, with a
		// warning at each.
		Emphasis string `yaml:"emphasis"`
	} `yaml:"typography"`
	// Mark is the message id of the mark printed on every page (CONFIDENTIAL).
	Mark string `yaml:"mark"`
	// Header is the running header (a text template).
	Header string `yaml:"header"`
	// Cover holds the cover lines (text templates, one line each).
	Cover struct {
		Organ     string   `yaml:"organ"`
		Session   []string `yaml:"session"`
		Date      string   `yaml:"date"`
		Title     string   `yaml:"title"`
		TitleNote string   `yaml:"title-note"`
		Subtitle  string   `yaml:"subtitle"`
		Submitter string   `yaml:"submitter"`
	} `yaml:"cover"`
	// Front and Back are Markdown templates set before and after the sections. They may
	// insert the section calls with {{ insert "case" .SP.Case }}.
	Front string `yaml:"front"`
	Back  string `yaml:"back"`

	path  string
	tmpls map[string]*template.Template
}

// LoadTemplate reads the template of a kind of filing from the project (or the
// embedded default) and compiles its text templates.
func LoadTemplate(p *project.Project, kind string) (*Template, error) {
	name := "templates/" + kind + ".yaml"
	data, shown, err := p.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", shown, err)
	}
	return ParseTemplate(shown, data)
}

// ParseTemplate reads a template file; path is used in messages.
func ParseTemplate(path string, data []byte) (*Template, error) {
	t := &Template{path: path}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(t); err != nil {
		return nil, yamlnode.DecodeError(path, data, err)
	}
	if !slices.Contains(report.Kinds, t.Kind) {
		return nil, fmt.Errorf("%s: kind %q is not one of %s", path, t.Kind, strings.Join(report.Kinds, ", "))
	}
	switch t.LimitBy {
	case "", "submission", "status":
	default:
		return nil, fmt.Errorf("%s: limit-by %q must be submission, status or empty", path, t.LimitBy)
	}
	if b := t.Typography.BodySize; b != 0 && (b < 8 || b > 14) {
		return nil, fmt.Errorf("%s: typography: body-size %g must be between 8 and 14 points", path, b)
	}
	switch t.Typography.Emphasis {
	case "", "none":
	default:
		return nil, fmt.Errorf("%s: typography: emphasis %q must be none or empty", path, t.Typography.Emphasis)
	}
	t.tmpls = map[string]*template.Template{}
	texts := map[string]string{
		"header": t.Header, "organ": t.Cover.Organ, "date": t.Cover.Date, "title": t.Cover.Title,
		"title-note": t.Cover.TitleNote, "subtitle": t.Cover.Subtitle, "submitter": t.Cover.Submitter,
		"front": t.Front, "back": t.Back,
	}
	for i, s := range t.Cover.Session {
		texts[fmt.Sprintf("session%d", i)] = s
	}
	for name, text := range texts {
		if text == "" {
			continue
		}
		tt, err := template.New(name).Funcs(stubFuncs).Option("missingkey=error").Parse(text)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %v", path, name, strings.TrimPrefix(err.Error(), "template: "))
		}
		t.tmpls[name] = tt
	}
	return t, nil
}

// Limit returns the word limit of an edition of r in lang and the rule it comes from
// ("individual UPR submission"); 0 when the edition has no limit.
func (t *Template) Limit(r *report.Report, lang string) (int, string) {
	if !slices.Contains(t.LimitLanguages, lang) {
		return 0, ""
	}
	var key string
	switch t.LimitBy {
	case "submission":
		if r.UPR != nil {
			key = r.UPR.Submission
		}
	case "status":
		key = r.Organisation.Status
	default:
		return 0, ""
	}
	n := t.Limits[key]
	if n == 0 {
		return 0, ""
	}
	switch r.Kind {
	case report.KindUPR:
		return n, key + " UPR submission"
	case report.KindHRC:
		return n, "written statement of an organisation in " + key + " consultative status"
	}
	return n, key + " " + r.Kind
}

// stubFuncs declares the template functions at parse time; execution binds the real
// ones for the edition's language.
var stubFuncs = template.FuncMap{
	"t":          func(string, ...any) string { return "" },
	"insert":     func(string, ...string) string { return "" },
	"md":         func(string) string { return "" },
	"list":       func([]string) string { return "" },
	"upper":      strings.ToUpper,
	"cap":        func(string) string { return "" },
	"join":       strings.Join,
	"names":      func([]orgData) []string { return nil },
	"withStatus": func([]orgData) []string { return nil },
	"colon":      func() string { return "" },
}
