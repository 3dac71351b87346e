package classify

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pscore/dossier/internal/charter"
	"github.com/pscore/dossier/internal/testimony"
)

// responsible returns the state answering for an act and whether its perpetrator is a
// non-state actor (then the territorial state answers for its duty to protect).
func (c *Classifier) responsible(perp, country string) (string, bool) {
	if p := c.Vocab.Perpetrator(perp); p != nil && p.State != "" {
		return p.State, false
	}
	return country, true
}

// stateEpochs holds, for one state, the dates (yyyymmdd) on which an instrument entered
// into force for it, sorted: the epoch of a date is how many are on or before it.
type stateEpochs struct {
	state string
	dates []int32
}

// dateLast encodes the last day a (possibly partial) date can mean as yyyymmdd; a month
// precision date counts as in force if the entry into force falls within the month.
func dateLast(d testimony.Date) int32 {
	m, day := d.Month, d.Day
	if m == 0 {
		m, day = 12, 31
	} else if day == 0 {
		day = 31
	}
	return int32(d.Year*10000 + m*100 + day)
}

// epoch is charter.Epoch: counted from the precomputed entries into force for the
// catalogue's states, else memoised per worker.
func (c *Classifier) epoch(w *work, state string, d testimony.Date) int {
	if d.IsZero() {
		return -1
	}
	for i := range c.epochs {
		if se := &c.epochs[i]; se.state == state {
			last, n := dateLast(d), 0
			for _, x := range se.dates {
				if x > last {
					break
				}
				n++
			}
			return n
		}
	}
	k := epochKey{state, d}
	if e, ok := w.epochs[k]; ok {
		return e
	}
	e := c.Cat.Epoch(state, d)
	if len(w.epochs) > 16384 {
		clear(w.epochs)
	}
	w.epochs[k] = e
	return e
}

type epochKey struct {
	state string
	date  testimony.Date
}

// nonStateBasis says why a non-state perpetrator's act engages a state, memoised.
func (c *Classifier) nonStateBasis(w *work, perp, state, basis string) string {
	k := [3]string{perp, state, basis}
	if s, ok := w.bases[k]; ok {
		return s
	}
	s := fmt.Sprintf("non-state perpetrator (%s): engages %s duty to protect (due diligence); %s", perp, possessive(c.Cat.StateName(state, "en")), basis)
	w.bases[k] = s
	return s
}

func possessive(name string) string {
	if name == strings.ToUpper(name) {
		return "the " + name + "'s"
	}
	return name + "'s"
}

// coiRow is a COI finding while an event's findings are collected.
type coiRow struct {
	res     COIResult
	reason  string
	connect bool // found only as persecution, which needs another listed act
}

// artMeta is the working state of one article while an event's articles are built.
type artMeta struct {
	reasons [4]string
	nr      int
	level   string // the article of a paragraph; "" for an article
	shared  bool   // Evidence is an act's slice, copied before it is extended
	dead    bool   // merged into a paragraph
}

// articles maps the event's acts to articles, applies the review and lists the COI's
// findings.
func (c *Classifier) articles(r *EventResult, t *testimony.Testimony, e *testimony.Event, ev *eventCtx, w *work) {
	// events cite a handful of articles: slices searched linearly beat maps. They are built
	// in the worker's scratch space and copied out at their final size.
	arts := w.arts[:0]
	metas := w.metas[:0]
	strs := w.strs[:0] // backing for the small Acts/Rules lists while they are built
	small := func() []string {
		if cap(strs)-len(strs) < 2 {
			strs = make([]string, 0, max(64, 2*cap(strs)))
			w.strs = strs
		}
		s := strs[len(strs) : len(strs) : len(strs)+2]
		strs = strs[:len(strs)+2]
		return s
	}
	addReason := func(m *artMeta, reason string) {
		if reason == "" {
			return
		}
		for i := 0; i < m.nr; i++ {
			if m.reasons[i] == reason {
				return
			}
		}
		if m.nr < len(m.reasons) {
			m.reasons[m.nr] = reason
			m.nr++
		}
	}
	add := func(en *tmplEntry, state, act string, evidence []Span) {
		idx := -1
		for i := range arts {
			if arts[i].Ref == en.ref && arts[i].State == state {
				idx = i
				break
			}
		}
		if idx < 0 {
			ev := evidence
			if len(ev) > 8 {
				ev = ev[:8:8]
			}
			arts = append(arts, ArticleResult{Ref: en.ref, Title: en.title, State: state, Binding: en.binding, Basis: en.basis, Origin: "rule", Evidence: ev, Acts: small(), Rules: small()})
			metas = append(metas, artMeta{shared: true, level: en.level})
			idx = len(arts) - 1
		}
		a, m := &arts[idx], &metas[idx]
		a.Acts = appendStr(a.Acts, act)
		a.Rules = appendStr(a.Rules, en.rule)
		addReason(m, en.reason)
		for _, sp := range evidence {
			if !hasSpan(a.Evidence, sp) && len(a.Evidence) < 8 {
				if m.shared {
					a.Evidence = append(make([]Span, 0, len(a.Evidence)+2), a.Evidence...)
					m.shared = false
				}
				a.Evidence = append(a.Evidence, sp)
			}
		}
	}
	for ai := range r.Acts {
		act := &r.Acts[ai]
		m := c.Cat.Mappings[act.Type]
		if m == nil {
			continue
		}
		state, nonState := c.responsible(act.Perpetrator, e.Place.Country)
		cond := c.conditions(act, t.Person(act.Victim), e, ev, state, nonState)
		if cond.age18 {
			act.Notes = appendStr(act.Notes, "victim aged exactly 18 in the event year (year-only dates): not counted as a child; check")
		}
		var refine uint32
		for i, ad := range m.Refine {
			if ev.sub(act.Type, ad.Key) != nil {
				refine |= 1 << uint(i)
			}
		}
		tmpl := c.template(w, m, act.Perpetrator, state, nonState, cond, refine, e.Date)
		for i := range tmpl {
			en := &tmpl[i]
			evidence := act.Evidence
			if en.sub >= 0 {
				evidence = ev.sub(act.Type, m.Refine[en.sub].Key)
			}
			add(en, state, act.Type, evidence)
		}
	}
	// a paragraph replaces its bare article for the same state (ICCPR-12.2 over ICCPR-12)
	for i := range arts {
		a := &arts[i]
		if metas[i].level != "" {
			continue // a paragraph
		}
		merged := false
		for j := range arts {
			p := &arts[j]
			if j == i || metas[j].dead || metas[j].level != a.Ref || p.State != a.State {
				continue
			}
			merged = true
			for _, x := range a.Acts {
				p.Acts = appendStr(p.Acts, x)
			}
			for _, x := range a.Rules {
				p.Rules = appendStr(p.Rules, x)
			}
			for k := 0; k < metas[i].nr; k++ {
				addReason(&metas[j], metas[i].reasons[k])
			}
		}
		metas[i].dead = merged
	}
	kept := arts[:0]
	for i := range arts {
		if metas[i].dead {
			continue
		}
		a := arts[i]
		m := &metas[i]
		if m.nr == 1 {
			a.Reason = m.reasons[0]
		} else if m.nr > 1 {
			a.Reason = strings.Join(m.reasons[:m.nr], "; ")
		}
		kept = append(kept, a)
	}
	arts = kept
	// the reviewer decides last
	if rv := e.Review; rv != nil {
		rr := &ReviewResult{Note: rv.Note}
		for _, rm := range rv.Remove {
			hit := false
			kept := arts[:0]
			for _, a := range arts {
				if reviewMatches(rm, a.Ref) {
					hit = true
					continue
				}
				kept = append(kept, a)
			}
			arts = kept
			if hit {
				rr.Removed = append(rr.Removed, rm)
			} else {
				rr.NotFound = append(rr.NotFound, rm)
			}
		}
		for _, ref := range rv.Add {
			rr.Added = append(rr.Added, ref)
			states := c.eventStates(r, e)
			acts := make([]string, 0, len(r.Acts))
			for _, a := range r.Acts {
				acts = appendStr(acts, a.Type)
			}
			if len(acts) == 0 {
				acts = []string{OriginReview}
			}
			reason := "added by a reviewer"
			if rv.Note != "" {
				reason += ": " + rv.Note
			}
			for _, st := range states {
				found := false
				for i := range arts {
					if arts[i].Ref == ref && arts[i].State == st {
						arts[i].Rules = appendStr(arts[i].Rules, "review.add")
						found = true
					}
				}
				if found {
					continue
				}
				ap := c.applies(w, ref, st, e.Date)
				arts = append(arts, ArticleResult{Ref: ref, Title: c.Cat.Title(ref, c.lang()), State: st, Binding: ap.Binding, Basis: ap.Basis,
					Acts: acts, Rules: []string{"review.add"}, Evidence: []Span{}, Reason: reason, Origin: OriginReview})
			}
		}
		r.Review = rr
	}
	w.arts, w.metas = arts[:0], metas[:0]
	// the result, at its size: Acts and Rules share one backing array
	total := 0
	for i := range arts {
		total += len(arts[i].Acts) + len(arts[i].Rules)
	}
	out := make([]ArticleResult, len(arts))
	backing := make([]string, total)
	var rbuf [32]int32
	ranks := rbuf[:0]
	for i := range arts {
		a := arts[i]
		n := copy(backing, a.Acts)
		a.Acts, backing = backing[:n:n], backing[n:]
		n = copy(backing, a.Rules)
		a.Rules, backing = backing[:n:n], backing[n:]
		// insertion sort: a handful of articles, mostly in order already; catalogue ranks
		// spare the comparison of references
		rk := c.rank[a.Ref]
		ranks = append(ranks, rk)
		j := i
		for j > 0 {
			pk := ranks[j-1]
			var cmp int
			if rk > 0 && pk > 0 && pk != rk {
				cmp = int(pk - rk)
			} else {
				cmp = c.articleOrder(out[j-1], a)
			}
			if cmp <= 0 {
				break
			}
			out[j], ranks[j] = out[j-1], pk
			j--
		}
		out[j], ranks[j] = a, rk
	}
	arts = out
	r.Articles = arts
	r.COI = c.coi(r, e, ev, w)
	if r.Acts == nil {
		r.Acts = []ActResult{}
	}
	for i := range r.Acts {
		if r.Acts[i].Evidence == nil {
			r.Acts[i].Evidence = []Span{}
		}
	}
}

func (c *Classifier) lang() string {
	if c.Lang == "" {
		return "en"
	}
	return c.Lang
}

// articleOrder lists articles by instrument and number, then by state.
func (c *Classifier) articleOrder(a, b ArticleResult) int {
	if a.Ref != b.Ref {
		if c.Cat.Less(a.Ref, b.Ref) {
			return -1
		}
		return 1
	}
	return strings.Compare(a.State, b.State)
}

// reviewMatches: a removal at article level (UDHR-13) removes its paragraphs; a paragraph
// (ICCPR-12.2) removes itself and the bare article.
func reviewMatches(rm, ref string) bool {
	if rm == ref {
		return true
	}
	if !charter.SameArticle(rm, ref) {
		return false
	}
	return charter.ArticleLevel(rm) == rm || charter.ArticleLevel(ref) == ref
}

// eventStates are the states responsible for an event's acts, or its territory.
func (c *Classifier) eventStates(r *EventResult, e *testimony.Event) []string {
	var out []string
	for _, a := range r.Acts {
		st, _ := c.responsible(a.Perpetrator, e.Place.Country)
		if st != "" {
			out = appendStr(out, st)
		}
	}
	if len(out) == 0 {
		out = []string{e.Place.Country}
	}
	sort.Strings(out)
	return out
}

// tmplEntry is one article an act engages, with what it needs said about it.
type tmplEntry struct {
	ref, title, rule, reason, basis string
	level                           string // the article of a paragraph (ICCPR-12 for ICCPR-12.2); "" for an article
	binding                         bool
	sub                             int // refinement whose words are its evidence; -1: the act's
}

type tmplKey struct {
	m           *charter.Mapping
	perp, state string
	nonState    bool
	cond        conds
	refine      uint32
	epoch       int // charter.Epoch: dates with the same applicability share a template
}

// template lists the articles one act engages — always, the `if` rows whose conditions
// hold, the refinements found (or the default) — with titles and applicability, memoised
// per worker: acts of one kind, state, date and conditions cite the same articles.
func (c *Classifier) template(w *work, m *charter.Mapping, perp, state string, nonState bool, cond conds, refine uint32, date testimony.Date) []tmplEntry {
	k := tmplKey{m: m, state: state, nonState: nonState, cond: cond, refine: refine, epoch: c.epoch(w, state, date)}
	if nonState {
		k.perp = perp
	}
	if t, ok := w.templates[k]; ok {
		return t
	}
	var out []tmplEntry
	entry := func(ref, rule, reason string, sub int) {
		ap := c.applies(w, ref, state, date)
		basis := ap.Basis
		if nonState && charter.InstrumentOf(ref) != "UDHR" {
			basis = c.nonStateBasis(w, perp, state, ap.Basis)
		}
		en := tmplEntry{ref: ref, title: c.Cat.Title(ref, c.lang()), rule: rule, reason: reason, basis: basis, binding: ap.Binding, sub: sub}
		if lv := charter.ArticleLevel(ref); lv != ref {
			en.level = lv
		}
		out = append(out, en)
	}
	for _, ref := range m.Always {
		if nonState && m.StateAgentOnly[ref] {
			continue
		}
		entry(ref, m.AlwaysRule, m.Reason, -1)
	}
	for _, ad := range m.If {
		if cond.holds(ad.Key) {
			for _, ref := range ad.Add {
				entry(ref, ad.Rule, ad.Reason, -1)
			}
		}
	}
	for i, ad := range m.Refine {
		if refine&(1<<uint(i)) != 0 {
			for _, ref := range ad.Add {
				entry(ref, ad.Rule, ad.Reason, i)
			}
		}
	}
	if refine == 0 && m.DefaultRefine != "" {
		for _, ad := range m.Refine {
			if ad.Key == m.DefaultRefine {
				for _, ref := range ad.Add {
					entry(ref, ad.Rule, ad.DefaultReason, -1)
				}
			}
		}
	}
	if len(w.templates) > 8192 {
		clear(w.templates)
	}
	w.templates[k] = out
	return out
}

// conds are the `if` keys of the catalogue for one act (charter.Conditions).
type conds struct {
	stateKP, stateCN, nonState, territoryCN, inDetention, disabled, female, child, age18 bool
}

func (c conds) holds(key string) bool {
	switch key {
	case "state-KP":
		return c.stateKP
	case "state-CN":
		return c.stateCN
	case "non-state":
		return c.nonState
	case "territory-CN":
		return c.territoryCN
	case "in-detention":
		return c.inDetention
	case "victim-disabled":
		return c.disabled
	case "victim-female":
		return c.female
	case "victim-child":
		return c.child
	}
	return false
}

// conditions computes the `if` keys of the catalogue for one act.
func (c *Classifier) conditions(a *ActResult, p *testimony.Person, e *testimony.Event, ev *eventCtx, state string, nonState bool) conds {
	m := conds{
		stateKP:     !nonState && state == "KP",
		stateCN:     !nonState && state == "CN",
		nonState:    nonState,
		territoryCN: nonState && e.Place.Country == "CN",
	}
	if ev != nil {
		m.inDetention = ev.inDetention
		m.disabled = ev.disabled[a.Victim]
	}
	if p != nil {
		m.female = p.Sex == "female"
		if p.Born > 0 && !e.Date.IsZero() {
			age := e.Date.Year - p.Born
			m.child = age < 18
			m.age18 = age == 18
		}
	}
	return m
}

type appliesKey struct {
	inst, state string
	epoch       int
}

// applies memoises charter.Applies: binding depends only on the instrument, the state
// and the date, and its explanation is formatted text.
func (c *Classifier) applies(w *work, ref, state string, d testimony.Date) charter.Applicability {
	k := appliesKey{charter.InstrumentOf(ref), state, c.epoch(w, state, d)}
	if ap, ok := w.applies[k]; ok {
		return ap
	}
	ap := c.Cat.Applies(ref, state, d)
	w.applies[k] = ap
	return ap
}

var coiGroups = map[string]string{
	"political-prison-camps": "inmates of political prison camps",
	"ordinary-prisons":       "inmates of ordinary prisons",
	"religious-believers":    "religious believers",
	"persons-fleeing":        "persons who try to flee the country, including those forcibly returned",
	"starving-population":    "the starving population",
	"foreign-abductees":      "persons abducted from other countries",
}

func groupNames(gs []string) string {
	out := make([]string, len(gs))
	for i, g := range gs {
		if n, ok := coiGroups[g]; ok {
			out[i] = n
		} else {
			out[i] = strings.ReplaceAll(g, "-", " ")
		}
	}
	return strings.Join(out, "; ")
}

// coi lists the Commission of Inquiry's findings for DPRK conduct of the event's kinds.
func (c *Classifier) coi(r *EventResult, e *testimony.Event, ev *eventCtx, w *work) []COIResult {
	// only DPRK agents' acts of kinds the COI found crimes for are concerned
	any := false
	for _, a := range r.Acts {
		if m := c.Cat.Mappings[a.Type]; m != nil && len(m.COI) > 0 {
			if st, nonState := c.responsible(a.Perpetrator, e.Place.Country); !nonState && st == "KP" {
				any = true
				break
			}
		}
	}
	if !any {
		return nil
	}
	has := func(t string) bool {
		for _, a := range r.Acts {
			if a.Type == t {
				return true
			}
		}
		return false
	}
	ppc := has("political-prison-camp")
	if !ppc && ev != nil {
		if ca, ok := c.actByCode["political-prison-camp"]; ok && hasBit(ev.place.bits, ca.strong) {
			ppc = true
		}
	}
	inDet := ev != nil && ev.inDetention
	// the groups the COI found crimes against that the event's acts belong to
	religious, fleeing, abducted := has("religion"), has("forced-repatriation") || has("movement-restriction"), has("abduction")
	prisoners, starving := inDet && !has("political-prison-camp"), has("food-deprivation") && !inDet
	group := func(g string) bool {
		switch g {
		case "political-prison-camps":
			return ppc
		case "religious-believers":
			return religious
		case "persons-fleeing":
			return fleeing
		case "foreign-abductees":
			return abducted
		case "ordinary-prisons":
			return prisoners
		case "starving-population":
			return starving
		}
		return false
	}
	rows := w.coiRows[:0]
	cstrs := w.coiStrs[:0] // backing of the rows' Acts and FoundFor while they are built
	defer func() { w.coiRows = rows[:0] }()
	var qbuf [8]string
	qualified := qbuf[:0] // act types with a row of their own (not persecution alone)
	for _, a := range r.Acts {
		st, nonState := c.responsible(a.Perpetrator, e.Place.Country)
		if nonState || st != "KP" {
			continue
		}
		m := c.Cat.Mappings[a.Type]
		if m == nil {
			continue
		}
		for _, cr := range m.COI {
			found := false
			for _, g := range cr.FoundFor {
				found = found || group(g)
			}
			if !found {
				continue
			}
			if cr.When != "" && !has(cr.When) {
				if cr.When == "in-detention" && !inDet || cr.When != "in-detention" && (ev == nil || ev.sub(a.Type, cr.When) == nil) {
					continue
				}
			}
			if !cr.RequiresConnectedAct {
				qualified = appendStr(qualified, a.Type)
			}
			k := -1
			for i := range rows {
				if rows[i].res.Ref == cr.Ref {
					k = i
				}
			}
			if k < 0 {
				reason := cr.Reason
				if reason == "" {
					reason = c.lowerTitle[cr.Ref]
				}
				if cap(cstrs)-len(cstrs) < 8 {
					cstrs = make([]string, 0, max(64, 2*cap(cstrs)))
					w.coiStrs = cstrs
				}
				acts, groups := cstrs[len(cstrs):len(cstrs):len(cstrs)+4], cstrs[len(cstrs)+4:len(cstrs)+4:len(cstrs)+8]
				cstrs = cstrs[:len(cstrs)+8]
				rows = append(rows, coiRow{res: COIResult{Ref: cr.Ref, Title: c.Cat.Title(cr.Ref, c.lang()), Source: cr.Source, Acts: acts, FoundFor: groups}, reason: reason, connect: true})
				k = len(rows) - 1
			}
			x := &rows[k]
			x.res.Acts = appendStr(x.res.Acts, a.Type)
			for _, g := range cr.FoundFor {
				if group(g) {
					x.res.FoundFor = appendStr(x.res.FoundFor, g)
				}
			}
			x.connect = x.connect && cr.RequiresConnectedAct
		}
	}
	n := 0
	for i := range rows {
		x := &rows[i]
		if x.connect {
			// persecution needs another listed act by the DPRK in the event
			ok := false
			for _, t := range qualified {
				ok = ok || !hasString(x.res.Acts, t)
			}
			x.connect = !ok
		}
		if !x.connect {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]COIResult, 0, n)
	total := 0
	for i := range rows {
		if !rows[i].connect {
			total += len(rows[i].res.Acts) + len(rows[i].res.FoundFor)
		}
	}
	backing := make([]string, total)
	for i := range rows {
		x := &rows[i]
		if x.connect {
			continue
		}
		x.res.Reason = c.coiReason(w, x.reason, x.res.FoundFor)
		res := x.res
		k := copy(backing, res.Acts)
		res.Acts, backing = backing[:k:k], backing[k:]
		k = copy(backing, res.FoundFor)
		res.FoundFor, backing = backing[:k:k], backing[k:]
		// insertion sort by reference
		j := len(out)
		out = append(out, res)
		for j > 0 && c.Cat.Less(res.Ref, out[j-1].Ref) {
			out[j] = out[j-1]
			j--
		}
		out[j] = res
	}
	return out
}

// coiReason words a COI finding, memoised per worker.
func (c *Classifier) coiReason(w *work, reason string, groups []string) string {
	k := [3]string{"coi", reason, strings.Join(groups, ",")}
	if s, ok := w.bases[k]; ok {
		return s
	}
	s := "The Commission of Inquiry on human rights in the DPRK found reasonable grounds to believe that crimes against humanity (" + reason + ") were committed against " + groupNames(groups) + "; this is the Commission's finding, not a finding on this event."
	w.bases[k] = s
	return s
}
