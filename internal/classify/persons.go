package classify

import (
	"regexp"
	"strings"

	"github.com/pscore/dossier/internal/testimony"
)

// Persons are known to a testimony by pseudonyms that are often descriptions ("the
// witness's father", "a prisoner executed for stealing food", "B의 아기"). The classifier
// reads roles from them with the same lexicon it reads narratives with, so that "my
// father", "the baby" or "the two men" in an account find their person.

type people struct {
	list     []personInfo
	narrator int
}

type personInfo struct {
	ref   string
	sex   string
	born  int
	roles map[int]float64 // role index -> weight
	words []string        // content words of the pseudonym (stems; Korean words)
	acts  map[int]bool    // acts the pseudonym says were done to the person (act index)
}

var narratorPattern = regexp.MustCompile(`(?i)^\s*(witness|t[ée]moin|증인|증언자|면담자|구술자|source|interviewee|respondent)`)
var possessivePattern = regexp.MustCompile(`(?i)^\s*(witness|t[ée]moin|증인|증언자|면담자|구술자|interviewee|respondent)\S*\s*('s|’s|의)`)
var childOfPattern = regexp.MustCompile(`^\s*([A-Za-z0-9_-]+)\s*(?:의|'s|’s)\s+(\S+)`)

var stopwords = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "in": true, "on": true, "at": true, "to": true, "for": true, "with": true,
	"who": true, "which": true, "that": true, "and": true, "or": true, "witness": true, "witnes": true, "from": true, "by": true,
	"second": true, "third": true, "other": true, "another": true, "same": true, "fellow": true, "into": true,
	"le": true, "la": true, "les": true, "un": true, "une": true, "de": true, "des": true, "du": true, "et": true, "qui": true, "temoin": true,
	// the witness named in the third person ("the interviewee's cousin" is not "the interviewee")
	"interviewee": true, "interviewe": true, "respondent": true, "증인": true, "증언자": true, "면담자": true, "구술자": true,
}

// people reads the persons of a testimony: who narrates, and what each pseudonym says.
func (c *Classifier) people(t *testimony.Testimony, w *work) *people {
	ps := &people{list: make([]personInfo, len(t.Persons)), narrator: -1}
	for i := range t.Persons {
		p := &t.Persons[i]
		pi := &ps.list[i]
		pi.ref, pi.sex, pi.born = p.Ref, p.Sex, p.Born
		pinfo := c.pseudonym(p.Pseudonym, w)
		pi.roles = make(map[int]float64, len(pinfo.roles)+2)
		for k, v := range pinfo.roles {
			pi.roles[k] = v
		}
		pi.words = pinfo.words
		pi.acts = pinfo.acts
		if ps.narrator < 0 && pinfo.narrator {
			ps.narrator = i
		}
		if i, ok := c.roleByName["man"]; ok && p.Sex == "male" {
			pi.roles[i] = max(pi.roles[i], c.roles[i].Weight)
		}
		if i, ok := c.roleByName["woman"]; ok && p.Sex == "female" {
			pi.roles[i] = max(pi.roles[i], c.roles[i].Weight)
		}
	}
	if ps.narrator < 0 && len(ps.list) > 0 {
		ps.narrator = 0
	}
	// "B의 아들", "B's son": B is a parent
	for i := range t.Persons {
		parentRef := c.pseudonym(t.Persons[i].Pseudonym, w).childOf
		if parentRef == "" {
			continue
		}
		for j := range t.Persons {
			if t.Persons[j].Ref != parentRef || j == i {
				continue
			}
			parent := &ps.list[j]
			add := func(name string) {
				if ri, ok := c.roleByName[name]; ok {
					parent.roles[ri] = max(parent.roles[ri], c.roles[ri].Weight)
				}
			}
			switch parent.sex {
			case "male":
				add("father")
			case "female":
				add("mother")
			default:
				add("father")
				add("mother")
			}
		}
	}
	return ps
}

// pseudoInfo is what a pseudonym says, whatever the testimony.
type pseudoInfo struct {
	roles    map[int]float64
	acts     map[int]bool // act indices whose strong words or terms the pseudonym holds
	words    []string
	narrator bool
	childOf  string // "B의 아들", "B's son": the parent's reference
}

// pseudonym reads roles and content words from a pseudonym, once per distinct pseudonym
// (a worker's own map first: the shared one costs atomic reads).
func (c *Classifier) pseudonym(s string, w *work) *pseudoInfo {
	if pi, ok := w.pseud[s]; ok {
		return pi
	}
	if w.pseud == nil || len(w.pseud) > 4096 {
		w.pseud = map[string]*pseudoInfo{}
	}
	if v, ok := c.peopleCache.Load(s); ok {
		pi := v.(*pseudoInfo)
		w.pseud[s] = pi
		return pi
	}
	pi := &pseudoInfo{roles: map[int]float64{}}
	pi.narrator = narratorPattern.MatchString(s) && !possessivePattern.MatchString(s)
	if m := childOfPattern.FindStringSubmatch(s); m != nil {
		pi.childOf = m[1]
	}
	w.pseud[s] = pi
	for _, lang := range []string{"en", "fr", "ko"} {
		mode, ok := c.m.mode(lang)
		if !ok {
			continue
		}
		d := tokenize(s, lang, mode, c.stem)
		for _, h := range c.m.match(d, nil) {
			if ri, ok := c.roleClass[h.cls]; ok {
				pi.roles[ri] = max(pi.roles[ri], c.roles[ri].Weight)
			}
			if k := c.m.classes[h.cls].kind; k == ckActStrong || k == ckActTerm {
				if pi.acts == nil {
					pi.acts = map[int]bool{}
				}
				pi.acts[c.m.classes[h.cls].idx] = true
			}
		}
		if lang == "en" || lang == "ko" {
			for _, tk := range d.toks {
				wd := tk.stem
				if mode == 'k' {
					wd = trimParticle(tk.norm)
					if len([]rune(wd)) < 2 {
						continue
					}
				} else if len(wd) < 4 || stopwords[wd] {
					continue
				}
				pi.words = appendStr(pi.words, wd)
			}
		}
	}
	c.peopleCache.Store(s, pi)
	return pi
}

func appendStr(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

func trimParticle(w string) string {
	for _, p := range []string{"에게서", "에게", "으로", "에서", "까지", "께서", "한테", "처럼", "들의", "들이", "들은", "들을", "의", "은", "는", "이", "가", "을", "를", "도", "와", "과", "로", "에", "들", "만"} {
		if strings.HasSuffix(w, p) && len(w) > len(p)+3 {
			return strings.TrimSuffix(w, p)
		}
	}
	return w
}

// isChild: 1 a child at the date, 0 an adult, -1 unknown. LABELLING.md: a victim is a
// child when born less than 18 years before the event date; with year-only data an age of
// exactly 18 is ambiguous and counted as an adult (and flagged).
func isChild(p *personInfo, d testimony.Date) int {
	if p.born == 0 || d.IsZero() {
		return -1
	}
	if d.Year-p.born < 18 {
		return 1
	}
	return 0
}

// mention is a reference to persons in the narrative.
type mention struct {
	t0, t1  int32
	sent    int32
	persons []int
	plural  bool
	kind    byte // 'f' first person, 'r' role, 'p' pronoun
}

var numberWords = map[string]bool{"two": true, "three": true, "four": true, "five": true, "six": true, "several": true, "many": true, "both": true, "some": true,
	"deux": true, "trois": true, "quatre": true, "cinq": true, "plusieurs": true, "두": true, "세": true, "네": true, "여러": true, "둘": true, "셋": true, "넷": true}

var possessives = map[string]bool{"my": true, "our": true, "his": true, "her": true, "their": true, "mon": true, "ma": true, "mes": true, "notre": true, "nos": true, "son": true, "sa": true, "ses": true, "leur": true, "leurs": true,
	"우리": true, "저희": true, "제": true, "내": true, "나의": true, "저의": true, "우리의": true}

// firstPossessive: "our family", "우리 가족" include the narrator.
var firstPossessive = map[string]bool{"my": true, "our": true, "mon": true, "ma": true, "mes": true, "notre": true, "nos": true, "우리": true, "저희": true, "제": true, "내": true, "나의": true, "저의": true, "우리의": true}

// mentions lists the persons an account refers to, in order; pronouns refer back to the
// latest compatible mention.
func (c *Classifier) mentions(dc *docCtx, ps *people, w *work) []mention {
	d := dc.d
	var roleBuf [16]int32
	roleT0 := roleBuf[:0] // first tokens of role words
	np := 0
	for i := range dc.hits {
		h := &dc.hits[i]
		if h.cls < 0 {
			continue
		}
		switch c.m.classes[h.cls].kind {
		case ckRole:
			roleT0 = append(roleT0, h.t0)
			np++
		case ckPerson:
			np++
		}
	}
	if np == 0 {
		return nil
	}
	roleAt := func(t int32) bool {
		for _, x := range roleT0 {
			if x == t {
				return true
			}
		}
		return false
	}
	out := w.ments.many(np)[:0]
	narrator := append(w.ints.many(1)[:0], ps.narrator)
	var gbuf [8]int
	group := gbuf[:0] // role hits of one noun phrase
	flush := func() {
		if len(group) == 0 {
			return
		}
		m := mention{t0: dc.hits[group[0]].t0, t1: dc.hits[group[len(group)-1]].t1, sent: dc.hits[group[0]].sent, kind: 'r'}
		roles := make([]int, 0, len(group))
		for _, gi := range group {
			ri := c.roleClass[dc.hits[gi].cls]
			roles = append(roles, ri)
			if c.roles[ri].Plural {
				m.plural = true
			}
		}
		m.plural = m.plural || isPluralMention(d, m.t0, m.t1)
		if m.t0 >= 2 && (d.toks[m.t0-1].norm == "of" || d.toks[m.t0-1].norm == "the" && m.t0 >= 3 && d.toks[m.t0-2].norm == "of") {
			k := m.t0 - 2
			if d.toks[m.t0-1].norm == "the" {
				k = m.t0 - 3
			}
			if k >= 0 && (d.toks[k].norm == "one" || d.toks[k].norm == "each") {
				m.plural = false
			}
		}
		if m.plural && genericPlural(d, m.t0, roles, c.roles) {
			// "sold women to the Chinese": a bare plural of a weak role names no one
			group = group[:0]
			return
		}
		m.persons = c.scorePersons(roles, m, dc, ps, out, dc.date)
		// "our family", "우리 가족": the narrator belongs to it
		if m.plural && m.t0 > 0 && firstPossessive[d.toks[m.t0-1].norm] && ps.narrator >= 0 {
			for _, ri := range roles {
				if c.roles[ri].Kin {
					m.persons = appendInt(m.persons, ps.narrator)
					break
				}
			}
		}
		if len(m.persons) > 0 {
			out = append(out, m)
		}
		group = group[:0]
	}
	for i := range dc.hits {
		h := &dc.hits[i]
		if h.cls < 0 {
			continue
		}
		cl := c.m.classes[h.cls]
		switch cl.kind {
		case ckRole:
			if len(group) > 0 && (h.t0 > dc.hits[group[len(group)-1]].t1+2 || h.sent != dc.hits[group[0]].sent || joined(d, dc.hits[group[len(group)-1]].t1, h.t0)) {
				flush()
			}
			group = append(group, i)
		case ckPerson:
			flush()
			if c.insideCue(dc, h) {
				continue // "I heard", "in front of us": the narrator as witness, not a party
			}
			if possessives[d.toks[h.t1].norm] && roleAt(h.t1+1) {
				continue // "my father": the role is the mention
			}
			if cl.idx == pFirstSingular && possessiveMark(d, h.t1) && (roleAt(h.t1+1) || roleAt(h.t1+2)) {
				continue // "the interviewee's cousin", "증언자의 사촌": the relative is the mention
			}
			m := mention{t0: h.t0, t1: h.t1, sent: h.sent, kind: 'p'}
			switch cl.idx {
			case pFirstSingular:
				m.kind = 'f'
				if thirdPersonNarrator(d.toks[h.t1].norm) {
					m.kind = 'r' // "the interviewee … him": an antecedent of third-person pronouns
				}
				if ps.narrator >= 0 {
					m.persons = narrator[:1:1]
				}
			case pFirstPlural:
				m.kind, m.plural = 'f', true
				if ps.narrator >= 0 {
					m.persons = narrator[:1:1]
				}
			case pMale, pFemale, pPlural:
				if impersonal(d, h.t0) || boundByIndefinite(d, h.t0, out) {
					continue
				}
				m.persons, m.plural = resolvePronoun(cl.idx, out, ps)
				if m.persons == nil {
					m.persons = soleReferent(cl.idx, ps)
				}
			}
			if len(m.persons) > 0 {
				out = append(out, m)
			}
		}
	}
	flush()
	return out
}

func isPluralMention(d *doc, t0, t1 int32) bool {
	if d.mode == 'k' {
		t := d.toks[t1]
		if strings.Contains(t.norm, "들") {
			return true
		}
	} else {
		for k := t0; k <= t1; k++ {
			t := d.toks[k]
			if t.norm != t.stem && (strings.HasSuffix(t.norm, "s") || strings.HasSuffix(t.norm, "x") || t.norm == "men" || t.norm == "women" || t.norm == "children" || t.norm == "people") && !strings.HasSuffix(t.norm, "ss") {
				return true
			}
		}
	}
	for k := t0 - 1; k >= 0 && k >= t0-2; k-- {
		if numberWords[d.toks[k].norm] {
			return true
		}
	}
	return false
}

// scorePersons finds the persons a role mention names: shared roles (weighted), a child at
// the event date for a child role, and words the pseudonym shares with the sentence.
func (c *Classifier) scorePersons(roles []int, m mention, dc *docCtx, ps *people, prev []mention, date testimony.Date) []int {
	scores := make([]float64, len(ps.list))
	best := 0.0
	for i := range ps.list {
		if i == ps.narrator {
			continue
		}
		p := &ps.list[i]
		s := 0.0
		for _, ri := range roles {
			r := c.roles[ri]
			if wgt, ok := p.roles[ri]; ok {
				s += min(wgt, r.Weight)
				continue
			}
			if r.Child {
				matched := isChild(p, date) == 1
				for pr := range p.roles {
					matched = matched || c.roles[pr].Child
				}
				if matched {
					s += r.Weight
					continue
				}
			}
			for _, mem := range r.Members {
				if mi, ok := c.roleByName[mem]; ok {
					if _, ok := p.roles[mi]; ok {
						s += r.Weight
						break
					}
				}
			}
			if r.Sex != "" && p.sex != "" && p.sex != "unknown" && r.Sex != p.sex {
				s -= 1
			}
		}
		if s > 0 || len(p.words) > 0 {
			ov := 0.0
			for _, w := range p.words {
				if dc.sentenceHas(m.sent, w) {
					ov += 0.5
				}
			}
			if s > 0 || ov >= 1 {
				s += min(ov, 1.5)
			}
		}
		if s > 0 {
			// persons the account already spoke of are likelier referents
			for _, pm := range prev {
				if pm.kind != 'f' && hasInt(pm.persons, i) {
					s += 0.5
					break
				}
			}
		}
		scores[i] = s
		best = max(best, s)
	}
	// a bare "man" or "woman" names no one in particular
	if best < 1 {
		return nil
	}
	var out []int
	for i, s := range scores {
		if i == ps.narrator || s <= 0 {
			continue
		}
		if m.plural && s >= 0.6*best || !m.plural && s == best {
			out = append(out, i)
			if !m.plural {
				break
			}
		}
	}
	return out
}

// sentenceHas reports whether a sentence holds a word: a stem (en, fr), or a substring of
// the spaceless text (ko, where particles follow the word).
func (dc *docCtx) sentenceHas(s int32, w string) bool {
	d := dc.d
	if d.mode == 'k' {
		return strings.Contains(sentenceCompact(d, s), w)
	}
	a, b := d.sentRange(s)
	for k := a; k < b; k++ {
		if d.toks[k].stem == w {
			return true
		}
	}
	return false
}

func sentenceCompact(d *doc, s int32) string {
	a, b := d.sentRange(s)
	end := len(d.compact)
	if int(b) < len(d.toks) {
		end = int(d.toks[b].cstart)
	}
	return d.compact[d.toks[a].cstart:end]
}

// soleReferent resolves a pronoun with no antecedent in the account to the only other
// person of the testimony it can mean ("I heard they beat him", with one man listed).
func soleReferent(kind int, ps *people) []int {
	var out []int
	for i := range ps.list {
		if i == ps.narrator {
			continue
		}
		sx := ps.list[i].sex
		switch kind {
		case pMale:
			if sx != "male" && sx != "" && sx != "unknown" {
				continue
			}
		case pFemale:
			if sx != "female" && sx != "" && sx != "unknown" {
				continue
			}
		}
		out = append(out, i)
	}
	if kind != pPlural && len(out) != 1 {
		return nil
	}
	if kind == pPlural && len(out) < 2 {
		return nil
	}
	return out
}

// resolvePronoun finds what he / she / they refer to: the latest mention of a compatible
// person or group (never the narrator).
func resolvePronoun(kind int, prev []mention, ps *people) ([]int, bool) {
	// "they" after "a woman … and a young man …": the persons named one by one in the
	// latest sentence that named two or more
	var coll []int
	collSent := int32(-1)
	for i := len(prev) - 1; i >= 0; i-- {
		m := prev[i]
		if m.kind == 'f' {
			continue
		}
		switch kind {
		case pPlural:
			if collSent >= 0 && m.sent != collSent {
				if len(coll) >= 2 {
					return coll, true
				}
				coll, collSent = coll[:0], -1
			}
			if m.plural || len(m.persons) > 1 {
				if len(coll) >= 2 {
					return coll, true
				}
				return m.persons, true
			}
			if m.kind == 'r' {
				collSent = m.sent
				for _, p := range m.persons {
					coll = appendInt(coll, p)
				}
			}
		case pMale, pFemale:
			want := "male"
			if kind == pFemale {
				want = "female"
			}
			for _, p := range m.persons {
				sx := ps.list[p].sex
				if sx == want || sx == "" || sx == "unknown" {
					return []int{p}, false
				}
			}
		}
	}
	if len(coll) >= 2 {
		return coll, true
	}
	return nil, false
}

// victims chooses who an act was done to. In the sentence: a person named inside the act's
// words ("kicked her belly"); for English, the object after the act's words, or the subject
// before a passive ("I was beaten"); for French, the clitic before the verb (m'a frappé) or
// the object after; for Korean, the nearest person before the act's words (the language is
// verb-final and drops subjects). Coordinated persons ("my mother, my sister and me",
// "부모님과 네 아이와 함께") are all victims. With nobody named, the victims of related acts
// of the event (`like`), else the narrator when the source is the victim, else the person
// the account last spoke of.
func (c *Classifier) victims(cd *candidate, tc *testimonyCtx, ev *eventCtx, fallback bool, all []*candidate) {
	ps := tc.people
	victimSource := tc.t.Source.Relation == "victim"
	if !fallback {
		dc := cd.dc
		d := dc.d
		a := &dc.hits[cd.anchor]
		var in []int
		for i := range dc.mentions {
			if dc.mentions[i].sent == cd.sent {
				in = append(in, i)
			}
		}
		pick := -1
		clause := func(mi int) bool { return d.toks[dc.mentions[mi].t0].clause == d.toks[a.t0].clause }
		usable := func(m mention) bool {
			if m.kind == 'f' && cd.act.rule.NotNarrator && !m.plural {
				return false
			}
			if sx := cd.act.rule.VictimSex; sx != "" {
				ok := false
				for _, p := range m.persons {
					ok = ok || sexOK(&ps.list[p], sx)
				}
				return ok
			}
			return true
		}
		nearestBefore := func(sameClause bool, limit int32, skipFirst, skipThey bool) int {
			for k := len(in) - 1; k >= 0; k-- {
				m := dc.mentions[in[k]]
				if m.t1 >= a.t0 || (sameClause && !clause(in[k])) || a.t0-m.t1 > limit || !usable(m) {
					continue
				}
				if skipFirst && m.kind == 'f' || skipThey && m.kind == 'p' && m.plural && subjectPronoun(d, m) {
					continue
				}
				return in[k]
			}
			return -1
		}
		nearestAfter := func(limit int32) int {
			for _, k := range in {
				m := dc.mentions[k]
				if m.t0 > a.t1 && clause(k) && m.t0-a.t1 <= limit && usable(m) {
					return k
				}
			}
			return -1
		}
		for _, k := range in {
			m := dc.mentions[k]
			// a pronoun inside the act's words: "kicked her belly", "shot them", "그 여자의 배를"
			if m.t0 >= a.t0 && m.t1 <= a.t1 && m.kind == 'p' && (!m.plural || objectPronoun(d, m)) && usable(m) {
				pick = k
				break
			}
		}
		if pick < 0 && cd.act.rule.Anchor != "" && d.mode != 'k' {
			// "nobody told us where he was": whose whereabouts, after the word, not the family
			for _, k := range in {
				m := dc.mentions[k]
				if m.t0 > a.t1 && m.t0-a.t1 <= 5 && m.kind != 'f' && clause(k) && usable(m) {
					pick = k
					break
				}
			}
		}
		if pick < 0 {
			switch {
			case d.mode == 'k':
				pick = nearestBefore(true, 8, false, false)
				if pick < 0 && cd.act.rule.NotNarrator {
					// "병으로 죽은 사람이 한 방에서만 다섯 명": who died (fellow detainees) may be
					// named after the verb
					if k := nearestAfter(6); k >= 0 && c.hasRole(dc.mentions[k].persons, ps, "detainee", "cellmate") {
						pick = k
					}
				}
			case d.lang == "fr":
				pick = nearestBefore(true, 4, false, false)
				if pick < 0 {
					pick = nearestAfter(4)
				}
			default:
				passive := false
				for k := a.t0 - 1; k >= 0 && k >= a.t0-4 && d.toks[k].clause == d.toks[a.t0].clause; k-- {
					if d.toks[k].stem == "be" || d.toks[k].stem == "get" || d.toks[k].norm == "got" {
						passive = true
					}
				}
				if passive {
					pick = nearestBefore(true, 6, false, false)
				} else {
					pick = nearestAfter(4)
					if pick < 0 {
						// "they beat …": a plural pronoun before an active verb is its agent
						pick = nearestBefore(true, 6, false, true)
					}
				}
			}
			if pick < 0 {
				// another clause of the sentence; a narrator who is not the source's victim
				// is rarely the victim of what "we learned" or "I saw"
				pick = nearestBefore(false, 30, !victimSource, d.mode != 'k')
			}
			if pick < 0 && d.mode == 'k' {
				// the narrator as the topic of a later clause is the sufferer of the whole
				// sentence: "보위원들이 집을 뒤졌고, 나는 … 갇혔다"
				for _, k := range in {
					if m := dc.mentions[k]; m.t0 > a.t1 && m.kind == 'f' && !m.plural && usable(m) {
						pick = k
						break
					}
				}
			}
		}
		if pick < 0 {
			// nobody named: a person whose pseudonym says this act was done to them ("공개처형된
			// 남성", "a prisoner executed for stealing food")
			var vs []int
			for i := range ps.list {
				if i != ps.narrator && ps.list[i].acts != nil && ps.list[i].acts[cd.act.idx] {
					vs = append(vs, i)
				}
			}
			if len(vs) > 0 {
				cd.explicit = true
				cd.victims = vs
				return
			}
		}
		if pick >= 0 {
			cd.explicit = true
			set := append(ev.w.ints.many(8)[:0], dc.mentions[pick].persons...)
			first := pick
			for _, dir := range []int{-1, 1} {
				cur := pick
				for {
					nx := cur + dir
					if nx < 0 || nx >= len(dc.mentions) || dc.mentions[nx].sent != cd.sent {
						break
					}
					lo, hi := dc.mentions[min(cur, nx)], dc.mentions[max(cur, nx)]
					if !coordinated(d, lo.t1, hi.t0) {
						break
					}
					set = append(set, dc.mentions[nx].persons...)
					cur = nx
					if nx < first {
						first = nx
					}
				}
			}
			// "I was taken with my parents", "저는 부모님과 … 함께": the companion's subject too
			if fm := dc.mentions[first]; fm.sent == cd.sent && withCompanion(d, fm.t0, dc.mentions[pick].t1) {
				for k := first - 1; k >= 0 && dc.mentions[k].sent == cd.sent; k-- {
					if clause(k) || d.mode == 'k' {
						set = append(set, dc.mentions[k].persons...)
						break
					}
				}
			}
			cd.victims = uniqueInts(set)
			if sx := cd.act.rule.VictimSex; sx != "" {
				kept := cd.victims[:0]
				for _, p := range cd.victims {
					if sexOK(&ps.list[p], sx) {
						kept = append(kept, p)
					}
				}
				cd.victims = kept
			}
			if cd.act.rule.NotNarrator && hasInt(cd.victims, ps.narrator) {
				// "twenty-four of us …; only two came out alive": the narrator's companions
				cd.victims = removeInt(cd.victims, ps.narrator)
				if len(cd.victims) == 0 && dc.mentions[pick].kind == 'f' && dc.mentions[pick].plural {
					cd.victims = c.companions(ps)
				}
			}
		}
		if len(cd.victims) == 0 {
			cd.explicit = false
		}
		return
	}
	if len(cd.victims) > 0 {
		return
	}
	for _, like := range cd.act.rule.Like {
		for _, o := range all {
			if o.explicit && o.act.rule.Code == like && len(o.victims) > 0 {
				cd.victims = append([]int{}, o.victims...)
				return
			}
		}
	}
	if cd.act.rule.NotNarrator {
		cd.victims = nil
		return
	}
	sx := cd.act.rule.VictimSex
	if victimSource && ps.narrator >= 0 && (sx == "" || sexOK(&ps.list[ps.narrator], sx)) {
		cd.victims = append(ev.w.ints.many(1)[:0], ps.narrator)
		return
	}
	dc := cd.dc
	at := dc.hits[cd.anchor].t0
	for i := len(dc.mentions) - 1; i >= 0; i-- {
		m := dc.mentions[i]
		if m.t1 < at && m.kind == 'f' && !m.plural && m.sent >= cd.sent-1 {
			break // the narrator, spoken of last, just before ("I was taken … They kept me awake")
		}
		if m.t1 < at && m.kind != 'f' && len(m.persons) > 0 {
			var vs []int
			for _, p := range m.persons {
				if sx == "" || sexOK(&ps.list[p], sx) {
					vs = append(vs, p)
				}
			}
			if len(vs) > 0 {
				cd.victims = vs
				return
			}
		}
	}
	if ps.narrator >= 0 && (sx == "" || sexOK(&ps.list[ps.narrator], sx)) {
		cd.victims = []int{ps.narrator}
	}
}

// sexOK: the person may be of this sex (unknown counts).
func sexOK(p *personInfo, sex string) bool {
	return p.sex == "" || p.sex == "unknown" || p.sex == sex
}

// hasRole reports whether one of the persons has one of the roles.
func (c *Classifier) hasRole(persons []int, ps *people, names ...string) bool {
	for _, p := range persons {
		for _, n := range names {
			if ri, ok := c.roleByName[n]; ok {
				if _, ok := ps.list[p].roles[ri]; ok {
					return true
				}
			}
		}
	}
	return false
}

// companions are the persons held with the narrator (cellmates, fellow detainees).
func (c *Classifier) companions(ps *people) []int {
	var out []int
	for i := range ps.list {
		if i == ps.narrator {
			continue
		}
		for _, name := range []string{"detainee", "cellmate"} {
			if ri, ok := c.roleByName[name]; ok {
				if _, ok := ps.list[i].roles[ri]; ok {
					out = appendInt(out, i)
				}
			}
		}
	}
	return out
}

func hasInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func appendInt(s []int, v int) []int {
	if hasInt(s, v) {
		return s
	}
	return append(s, v)
}

// withCompanion: "with my parents", "avec ma mère", "부모님과 … 함께".
func withCompanion(d *doc, t0, t1 int32) bool {
	if d.mode == 'k' {
		for k := t1; k <= t1+3 && int(k) < len(d.toks); k++ {
			if strings.HasPrefix(d.toks[k].norm, "함께") || strings.HasPrefix(d.toks[k].norm, "같이") {
				return true
			}
		}
		return false
	}
	for k := t0 - 1; k >= 0 && k >= t0-2; k-- {
		if d.toks[k].norm == "with" || d.toks[k].norm == "avec" {
			return true
		}
	}
	return false
}

// coordinated reports whether only "and", "or", commas and possessives lie between two
// mentions.
func coordinated(d *doc, a, b int32) bool {
	if b <= a {
		return false
	}
	apposition := 0 // words of a relative or appositive clause: "my brother, who was eight, and I"
	for k := a + 1; k < b; k++ {
		n := d.toks[k].norm
		if apposition > 0 {
			if n == "and" || n == "et" || n == "or" || n == "ou" {
				apposition = 0
				continue
			}
			if apposition++; apposition > 6 {
				return false
			}
			continue
		}
		switch n {
		case "and", "or", "et", "ou", "및", "그리고", "my", "our", "mon", "ma", "mes", "nos", "notre", "his", "her", "their":
		case "who", "qui", "aged", "age", "agee":
			if k == a+1 && strings.Contains(d.text[d.toks[a].end:d.toks[k].start], ",") {
				apposition = 1
				continue
			}
			return false
		default:
			if numberWords[n] {
				continue
			}
			return false
		}
	}
	if apposition > 0 {
		return false
	}
	if d.mode == 'k' {
		// Korean joins with particles (부모님과 네 아이와 함께) or commas (아버지와 어머니, 나를)
		if b == a+1 && strings.Contains(d.text[d.toks[a].end:d.toks[b].start], ",") {
			return true
		}
		n := d.toks[a].norm
		return strings.HasSuffix(n, "과") || strings.HasSuffix(n, "와") || strings.HasSuffix(n, "랑") || strings.HasSuffix(n, "하고")
	}
	return true
}

// impersonal: French "il" of "il y a", "il faut", "il paraît", "il semble", "il s'agit"
// names no one.
func impersonal(d *doc, t int32) bool {
	if d.lang != "fr" || d.toks[t].norm != "il" {
		return false
	}
	for k := t + 1; k <= t+3 && int(k) < len(d.toks) && d.toks[k].sent == d.toks[t].sent; k++ {
		switch d.toks[k].norm {
		case "ne", "n'":
			continue
		case "y", "faut", "fallait", "faudrait", "faudra", "fallu", "semble", "semblait", "parait", "paraissait", "pleuvait", "neigeait", "s'agit", "s'agissait", "agit", "agissait":
			return true
		case "s'":
			continue
		}
		return false
	}
	return false
}

// indefinites bind a later pronoun of their sentence: "anyone who fell short of his quota",
// "quiconque", "누구든".
var indefinites = map[string]bool{"anyone": true, "anybody": true, "everyone": true, "everybody": true, "someone": true, "somebody": true, "whoever": true, "each": true, "every": true,
	"quiconque": true, "chacun": true, "chacune": true, "celui": true, "celle": true, "ceux": true}

// boundByIndefinite: an indefinite stands before the pronoun in its sentence with no
// mention of a person between them.
func boundByIndefinite(d *doc, t int32, prev []mention) bool {
	s := d.toks[t].sent
	for k := t - 1; k >= 0 && d.toks[k].sent == s; k-- {
		if indefinites[d.toks[k].norm] {
			for _, m := range prev {
				if m.sent == s && m.t0 > k && m.kind != 'f' {
					return false
				}
			}
			return true
		}
	}
	return false
}

func uniqueInts(s []int) []int {
	out := s[:0]
	seen := map[int]bool{}
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func removeInt(s []int, v int) []int {
	out := s[:0]
	for _, x := range s {
		if x != v {
			out = append(out, x)
		}
	}
	return out
}

// insideCue reports whether a hit lies inside a hearsay or eyewitness cue.
func (c *Classifier) insideCue(dc *docCtx, h *hit) bool {
	for i := range dc.hits {
		q := &dc.hits[i]
		if q.cls < 0 || q.sent != h.sent {
			continue
		}
		cl := c.m.classes[q.cls]
		if cl.kind == ckCue && (cl.idx == cueHearsay || cl.idx == cueEyewitness) && q.start <= h.start && q.end >= h.end {
			return true
		}
	}
	return false
}

// subjectPronoun: "they", "ils", "elles" name the agent of an active verb; "them", "their",
// "les", "leur" are objects or possessors and may name the victim ("shot them").
func subjectPronoun(d *doc, m mention) bool {
	switch d.toks[m.t0].norm {
	case "they", "ils", "elles", "we":
		return true
	}
	return false
}

// determiners that make a plural noun phrase specific ("the women", "ces femmes", "my
// children"); a bare plural ("sold women to the Chinese", "des femmes") is generic.
var specificDet = map[string]bool{"the": true, "these": true, "those": true, "both": true, "all": true, "my": true, "our": true, "his": true, "her": true, "their": true,
	"les": true, "ces": true, "mes": true, "nos": true, "ses": true, "leurs": true, "tous": true, "toutes": true}

// genericPlural: a plural mention of weak roles only (woman, man, young), with no determiner
// or number before it, in English or French.
func genericPlural(d *doc, t0 int32, roles []int, all []*Role) bool {
	if d.mode == 'k' {
		return false
	}
	for _, ri := range roles {
		if all[ri].Weight >= 1 {
			return false
		}
	}
	for k := t0 - 1; k >= 0 && k >= t0-2 && d.toks[k].sent == d.toks[t0].sent; k-- {
		n := d.toks[k].norm
		if specificDet[n] || numberWords[n] || n[0] >= '0' && n[0] <= '9' {
			return false
		}
	}
	return true
}

// objectPronoun: "them", "les", "eux" — the object of the act's verb ("shot them").
func objectPronoun(d *doc, m mention) bool {
	switch d.toks[m.t0].norm {
	case "them", "les", "eux":
		return true
	}
	return false
}

// joined: two role words are coordinated persons, not one noun phrase ("my mother and
// father", "아버지와 어머니", "ma mère, mon frère").
func joined(d *doc, a, b int32) bool {
	if b <= a {
		return false
	}
	if strings.Contains(d.text[d.toks[a].end:d.toks[b].start], ",") {
		return true
	}
	for k := a + 1; k < b; k++ {
		switch d.toks[k].norm {
		case "and", "or", "et", "ou":
			return true
		}
	}
	if d.mode == 'k' {
		n := d.toks[a].norm
		return strings.HasSuffix(n, "과") || strings.HasSuffix(n, "와") || strings.HasSuffix(n, "랑") || strings.HasSuffix(n, "하고")
	}
	return false
}

// possessiveMark: the witness named in the third person is followed by a possessive
// ("the interviewee's", "증언자의", "de l'intéressée").
func possessiveMark(d *doc, t int32) bool {
	w := d.toks[t].norm
	if strings.HasSuffix(w, "의") {
		return true
	}
	if int(t)+1 < len(d.toks) && d.toks[t+1].sent == d.toks[t].sent {
		n := d.toks[t+1].norm
		return n == "'s" || n == "s" || n == "’s"
	}
	return false
}

// thirdPersonNarrator: the witness named in the third person, an antecedent of "he"/"she".
func thirdPersonNarrator(w string) bool {
	for _, p := range []string{"interviewee", "respondent", "interesse", "증언자", "면담자", "구술자"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}
