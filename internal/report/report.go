// Package report reads report definitions (reports/README.md): a folder holding a
// report.yaml that says what kind of UN filing to build, for which State, session or
// call, by whom, in which languages and from which testimonies, and Markdown sections
// translated by file name (01-introduction.en.md, 01-introduction.fr.md …).
//
// Every problem in a definition is reported at once, as path:line:col: message, the way
// testimony errors are: unknown keys (with a did-you-mean), missing or malformed fields,
// unknown kinds, statuses, languages and act codes, testimonies that do not exist or may
// not be drawn on by this kind of filing, and missing translations.
package report

import (
	"slices"

	"github.com/pscore/dossier/internal/testimony"
)

// Kinds of filing.
const (
	KindUPR   = "upr-submission"   // UPR stakeholder submission
	KindHRC   = "hrc-statement"    // written statement to a Human Rights Council session
	KindSPCom = "sp-communication" // individual case to a Special Procedures mandate
	KindSPIn  = "sp-input"         // answer to a Special Procedures call for input
)

// Kinds lists the filing kinds in the order the documentation gives them.
var Kinds = []string{KindUPR, KindHRC, KindSPCom, KindSPIn}

// Statuses are the ECOSOC consultative statuses, "none" for organisations without one.
var Statuses = []string{"general", "special", "roster", "none"}

// Submission types of a UPR submission.
const (
	Individual = "individual"
	Joint      = "joint"
)

// MaxConsent returns the most open testimony consent level a kind of filing may draw
// on. Only a Special Procedures communication, which OHCHR treats as confidential, may
// draw on confidential testimonies; every other kind is published (an answer to a call
// for input may be published even when the organisation asks it not to be, so it is
// treated as public). Internal testimonies never reach any filing. This rule is code,
// not template data, so that no project override can loosen it.
func MaxConsent(kind string) string {
	if kind == KindSPCom {
		return testimony.ConsentConfidential
	}
	return testimony.ConsentPublic
}

// ConsentAllows reports whether a filing whose most open level is max may use a
// testimony with consent c.
func ConsentAllows(max, c string) bool {
	switch c {
	case testimony.ConsentPublic:
		return max == testimony.ConsentPublic || max == testimony.ConsentConfidential
	case testimony.ConsentConfidential:
		return max == testimony.ConsentConfidential
	}
	return false // internal, or anything unknown
}

// Pos is a position in a definition file.
type Pos = testimony.Pos

// Text is a text given in several languages.
type Text struct {
	ByLang map[string]string
	Pos    Pos
}

// In returns the text in lang ("" when missing).
func (t Text) In(lang string) string { return t.ByLang[lang] }

// IsZero reports whether no text was given.
func (t Text) IsZero() bool { return len(t.ByLang) == 0 }

// Org is a submitting organisation, co-submitter or co-sponsor.
type Org struct {
	Name        Text
	Status      string // general | special | roster | none
	Description Text
	Pos         Pos
}

// Ref is a testimony id named in a definition, with where it is named.
type Ref struct {
	ID  string
	Pos Pos
}

// Draw says which testimonies a filing may draw on. Every criterion given narrows the
// selection; consent is checked in any case.
type Draw struct {
	Consent    string // public | confidential; "" means public
	ConsentPos Pos
	From, To   int // event years, inclusive; 0 = open
	Acts       []string
	Places     []string // admin1 names or country codes
	// Testimonies, when given, restricts the selection to these testimonies.
	Testimonies []Ref
	Pos         Pos
}

// UPR is the block of a UPR stakeholder submission.
type UPR struct {
	Session    int
	Cycle      int
	Review     testimony.Date // month of the review
	Submission string         // individual | joint
	Pos        Pos
}

// HRC is the block of a written statement to the Human Rights Council.
type HRC struct {
	Session     int
	AgendaItem  int
	AgendaTitle Text
	Segment     Text
	Supporters  []Text // organisations without consultative status
	Pos         Pos
}

// SP is the block of a Special Procedures communication.
type SP struct {
	Mandates     []Text
	Urgent       bool
	Case         Ref    // the testimony the communication is about
	Victim       string // the person ref in that testimony
	VictimPos    Pos
	Consent      Text
	StepsTaken   Text
	Confidential Text
	Pos          Pos
}

// Call is the block of an answer to a call for input.
type Call struct {
	Title     Text
	Mandate   Text
	Deadline  testimony.Date
	Publish   bool
	Questions []Text
	Pos       Pos
}

// Section is one section of the filing, in every language it is written in.
type Section struct {
	// Name is the file name without language and extension: "01-introduction".
	Name string
	// Question is the 1-based call question a section of an sp-input answers (from a
	// name "q2", "q2-detention" …); 0 for other sections.
	Question int
	// Files holds the section's file per language.
	Files map[string]*SectionFile
}

// SectionFile is one language of a section.
type SectionFile struct {
	Path   string
	Lang   string
	Source []byte
}

// Report is a report definition.
type Report struct {
	// Name is the folder name, used for output files: build/<name>/<name>.<lang>.pdf.
	Name string
	Dir  string
	// Path is the report.yaml file.
	Path string

	Kind            string
	KindPos         Pos
	Title           Text
	State           string
	Date            testimony.Date
	Languages       []string
	LanguagesPos    Pos
	Organisation    Org
	CoSubmitters    []Org
	Keywords        map[string][]string
	Draw            Draw
	Recommendations []Text

	// PasswordFile is where the PDF password of a confidential filing is kept, relative
	// to the report folder; --password-file and DOSSIER_PDF_PASSWORD take precedence.
	PasswordFile    string
	PasswordFilePos Pos

	UPR  *UPR
	HRC  *HRC
	SP   *SP
	Call *Call

	Sections []*Section
}

// MaxConsent is the most open consent level this report may draw on.
func (r *Report) MaxConsent() string {
	if r.Draw.Consent != "" {
		return r.Draw.Consent
	}
	return testimony.ConsentPublic
}

// HasLanguage reports whether the report is built in lang.
func (r *Report) HasLanguage(lang string) bool { return slices.Contains(r.Languages, lang) }
