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

// pseudonym is how an edition names a person. A witness code is printed with the
// edition's own word for a witness (filing.witness), so the English edition does not
// say "증인 H-09"; the code, which is what identifies the case to the organisation,
// is kept as recorded. Any other pseudonym ("the witness's brother") is printed as the
// testimony has it.
func (b *Builder) pseudonym(p *testimony.Person, lang string) string {
	m := witnessCode.FindStringSubmatch(strings.TrimSpace(p.Pseudonym))
	if m == nil || !b.isWitnessWord(m[1]) {
		return p.Pseudonym
	}
	return b.message(lang, "filing.witness", map[string]any{"Code": m[2]})
}

// isWitnessWord reports whether word is the word for "witness" in one of the message
// tables, read from filing.witness itself so that a project's tables decide.
func (b *Builder) isWitnessWord(word string) bool {
	for _, l := range pseudonymLangs {
		s := b.Localize(l, "filing.witness", map[string]any{"Code": "\x00"})
		if before, _, ok := strings.Cut(s, "\x00"); ok && strings.TrimSpace(before) == word {
			return true
		}
	}
	return false
}
