// Package testimony is the model of a testimony file (shared/spec/testimony-format.md):
// one interview with one source, telling of events, each made of acts — one perpetrator
// doing one kind of thing to one victim. Everything here is pseudonymous by design.
package testimony

import (
	"sort"
)

// Consent levels, from most to least open.
const (
	ConsentPublic       = "public"
	ConsentConfidential = "confidential"
	ConsentInternal     = "internal"
)

// Pos is a position in a source file (1-based line and column), from the YAML node.
type Pos struct {
	Line, Col int
}

// Testimony is one interview with one source.
type Testimony struct {
	ID      string
	Schema  int
	Source  Source
	Persons []Person
	Events  []Event

	// Path is the file the testimony was loaded from.
	Path string
	// Pos is where the id key is, for messages about the testimony as a whole.
	Pos Pos
}

// Source describes the interview: who told us, when, how and what they allow.
type Source struct {
	Interviewed Date
	Place       string
	Interviewer string
	Language    string
	Relation    string
	Consent     string
}

// Person is someone the account mentions, by pseudonym only.
type Person struct {
	Ref       string
	Pseudonym string
	Sex       string // female | male | unknown ("" when not given)
	Born      int    // year of birth; 0 when unknown
	Origin    string // province of origin
	Pos       Pos
}

// Event is one thing that happened at a time and place.
type Event struct {
	ID    string
	Date  Date
	Until Date // zero when the event is not a period
	Place Place
	// Account is the narrative per language code (Markdown), NFC-normalised.
	Account map[string]string
	Acts    []Act // coded by the researcher; empty means "infer from the account"
	Review  *Review
	Pos     Pos
	// AccountPos is where each language's account text starts, for evidence positions.
	AccountPos map[string]Pos
}

// Place is where an event happened.
type Place struct {
	Name    string
	Admin1  string
	Country string    // ISO 3166-1 alpha-2
	Geo     []float64 // [lat, lon] or nil
}

// Act is one perpetrator doing one kind of thing to one victim.
type Act struct {
	Type        string
	Victim      string // a person ref
	Perpetrator string
	Pos         Pos
}

// Review is a reviewer's decision on an event's classification; it is applied last.
type Review struct {
	Add    []string
	Remove []string
	Note   string
	Pos    Pos
}

// Person returns the person with this ref, or nil.
func (t *Testimony) Person(ref string) *Person {
	for i := range t.Persons {
		if t.Persons[i].Ref == ref {
			return &t.Persons[i]
		}
	}
	return nil
}

// Langs returns the languages of the event's account, the source language first, then
// the others in alphabetical order, so that every consumer sees one stable order.
func (e *Event) Langs(sourceLang string) []string {
	langs := make([]string, 0, len(e.Account))
	for l := range e.Account {
		if l != sourceLang {
			langs = append(langs, l)
		}
	}
	sort.Strings(langs)
	if _, ok := e.Account[sourceLang]; ok {
		langs = append([]string{sourceLang}, langs...)
	}
	return langs
}
