package classify

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pscore/dossier/internal/charter"
	"github.com/pscore/dossier/internal/testimony"
)

// articleKey is one article for one responsible state.
type articleKey struct{ ref, state string }

type articleAcc struct {
	res     ArticleResult
	reasons []string
}

// responsible returns the state answering for an act and whether its perpetrator is a
// non-state actor (then the territorial state answers for its duty to protect).
func (c *Classifier) responsible(perp, country string) (string, bool) {
	if p := c.Vocab.Perpetrator(perp); p != nil && p.State != "" {
		return p.State, false
	}
	return country, true
}

func possessive(name string) string {
	if name == strings.ToUpper(name) {
		return "the " + name + "'s"
	}
	return name + "'s"
}

// articles maps the event's acts to articles, applies the review and lists the COI's
// findings.
func (c *Classifier) articles(r *EventResult, t *testimony.Testimony, e *testimony.Event, ev *eventCtx) {
	acc := map[articleKey]*articleAcc{}
	var order []articleKey
	add := func(ref, state string, nonState bool, perp, act, rule, reason string, evidence []Span) {
		k := articleKey{ref, state}
		a := acc[k]
		if a == nil {
			ap := c.Cat.Applies(ref, state, e.Date)
			basis := ap.Basis
			if nonState && charter.InstrumentOf(ref) != "UDHR" {
				basis = fmt.Sprintf("non-state perpetrator (%s): engages %s duty to protect (due diligence); %s", perp, possessive(c.Cat.StateName(state, "en")), ap.Basis)
			}
			a = &articleAcc{res: ArticleResult{Ref: ref, Title: c.Cat.Title(ref, c.lang()), State: state, Binding: ap.Binding, Basis: basis, Origin: "rule", Evidence: []Span{}}}
			acc[k] = a
			order = append(order, k)
		}
		a.res.Acts = appendStr(a.res.Acts, act)
		a.res.Rules = appendStr(a.res.Rules, rule)
		if reason != "" && !hasString(a.reasons, reason) {
			a.reasons = append(a.reasons, reason)
		}
		for _, sp := range evidence {
			if !hasSpan(a.res.Evidence, sp) && len(a.res.Evidence) < 8 {
				a.res.Evidence = append(a.res.Evidence, sp)
			}
		}
	}
	people := map[string]*testimony.Person{}
	for i := range t.Persons {
		people[t.Persons[i].Ref] = &t.Persons[i]
	}
	for ai := range r.Acts {
		act := &r.Acts[ai]
		m := c.Cat.Mappings[act.Type]
		if m == nil {
			continue
		}
		state, nonState := c.responsible(act.Perpetrator, e.Place.Country)
		cond := c.conditions(act, people[act.Victim], e, ev, state, nonState)
		if cond["victim-age-18"] {
			act.Notes = appendStr(act.Notes, "victim aged exactly 18 in the event year (year-only dates): not counted as a child; check")
		}
		for _, ref := range m.Always {
			if nonState && m.StateAgentOnly[ref] {
				continue
			}
			add(ref, state, nonState, act.Perpetrator, act.Type, act.Type+".always", m.Reason, act.Evidence)
		}
		for _, ad := range m.If {
			if !cond[ad.Key] {
				continue
			}
			for _, ref := range ad.Add {
				add(ref, state, nonState, act.Perpetrator, act.Type, act.Type+".if."+ad.Key, ad.Reason, act.Evidence)
			}
		}
		found := false
		for _, ad := range m.Refine {
			sp, ok := ev.subs[act.Type][ad.Key]
			if !ok {
				continue
			}
			found = true
			for _, ref := range ad.Add {
				add(ref, state, nonState, act.Perpetrator, act.Type, act.Type+".refine."+ad.Key, ad.Reason, sp)
			}
		}
		if !found && m.DefaultRefine != "" {
			for _, ad := range m.Refine {
				if ad.Key == m.DefaultRefine {
					for _, ref := range ad.Add {
						add(ref, state, nonState, act.Perpetrator, act.Type, act.Type+".refine."+ad.Key, ad.Reason+" (default: no more specific words in the account)", act.Evidence)
					}
				}
			}
		}
	}
	// a paragraph replaces its bare article for the same state (ICCPR-12.2 over ICCPR-12)
	for _, k := range order {
		a := acc[k]
		if a == nil || strings.Contains(k.ref[len(charter.InstrumentOf(k.ref)):], ".") {
			continue
		}
		var paras []*articleAcc
		for _, k2 := range order {
			if k2.state == k.state && k2.ref != k.ref && charter.ArticleLevel(k2.ref) == k.ref && acc[k2] != nil {
				paras = append(paras, acc[k2])
			}
		}
		if len(paras) == 0 {
			continue
		}
		for _, p := range paras {
			for _, x := range a.res.Acts {
				p.res.Acts = appendStr(p.res.Acts, x)
			}
			for _, x := range a.res.Rules {
				p.res.Rules = appendStr(p.res.Rules, x)
			}
			for _, x := range a.reasons {
				if !hasString(p.reasons, x) {
					p.reasons = append(p.reasons, x)
				}
			}
		}
		acc[k] = nil
	}
	var arts []ArticleResult
	for _, k := range order {
		if a := acc[k]; a != nil {
			a.res.Reason = strings.Join(a.reasons, "; ")
			arts = append(arts, a.res)
		}
	}
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
				ap := c.Cat.Applies(ref, st, e.Date)
				arts = append(arts, ArticleResult{Ref: ref, Title: c.Cat.Title(ref, c.lang()), State: st, Binding: ap.Binding, Basis: ap.Basis,
					Acts: acts, Rules: []string{"review.add"}, Evidence: []Span{}, Reason: reason, Origin: OriginReview})
			}
		}
		r.Review = rr
	}
	sort.SliceStable(arts, func(i, j int) bool {
		if arts[i].Ref != arts[j].Ref {
			return c.Cat.Less(arts[i].Ref, arts[j].Ref)
		}
		return arts[i].State < arts[j].State
	})
	if arts == nil {
		arts = []ArticleResult{}
	}
	r.Articles = arts
	r.COI = c.coi(r, e, ev)
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

// conditions computes the `if` keys of the catalogue for one act.
func (c *Classifier) conditions(a *ActResult, p *testimony.Person, e *testimony.Event, ev *eventCtx, state string, nonState bool) map[string]bool {
	m := map[string]bool{
		"state-KP":     !nonState && state == "KP",
		"state-CN":     !nonState && state == "CN",
		"non-state":    nonState,
		"territory-CN": nonState && e.Place.Country == "CN",
	}
	if ev != nil {
		m["in-detention"] = ev.inDetention
		m["victim-disabled"] = ev.disabled[a.Victim]
	}
	if p != nil {
		m["victim-female"] = p.Sex == "female"
		if p.Born > 0 && !e.Date.IsZero() {
			age := e.Date.Year - p.Born
			m["victim-child"] = age < 18
			m["victim-age-18"] = age == 18
		}
	}
	return m
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
func (c *Classifier) coi(r *EventResult, e *testimony.Event, ev *eventCtx) []COIResult {
	types := map[string]bool{}
	for _, a := range r.Acts {
		types[a.Type] = true
	}
	groups := map[string]bool{
		"political-prison-camps": types["political-prison-camp"],
		"religious-believers":    types["religion"],
		"persons-fleeing":        types["forced-repatriation"] || types["movement-restriction"],
		"foreign-abductees":      types["abduction"],
	}
	if ev != nil {
		groups["ordinary-prisons"] = ev.inDetention && !types["political-prison-camp"]
		groups["starving-population"] = types["food-deprivation"] && !ev.inDetention
		if !groups["political-prison-camps"] {
			if id, ok := c.actByCode["political-prison-camp"]; ok && hasBit(ev.place.bits, id.strong) {
				groups["political-prison-camps"] = true
			}
		}
	}
	type row struct {
		res     COIResult
		connect bool
	}
	byRef := map[string]*row{}
	var refs []string
	qualified := map[string]bool{} // act types with a qualifying row of their own
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
			var fg []string
			for _, g := range cr.FoundFor {
				if groups[g] {
					fg = append(fg, g)
				}
			}
			if len(fg) == 0 {
				continue
			}
			if cr.When != "" && !types[cr.When] {
				if cr.When == "in-detention" && (ev == nil || !ev.inDetention) || cr.When != "in-detention" && (ev == nil || ev.subs[a.Type][cr.When] == nil) {
					continue
				}
			}
			if !cr.RequiresConnectedAct {
				qualified[a.Type] = true
			}
			x := byRef[cr.Ref]
			if x == nil {
				reason := cr.Reason
				if reason == "" {
					reason = strings.ToLower(c.Cat.Title(cr.Ref, "en"))
				}
				x = &row{res: COIResult{Ref: cr.Ref, Title: c.Cat.Title(cr.Ref, c.lang()), Source: cr.Source,
					Reason: "The Commission of Inquiry on human rights in the DPRK found reasonable grounds to believe that crimes against humanity (" + reason + ") were committed against " + groupNames(fg) + "; this is the Commission's finding, not a finding on this event."}, connect: true}
				byRef[cr.Ref] = x
				refs = append(refs, cr.Ref)
			}
			x.res.Acts = appendStr(x.res.Acts, a.Type)
			for _, g := range fg {
				x.res.FoundFor = appendStr(x.res.FoundFor, g)
			}
			x.connect = x.connect && cr.RequiresConnectedAct
		}
	}
	var out []COIResult
	for _, ref := range refs {
		x := byRef[ref]
		if x.connect {
			// persecution needs another listed act by the DPRK in the event
			ok := false
			for t := range qualified {
				ok = ok || !hasString(x.res.Acts, t)
			}
			if !ok {
				continue
			}
		}
		out = append(out, x.res)
	}
	sort.SliceStable(out, func(i, j int) bool { return c.Cat.Less(out[i].Ref, out[j].Ref) })
	return out
}
