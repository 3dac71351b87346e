package filing

import (
	"strings"
	"sync"
	"unicode/utf8"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/pscore/dossier/internal/i18n"
	"github.com/pscore/dossier/internal/project"
)

// Localize returns the message id in lang with its {{.Name}} fields filled from data,
// or "" when there is no such message. The labels of filings are the filing.* messages
// of the message tables (i18n/active.<lang>.yaml), which a project may override.
type Localize func(lang, id string, data map[string]any) string

// LocalizeProject returns the Localize function of a project's message tables (over
// the embedded defaults), with one localizer per language.
func LocalizeProject(p *project.Project) (Localize, error) {
	b, err := i18n.Bundle(p)
	if err != nil {
		return nil, err
	}
	var mu sync.Mutex
	funcs := map[string]func(string, map[string]any) string{}
	return func(lang, id string, data map[string]any) string {
		mu.Lock()
		f := funcs[lang]
		if f == nil {
			f = i18n.Func(goi18n.NewLocalizer(b, lang, "en"))
			funcs[lang] = f
		}
		mu.Unlock()
		return f(id, data)
	}, nil
}

// message returns a localised label, or the id itself when there is none, so that a
// missing label shows in the output and is found.
func (b *Builder) message(lang, id string, data map[string]any) string {
	if s := b.Localize(lang, id, data); s != "" {
		return josa(typoApostrophes(s))
	}
	return id
}

// josa resolves the Korean particles written with both forms in messages, "이(가)",
// "은(는)", "을(를)", "과(와)", after the word they follow: the first form after a
// syllable with a final consonant, the second otherwise. After a character that is not
// Hangul both forms stay, as Korean typography does.
func josa(s string) string {
	if !strings.Contains(s, "(") {
		return s
	}
	for _, p := range [][2]string{{"이", "가"}, {"은", "는"}, {"을", "를"}, {"과", "와"}} {
		pat := p[0] + "(" + p[1] + ")"
		for {
			i := strings.Index(s, pat)
			if i < 0 {
				break
			}
			r, _ := utf8.DecodeLastRuneInString(s[:i])
			choice := pat
			if r >= 0xAC00 && r <= 0xD7A3 {
				if (r-0xAC00)%28 != 0 {
					choice = p[0]
				} else {
					choice = p[1]
				}
			}
			if choice == pat {
				// leave it, but do not loop on it
				s = s[:i] + p[0] + "\x00(" + p[1] + ")" + s[i+len(pat):]
				continue
			}
			s = s[:i] + choice + s[i+len(pat):]
		}
		s = strings.ReplaceAll(s, "\x00", "")
	}
	return s
}
