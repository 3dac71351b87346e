// Package classify says, for every event of a testimony, which acts happened and which
// articles of which human-rights instruments they engage — with the reason for each and
// the words it rests on.
//
// Human-rights practitioners distrust black boxes, and a filing must survive a lawyer's
// reading, so the classifier is a deterministic rule pipeline, not a model:
//
//   - acts are taken as coded by the researcher, or inferred from the narrative with the
//     lexicon (reference/lexicon.yaml) — strong terms, deprivation terms that only count
//     when negated ("no food", "재판도 없이"), and combinations of term classes in one
//     sentence — in Korean, English and French alike; negation, hearsay, uncertainty and
//     irrealis are read per clause; every inferred act carries a confidence and the exact
//     byte spans it rests on;
//   - articles come from the charter catalogue (reference/charters.yaml): each act type's
//     `always` articles, the `if` additions whose conditions hold (child victim at the
//     event date, female victim …) and the `refine` paragraphs whose sub-signals were
//     found, each reported for the responsible state as binding only if that state was
//     party on the event date;
//   - a reviewer's review.add / review.remove are applied last and recorded, because a
//     human has the last word.
//
// The output (EventResult) marshals to the JSON contract other tools rely on.
package classify

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/pscore/dossier/internal/charter"
	"github.com/pscore/dossier/internal/project"
	"github.com/pscore/dossier/internal/testimony"
	"github.com/pscore/dossier/internal/vocab"
)

// Origins of an act.
const (
	OriginCoded    = "coded"    // written in the testimony by a researcher
	OriginInferred = "inferred" // read from the narrative by the lexicon
	OriginReview   = "review"   // decided by a reviewer
)

// EventResult is the classification of one event: the JSON contract of `dossier classify
// --format json`, one object per event.
type EventResult struct {
	Testimony string          `json:"testimony"`
	Event     string          `json:"event"`
	Acts      []ActResult     `json:"acts"`
	Articles  []ArticleResult `json:"articles"`
	// Review records a reviewer's decision, applied after the rules.
	Review *ReviewResult `json:"review,omitempty"`
	// COI lists the crimes against humanity the Commission of Inquiry found for conduct of
	// this kind (DPRK perpetrators only). They are the COI's findings, never this
	// classifier's, and never a treaty article of the event.
	COI []COIResult `json:"coi,omitempty"`

	// Date and Place are the event's, for display; not part of the JSON contract.
	Date  testimony.Date  `json:"-"`
	Place testimony.Place `json:"-"`
}

// ActResult is one act: one perpetrator doing one kind of thing to one victim.
type ActResult struct {
	Type        string  `json:"type"`
	Victim      string  `json:"victim"`
	Perpetrator string  `json:"perpetrator"`
	Origin      string  `json:"origin"`
	Confidence  float64 `json:"confidence"`
	Evidence    []Span  `json:"evidence"`
	// Hearsay marks an act told at second hand (a hearsay cue, or a hearsay source).
	Hearsay bool `json:"hearsay,omitempty"`
	// Notes are short flags for a reviewer (uncertainty cues, ambiguous child status …).
	Notes []string `json:"notes,omitempty"`
}

// Span is a quote of the account: Text == account[Lang][Start:End], byte offsets.
type Span struct {
	Lang  string `json:"lang"`
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// ArticleResult is one article engaged by the event, for one responsible state.
type ArticleResult struct {
	Ref   string `json:"ref"`
	Title string `json:"title"`
	// State is the responsible state (ISO code): the perpetrator's, or for a non-state
	// perpetrator the state of the territory, whose duty to protect is engaged.
	State string `json:"state"`
	// Binding is true only if the state was party to the instrument on the event date;
	// otherwise the article is cited as a reference (always so for the UDHR).
	Binding  bool     `json:"binding"`
	Acts     []string `json:"acts"`
	Rules    []string `json:"rules"`
	Evidence []Span   `json:"evidence"`
	// Reason says why the rule cites the article; Basis why it is binding or a reference.
	Reason string `json:"reason"`
	Basis  string `json:"basis"`
	// Origin is "rule", or "review" for an article a reviewer added.
	Origin string `json:"origin"`
}

// Cited reports whether the article is cited against the state: binding treaty law, or the
// UDHR (always cited). Gold labels list exactly these.
func (a ArticleResult) Cited() bool {
	return a.Binding || charter.InstrumentOf(a.Ref) == "UDHR"
}

// ReviewResult records what a reviewer decided.
type ReviewResult struct {
	Added    []string `json:"added,omitempty"`
	Removed  []string `json:"removed,omitempty"`
	NotFound []string `json:"not_found,omitempty"` // removals that matched nothing
	Note     string   `json:"note,omitempty"`
}

// COIResult is a crime against humanity the UN Commission of Inquiry (2014) found for
// conduct of this kind.
type COIResult struct {
	Ref      string   `json:"ref"`
	Title    string   `json:"title"`
	Acts     []string `json:"acts"`
	FoundFor []string `json:"found_for"`
	Reason   string   `json:"reason"`
	Source   string   `json:"source"`
}

// Classifier classifies events. It is read-only once built and safe for concurrent use.
type Classifier struct {
	Cat   *charter.Catalogue
	Lex   *Lexicon
	Vocab *vocab.Vocabulary
	// Lang is the language of article titles: en (default), fr or ko.
	Lang string

	m    *matcher
	stem *stemmer

	nClasses  int
	synPerp   int32 // any named perpetrator
	synPerpKP int32
	synPerpCN int32

	signal     map[string]int32
	notInside  [][]int32 // by signal class: the classes whose hits swallow it
	lite       *matcher  // the sub-signal and detention terms only, for coded events
	acts       []*compiledAct
	actByCode  map[string]*compiledAct
	perpCode   map[int32]string // class -> perpetrator code
	generic    int32
	kpGeneric  int32
	instCode   map[int32]string
	roles      []*Role
	roleClass  map[int32]int // class -> role index
	roleByName map[string]int
	person     [5]int32
	cue        [8]int32
	disabled   int32
	actOrder   map[string]int
	rank       map[string]int32  // catalogue order of the articles (0: not in the catalogue)
	epochs     []stateEpochs     // entries into force per state of the catalogue
	lowerTitle map[string]string // English titles in lower case, for the COI's findings
	pool       sync.Pool

	peopleCache sync.Map // pseudonym -> *pseudoInfo
}

type compiledAct struct {
	rule                         *ActRule
	idx                          int
	strong, terms, neg, except   int32
	subs                         []int32
	support                      []literal
	all                          [][]literal
	unless, requires             []literal
	anchor                       int32
	allowed                      map[string]bool
	usesNegInAll, usesTermsInAll bool
	// trigger: classes one of which a sentence must hold for any rule to fire (a cheap
	// pre-check); anyTrigger when some rule needs no word of the sentence
	trigger    []uint64
	anyTrigger bool
}

// literal is one condition of a rule: a class present in the sentence (or the event, the
// place, the country), or absent when not is set.
type literal struct {
	scope   byte // 's' sentence, 'e' event, 'p' place, 'c' country
	cls     int32
	special byte // 't' this act's terms, 'n' this act's negated terms, 'D' place:detention, 'P' place:prison
	country string
	not     bool
	after   bool // "x>": after the previous literal's words, within 8 words
}

// Load builds the classifier of a project: its vocabulary, charter catalogue and lexicon
// (project files, or the embedded defaults).
func Load(p *project.Project) (*Classifier, error) {
	v, err := vocab.Load(p)
	if err != nil {
		return nil, err
	}
	cat, err := charter.Load(p)
	if err != nil {
		return nil, err
	}
	lex, err := LoadLexicon(p)
	if err != nil {
		return nil, err
	}
	return New(cat, lex, v)
}

// New compiles a classifier from a catalogue, a lexicon and a vocabulary.
func New(cat *charter.Catalogue, lex *Lexicon, v *vocab.Vocabulary) (*Classifier, error) {
	c := &Classifier{Cat: cat, Lex: lex, Vocab: v, Lang: "en", stem: &stemmer{lemmas: lex.Lemmas}}
	c.m = newMatcher(c.stem)
	c.signal = map[string]int32{}
	for _, s := range lex.Signals {
		c.signal[s.Name] = c.m.addClass(class{kind: ckSignal, negatable: s.Negatable, irrealis: s.Irrealis}, s.Terms)
	}
	c.notInside = make([][]int32, len(c.m.classes)) // signals are the first classes
	for _, s := range lex.Signals {
		for _, n := range s.NotInside {
			c.notInside[c.signal[s.Name]] = append(c.notInside[c.signal[s.Name]], c.signal[n])
		}
	}
	c.perpCode = map[int32]string{}
	c.generic, c.kpGeneric = -1, -1
	for i, p := range lex.Perpetrators {
		switch p.Code {
		case "generic":
			c.generic = c.m.addClass(class{kind: ckGeneric, idx: i, negatable: true}, p.Terms)
		case "kp-generic":
			c.kpGeneric = c.m.addClass(class{kind: ckKPGeneric, idx: i, negatable: true}, p.Terms)
		default:
			id := c.m.addClass(class{kind: ckPerp, idx: i, negatable: true}, p.Terms)
			c.perpCode[id] = p.Code
		}
	}
	c.instCode = map[int32]string{}
	for i, p := range lex.Institutions {
		c.instCode[c.m.addClass(class{kind: ckInstitution, idx: i}, p.Terms)] = p.Code
	}
	c.roles = lex.Roles
	c.roleClass = map[int32]int{}
	c.roleByName = map[string]int{}
	for i, r := range lex.Roles {
		c.roleClass[c.m.addClass(class{kind: ckRole, idx: i}, r.Terms)] = i
		c.roleByName[r.Name] = i
	}
	for i, name := range personClasses {
		c.person[i] = c.m.addClass(class{kind: ckPerson, idx: i}, lex.Persons[name])
	}
	for i, name := range cueNames {
		c.cue[i] = c.m.addClass(class{kind: ckCue, idx: i}, lex.Cues[name])
	}
	c.disabled = c.m.addClass(class{kind: ckDisabled}, lex.Conditions["victim-disabled"])
	c.actByCode = map[string]*compiledAct{}
	for i, a := range lex.Acts {
		ca := &compiledAct{rule: a, idx: i, anchor: -1}
		ca.strong = c.m.addClass(class{kind: ckActStrong, idx: i, negatable: true, irrealis: a.Irrealis}, a.Strong)
		ca.terms = c.m.addClass(class{kind: ckActTerm, idx: i, negatable: true, irrealis: a.Irrealis}, a.Terms)
		ca.neg = c.m.addClass(class{kind: ckActNeg, idx: i}, a.Neg)
		ca.except = c.m.addClass(class{kind: ckActExcept, idx: i}, a.Except)
		for j, s := range a.Sub {
			ca.subs = append(ca.subs, c.m.addClass(class{kind: ckSub, idx: i, sub: j}, s.Terms))
		}
		c.acts = append(c.acts, ca)
		c.actByCode[a.Code] = ca
	}
	// the reduced matcher for coded events: only what their articles read from the
	// narrative (refinement sub-signals, detention words)
	c.lite = newMatcher(c.stem)
	for i, a := range lex.Acts {
		for j, s := range a.Sub {
			c.lite.addTerms(c.acts[i].subs[j], s.Terms)
		}
	}
	for _, s := range lex.Signals {
		if s.Name == "detention" {
			c.lite.addTerms(c.signal[s.Name], s.Terms)
			for _, n := range s.NotInside {
				for _, o := range lex.Signals {
					if o.Name == n {
						c.lite.addTerms(c.signal[n], o.Terms)
					}
				}
			}
		}
	}
	c.lite.classes = c.m.classes
	c.nClasses = len(c.m.classes)
	c.synPerp = int32(c.nClasses)
	c.synPerpKP = int32(c.nClasses + 1)
	c.synPerpCN = int32(c.nClasses + 2)
	c.nClasses += 3
	var errs []string
	for _, ca := range c.acts {
		var err error
		a := ca.rule
		if ca.support, err = c.literals(ca, a.Support); err != nil {
			errs = append(errs, err.Error())
		}
		for _, combo := range a.All {
			ls, err := c.literals(ca, combo)
			if err != nil {
				errs = append(errs, err.Error())
			}
			for _, l := range ls {
				ca.usesNegInAll = ca.usesNegInAll || l.special == 'n'
				ca.usesTermsInAll = ca.usesTermsInAll || l.special == 't'
			}
			ca.all = append(ca.all, ls)
		}
		if ca.unless, err = c.literals(ca, a.Unless); err != nil {
			errs = append(errs, err.Error())
		}
		if ca.requires, err = c.literals(ca, a.Requires); err != nil {
			errs = append(errs, err.Error())
		}
		if a.Anchor != "" {
			ca.anchor = c.signal[a.Anchor]
		}
		if len(a.Perp.Allowed) > 0 {
			ca.allowed = map[string]bool{}
			for _, p := range a.Perp.Allowed {
				ca.allowed[p] = true
			}
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s: %s", lex.Source, strings.Join(errs, "; "))
	}
	for _, ca := range c.acts {
		ca.trigger = make([]uint64, bitsWords(c.nClasses))
		setBit(ca.trigger, ca.strong)
		setBit(ca.trigger, ca.neg)
		setBit(ca.trigger, ca.terms)
		for _, combo := range ca.all {
			found := false
			for _, l := range combo {
				if l.scope == 's' && !l.not {
					setBit(ca.trigger, l.cls)
					found = true
					break
				}
			}
			if !found {
				ca.anyTrigger = true
			}
		}
	}
	c.actOrder = map[string]int{}
	if v != nil {
		for i, a := range v.Acts {
			c.actOrder[a.Code] = i
		}
	}
	for st := range cat.States {
		se := stateEpochs{state: st}
		for _, in := range cat.Instruments {
			if p := in.Parties[st]; p != nil && p.State != "not-party" && p.State != "signed" {
				f := cat.EntryIntoForce(in.Code, st).First()
				se.dates = append(se.dates, int32(f.Year()*10000+int(f.Month())*100+f.Day()))
			}
		}
		slices.Sort(se.dates)
		c.epochs = append(c.epochs, se)
	}
	slices.SortFunc(c.epochs, func(a, b stateEpochs) int { return strings.Compare(a.state, b.state) })
	c.lowerTitle = map[string]string{}
	for ref := range cat.Articles {
		c.lowerTitle[ref] = strings.ToLower(cat.Title(ref, "en"))
	}
	refs := make([]string, 0, len(cat.Articles))
	for ref := range cat.Articles {
		refs = append(refs, ref)
	}
	cat.Sort(refs)
	c.rank = make(map[string]int32, len(refs))
	for i, ref := range refs {
		c.rank[ref] = int32(i) + 1
	}
	return c, nil
}

func (c *Classifier) literals(ca *compiledAct, names []string) ([]literal, error) {
	out := make([]literal, 0, len(names))
	for _, n := range names {
		l := literal{scope: 's'}
		if strings.HasPrefix(n, "!") {
			l.not = true
			n = n[1:]
		}
		if strings.HasSuffix(n, ">") {
			l.after = true
			n = n[:len(n)-1]
		}
		if strings.HasPrefix(n, "event:") {
			l.scope = 'e'
			n = n[len("event:"):]
		}
		switch {
		case n == "terms":
			l.special, l.cls = 't', ca.terms
		case n == "neg":
			l.special, l.cls = 'n', ca.neg
		case n == "perpetrator":
			l.cls = c.synPerp
		case n == "perpetrator:KP":
			l.cls = c.synPerpKP
		case n == "perpetrator:CN":
			l.cls = c.synPerpCN
		case n == "first-plural":
			l.cls = c.person[pFirstPlural]
		case n == "place:detention":
			l.scope, l.special = 'p', 'D'
		case n == "place:prison":
			l.scope, l.special = 'p', 'P'
		case strings.HasPrefix(n, "country:"):
			l.scope, l.country = 'c', strings.TrimPrefix(n, "country:")
		default:
			id, ok := c.signal[n]
			if !ok {
				return nil, fmt.Errorf("acts.%s: unknown class %q", ca.rule.Code, n)
			}
			l.cls = id
		}
		out = append(out, l)
	}
	return out, nil
}

// Version is the combined rule-set version (charters + lexicon) that build manifests record.
func (c *Classifier) Version() string {
	return "charters " + c.Cat.Version + ", lexicon " + c.Lex.Version
}

// Testimony classifies every event of a testimony, in file order.
func (c *Classifier) Testimony(t *testimony.Testimony) []EventResult {
	w := c.getWork()
	defer c.putWork(w)
	people := c.people(t, w)
	out := make([]EventResult, 0, len(t.Events))
	tctx := &testimonyCtx{t: t, people: people, dead: map[string]bool{}, had: map[[2]string]bool{}}
	c.placeKinds(t, tctx, w)
	for i := range t.Events {
		e := &t.Events[i]
		var acts []ActResult
		var ev *eventCtx
		if len(e.Acts) > 0 {
			acts = coded(e)
			ev = c.analyse(t, e, i, tctx, w, false)
		} else {
			ev = c.analyse(t, e, i, tctx, w, true)
			acts = ev.acts
		}
		for _, a := range acts {
			if a.Type == "killing" || a.Type == "death-in-custody" {
				tctx.dead[a.Victim] = true
			}
			tctx.had[[2]string{a.Type, a.Victim}] = true
		}
		c.sortActs(acts)
		r := EventResult{Testimony: t.ID, Event: e.ID, Acts: acts, Date: e.Date, Place: e.Place}
		c.articles(&r, t, e, ev, w)
		out = append(out, r)
	}
	return out
}

// Corpus classifies testimonies on all cores, keeping their order.
func (c *Classifier) Corpus(ts []*testimony.Testimony) []EventResult {
	res := make([][]EventResult, len(ts))
	var wg sync.WaitGroup
	next := make(chan int, len(ts))
	for i := range ts {
		next <- i
	}
	close(next)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				res[i] = c.Testimony(ts[i])
			}
		}()
	}
	wg.Wait()
	n := 0
	for _, r := range res {
		n += len(r)
	}
	out := make([]EventResult, 0, n)
	for _, r := range res {
		out = append(out, r...)
	}
	return out
}

func coded(e *testimony.Event) []ActResult {
	out := make([]ActResult, 0, len(e.Acts))
	seen := map[[3]string]bool{}
	for _, a := range e.Acts {
		k := [3]string{a.Type, a.Victim, a.Perpetrator}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, ActResult{Type: a.Type, Victim: a.Victim, Perpetrator: a.Perpetrator, Origin: OriginCoded, Confidence: 1, Evidence: []Span{}})
	}
	return out
}

func (c *Classifier) sortActs(acts []ActResult) {
	slices.SortStableFunc(acts, func(a, b ActResult) int {
		if a.Type != b.Type {
			oa, oka := c.actOrder[a.Type]
			ob, okb := c.actOrder[b.Type]
			if oka && okb {
				return oa - ob
			}
			return strings.Compare(a.Type, b.Type)
		}
		if a.Victim != b.Victim {
			return strings.Compare(a.Victim, b.Victim)
		}
		return strings.Compare(a.Perpetrator, b.Perpetrator)
	})
}

// work is the scratch memory of one classification, reused across calls.
type work struct {
	scope   []int32 // markScope's sentences
	hits    []hit
	sid     []int32
	slab    []uint64
	off     int
	toks    []token
	toff    int
	hslab   []hit
	hoff    int
	place   map[[3]string]*placeInfo
	applies map[appliesKey]charter.Applicability
	bases   map[[3]string]string
	words   map[*latinIndex]*wordCache // by language and matcher
	// templates: the articles an act engages, by kind, state, date and conditions
	templates map[tmplKey][]tmplEntry
	epochs    map[epochKey]int
	// an event's articles while they are built
	arts  []ArticleResult
	metas []artMeta
	strs  []string
	// an event's COI findings while they are collected
	coiRows []coiRow
	coiStrs []string
	// per-testimony scratch
	evs      slab[eventCtx]
	dcs      slab[docCtx]
	cands    slab[candidate]
	rows     slab[[]uint64]
	flags    slab[bool]
	ments    slab[mention]
	accs     slab[acc]
	ints     slab[int]
	docs     slab[doc]
	docPtrs  slab[*docCtx]
	int32s   slab[int32]
	subs     slab[subHit]
	candPtrs slab[*candidate]
	pseud    map[string]*pseudoInfo // pseudonyms read, before the shared cache
}

// wordCache returns the worker's cache of words for a language (nil for Korean, whose
// words are matched as substrings).
func (w *work) wordCache(c *Classifier, m *matcher, lang string) *wordCache {
	ix := m.latin[lang]
	if ix == nil || compactMode(lang) {
		return nil
	}
	if w.words == nil {
		w.words = map[*latinIndex]*wordCache{}
	}
	wc := w.words[ix]
	if wc == nil {
		wc = &wordCache{ix: ix, st: c.stem}
		w.words[ix] = wc
	}
	return wc
}

// tokens returns free token storage of at least n for one document.
func (w *work) tokens(n int) []token {
	if w.toff+n > len(w.toks) {
		w.toks = make([]token, max(4096, 2*n, len(w.toks)))
		w.toff = 0
	}
	return w.toks[w.toff : w.toff : w.toff+n]
}

// used marks storage as taken by a document; a document that outgrew it used its own.
func (w *work) used(n, capacity int) {
	if capacity <= len(w.toks)-w.toff {
		w.toff += n
	}
}

// hitSlab returns storage for n hits, valid until the work is returned to the pool.
func (w *work) hitSlab(n int) []hit {
	if w.hoff+n > len(w.hslab) {
		w.hslab = make([]hit, max(2048, 2*n, len(w.hslab)))
		w.hoff = 0
	}
	h := w.hslab[w.hoff : w.hoff+n : w.hoff+n]
	w.hoff += n
	return h
}

func (c *Classifier) getWork() *work {
	if w, ok := c.pool.Get().(*work); ok {
		return w
	}
	return &work{place: map[[3]string]*placeInfo{}, applies: map[appliesKey]charter.Applicability{}, bases: map[[3]string]string{}, templates: map[tmplKey][]tmplEntry{}, epochs: map[epochKey]int{}}
}

func (c *Classifier) putWork(w *work) {
	if len(w.place) > 256 {
		w.place = map[[3]string]*placeInfo{}
	}
	w.off, w.toff, w.hoff = 0, 0, 0
	w.evs.reset()
	w.dcs.reset()
	w.cands.reset()
	w.rows.reset()
	w.flags.reset()
	w.ments.reset()
	w.accs.reset()
	w.ints.reset()
	w.docs.reset()
	w.docPtrs.reset()
	w.int32s.reset()
	w.subs.reset()
	w.candPtrs.reset()
	if len(w.applies) > 4096 {
		w.applies = map[appliesKey]charter.Applicability{}
	}
	if len(w.bases) > 4096 {
		w.bases = map[[3]string]string{}
	}
	c.pool.Put(w)
}
