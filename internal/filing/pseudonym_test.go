package filing

import (
	"testing"

	"github.com/pscore/dossier/internal/project"
	"github.com/pscore/dossier/internal/testimony"
)

func TestPseudonymInEditionLanguage(t *testing.T) {
	l, err := LocalizeProject(project.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	b := &Builder{Localize: l}
	for _, c := range []struct{ pseudonym, lang, want string }{
		{"증인 H-09", "en", "Witness H-09"},
		{"증인 H-09", "fr", "Témoin H-09"},
		{"Témoin V-09", "ko", "증인 V-09"},
		{"Witness S-14", "ko", "증인 S-14"},
		{"Witness S-14", "en", "Witness S-14"},
		// relations to the witness, in the edition's words whatever the testimony's
		{"the witness's brother", "fr", "le frère du témoin"},
		{"The Witness’s  Brother", "ko", "증인의 형제"},
		{"the witness' mother", "fr", "la mère du témoin"},
		{"증인의 아버지", "en", "the witness’s father"},
		{"증인의 오빠", "en", "the witness’s older brother"},
		{"증인의 형", "fr", "le frère aîné du témoin"},
		{"la mère de la témoin", "en", "the witness’s mother"},
		{"le père du témoin", "fr", "le père du témoin"},
		// descriptive pseudonyms, and words that are not "witness", stay as recorded
		{"the witness's brother-in-law", "fr", "the witness's brother-in-law"},
		{"a fellow prisoner", "ko", "a fellow prisoner"},
		{"Source K-2", "fr", "Source K-2"},
	} {
		if got := b.pseudonym(&testimony.Person{Pseudonym: c.pseudonym}, c.lang); got != c.want {
			t.Errorf("pseudonym(%q, %s) = %q, want %q", c.pseudonym, c.lang, got, c.want)
		}
	}
}
