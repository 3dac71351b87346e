package filing

import (
	"regexp"
	"strings"

	"github.com/pscore/dossier/internal/testimony"
)

// witnessCode is the shape of the pseudonyms researchers give their sources: a word
// and a code, "Witness S-14", « Témoin S-14 », "증인 S-14".
var witnessCode = regexp.MustCompile(`^(\S+)\s+([A-Z]{1,3}-\d{1,5})$`)

// pseudonymLangs are the languages whose word for "witness" is recognised.
var pseudonymLangs = []string{"en", "fr", "ko", "es"}

// relatives are the relations to the witness a pseudonym may name; their words in each
// language are messages (filing.relative.ID), so a project's tables decide them.
var relatives = []string{"father", "mother", "parents", "brother", "older-brother", "younger-brother",
	"sister", "older-sister", "younger-sister", "husband", "wife", "son", "daughter", "child", "children",
	"grandfather", "grandmother", "uncle", "aunt", "cousin", "nephew", "niece", "family"}

// pseudonym is how an edition names a person. A witness code is printed with the
// edition's own word for a witness (filing.witness), so the English edition does not
// say "증인 H-09"; the code, which is what identifies the case to the organisation,
// is kept as recorded. A relation to the witness ("the witness's brother", "증인의
// 어머니", « le père du témoin ») is printed in the edition's words. Any other
// pseudonym is printed as the testimony has it.
func (b *Builder) pseudonym(p *testimony.Person, lang string) string {
	name := strings.TrimSpace(p.Pseudonym)
	if m := witnessCode.FindStringSubmatch(name); m != nil && b.isWitnessWord(m[1]) {
		return b.message(lang, "filing.witness", map[string]any{"Code": m[2]})
	}
	if id := b.relative(name); id != "" {
		return b.message(lang, "filing.relative."+id, nil)
	}
	return p.Pseudonym
}

// relative returns the relation a pseudonym names in any of the message tables'
// languages, or "".
func (b *Builder) relative(name string) string {
	return b.pseudonyms().relatives[relativeKey(name)]
}

// pseudonymWords are the words of the message tables that pseudonyms are read with,
// gathered once per build rather than per person named.
type pseudonymWords struct {
	witness   map[string]bool   // the word for "witness" in each language
	relatives map[string]string // relativeKey of every form → relation
}

func (b *Builder) pseudonyms() *pseudonymWords {
	b.pseudOnce.Do(func() {
		pw := &pseudonymWords{witness: map[string]bool{}, relatives: map[string]string{}}
		for _, l := range pseudonymLangs {
			s := b.Localize(l, "filing.witness", map[string]any{"Code": "\x00"})
			if before, _, ok := strings.Cut(s, "\x00"); ok {
				pw.witness[strings.TrimSpace(before)] = true
			}
		}
		for _, id := range relatives {
			for _, l := range pseudonymLangs {
				for _, form := range variants(b.Localize(l, "filing.relative."+id, nil)) {
					if k := relativeKey(form); form != "" && pw.relatives[k] == "" {
						pw.relatives[k] = id // the first relation listed wins
					}
				}
			}
		}
		b.pseud = pw
	})
	return b.pseud
}

// relativeKey compares pseudonyms across the ways researchers type them: case,
// apostrophes, spacing, and a French witness who is a woman (« la mère de la témoin »).
func relativeKey(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	s = strings.NewReplacer("’", "'", " de la témoin", " du témoin", "witness' ", "witness's ").Replace(s)
	return s
}

// variants reads a form with alternatives in brackets, "증인의 형(오빠)", as each of
// them, "증인의 형" and "증인의 오빠", as well as whole.
var alternative = regexp.MustCompile(`^(.*?)([^\s(]+)\(([^)]+)\)$`)

func variants(form string) []string {
	m := alternative.FindStringSubmatch(form)
	if m == nil {
		return []string{form}
	}
	return []string{form, m[1] + m[2], m[1] + m[3]}
}

// isWitnessWord reports whether word is the word for "witness" in one of the message
// tables, read from filing.witness itself so that a project's tables decide.
func (b *Builder) isWitnessWord(word string) bool { return b.pseudonyms().witness[word] }
