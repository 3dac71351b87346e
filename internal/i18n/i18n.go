// Package i18n loads the message tables of dossier (go-i18n message files in the
// project's i18n/ folder, over the embedded defaults) and localises messages.
//
// Message files are named active.LANG.yaml (or .json) and hold "id: text" pairs; ids
// are prefixed by the package that uses them (pdf.page_of). A project file overrides
// the embedded defaults message by message, so a project may translate a single
// string differently without copying the rest.
package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/pscore/dossier"
	"github.com/pscore/dossier/internal/project"
)

// Dir is the project folder of the message files.
const Dir = "i18n"

// Bundle loads every message file: the embedded defaults first, then the project's
// files over them.
func Bundle(p *project.Project) (*goi18n.Bundle, error) {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	b.RegisterUnmarshalFunc("yml", yaml.Unmarshal)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	var names []string
	for _, pat := range []string{"*.yaml", "*.yml", "*.json"} {
		ns, err := p.List(Dir, pat)
		if err != nil {
			return nil, err
		}
		names = append(names, ns...)
	}
	for _, name := range names {
		// the embedded default first, so that the project's file overrides it per message
		if data, err := fs.ReadFile(dossier.Defaults, name); err == nil {
			if _, err := b.ParseMessageFileBytes(data, name); err != nil {
				return nil, fmt.Errorf("(embedded) %s: %w", name, err)
			}
		}
		data, shown, err := p.ReadFile(name)
		if err != nil {
			return nil, err
		}
		if _, err := b.ParseMessageFileBytes(data, path.Base(name)); err != nil {
			return nil, fmt.Errorf("%s: %w", shown, err)
		}
	}
	return b, nil
}

// Localizer returns a localizer for lang (en, fr, ko), falling back to English, with
// the project's messages over the embedded defaults.
func Localizer(p *project.Project, lang string) (*goi18n.Localizer, error) {
	b, err := Bundle(p)
	if err != nil {
		return nil, err
	}
	return goi18n.NewLocalizer(b, lang, "en"), nil
}

// Func adapts a localizer to the func(id, data) string that writers take: it returns ""
// for an unknown id, so the writer's built-in text applies.
func Func(l *goi18n.Localizer) func(id string, data map[string]any) string {
	return func(id string, data map[string]any) string {
		s, err := l.Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data})
		if err != nil {
			return ""
		}
		return strings.TrimSpace(s)
	}
}
