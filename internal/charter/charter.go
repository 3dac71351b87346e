// Package charter is the catalogue of human-rights instruments the classifier cites:
// instruments with their names and parties (with dates), articles with short titles in
// en/fr/ko, the act → article mappings with their conditions, and the crimes against
// humanity the UN Commission of Inquiry found.
//
// It is data (reference/charters.yaml, embedded, overridable by a project) because the
// law moves — a state ratifies, a mapping is argued over — and researchers, not
// programmers, must be able to change a rule and see why it cites what it cites. The
// package only reads, validates and answers questions: which title, which instrument,
// and whether an article was binding on a state on a date.
package charter

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/project"
	"github.com/pscore/dossier/internal/testimony"
	"github.com/pscore/dossier/internal/vocab"
	"github.com/pscore/dossier/internal/yamlnode"
)

// File is the project-relative path of the catalogue.
const File = "reference/charters.yaml"

// Condition keys the classifier knows how to compute; mappings may use only these.
var Conditions = []string{"victim-child", "victim-female", "victim-disabled", "state-KP", "state-CN", "territory-CN", "non-state", "in-detention"}

// Catalogue is the whole charter reference.
type Catalogue struct {
	// Version is the rule-set version (charters.yaml `version`); build manifests record it
	// so that a filing can say which rules classified its events.
	Version string
	// Source is the file the catalogue was read from, as shown to the user.
	Source string

	States      map[string]vocab.Label
	Instruments []*Instrument // in file order: the order articles are listed in
	Articles    map[string]*Article
	Conditions  map[string]string // condition key -> how it is computed (documentation)
	Mappings    map[string]*Mapping

	inst map[string]*Instrument
	keys map[string]refKey // sort keys of the listed articles, computed once
}

// refKey orders references: instrument order, then article/paragraph numbers.
type refKey struct {
	order int
	parts [3]int    // numeric parts (-1 absent)
	strs  [3]string // non-numeric parts (ROME-7.1.e)
}

// Instrument is one treaty or declaration.
type Instrument struct {
	Code    string
	Name    vocab.Label
	Short   vocab.Label
	Adopted string
	Kind    string // treaty | declaration
	Parties map[string]*Party
	Status  string // V | S | U
	Note    string
	// After is the delay between deposit and entry into force for a state, used when a
	// party has a deposit date but no `in-force` date.
	After string

	order int
}

// Party is a state's relation to an instrument.
type Party struct {
	State   string // acceded | ratified | succeeded | signed | not-party
	Date    testimony.Date
	InForce testimony.Date
	Status  string
	Note    string
}

// Article is one citable reference with its title.
type Article struct {
	Ref   string
	Title vocab.Label
}

// Mapping is what one act type engages.
type Mapping struct {
	Act    string
	Always []string
	// AlwaysRule is the rule name of Always ("torture.always"), as results cite it.
	AlwaysRule string
	// StateAgentOnly lists those of Always that bind a state for its own agents' conduct
	// (ICCPR-7, CAT-16 …): not cited for a non-state perpetrator.
	StateAgentOnly map[string]bool
	If             []*Addition // keyed by condition, in file order
	Refine         []*Addition // keyed by lexicon sub-signal, in file order
	DefaultRefine  string
	Reason         string
	Source         string
	Note           string
	Decision       string
	COI            []*COIRow
}

// Addition is an `if` or `refine` row: articles added when its key holds.
type Addition struct {
	Key    string
	Add    []string
	Reason string
	// Rule is the rule name results cite ("torture.if.victim-child",
	// "movement-restriction.refine.leave-country").
	Rule string
	// DefaultReason is Reason, said of a refinement applied by default.
	DefaultReason string
}

// COIRow is a crime against humanity the Commission of Inquiry found for this conduct.
type COIRow struct {
	Ref                  string
	FoundFor             []string
	When                 string
	RequiresConnectedAct bool
	Reason               string
	Source               string
	Note                 string
}

// RefPattern is the shape of an article reference: INSTRUMENT-article[.paragraph[.sub]].
var RefPattern = regexp.MustCompile(`^([A-Z][A-Z0-9]*)-(\d+)(\.[0-9a-z]+){0,2}$`)

// Load reads the catalogue of a project (its own file, or the embedded default) and
// checks it against the project's vocabulary, so that a mapping for an act code that does
// not exist is an error with its line, not a silent gap.
func Load(p *project.Project) (*Catalogue, error) {
	data, shown, err := p.ReadFile(File)
	if err != nil {
		return nil, err
	}
	v, err := vocab.Load(p)
	if err != nil {
		return nil, err
	}
	c, diags := Parse(shown, data, v)
	if err := diags.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// Parse decodes and validates a catalogue; name is used in diagnostics. v may be nil
// (then act codes are not checked). The catalogue is returned even with errors, for
// tools that want to show as much as possible.
func Parse(name string, data []byte, v *vocab.Vocabulary) (cat *Catalogue, diags diag.List) {
	r := &reader{yamlnode.Reader{Path: name}}
	// A project may override this file: an alias bomb in it must not hang the build.
	r.LimitAliases(yamlnode.AliasBudget(data))
	c := &Catalogue{
		Source:     name,
		States:     map[string]vocab.Label{},
		Articles:   map[string]*Article{},
		Conditions: map[string]string{},
		Mappings:   map[string]*Mapping{},
		inst:       map[string]*Instrument{},
		keys:       map[string]refKey{},
	}
	defer yamlnode.OnStop(func() { cat, diags = c, r.Diags })
	root := r.Root(data)
	if root == nil {
		return c, r.Diags
	}
	top := r.Map(root, "charters", []string{"version", "meta", "states", "instruments", "conditions", "articles", "coi", "mappings"})
	if n := yamlnode.Get(top, "version"); n != nil {
		c.Version = r.Str(n, "version")
	}
	if c.Version == "" {
		r.Errorf(root, "missing `version`: the rule-set version build manifests record")
	}
	for _, e := range r.Map(yamlnode.Get(top, "states"), "states", nil) {
		c.States[e.Key] = r.label(e.Value, "states."+e.Key)
	}
	r.instruments(c, yamlnode.Get(top, "instruments"))
	for _, e := range r.Map(yamlnode.Get(top, "conditions"), "conditions", nil) {
		if !slices.Contains(Conditions, e.Key) {
			r.Errorf(e.KeyN, "unknown condition %q: the classifier computes only %s", e.Key, strings.Join(Conditions, ", "))
		}
		c.Conditions[e.Key] = r.Flatten(e.Value)
	}
	r.articles(c, yamlnode.Get(top, "articles"))
	if yamlnode.Get(top, "mappings") == nil {
		r.Errorf(root, "missing `mappings`: what each act type engages")
	}
	r.mappings(c, yamlnode.Get(top, "mappings"), v)
	for ref := range c.Articles {
		c.keys[ref] = c.key(ref)
	}
	r.Diags.Sort()
	return c, r.Diags
}

// reader reads a catalogue: the shared node reader, with the catalogue's own readers.
type reader struct{ yamlnode.Reader }

func (c *Catalogue) key(ref string) refKey {
	k := refKey{order: 1 << 30, parts: [3]int{-1, -1, -1}}
	code := InstrumentOf(ref)
	if in := c.inst[code]; in != nil {
		k.order = in.order
	}
	if len(code) < len(ref) {
		for i, p := range strings.SplitN(ref[len(code)+1:], ".", 3) {
			if n, err := strconv.Atoi(p); err == nil {
				k.parts[i] = n
			} else {
				k.strs[i] = p
			}
		}
	}
	return k
}

func (r *reader) label(n *yaml.Node, what string) vocab.Label {
	l := vocab.Label{}
	n = r.Resolve(n)
	if n != nil && n.Kind == yaml.ScalarNode {
		l["en"] = n.Value
		return l
	}
	for _, e := range r.Map(n, what, nil) {
		l[e.Key] = r.Str(e.Value, what+"."+e.Key)
	}
	if n != nil && l["en"] == "" {
		r.Errorf(n, "%s has no English text (en)", what)
	}
	return l
}

func (r *reader) date(n *yaml.Node, what string) testimony.Date {
	s := r.Str(n, what)
	if s == "" {
		return testimony.Date{}
	}
	d, err := testimony.ParseDate(s)
	if err != nil {
		r.Errorf(n, "%s: %v", what, err)
	}
	return d
}

var partyStates = []string{"acceded", "ratified", "succeeded", "signed", "not-party"}

func (r *reader) instruments(c *Catalogue, n *yaml.Node) {
	if n == nil {
		r.Errorf(nil, "missing `instruments`")
		return
	}
	for i, e := range r.Map(n, "instruments", nil) {
		what := "instruments." + e.Key
		if !regexp.MustCompile(`^[A-Z][A-Z0-9]*$`).MatchString(e.Key) {
			r.Errorf(e.KeyN, "instrument code %q must be capital letters and digits (ICCPR, CSR51)", e.Key)
		}
		f := r.Map(e.Value, what, []string{"name", "short", "adopted", "protocol-adopted", "kind", "parties", "status", "note", "in-force-after"})
		in := &Instrument{Code: e.Key, Parties: map[string]*Party{}, order: i}
		in.Name = r.label(yamlnode.Get(f, "name"), what+".name")
		in.Short = r.label(yamlnode.Get(f, "short"), what+".short")
		in.Adopted = r.Str(yamlnode.Get(f, "adopted"), what+".adopted")
		in.Kind = r.Str(yamlnode.Get(f, "kind"), what+".kind")
		if in.Kind != "treaty" && in.Kind != "declaration" {
			r.Errorf(orNode(yamlnode.Get(f, "kind"), e.KeyN), "%s.kind must be treaty or declaration, not %q", what, in.Kind)
		}
		in.Status = r.Str(yamlnode.Get(f, "status"), what+".status")
		in.Note = r.Flatten(yamlnode.Get(f, "note"))
		in.After = r.Str(yamlnode.Get(f, "in-force-after"), what+".in-force-after")
		if in.After != "" {
			if _, _, ok := parseDelay(in.After); !ok {
				r.Errorf(yamlnode.Get(f, "in-force-after"), "%s.in-force-after must be like \"3 months\" or \"30 days\", not %q", what, in.After)
			}
		}
		for _, pe := range r.Map(yamlnode.Get(f, "parties"), what+".parties", nil) {
			pw := what + ".parties." + pe.Key
			pf := r.Map(pe.Value, pw, []string{"state", "date", "in-force", "status", "note", "protocol"})
			p := &Party{}
			p.State = r.Str(yamlnode.Get(pf, "state"), pw+".state")
			if !slices.Contains(partyStates, p.State) {
				r.Errorf(orNode(yamlnode.Get(pf, "state"), pe.KeyN), "%s.state must be one of %s, not %q", pw, strings.Join(partyStates, ", "), p.State)
			}
			p.Date = r.date(yamlnode.Get(pf, "date"), pw+".date")
			p.InForce = r.date(yamlnode.Get(pf, "in-force"), pw+".in-force")
			p.Status = r.Str(yamlnode.Get(pf, "status"), pw+".status")
			p.Note = r.Flatten(yamlnode.Get(pf, "note"))
			if (p.State == "acceded" || p.State == "ratified" || p.State == "succeeded") && p.Date.IsZero() && p.InForce.IsZero() {
				r.Errorf(pe.Value, "%s: a party needs `date` or `in-force`", pw)
			}
			if in.Kind == "declaration" {
				r.Errorf(pe.KeyN, "%s: a declaration has no parties", pw)
			}
			in.Parties[pe.Key] = p
		}
		c.Instruments = append(c.Instruments, in)
		c.inst[in.Code] = in
	}
}

func orNode(a, b *yaml.Node) *yaml.Node {
	if a != nil {
		return a
	}
	return b
}

func (r *reader) articles(c *Catalogue, n *yaml.Node) {
	if n == nil {
		r.Errorf(nil, "missing `articles`")
		return
	}
	for _, e := range r.Map(n, "articles", nil) {
		if !r.checkRef(c, e.KeyN, e.Key, "article") {
			continue
		}
		t := r.label(e.Value, "articles."+e.Key)
		for _, l := range []string{"fr", "ko"} {
			if t[l] == "" {
				r.Warnf(e.KeyN, "article %s has no %s title: English will be shown", e.Key, l)
			}
		}
		c.Articles[e.Key] = &Article{Ref: e.Key, Title: t}
	}
}

func (r *reader) checkRef(c *Catalogue, n *yaml.Node, ref, what string) bool {
	m := RefPattern.FindStringSubmatch(ref)
	if m == nil {
		r.Errorf(n, "%s %q is not an article reference (INSTRUMENT-article[.paragraph], e.g. ICCPR-7 or ICCPR-12.2)", what, ref)
		return false
	}
	if c.inst[m[1]] == nil {
		r.Errorf(n, "%s %q: unknown instrument %q (not in `instruments`)", what, ref, m[1])
		return false
	}
	return true
}

// refList reads a list of article references that must all have a title.
func (r *reader) refList(c *Catalogue, n *yaml.Node, what string) []string {
	var out []string
	for _, rn := range r.StrNodes(n, what) {
		ref := rn.Value
		if !r.checkRef(c, rn, ref, what) {
			continue
		}
		if c.Articles[ref] == nil {
			r.Errorf(rn, "%s: article %s has no entry in `articles` (a title is needed to cite it)", what, ref)
			continue
		}
		out = append(out, ref)
	}
	return out
}

func (r *reader) mappings(c *Catalogue, n *yaml.Node, v *vocab.Vocabulary) {
	for _, e := range r.Map(n, "mappings", nil) {
		what := "mappings." + e.Key
		if v != nil && v.Act(e.Key) == nil {
			r.Errorf(e.KeyN, "mapping for unknown act type %q (not in reference/vocabulary.yaml)", e.Key)
			continue
		}
		f := r.Map(e.Value, what, []string{"always", "state-agent-only", "if", "refine", "default-refine", "reason", "source", "note", "decision", "crimes-against-humanity"})
		m := &Mapping{Act: e.Key, StateAgentOnly: map[string]bool{}, AlwaysRule: e.Key + ".always"}
		m.Always = r.refList(c, yamlnode.Get(f, "always"), what+".always")
		for _, rn := range r.StrNodes(yamlnode.Get(f, "state-agent-only"), what+".state-agent-only") {
			if !slices.Contains(m.Always, rn.Value) {
				r.Errorf(rn, "%s.state-agent-only: %s is not in `always`", what, rn.Value)
			}
			m.StateAgentOnly[rn.Value] = true
		}
		if len(m.Always) == 0 {
			r.Errorf(e.KeyN, "%s: `always` is empty: every act must engage at least one article", what)
		}
		for _, ie := range r.Map(yamlnode.Get(f, "if"), what+".if", nil) {
			if !slices.Contains(Conditions, ie.Key) {
				r.Errorf(ie.KeyN, "%s.if: unknown condition %q (known: %s)", what, ie.Key, strings.Join(Conditions, ", "))
				continue
			}
			ad := r.addition(c, ie, what+".if."+ie.Key)
			ad.Rule = e.Key + ".if." + ie.Key
			m.If = append(m.If, ad)
		}
		for _, re := range r.Map(yamlnode.Get(f, "refine"), what+".refine", nil) {
			ad := r.addition(c, re, what+".refine."+re.Key)
			ad.Rule = e.Key + ".refine." + re.Key
			ad.DefaultReason = ad.Reason + " (default: no more specific words in the account)"
			m.Refine = append(m.Refine, ad)
		}
		if dn := yamlnode.Get(f, "default-refine"); dn != nil {
			m.DefaultRefine = r.Str(dn, what+".default-refine")
			found := false
			for _, a := range m.Refine {
				found = found || a.Key == m.DefaultRefine
			}
			if !found {
				r.Errorf(dn, "%s.default-refine: %q is not one of the refinements", what, m.DefaultRefine)
			}
		}
		m.Reason = r.Flatten(yamlnode.Get(f, "reason"))
		if m.Reason == "" {
			r.Errorf(e.KeyN, "%s: a `reason` is required: every citation must say why", what)
		}
		m.Source = r.Flatten(yamlnode.Get(f, "source"))
		m.Note = r.Flatten(yamlnode.Get(f, "note"))
		m.Decision = r.Flatten(yamlnode.Get(f, "decision"))
		if cn := yamlnode.Get(f, "crimes-against-humanity"); cn != nil && cn.Kind == yaml.SequenceNode {
			for _, item := range cn.Content {
				cw := what + ".crimes-against-humanity"
				cf := r.Map(item, cw, []string{"ref", "found-for", "when", "requires-connected-act", "reason", "source", "note"})
				row := &COIRow{}
				refs := r.refList(c, yamlnode.Get(cf, "ref"), cw+".ref")
				if len(refs) != 1 {
					continue
				}
				row.Ref = refs[0]
				row.FoundFor = r.Strs(yamlnode.Get(cf, "found-for"), cw+".found-for")
				row.When = r.Str(yamlnode.Get(cf, "when"), cw+".when")
				row.RequiresConnectedAct = r.Bool(yamlnode.Get(cf, "requires-connected-act"), cw+".requires-connected-act")
				row.Reason = r.Flatten(yamlnode.Get(cf, "reason"))
				row.Source = r.Flatten(yamlnode.Get(cf, "source"))
				row.Note = r.Flatten(yamlnode.Get(cf, "note"))
				m.COI = append(m.COI, row)
			}
		}
		c.Mappings[e.Key] = m
	}
}

func (r *reader) addition(c *Catalogue, e yamlnode.KV, what string) *Addition {
	f := r.Map(e.Value, what, []string{"add", "reason"})
	a := &Addition{Key: e.Key, Add: r.refList(c, yamlnode.Get(f, "add"), what+".add"), Reason: r.Flatten(yamlnode.Get(f, "reason"))}
	if len(a.Add) == 0 {
		r.Errorf(e.KeyN, "%s: `add` is empty", what)
	}
	if a.Reason == "" {
		r.Errorf(e.KeyN, "%s: a `reason` is required", what)
	}
	return a
}

// Instrument returns the instrument with this code, or nil.
func (c *Catalogue) Instrument(code string) *Instrument { return c.inst[code] }

// InstrumentOf returns the instrument code of an article reference ("ICCPR" for
// "ICCPR-12.2").
func InstrumentOf(ref string) string {
	if i := strings.IndexByte(ref, '-'); i > 0 {
		return ref[:i]
	}
	return ref
}

// ArticleLevel strips paragraphs: "ICCPR-12.2" → "ICCPR-12", "ROME-7.1.e" → "ROME-7".
// Gold labels are compared at this level (the spec: "comparison at article level ignores
// the paragraph part").
func ArticleLevel(ref string) string {
	i := strings.IndexByte(ref, '-')
	if i < 0 {
		return ref
	}
	if j := strings.IndexByte(ref[i:], '.'); j >= 0 {
		return ref[:i+j]
	}
	return ref
}

// SameArticle reports whether two references name the same article (paragraphs ignored).
func SameArticle(a, b string) bool { return ArticleLevel(a) == ArticleLevel(b) }

// Title returns the short title of an article in lang (en, fr, ko), falling back to the
// article-level title for an unlisted paragraph, then to English, then to the reference.
func (c *Catalogue) Title(ref, lang string) string {
	if a := c.Articles[ref]; a != nil {
		return a.Title.In(lang)
	}
	if a := c.Articles[ArticleLevel(ref)]; a != nil {
		return a.Title.In(lang)
	}
	return ref
}

// StateName is the short name of a state for explanations ("DPRK", "China").
func (c *Catalogue) StateName(code, lang string) string {
	if l, ok := c.States[code]; ok {
		return l.In(lang)
	}
	return code
}

// Less orders article references the way citations are listed: instruments in catalogue
// order, then article and paragraph numbers numerically (ICCPR-9 before ICCPR-12).
func (c *Catalogue) Less(a, b string) bool {
	if ka, ok := c.keys[a]; ok {
		if kb, ok := c.keys[b]; ok {
			if ka.order != kb.order {
				return ka.order < kb.order
			}
			if ka.order == 1<<30 && InstrumentOf(a) != InstrumentOf(b) {
				return InstrumentOf(a) < InstrumentOf(b)
			}
			for i := 0; i < 3; i++ {
				if ka.parts[i] != kb.parts[i] {
					return ka.parts[i] < kb.parts[i]
				}
				if ka.strs[i] != kb.strs[i] {
					return ka.strs[i] < kb.strs[i]
				}
			}
			return false
		}
	}
	ia, ib := c.inst[InstrumentOf(a)], c.inst[InstrumentOf(b)]
	oa, ob := 1<<30, 1<<30
	if ia != nil {
		oa = ia.order
	}
	if ib != nil {
		ob = ib.order
	}
	if oa != ob {
		return oa < ob
	}
	if InstrumentOf(a) != InstrumentOf(b) {
		return InstrumentOf(a) < InstrumentOf(b)
	}
	pa := strings.Split(a[len(InstrumentOf(a))+1:], ".")
	pb := strings.Split(b[len(InstrumentOf(b))+1:], ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		if pa[i] == pb[i] {
			continue
		}
		na, ea := strconv.Atoi(pa[i])
		nb, eb := strconv.Atoi(pb[i])
		if ea == nil && eb == nil {
			return na < nb
		}
		return pa[i] < pb[i]
	}
	return len(pa) < len(pb)
}

// Sort orders references in place with Less.
func (c *Catalogue) Sort(refs []string) {
	sort.SliceStable(refs, func(i, j int) bool { return c.Less(refs[i], refs[j]) })
}

// Applicability says whether an article binds a state on a date, and why, in words a
// lawyer can check against the treaty collection.
type Applicability struct {
	Binding bool
	// Basis is the reason, e.g. "DPRK party to ICCPR since 1981-12-14" or "DPRK not party
	// to CAT: cited as a reference".
	Basis string
}

// Applies tells whether the instrument of ref was in force for state on the event date
// on. A partial date counts as in force when any day it can mean is on or after entry
// into force (so "2017-01" counts for a treaty in force on 2017-01-05), following the
// corpus conventions. The UDHR, a declaration, is never binding but always cited.
func (c *Catalogue) Applies(ref, state string, on testimony.Date) Applicability {
	code := InstrumentOf(ref)
	in := c.inst[code]
	if in == nil {
		return Applicability{Basis: fmt.Sprintf("unknown instrument %s", code)}
	}
	if in.Kind == "declaration" {
		return Applicability{Basis: fmt.Sprintf("%s is a declaration, not a treaty: always cited as a standard (many of its rules are customary law)", code)}
	}
	name := c.StateName(state, "en")
	if state == "" {
		return Applicability{Basis: "no responsible state: cited as a reference"}
	}
	p := in.Parties[state]
	if p == nil {
		return Applicability{Basis: fmt.Sprintf("no party information for %s on %s: cited as a reference", name, code)}
	}
	switch p.State {
	case "not-party":
		return Applicability{Basis: fmt.Sprintf("%s not party to %s: cited as a reference", name, code)}
	case "signed":
		s := fmt.Sprintf("%s signed %s", name, code)
		if !p.Date.IsZero() {
			s += " (" + p.Date.String() + ")"
		}
		return Applicability{Basis: s + " but has not ratified it: cited as a reference"}
	}
	force := c.EntryIntoForce(code, state)
	if on.IsZero() {
		return Applicability{Basis: fmt.Sprintf("%s party to %s since %s, but the event has no date: cited as a reference", name, code, force)}
	}
	if on.Last().Before(force.First()) {
		return Applicability{Basis: fmt.Sprintf("%s in force for %s only from %s, after the event: cited as a reference", code, name, force)}
	}
	return Applicability{Binding: true, Basis: fmt.Sprintf("%s party to %s since %s", name, code, force)}
}

// Epoch returns a number that is the same for two dates exactly when every instrument's
// applicability to the state is the same on both: the count of entries into force for the
// state on or before the date (-1 for no date). Callers memoise per epoch, not per day.
func (c *Catalogue) Epoch(state string, on testimony.Date) int {
	if on.IsZero() {
		return -1
	}
	n := 0
	last := on.Last()
	for _, in := range c.Instruments {
		if p := in.Parties[state]; p != nil && p.State != "not-party" && p.State != "signed" {
			if !last.Before(c.EntryIntoForce(in.Code, state).First()) {
				n++
			}
		}
	}
	return n
}

// EntryIntoForce is the date an instrument entered into force for a party state: its
// `in-force` date, else the deposit date plus the instrument's `in-force-after` delay.
func (c *Catalogue) EntryIntoForce(code, state string) testimony.Date {
	in := c.inst[code]
	if in == nil {
		return testimony.Date{}
	}
	p := in.Parties[state]
	if p == nil {
		return testimony.Date{}
	}
	if !p.InForce.IsZero() {
		return p.InForce
	}
	months, days, ok := parseDelay(in.After)
	if !ok || p.Date.Day == 0 {
		return p.Date
	}
	t := p.Date.First().AddDate(0, months, days)
	return testimony.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}

func parseDelay(s string) (months, days int, ok bool) {
	f := strings.Fields(s)
	if len(f) != 2 {
		return 0, 0, false
	}
	n, err := strconv.Atoi(f[0])
	if err != nil || n < 0 {
		return 0, 0, false
	}
	switch strings.TrimSuffix(f[1], "s") {
	case "month":
		return n, 0, true
	case "day":
		return 0, n, true
	}
	return 0, 0, false
}
