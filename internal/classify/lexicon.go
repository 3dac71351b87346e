package classify

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/pscore/dossier/internal/charter"
	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/project"
	"github.com/pscore/dossier/internal/vocab"
	"github.com/pscore/dossier/internal/yamlnode"
)

// LexiconFile is the project-relative path of the lexicon.
const LexiconFile = "reference/lexicon.yaml"

// Terms are lexicon entries per language code.
type Terms map[string][]string

// Lexicon is the vocabulary and grammar the classifier reads narratives with. It is data
// (reference/lexicon.yaml) so that researchers can widen a term list, in any of the three
// languages, and see at once what it changes with `dossier eval`.
type Lexicon struct {
	// Version is the rule-set version (lexicon.yaml `version`), recorded by build manifests.
	Version string
	Source  string

	Confidence   Confidence
	Lemmas       map[string]map[string]string
	Cues         map[string]Terms
	Signals      []*Signal
	Perpetrators []*Named // perpetrator codes, then "generic" and "kp-generic"
	Institutions []*Named
	Persons      map[string]Terms
	Roles        []*Role
	Conditions   map[string]Terms
	Acts         []*ActRule
}

// Confidence holds the confidence given to proposals and how cues change it.
type Confidence struct {
	Strong, Neg, Combination, Term float64
	Hearsay, Uncertainty           float64 // multipliers
	Eyewitness                     float64 // added, capped at 0.95
	Threshold                      float64
}

// Signal is a named class of terms shared by act rules.
type Signal struct {
	Name      string
	Terms     Terms
	Negatable bool // a negated hit does not count ("they did not detain me")
	Irrealis  bool // fears and near misses cancel it ("I thought I would die")
	// NotInside names signals whose hits swallow this one's ("labour" inside "labour camp"
	// is a place, not work).
	NotInside []string
}

// Named is a term list under a code (a perpetrator, an institution).
type Named struct {
	Code  string
	Terms Terms
}

// Role is a word that names a person (father, cellmate, pregnant woman …), matched in
// pseudonyms and narratives to find who an act was done to.
type Role struct {
	Name    string
	Sex     string
	Kin     bool
	Plural  bool
	Child   bool
	Weight  float64
	Members []string
	Terms   Terms
}

// ActRule is how one act type is recognised in a narrative.
type ActRule struct {
	Code                       string
	Strong, Terms, Neg, Except Terms
	Support                    []string
	All                        [][]string
	Unless, Requires           []string
	Sub                        []*Named
	Perp                       PerpRule
	NotNarrator                bool
	Like                       []string
	Anchor                     string
	Absorbs                    []string
	IfChild, IfAdult           string
	OnceByPlace, Irrealis      bool
	// OncePerVictim: a later event retelling the same belief or speech of the same victim
	// is not a new act.
	OncePerVictim bool
	// VictimSex restricts the victim (reproductive violence is done to the mother).
	VictimSex string
	pos       *yaml.Node
}

// PerpRule says how the perpetrator of an inferred act is chosen.
type PerpRule struct {
	Fixed   string
	Allowed []string
	Strict  bool
	Default map[string]string // country code or "*" -> perpetrator code
	Place   bool
}

var cueNames = []string{"negation", "negation-det", "restrictive", "hearsay", "eyewitness", "uncertainty", "irrealis", "passive"}
var personClasses = []string{"first-singular", "first-plural", "male", "female", "plural"}

// LoadLexicon reads the lexicon of a project (its own file, or the embedded default) and
// checks it against the project's vocabulary and charter catalogue.
func LoadLexicon(p *project.Project) (*Lexicon, error) {
	data, shown, err := p.ReadFile(LexiconFile)
	if err != nil {
		return nil, err
	}
	v, err := vocab.Load(p)
	if err != nil {
		return nil, err
	}
	lex, diags := ParseLexicon(shown, data, v)
	if err := diags.Err(); err != nil {
		return nil, err
	}
	return lex, nil
}

// ParseLexicon decodes and validates a lexicon; v may be nil (codes are then not checked).
func ParseLexicon(name string, data []byte, v *vocab.Vocabulary) (out *Lexicon, diags diag.List) {
	r := &yamlnode.Reader{Path: name}
	// A project may override this file: an alias bomb in it must not hang the build.
	r.LimitAliases(yamlnode.AliasBudget(data))
	lex := &Lexicon{Source: name, Lemmas: map[string]map[string]string{}, Cues: map[string]Terms{}, Persons: map[string]Terms{}, Conditions: map[string]Terms{}}
	defer yamlnode.OnStop(func() { out, diags = lex, r.Diags })
	root := r.Root(data)
	if root == nil {
		return lex, r.Diags
	}
	top := r.Map(root, "lexicon", []string{"version", "meta", "confidence", "lemmas", "cues", "signals", "perpetrators", "institutions", "persons", "roles", "conditions", "acts"})
	lex.Version = r.Str(yamlnode.Get(top, "version"), "version")
	if lex.Version == "" {
		r.Errorf(root, "missing `version`: the rule-set version build manifests record")
	}
	lex.Confidence = Confidence{Strong: 0.9, Neg: 0.85, Combination: 0.8, Term: 0.75, Hearsay: 0.8, Uncertainty: 0.55, Eyewitness: 0.05, Threshold: 0.5}
	for _, e := range r.Map(yamlnode.Get(top, "confidence"), "confidence", []string{"strong", "neg", "combination", "term", "hearsay", "uncertainty", "eyewitness", "threshold"}) {
		f, err := strconv.ParseFloat(r.Str(e.Value, "confidence."+e.Key), 64)
		if err != nil || f < 0 || f > 1 {
			r.Errorf(e.Value, "confidence.%s must be a number between 0 and 1", e.Key)
			continue
		}
		switch e.Key {
		case "strong":
			lex.Confidence.Strong = f
		case "neg":
			lex.Confidence.Neg = f
		case "combination":
			lex.Confidence.Combination = f
		case "term":
			lex.Confidence.Term = f
		case "hearsay":
			lex.Confidence.Hearsay = f
		case "uncertainty":
			lex.Confidence.Uncertainty = f
		case "eyewitness":
			lex.Confidence.Eyewitness = f
		case "threshold":
			lex.Confidence.Threshold = f
		}
	}
	for _, e := range r.Map(yamlnode.Get(top, "lemmas"), "lemmas", nil) {
		m := map[string]string{}
		for _, le := range r.Map(e.Value, "lemmas."+e.Key, nil) {
			m[strings.ToLower(le.Key)] = strings.ToLower(r.Str(le.Value, "lemmas."+e.Key+"."+le.Key))
		}
		lex.Lemmas[e.Key] = m
	}
	for _, e := range r.Map(yamlnode.Get(top, "cues"), "cues", cueNames) {
		lex.Cues[e.Key] = readTerms(r, e.Value, "cues."+e.Key, nil)
	}
	signalNames := map[string]bool{}
	for _, e := range r.Map(yamlnode.Get(top, "signals"), "signals", nil) {
		s := &Signal{Name: e.Key}
		s.Terms = readTerms(r, e.Value, "signals."+e.Key, map[string]func(*yaml.Node){
			"negatable":  func(n *yaml.Node) { s.Negatable = r.Bool(n, "signals."+e.Key+".negatable") },
			"irrealis":   func(n *yaml.Node) { s.Irrealis = r.Bool(n, "signals."+e.Key+".irrealis") },
			"not-inside": func(n *yaml.Node) { s.NotInside = r.Strs(n, "signals."+e.Key+".not-inside") },
		})
		signalNames[e.Key] = true
		lex.Signals = append(lex.Signals, s)
	}
	for _, e := range r.Map(yamlnode.Get(top, "perpetrators"), "perpetrators", nil) {
		if e.Key != "generic" && e.Key != "kp-generic" && v != nil && v.Perpetrator(e.Key) == nil {
			r.Errorf(e.KeyN, "unknown perpetrator %q (not in reference/vocabulary.yaml)", e.Key)
			continue
		}
		lex.Perpetrators = append(lex.Perpetrators, &Named{Code: e.Key, Terms: readTerms(r, e.Value, "perpetrators."+e.Key, nil)})
	}
	for _, e := range r.Map(yamlnode.Get(top, "institutions"), "institutions", nil) {
		if v != nil && v.Perpetrator(e.Key) == nil {
			r.Errorf(e.KeyN, "unknown perpetrator %q (not in reference/vocabulary.yaml)", e.Key)
			continue
		}
		lex.Institutions = append(lex.Institutions, &Named{Code: e.Key, Terms: readTerms(r, e.Value, "institutions."+e.Key, nil)})
	}
	for _, e := range r.Map(yamlnode.Get(top, "persons"), "persons", personClasses) {
		lex.Persons[e.Key] = readTerms(r, e.Value, "persons."+e.Key, nil)
	}
	roleNames := map[string]bool{}
	for _, e := range r.Map(yamlnode.Get(top, "roles"), "roles", nil) {
		ro := &Role{Name: e.Key, Weight: 1}
		w := "roles." + e.Key
		ro.Terms = readTerms(r, e.Value, w, map[string]func(*yaml.Node){
			"sex":    func(n *yaml.Node) { ro.Sex = r.Str(n, w+".sex") },
			"kin":    func(n *yaml.Node) { ro.Kin = r.Bool(n, w+".kin") },
			"plural": func(n *yaml.Node) { ro.Plural = r.Bool(n, w+".plural") },
			"child":  func(n *yaml.Node) { ro.Child = r.Bool(n, w+".child") },
			"weight": func(n *yaml.Node) {
				f, err := strconv.ParseFloat(r.Str(n, w+".weight"), 64)
				if err != nil || f <= 0 {
					r.Errorf(n, "%s.weight must be a positive number", w)
					return
				}
				ro.Weight = f
			},
			"members": func(n *yaml.Node) { ro.Members = r.Strs(n, w+".members") },
		})
		roleNames[e.Key] = true
		lex.Roles = append(lex.Roles, ro)
	}
	for _, ro := range lex.Roles {
		for _, m := range ro.Members {
			if !roleNames[m] {
				r.Errorf(nil, "roles.%s.members: unknown role %q", ro.Name, m)
			}
		}
	}
	for _, e := range r.Map(yamlnode.Get(top, "conditions"), "conditions", []string{"victim-disabled"}) {
		lex.Conditions[e.Key] = readTerms(r, e.Value, "conditions."+e.Key, nil)
	}
	codes := map[string]bool{}
	for _, e := range r.Map(yamlnode.Get(top, "acts"), "acts", nil) {
		if v != nil && v.Act(e.Key) == nil {
			r.Errorf(e.KeyN, "rules for unknown act type %q (not in reference/vocabulary.yaml)", e.Key)
			continue
		}
		codes[e.Key] = true
		lex.Acts = append(lex.Acts, readAct(r, e, v))
	}
	// cross-references
	for _, s := range lex.Signals {
		for _, n := range s.NotInside {
			if !signalNames[n] {
				r.Errorf(root, "signals.%s.not-inside: unknown signal %q", s.Name, n)
			}
		}
	}
	for _, a := range lex.Acts {
		check := func(lits []string, what string, allowLocal bool) {
			for _, l := range lits {
				name := strings.TrimPrefix(l, "!")
				name = strings.TrimPrefix(name, "event:")
				name = strings.TrimSuffix(name, ">")
				switch {
				case allowLocal && (name == "terms" || name == "neg"):
				case name == "perpetrator" || name == "perpetrator:KP" || name == "perpetrator:CN" || name == "first-plural":
				case name == "place:detention" || name == "place:prison" || strings.HasPrefix(name, "country:"):
				case signalNames[name]:
				default:
					r.Errorf(a.pos, "acts.%s.%s: unknown class %q (a signal name, terms, neg, perpetrator, perpetrator:KP, first-plural, place:detention, place:prison, country:XX, event:<signal>)", a.Code, what, l)
				}
			}
		}
		check(a.Support, "support", false)
		for _, c := range a.All {
			check(c, "all", true)
		}
		check(a.Unless, "unless", false)
		check(a.Requires, "requires", false)
		if a.Anchor != "" && !signalNames[a.Anchor] {
			r.Errorf(a.pos, "acts.%s.anchor: unknown signal %q", a.Code, a.Anchor)
		}
		for _, l := range append(append(append([]string{}, a.Absorbs...), a.Like...), a.IfChild, a.IfAdult) {
			if l != "" && v != nil && v.Act(l) == nil {
				r.Errorf(a.pos, "acts.%s: unknown act type %q", a.Code, l)
			}
		}
		if len(a.Strong) == 0 && len(a.All) == 0 && len(a.Neg) == 0 && len(a.Terms) == 0 {
			r.Warnf(a.pos, "acts.%s has no terms: it is never inferred", a.Code)
		}
	}
	if v != nil {
		for _, act := range v.Acts {
			if !codes[act.Code] {
				r.Warnf(root, "act type %q has no rules in the lexicon: it is never inferred from narratives", act.Code)
			}
		}
	}
	r.Diags.Sort()
	return lex, r.Diags
}

// readTerms reads a mapping of language -> list; other keys are given to extra.
func readTerms(r *yamlnode.Reader, n *yaml.Node, what string, extra map[string]func(*yaml.Node)) Terms {
	t := Terms{}
	for _, e := range r.Map(n, what, nil) {
		if f, ok := extra[e.Key]; ok {
			f(e.Value)
			continue
		}
		if len(e.Key) != 2 {
			r.Errorf(e.KeyN, "unknown key %q in %s (language codes en, fr, ko …)", e.Key, what)
			continue
		}
		for _, en := range r.StrNodes(e.Value, what+"."+e.Key) {
			if err := checkEntry(en.Value); err != "" {
				r.Errorf(en, "%s.%s: %q %s", what, e.Key, en.Value, err)
				continue
			}
			t[e.Key] = append(t[e.Key], en.Value)
		}
	}
	return t
}

func checkEntry(s string) string {
	if strings.TrimSpace(s) == "" {
		return "is empty"
	}
	f := strings.Fields(s)
	if f[0] == "~" || f[len(f)-1] == "~" {
		return "cannot start or end with ~"
	}
	for _, w := range f {
		if w == "*" || w == "=" {
			return "has a lone * or ="
		}
	}
	return ""
}

func readAct(r *yamlnode.Reader, e yamlnode.KV, v *vocab.Vocabulary) *ActRule {
	w := "acts." + e.Key
	a := &ActRule{Code: e.Key, pos: e.KeyN}
	f := r.Map(e.Value, w, []string{"strong", "terms", "neg", "except", "support", "all", "unless", "requires", "sub", "perpetrator", "victim", "absorbs", "anchor", "if-child", "if-adult", "once-by-place", "once-per-victim", "irrealis"})
	a.Strong = readTerms(r, yamlnode.Get(f, "strong"), w+".strong", nil)
	a.Terms = readTerms(r, yamlnode.Get(f, "terms"), w+".terms", nil)
	a.Neg = readTerms(r, yamlnode.Get(f, "neg"), w+".neg", nil)
	a.Except = readTerms(r, yamlnode.Get(f, "except"), w+".except", nil)
	a.Support = r.Strs(yamlnode.Get(f, "support"), w+".support")
	if n := yamlnode.Get(f, "all"); n != nil {
		if n.Kind != yaml.SequenceNode {
			r.Errorf(n, "%s.all must be a list of lists of classes", w)
		} else {
			for _, c := range n.Content {
				a.All = append(a.All, r.Strs(c, w+".all"))
			}
		}
	}
	a.Unless = r.Strs(yamlnode.Get(f, "unless"), w+".unless")
	a.Requires = r.Strs(yamlnode.Get(f, "requires"), w+".requires")
	for _, se := range r.Map(yamlnode.Get(f, "sub"), w+".sub", nil) {
		a.Sub = append(a.Sub, &Named{Code: se.Key, Terms: readTerms(r, se.Value, w+".sub."+se.Key, nil)})
	}
	a.Anchor = r.Str(yamlnode.Get(f, "anchor"), w+".anchor")
	a.Absorbs = r.Strs(yamlnode.Get(f, "absorbs"), w+".absorbs")
	a.IfChild = r.Str(yamlnode.Get(f, "if-child"), w+".if-child")
	a.IfAdult = r.Str(yamlnode.Get(f, "if-adult"), w+".if-adult")
	a.OnceByPlace = r.Bool(yamlnode.Get(f, "once-by-place"), w+".once-by-place")
	a.Irrealis = r.Bool(yamlnode.Get(f, "irrealis"), w+".irrealis")
	a.OncePerVictim = r.Bool(yamlnode.Get(f, "once-per-victim"), w+".once-per-victim")
	pf := r.Map(yamlnode.Get(f, "perpetrator"), w+".perpetrator", []string{"fixed", "allowed", "strict", "default", "place"})
	checkPerp := func(n *yaml.Node, code string) {
		if code != "" && v != nil && v.Perpetrator(code) == nil {
			r.Errorf(n, "%s.perpetrator: unknown perpetrator %q", w, code)
		}
	}
	a.Perp.Fixed = r.Str(yamlnode.Get(pf, "fixed"), w+".perpetrator.fixed")
	checkPerp(yamlnode.Get(pf, "fixed"), a.Perp.Fixed)
	for _, n := range r.StrNodes(yamlnode.Get(pf, "allowed"), w+".perpetrator.allowed") {
		checkPerp(n, n.Value)
		a.Perp.Allowed = append(a.Perp.Allowed, n.Value)
	}
	a.Perp.Strict = r.Bool(yamlnode.Get(pf, "strict"), w+".perpetrator.strict")
	a.Perp.Place = r.Bool(yamlnode.Get(pf, "place"), w+".perpetrator.place")
	a.Perp.Default = map[string]string{}
	for _, de := range r.Map(yamlnode.Get(pf, "default"), w+".perpetrator.default", nil) {
		code := r.Str(de.Value, w+".perpetrator.default."+de.Key)
		checkPerp(de.Value, code)
		a.Perp.Default[de.Key] = code
	}
	vf := r.Map(yamlnode.Get(f, "victim"), w+".victim", []string{"not-narrator", "like", "sex"})
	a.VictimSex = r.Str(yamlnode.Get(vf, "sex"), w+".victim.sex")
	a.NotNarrator = r.Bool(yamlnode.Get(vf, "not-narrator"), w+".victim.not-narrator")
	a.Like = r.Strs(yamlnode.Get(vf, "like"), w+".victim.like")
	return a
}

// CheckCatalogue reports refinements of the charter catalogue that no lexicon sub-signal
// can ever trigger: a refinement key must name a `sub` of the same act in the lexicon.
func (lex *Lexicon) CheckCatalogue(cat *charter.Catalogue) []string {
	var out []string
	acts := map[string]*ActRule{}
	for _, a := range lex.Acts {
		acts[a.Code] = a
	}
	keys := make([]string, 0, len(cat.Mappings))
	for k := range cat.Mappings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		m := cat.Mappings[k]
		for _, ref := range m.Refine {
			found := false
			if a := acts[k]; a != nil {
				for _, s := range a.Sub {
					found = found || s.Code == ref.Key
				}
			}
			if !found {
				out = append(out, fmt.Sprintf("%s: refinement %s.refine.%s has no lexicon sub-signal acts.%s.sub.%s; only its default can apply", cat.Source, k, ref.Key, k, ref.Key))
			}
		}
	}
	return out
}
