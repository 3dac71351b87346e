package classify

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pscore/dossier/internal/testimony"
)

// testimonyCtx is what classifying one event needs to know about the others.
type testimonyCtx struct {
	t      *testimony.Testimony
	people *people
	// dead: persons already killed or dead in custody in an earlier event; they cannot
	// be disappeared later.
	dead map[string]bool
	// oncePlace[act][event]: the event's place is such a place (a political prison camp).
	oncePlace map[int][]bool
	places    []*placeInfo
	// had: (act type, victim) already found in an earlier event
	had map[[2]string]bool
}

// placeInfo is what an event's place name says.
type placeInfo struct {
	bits        []uint64
	detention   bool
	prison      bool
	institution string // whose facility (perpetrator code), after the country rule
}

// docCtx is one analysed account.
type docCtx struct {
	d        *doc
	date     testimony.Date
	hits     []hit
	pos, neg [][]uint64 // per sentence: classes present un-negated / negated
	hearsay  []bool
	unsure   []bool
	eye      []bool
	mentions []mention
	negCue   []int32 // by hit index: 1 + the index of the negation cue's hit (0: none)
	w        *work
}

// subHit is a sub-signal of an act found in an event's accounts.
type subHit struct {
	act, sub string
	spans    []Span
}

// acc is an inferred act while an event's acts are merged.
type acc struct {
	a       ActResult
	hearsay bool
	drop    bool
	weak    bool // every proposal's perpetrator was a fallback
}

// eventCtx is the analysis of one event.
type eventCtx struct {
	acts        []ActResult
	docs        []*docCtx
	place       *placeInfo
	country     string
	inDetention bool
	eventBits   []uint64
	subs        []subHit // sub-signals found, with their evidence
	disabled    map[string]bool
	dominant    string // the perpetrator the event names most
	w           *work  // the worker's scratch
}

func bitsWords(n int) int { return (n + 63) / 64 }

func setBit(b []uint64, i int32)      { b[i>>6] |= 1 << (uint(i) & 63) }
func hasBit(b []uint64, i int32) bool { return i >= 0 && b[i>>6]&(1<<(uint(i)&63)) != 0 }

// slab hands out zeroed values of one type from blocks reused across testimonies: the
// analysis of an event (contexts, candidates, per-sentence rows) is scratch, and
// allocating it afresh for every event made the garbage collector a fifth of the time.
// Nothing handed out may outlive the testimony (putWork resets the slabs).
type slab[T any] struct {
	buf []T
	off int
}

func (s *slab[T]) one() *T {
	if s.off == len(s.buf) {
		s.buf, s.off = make([]T, max(64, len(s.buf))), 0
	}
	p := &s.buf[s.off]
	s.off++
	var zero T
	*p = zero
	return p
}

func (s *slab[T]) many(n int) []T {
	if s.off+n > len(s.buf) {
		s.buf, s.off = make([]T, max(256, 2*n, len(s.buf))), 0
	}
	b := s.buf[s.off : s.off+n : s.off+n]
	s.off += n
	clear(b)
	return b
}

func (s *slab[T]) reset() { s.off = 0 }

// alloc hands out zeroed bitsets from a slab reused across calls.
func (w *work) alloc(n int) []uint64 {
	if w.off+n > len(w.slab) {
		w.slab = make([]uint64, max(n, 4096, 2*len(w.slab)))
		w.off = 0
	}
	b := w.slab[w.off : w.off+n : w.off+n]
	w.off += n
	clear(b)
	return b
}

// placeKinds analyses every event's place once per testimony.
func (c *Classifier) placeKinds(t *testimony.Testimony, tc *testimonyCtx, w *work) {
	tc.places = make([]*placeInfo, len(t.Events))
	tc.oncePlace = map[int][]bool{}
	for i := range t.Events {
		tc.places[i] = c.place(&t.Events[i].Place, w)
	}
	for _, ca := range c.acts {
		if !ca.rule.OnceByPlace {
			continue
		}
		v := make([]bool, len(t.Events))
		for i := range t.Events {
			v[i] = hasBit(tc.places[i].bits, ca.strong)
		}
		tc.oncePlace[ca.idx] = v
	}
}

func (c *Classifier) place(p *testimony.Place, w *work) *placeInfo {
	key := [3]string{p.Country, p.Name, p.Admin1}
	if pi, ok := w.place[key]; ok {
		return pi
	}
	pi := &placeInfo{bits: make([]uint64, bitsWords(c.nClasses))}
	perp, inst := "", ""
	for _, lang := range []string{"en", "fr", "ko"} {
		mode, ok := c.m.mode(lang)
		if !ok {
			continue
		}
		d := tokenize(p.Name, lang, mode, c.stem)
		hits := c.m.match(d, nil)
		best := int32(0)
		for _, h := range hits {
			setBit(pi.bits, h.cls)
			cl := c.m.classes[h.cls]
			if cl.kind == ckPerp && h.end-h.start > best {
				perp, best = c.perpCode[h.cls], h.end-h.start
			}
			if cl.kind == ckInstitution && inst == "" {
				inst = c.instCode[h.cls]
			}
		}
	}
	if id, ok := c.signal["detention"]; ok && hasBit(pi.bits, id) {
		pi.detention = true
	}
	if id, ok := c.signal["prison-sentence"]; ok && hasBit(pi.bits, id) {
		pi.prison = true
	}
	if id, ok := c.signal["worksite"]; ok && hasBit(pi.bits, id) {
		// "logging camp near Tynda", "벌목장": a place of work, not of detention
		inst, pi.detention, pi.prison = "", false, false
		if perp == "camp-staff" {
			perp = ""
		}
	}
	if inst != "" {
		pi.detention = true
	}
	switch perp {
	case "mss", "mps", "cn-police", "camp-staff":
		pi.detention = true
	}
	pi.institution = perp
	if pi.institution == "" || pi.institution == "kp-official" || pi.institution == "wpk" || pi.institution == "court" {
		if inst != "" {
			pi.institution = inst
		}
	}
	if p.Country == "CN" && pi.institution != "" && pi.institution != "trafficker" && pi.institution != "unknown" {
		pi.institution = "cn-police"
	}
	if len(w.place) < 4096 {
		w.place[key] = pi
	}
	return pi
}

// analyse reads an event's accounts: the context every event needs (sub-signals,
// disability, detention) and, when infer is set, the acts the narrative states.
func (c *Classifier) analyse(t *testimony.Testimony, e *testimony.Event, ei int, tc *testimonyCtx, w *work, infer bool) *eventCtx {
	ev := w.evs.one()
	ev.place, ev.country, ev.w = tc.places[ei], e.Place.Country, w
	nw := bitsWords(c.nClasses)
	ev.eventBits = w.alloc(nw)
	copy(ev.eventBits, ev.place.bits)
	type count struct {
		code string
		n    int
	}
	var pcBuf [8]count
	perpCount := pcBuf[:0]
	for _, lang := range e.Langs(t.Source.Language) {
		text := e.Account[lang]
		mode, ok := c.m.mode(lang)
		if !ok {
			continue
		}
		full := infer || c.needMentions(e)
		m := c.m
		if !full {
			m = c.lite
		}
		d := tokenizeDoc(w.docs.one(), &w.int32s, w.tokens(len(text)/3+8), text, lang, mode, c.stem, w.wordCache(c, m, lang))
		w.used(len(d.toks), cap(d.toks))
		dc := c.analyseDoc(d, ev, tc, w, e.Date, full)
		if ev.docs == nil {
			ev.docs = w.docPtrs.many(len(e.Account))[:0]
		}
		ev.docs = append(ev.docs, dc)
		for i := range dc.hits {
			h := &dc.hits[i]
			if h.cls < 0 || h.neg || c.m.classes[h.cls].kind != ckPerp {
				continue
			}
			if code, ok := c.perpCode[h.cls]; ok {
				code = c.localPerp(code, ev.country)
				found := false
				for k := range perpCount {
					if perpCount[k].code == code {
						perpCount[k].n++
						found = true
					}
				}
				if !found {
					perpCount = append(perpCount, count{code, 1})
				}
			}
		}
	}
	// the body named most; a tie goes to the body whose place it is, then the first named
	best := 0
	for _, p := range perpCount {
		if p.n > best || p.n == best && (p.code == ev.place.institution || ev.dominant != ev.place.institution && tieBefore(p.code, ev.dominant)) {
			ev.dominant, best = p.code, p.n
		}
	}
	if id, ok := c.signal["detention"]; ok && hasBit(ev.eventBits, id) {
		ev.inDetention = true
	}
	ev.inDetention = ev.inDetention || ev.place.detention
	for _, dc := range ev.docs {
		c.collectSubs(dc, ev)
		c.collectDisabled(dc, ev, tc)
	}
	if infer {
		ev.acts = c.infer(t, e, ei, ev, tc)
	}
	return ev
}

// localPerp applies the country rule: police in China are the Chinese police.
func (c *Classifier) localPerp(code, country string) string {
	if country == "CN" && (code == "mps" || code == "kp-official") {
		return "cn-police"
	}
	return code
}

// needMentions: a coded event needs its persons read only when a condition of its acts'
// mappings comes from the narrative (victim-disabled).
func (c *Classifier) needMentions(e *testimony.Event) bool {
	for _, a := range e.Acts {
		if m := c.Cat.Mappings[a.Type]; m != nil {
			for _, ad := range m.If {
				if ad.Key == "victim-disabled" {
					return true
				}
			}
		}
	}
	return false
}

// analyseDoc matches an account and, when full, reads its negations, cues, sentences and
// persons; a coded event needs only its sub-signals and detention words.
func (c *Classifier) analyseDoc(d *doc, ev *eventCtx, tc *testimonyCtx, w *work, date testimony.Date, full bool) *docCtx {
	dc := w.dcs.one()
	dc.d, dc.date, dc.w = d, date, w
	m := c.m
	if !full {
		m = c.lite
	}
	w.hits, w.sid = m.matchScratch(d, w.hits[:0], w.sid)
	dc.hits = w.hitSlab(len(w.hits))
	copy(dc.hits, w.hits)
	c.resolveOverlaps(dc)
	if !full {
		for i := range dc.hits {
			if h := &dc.hits[i]; h.cls >= 0 {
				setBit(ev.eventBits, h.cls)
			}
		}
		return dc
	}
	c.markNegation(dc)
	c.markIrrealis(dc)
	c.markScope(dc)
	ns := d.sentCount()
	nw := bitsWords(c.nClasses)
	rows := w.rows.many(2 * ns)
	dc.pos, dc.neg = rows[:ns:ns], rows[ns:]
	flags := w.flags.many(3 * ns)
	dc.hearsay, dc.unsure, dc.eye = flags[:ns:ns], flags[ns:2*ns:2*ns], flags[2*ns:]
	for s := 0; s < ns; s++ {
		dc.pos[s] = w.alloc(nw)
		dc.neg[s] = w.alloc(nw)
	}
	for i := range dc.hits {
		h := &dc.hits[i]
		if h.cls < 0 {
			continue
		}
		cl := &c.m.classes[h.cls]
		if cl.kind == ckCue {
			switch cl.idx {
			case cueHearsay:
				// "we never heard from him again" says nothing was heard
				if !negatedCue(d, h.t0) {
					dc.hearsay[h.sent] = true
				}
			case cueUncertainty:
				// "perhaps ten minutes", "peut-être deux mois": an approximate quantity, not
				// doubt about the event
				if !approxQuantity(d, h.t1) {
					dc.unsure[h.sent] = true
				}
			case cueEyewitness:
				dc.eye[h.sent] = true
			}
		}
		if h.irr {
			continue
		}
		if h.neg {
			setBit(dc.neg[h.sent], h.cls)
			continue
		}
		setBit(dc.pos[h.sent], h.cls)
		setBit(ev.eventBits, h.cls)
		if cl.kind == ckPerp || cl.kind == ckGeneric || cl.kind == ckKPGeneric {
			var synBuf [2]int32
			syn := append(synBuf[:0], c.synPerp)
			switch cl.kind {
			case ckPerp:
				code := c.localPerp(c.perpCode[h.cls], ev.country)
				if p := c.Vocab.Perpetrator(code); p != nil {
					switch p.State {
					case "KP":
						syn = append(syn, c.synPerpKP)
					case "CN":
						syn = append(syn, c.synPerpCN)
					}
				}
			case ckKPGeneric:
				syn = append(syn, c.synPerpKP)
			case ckGeneric:
				switch ev.country {
				case "KP":
					syn = append(syn, c.synPerpKP)
				case "CN":
					syn = append(syn, c.synPerpCN)
				}
			}
			for _, s := range syn {
				setBit(dc.pos[h.sent], s)
				setBit(ev.eventBits, s)
			}
		}
	}
	dc.mentions = c.mentions(dc, tc.people, w)
	return dc
}

func overlaps(a, b *hit) bool { return a.start < b.end && b.start < a.end }

func containsInt32(s []int32, v int32) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// resolveOverlaps keeps the longest of overlapping perpetrator (or person) names, drops act
// terms inside an `except` phrase and negation cues inside a restrictive phrase ("nothing
// but", "ne … que").
func (c *Classifier) resolveOverlaps(dc *docCtx) {
	h := dc.hits
	group := func(k classKind) int {
		switch k {
		case ckPerp, ckGeneric, ckKPGeneric:
			return 1
		case ckRole, ckPerson:
			return 2
		}
		return 0
	}
	for i := range h {
		if h[i].cls < 0 {
			continue
		}
		ki := c.m.classes[h[i].cls].kind
		gi := group(ki)
		for j := i + 1; j < len(h) && h[j].t0 <= h[i].t1; j++ {
			if h[j].cls < 0 || !overlaps(&h[i], &h[j]) {
				continue
			}
			kj := c.m.classes[h[j].cls].kind
			if gi != 0 && gi == group(kj) {
				if h[j].end-h[j].start > h[i].end-h[i].start {
					h[i].cls = -1
					break
				}
				h[j].cls = -1
			}
		}
	}
	// "my school bag": words that hold a body's name without naming an agent
	if np, ok := c.signal["not-perpetrator"]; ok {
		for i := range h {
			if h[i].cls != np {
				continue
			}
			for j := range h {
				if h[j].cls >= 0 && overlaps(&h[i], &h[j]) {
					switch c.m.classes[h[j].cls].kind {
					case ckPerp, ckGeneric, ckKPGeneric:
						h[j].cls = -1
					}
				}
			}
		}
	}
	// "the Party secretary of the school", "le comité du Parti de mon usine": a body named
	// as the complement of another is not the agent
	if dc.d.mode != 'k' {
		for i := range h {
			if h[i].cls < 0 || c.m.classes[h[i].cls].kind != ckPerp {
				continue
			}
			for j := i + 1; j < len(h) && h[j].t0 <= h[i].t1+4; j++ {
				if h[j].cls >= 0 && h[j].t0 > h[i].t1 && c.m.classes[h[j].cls].kind == ckPerp && ofBetween(dc.d, h[i].t1, h[j].t0) {
					h[j].cls = -1
				}
			}
		}
	}
	for i := range h {
		if h[i].cls < 0 {
			continue
		}
		if int(h[i].cls) < len(c.notInside) && len(c.notInside[h[i].cls]) > 0 {
			outer := c.notInside[h[i].cls]
			for j := range h {
				if j != i && h[j].cls >= 0 && overlaps(&h[i], &h[j]) && containsInt32(outer, h[j].cls) {
					h[i].cls = -1
					break
				}
			}
			if h[i].cls < 0 {
				continue
			}
		}
		ci := c.m.classes[h[i].cls]
		switch {
		case ci.kind == ckActExcept:
			for j := range h {
				if h[j].cls >= 0 && overlaps(&h[i], &h[j]) {
					cj := c.m.classes[h[j].cls]
					if (cj.kind == ckActStrong || cj.kind == ckActTerm) && cj.idx == ci.idx {
						h[j].cls = -1
					}
				}
			}
		case ci.kind == ckCue && ci.idx == cueRestrictive:
			for j := range h {
				if h[j].cls >= 0 && overlaps(&h[i], &h[j]) {
					cj := c.m.classes[h[j].cls]
					if cj.kind == ckCue && (cj.idx == cueNegation || cj.idx == cueNegDet) {
						h[j].cls = -1
					}
				}
			}
		}
	}
}

// markNegation marks the hits a negation governs, clause by clause. A cue inside a term
// does not negate it ("no longer pregnant"); negated deprivation terms (ckActNeg) are the
// ones that count.
func (c *Classifier) markNegation(dc *docCtx) {
	d := dc.d
	var cues []int
	for i := range dc.hits {
		h := &dc.hits[i]
		if h.cls < 0 {
			continue
		}
		cl := c.m.classes[h.cls]
		if cl.kind == ckCue && (cl.idx == cueNegation || cl.idx == cueNegDet) {
			cues = append(cues, i)
		}
	}
	if len(cues) == 0 {
		return
	}
	for i := range dc.hits {
		h := &dc.hits[i]
		if h.cls < 0 {
			continue
		}
		cl := c.m.classes[h.cls]
		isNegTerm := cl.kind == ckActNeg
		if !isNegTerm && !cl.negatable {
			continue
		}
		// a term that is itself negative ("jamais revu", "never came back alive") is not
		// negated again by the first half of its own negation (ne … jamais revu)
		inner := false
		for _, ci := range cues {
			if q := &dc.hits[ci]; q.start >= h.start && q.end <= h.end {
				inner = true
				break
			}
		}
		for _, ci := range cues {
			q := &dc.hits[ci]
			if q.start >= h.start && q.end <= h.end {
				continue // the cue is part of the term
			}
			if inner && d.lang == "fr" && q.t1 < h.t0 && (d.toks[q.t0].norm == "ne" || d.toks[q.t0].norm == "n'") {
				continue
			}
			// « n'avions pas le droit de sortir »: a term that begins with the second half
			// of a negation (pas le droit de …, jamais revu) takes its ne with it
			if d.lang == "fr" && q.t1 < h.t0 && h.t0-q.t1 <= 3 && frNegWord(d.toks[h.t0].norm) && (d.toks[q.t0].norm == "ne" || d.toks[q.t0].norm == "n'") {
				continue
			}
			det := c.m.classes[q.cls].idx == cueNegDet
			if c.negates(d, q, h, det, isNegTerm) {
				h.neg = true
				if isNegTerm {
					if dc.negCue == nil {
						dc.negCue = dc.w.int32s.many(len(dc.hits))
					}
					dc.negCue[i] = int32(ci) + 1
				}
				break
			}
		}
	}
}

// frNegWord: the second half of a French negation (ne … pas, ne … jamais).
func frNegWord(n string) bool {
	switch n {
	case "pas", "jamais", "plus", "rien", "aucun", "aucune", "personne", "guère", "point":
		return true
	}
	return false
}

func (c *Classifier) negates(d *doc, q, h *hit, det, negTerm bool) bool {
	toks := d.toks
	if d.mode == 'k' {
		if toks[q.t0].clause != toks[h.t1].clause && toks[q.t0].clause != toks[h.t1].clause+0 {
			return false
		}
		if q.start < h.end && q.end > h.end && q.start > h.start {
			return true // the cue begins inside the term: 먹지 + 지 못 = "먹지 못했다"
		}
		if q.start >= h.end {
			if negTerm {
				return q.t0-h.t1 <= 3 || q.t0-h.t1 <= 6 && experiential(toks, h.t1, q.t0)
			}
			return q.t0 <= h.t1+1 || koNegReach(toks, h.t1, q.t0)
		}
		// 안 / 못 before the verb, as a word of its own: the noun 안 takes a particle and
		// means "inside" (구류장 안에서 사망)
		return q.t1 == h.t0-1 && q.end-q.start <= 3 && toks[q.t1].eojeol && q.end == toks[q.t1].end
	}
	if q.t1 < h.t0 {
		if toks[q.t1].clause != toks[h.t0].clause {
			return false
		}
		dist := h.t0 - q.t1
		if det {
			if dist > 3 {
				return false
			}
			for k := q.t1 + 1; k < h.t0; k++ {
				if toks[k].norm == "and" || toks[k].norm == "then" {
					return false
				}
			}
			return true
		}
		if dist > 10 || dist > 6 && !longNegator(toks[q.t0].norm) {
			return false
		}
		if d.lang == "fr" && (toks[q.t0].norm == "ne" || toks[q.t0].norm == "n'") && !frNegationComplete(toks, q.t1, h.t0) {
			return false
		}
		// a new clause subject ("… and she died") ends the scope, and so does a
		// subordinate clause ("I have not seen her since she was sold", "they never told us
		// why he was arrested")
		for k := q.t1 + 1; k < h.t0; k++ {
			if k > q.t1+1 && subordinator(toks[k].norm) {
				return false
			}
			if toks[k].norm == "and" && k+1 < h.t0 {
				switch toks[k+1].norm {
				case "she", "he", "they", "i", "we", "the", "then", "a", "his", "her", "their", "my":
					return false
				}
			}
		}
		return true
	}
	if negTerm && q.t0 > h.t1 && !det {
		return toks[q.t0].clause == toks[h.t1].clause && q.t0-h.t1 <= 3
	}
	return false
}

// koRecipient: a Korean mention followed by a dative or directional particle is where
// the act went, not who did it (북한 보위부에 인계했다, 보위원들에게 넘겨졌다); 에서 marks
// an institution as the agent and is not one.
func koRecipient(d *doc, h *hit) bool {
	if d.mode != 'k' {
		return false
	}
	end := d.toks[h.t1].end
	if h.end >= end {
		return false
	}
	rest := strings.TrimPrefix(d.text[h.end:end], "들")
	if strings.HasPrefix(rest, "에서") {
		return false
	}
	for _, p := range [...]string{"에", "한테", "께", "으로", "로"} {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	return false
}

// questionWord: an embedded question (whether, if, si) reaches to the end of its clause:
// "they asked whether I had met South Koreans or gone to a church".
func questionWord(n string) bool {
	return n == "whether" || n == "if" || n == "si"
}

// subordinator: a word that opens a subordinate clause, beyond which a negation of the
// main clause does not reach.
func subordinator(n string) bool {
	switch n {
	case "since", "because", "why", "when", "while", "although", "though", "parce", "puisque", "pourquoi", "quand", "lorsque", "depuis":
		return true
	}
	return false
}

// negatedCue: a hearsay cue right after a negation ("never heard from", "not heard that").
func negatedCue(d *doc, t int32) bool {
	if d.mode == 'k' || t == 0 {
		return false
	}
	switch d.toks[t-1].norm {
	case "never", "not", "n't", "jamais", "pas", "nobody", "nothing":
		return true
	}
	return false
}

// experiential: a Korean "-ㄴ 적이 없다" (never once) between a deprivation term and its
// negation, which puts a verb and 적이 between them: 재판은 받아 본 적이 없다.
func experiential(toks []token, from, to int32) bool {
	for k := from + 1; k < to; k++ {
		switch toks[k].norm {
		case "적이", "적은", "적도", "일이", "일은", "일도":
			return true
		}
	}
	return false
}

// longNegator: subject and adverbial negators reach further than "not" ("Nobody ever
// explained the charge or showed us a court decision").
func longNegator(n string) bool {
	switch n {
	case "nobody", "no", "none", "nothing", "never", "personne", "jamais", "rien", "aucun", "aucune":
		return true
	}
	return false
}

// frNegationComplete checks that "ne"/"n'" is a negation: a second part (pas, jamais,
// plus, rien, personne, aucun, guère, ni) comes before the term, or none at all; "ne …
// que" means "only".
func frNegationComplete(toks []token, from, to int32) bool {
	for k := from + 1; k < to+3 && int(k) < len(toks) && toks[k].clause == toks[from].clause; k++ {
		switch toks[k].norm {
		case "pas", "jamais", "plus", "rien", "personne", "aucun", "aucune", "guere", "ni", "point":
			return true
		case "que", "qu'":
			return false
		}
	}
	return true
}

// markIrrealis marks hits of irrealis-sensitive classes governed by a fear, threat or
// near-miss cue.
func (c *Classifier) markIrrealis(dc *docCtx) {
	d := dc.d
	var cues []int
	for i := range dc.hits {
		h := &dc.hits[i]
		if h.cls >= 0 && c.m.classes[h.cls].kind == ckCue && c.m.classes[h.cls].idx == cueIrrealis {
			cues = append(cues, i)
		}
	}
	if len(cues) == 0 {
		return
	}
	for i := range dc.hits {
		h := &dc.hits[i]
		if h.cls < 0 || !c.m.classes[h.cls].irrealis {
			continue
		}
		for _, ci := range cues {
			q := &dc.hits[ci]
			if q.start >= h.start && q.end <= h.end {
				continue
			}
			if d.mode == 'k' {
				if q.start >= h.end && q.t0 <= h.t1+1 && d.toks[q.t0].clause == d.toks[h.t1].clause {
					h.irr = true
				}
			} else if q.t1 < h.t0 && (h.t0-q.t1 <= 7 || h.t0-q.t1 <= 14 && questionWord(d.toks[q.t1].norm)) && d.toks[q.t1].clause == d.toks[h.t0].clause {
				h.irr = true
			}
			if h.irr {
				break
			}
		}
	}
}

// collectSubs records which refinement sub-signals each act's narrative shows.
func (c *Classifier) collectSubs(dc *docCtx, ev *eventCtx) {
	for i := range dc.hits {
		h := &dc.hits[i]
		if h.cls < 0 || h.irr {
			continue
		}
		cl := c.m.classes[h.cls]
		if cl.kind != ckSub {
			continue
		}
		a := c.acts[cl.idx].rule
		name := a.Sub[cl.sub].Code
		k := -1
		for i := range ev.subs {
			if ev.subs[i].act == a.Code && ev.subs[i].sub == name {
				k = i
				break
			}
		}
		if k < 0 {
			if ev.subs == nil {
				ev.subs = ev.w.subs.many(8)[:0]
			}
			ev.subs = append(ev.subs, subHit{act: a.Code, sub: name, spans: make([]Span, 0, 3)})
			k = len(ev.subs) - 1
		}
		if sh := &ev.subs[k]; len(sh.spans) < 3 {
			sh.spans = append(sh.spans, c.span(dc.d, h.start, h.end))
		}
	}
}

// sub returns the evidence of an act's sub-signal in the event (nil: not found).
func (ev *eventCtx) sub(act, name string) []Span {
	for i := range ev.subs {
		if ev.subs[i].act == act && ev.subs[i].sub == name {
			return ev.subs[i].spans
		}
	}
	return nil
}

func (c *Classifier) collectDisabled(dc *docCtx, ev *eventCtx, tc *testimonyCtx) {
	for i := range dc.hits {
		h := &dc.hits[i]
		if h.cls != c.disabled || h.neg {
			continue
		}
		for _, m := range dc.mentions {
			if m.sent == h.sent {
				for _, p := range m.persons {
					if ev.disabled == nil {
						ev.disabled = map[string]bool{}
					}
					ev.disabled[tc.people.list[p].ref] = true
				}
			}
		}
	}
}

func (c *Classifier) span(d *doc, start, end int32) Span {
	return Span{Lang: d.lang, Text: d.text[start:end], Start: int(start), End: int(end)}
}

// candidate is one act proposed by one sentence.
type candidate struct {
	act      *compiledAct
	dc       *docCtx
	sent     int32
	conf     float64
	evidence []int // hit indices
	anchor   int
	hearsay  bool
	unsure   bool
	victims  []int
	explicit bool // the victim was named in the sentence
	perp     string
	// weakPerp: the perpetrator was not read near the act's words but taken from the event
	// (the body it names most, the place's, the country's default)
	weakPerp bool
}

func (c *Classifier) present(l *literal, ca *compiledAct, dc *docCtx, s int32, ev *eventCtx) bool {
	var ok bool
	switch l.scope {
	case 's':
		switch l.special {
		case 't':
			ok = hasBit(dc.pos[s], ca.terms)
		case 'n':
			ok = hasBit(dc.neg[s], ca.neg)
		default:
			if l.cls >= int32(len(c.m.classes)) || c.m.classes[l.cls].negatable {
				ok = hasBit(dc.pos[s], l.cls)
			} else {
				ok = hasBit(dc.pos[s], l.cls) || hasBit(dc.neg[s], l.cls)
			}
		}
	case 'e':
		ok = hasBit(ev.eventBits, l.cls)
	case 'p':
		if l.special == 'D' {
			ok = ev.place.detention
		} else {
			ok = ev.place.prison
		}
	case 'c':
		ok = ev.country == l.country
	}
	return ok != l.not
}

// firstHitOf returns the first hit of a class in a sentence (un-negated, or negated when
// neg), or -1.
func firstHitOf(dc *docCtx, cls int32, s int32, neg bool) int {
	for i := range dc.hits {
		h := &dc.hits[i]
		if h.cls == cls && h.sent == s && h.neg == neg && !h.irr {
			return i
		}
	}
	return -1
}

// hitsOf returns the hits of a class in a sentence (un-negated, or negated when neg).
func hitsOf(dc *docCtx, cls int32, s int32, neg bool, out []int) []int {
	for i := range dc.hits {
		h := &dc.hits[i]
		if h.cls == cls && h.sent == s && h.neg == neg && !h.irr {
			out = append(out, i)
		}
	}
	return out
}

// infer proposes acts sentence by sentence, resolves their victims and perpetrators, and
// applies the event-level rules (absorption, child/adult conversion, once-by-place, the dead
// cannot disappear).
func (c *Classifier) infer(t *testimony.Testimony, e *testimony.Event, ei int, ev *eventCtx, tc *testimonyCtx) []ActResult {
	cands := ev.w.candPtrs.many(16)[:0]
	conf := c.Lex.Confidence
	for _, ca := range c.acts {
		if len(ca.requires) > 0 {
			ok := false
			for i := range ca.requires {
				ok = ok || c.present(&ca.requires[i], ca, nil, 0, ev)
			}
			if !ok {
				continue
			}
		}
		if ca.rule.OnceByPlace {
			if v := tc.oncePlace[ca.idx]; v != nil && !v[ei] {
				elsewhere := false
				for j, b := range v {
					elsewhere = elsewhere || (b && j != ei)
				}
				if elsewhere {
					continue
				}
			}
		}
		for _, dc := range ev.docs {
			for s := int32(0); s < int32(dc.d.sentCount()); s++ {
				if cd := c.propose(ca, dc, s, ev, conf, t); cd != nil {
					cands = append(cands, cd)
				}
			}
		}
	}
	if len(cands) == 0 {
		return nil
	}
	// victims: named ones first, then those that borrow from other acts
	for _, cd := range cands {
		c.victims(cd, tc, ev, false, nil)
	}
	for _, cd := range cands {
		if !cd.explicit {
			c.victims(cd, tc, ev, true, cands)
		}
	}
	accs := ev.w.accs.many(len(cands))[:0]
	for _, cd := range cands {
		if len(cd.victims) == 0 {
			continue
		}
		perp, ok := c.perpetrator(cd, ev)
		if !ok {
			continue
		}
		for _, v := range cd.victims {
			p := &tc.people.list[v]
			typ := cd.act.rule.Code
			child := isChild(p, e.Date)
			if cd.act.rule.IfChild != "" && child == 1 && !ev.inDetention {
				typ = cd.act.rule.IfChild
			}
			if cd.act.rule.IfAdult != "" && child == 0 {
				typ = cd.act.rule.IfAdult
			}
			if typ == "enforced-disappearance" && tc.dead[p.ref] {
				continue
			}
			if ca := c.actByCode[typ]; ca != nil && ca.rule.OncePerVictim && tc.had[[2]string{typ, p.ref}] {
				continue
			}
			if cd.act.rule.VictimSex != "" && p.sex != "" && p.sex != "unknown" && p.sex != cd.act.rule.VictimSex {
				continue
			}
			k := -1
			for i := range accs {
				if accs[i].a.Type == typ && accs[i].a.Victim == p.ref && accs[i].a.Perpetrator == perp {
					k = i
					break
				}
			}
			if k < 0 {
				accs = append(accs, acc{a: ActResult{Type: typ, Victim: p.ref, Perpetrator: perp, Origin: OriginInferred}, hearsay: true, weak: true})
				k = len(accs) - 1
			}
			x := &accs[k]
			x.weak = x.weak && cd.weakPerp
			if cd.conf > x.a.Confidence {
				x.a.Confidence = cd.conf
			}
			x.hearsay = x.hearsay && cd.hearsay
			if cd.unsure && !hasString(x.a.Notes, "uncertain") {
				x.a.Notes = append(x.a.Notes, "uncertain")
			}
			for _, hi := range cd.evidence {
				h := &cd.dc.hits[hi]
				x.a.Evidence = addSpan(x.a.Evidence, c.evidenceSpan(cd.dc, hi, h), cd.dc.d.text, 6)
			}
		}
	}
	// one act, one perpetrator: a proposal whose perpetrator was only a fallback gives way to
	// one of the same act and victim whose perpetrator was named by its words
	for i := range accs {
		if !accs[i].weak {
			continue
		}
		for j := range accs {
			if j != i && !accs[j].weak && accs[j].a.Type == accs[i].a.Type && accs[j].a.Victim == accs[i].a.Victim {
				accs[i].drop = true
			}
		}
	}
	// absorption: a beating that killed is a killing, not also torture
	for i := range accs {
		ca := c.actByCode[accs[i].a.Type]
		if ca == nil {
			continue
		}
		for _, ab := range ca.rule.Absorbs {
			for j := range accs {
				if accs[j].a.Type == ab && accs[j].a.Victim == accs[i].a.Victim {
					accs[j].drop = true
				}
			}
		}
	}
	out := make([]ActResult, 0, len(accs))
	for i := range accs {
		x := &accs[i]
		if x.drop || x.a.Confidence < conf.Threshold {
			continue
		}
		x.a.Hearsay = x.hearsay
		x.a.Confidence = round2(x.a.Confidence)
		slices.SortStableFunc(x.a.Evidence, func(a, b Span) int {
			if a.Lang != b.Lang {
				return strings.Compare(a.Lang, b.Lang)
			}
			return a.Start - b.Start
		})
		out = append(out, x.a)
	}
	return out
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

func hasString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// addSpan adds a quote, merging it with a quote it overlaps (so "was sold" and "sold to"
// become "was sold to"); text is the account the offsets point into.
func addSpan(list []Span, s Span, text string, limit int) []Span {
	for i := range list {
		x := &list[i]
		if x.Lang == s.Lang && x.Start < s.End && s.Start < x.End {
			x.Start, x.End = min(x.Start, s.Start), max(x.End, s.End)
			x.Text = text[x.Start:x.End]
			return list
		}
	}
	if len(list) >= limit {
		return list
	}
	if cap(list) == 0 {
		list = make([]Span, 0, min(limit, 4))
	}
	return append(list, s)
}

func hasSpan(list []Span, s Span) bool {
	for _, x := range list {
		if x.Lang == s.Lang && x.Start <= s.Start && x.End >= s.End {
			return true
		}
	}
	return false
}

// evidenceSpan quotes a hit; a negated deprivation term is quoted with its negation
// ("no food", "재판도 없었고") so the quote says what the rule read.
func (c *Classifier) evidenceSpan(dc *docCtx, hi int, h *hit) Span {
	start, end := h.start, h.end
	if hi < len(dc.negCue) && dc.negCue[hi] > 0 {
		qi := int(dc.negCue[hi]) - 1
		q := &dc.hits[qi]
		gap := q.t0 - h.t1
		if q.t1 < h.t0 {
			gap = h.t0 - q.t1
		}
		if gap <= 3 {
			start = min(start, q.start)
			end = max(end, q.end)
		}
	}
	return c.span(dc.d, start, end)
}

// propose applies an act's rules to one sentence.
func (c *Classifier) propose(ca *compiledAct, dc *docCtx, s int32, ev *eventCtx, conf Confidence, t *testimony.Testimony) *candidate {
	pos, neg := dc.pos[s], dc.neg[s]
	if !ca.anyTrigger {
		hit := false
		for i, b := range ca.trigger {
			if b&(pos[i]|neg[i]) != 0 {
				hit = true
				break
			}
		}
		if !hit {
			return nil
		}
	}
	best := 0.0
	var ev1Buf [16]int
	ev1 := ev1Buf[:0]
	primary := -1 // the act's own words, which locate its victim and perpetrator
	if hasBit(pos, ca.strong) {
		best = conf.Strong
		ev1 = hitsOf(dc, ca.strong, s, false, ev1)
	}
	blocked := false
	for i := range ca.unless {
		if c.present(&ca.unless[i], ca, dc, s, ev) {
			blocked = true
			break
		}
	}
	if !blocked {
		if !ca.usesNegInAll && hasBit(neg, ca.neg) {
			best = max(best, conf.Neg)
			ev1 = hitsOf(dc, ca.neg, s, true, ev1)
		}
		if !ca.usesTermsInAll && hasBit(pos, ca.terms) {
			ok := len(ca.support) == 0
			var supBuf [8]int
			sup := supBuf[:0]
			for i := range ca.support {
				if c.present(&ca.support[i], ca, dc, s, ev) {
					ok = true
					if ca.support[i].scope == 's' {
						sup = hitsOf(dc, ca.support[i].cls, s, false, sup)
					}
					break
				}
			}
			if ok {
				best = max(best, conf.Term)
				ev1 = hitsOf(dc, ca.terms, s, false, ev1)
				if len(sup) > 0 && c.m.classes[dc.hits[sup[0]].cls].kind != ckSignal || len(sup) > 0 && len(ev1) < 3 {
					ev1 = append(ev1, sup[0])
				}
			}
		}
		for _, combo := range ca.all {
			ok := true
			prevEnd := int32(-1)
			var usedBuf [8]int
			used := usedBuf[:0] // the words of a combination are distinct ("끌려가" is not both arrest and custody)
			for i := range combo {
				l := &combo[i]
				if !c.present(l, ca, dc, s, ev) {
					ok = false
					break
				}
				if l.scope != 's' || l.not || l.special != 0 || l.cls >= int32(len(c.m.classes)) {
					prevEnd = -1
					continue
				}
				first := int32(-1)
				for hi := range dc.hits {
					h := &dc.hits[hi]
					if h.cls != l.cls || h.sent != s || h.irr || h.neg && c.m.classes[l.cls].negatable {
						continue
					}
					clash := false
					for _, u := range used {
						clash = clash || h.start == dc.hits[u].start && h.end == dc.hits[u].end
					}
					if clash {
						continue
					}
					if l.after {
						// after the previous literal's words (English, French), or before them
						// in Korean, where the destination precedes the verb (집결소에 넘겨져)
						if prevEnd < 0 {
							continue
						}
						if dc.d.mode == 'k' {
							if h.t1 > prevEnd || prevEnd-h.t1 > 8 {
								continue
							}
						} else if h.t0 <= prevEnd || h.t0-prevEnd > 8 {
							continue
						}
					}
					first = h.t1
					used = append(used, hi)
					break
				}
				if first < 0 {
					ok = false
					break
				}
				prevEnd = first
			}
			if !ok {
				continue
			}
			best = max(best, conf.Combination)
			for i := range combo {
				l := &combo[i]
				if l.scope != 's' || l.not || l.cls >= int32(len(c.m.classes)) && l.special == 0 {
					continue
				}
				wasLen := len(ev1)
				var h0 int
				if l.special == 'n' {
					h0 = firstHitOf(dc, l.cls, s, true)
				} else {
					h0 = firstHitOf(dc, l.cls, s, false)
					if h0 < 0 && !c.m.classes[l.cls].negatable {
						h0 = firstHitOf(dc, l.cls, s, true)
					}
				}
				if h0 >= 0 {
					ev1 = append(ev1, h0)
					if primary < 0 && wasLen >= 0 {
						primary = h0
					}
				}
			}
		}
	}
	if best == 0 {
		return nil
	}
	cd := ev.w.cands.one()
	cd.act, cd.dc, cd.sent, cd.conf, cd.anchor = ca, dc, s, best, -1
	slices.Sort(ev1)
	cd.evidence = ev.w.ints.many(len(ev1))[:0]
	for i, h := range ev1 {
		if i == 0 || h != ev1[i-1] {
			cd.evidence = append(cd.evidence, h)
		}
	}
	// the anchor locates the victim and the perpetrator: the act's own words, or the
	// configured class (whereabouts for a disappearance)
	for _, h := range cd.evidence {
		cl := dc.hits[h].cls
		if ca.anchor >= 0 && cl == ca.anchor {
			cd.anchor = h
			break
		}
	}
	if cd.anchor < 0 {
		for _, h := range cd.evidence {
			cl := dc.hits[h].cls
			if cl == ca.strong || cl == ca.terms || cl == ca.neg {
				cd.anchor = h
				break
			}
		}
	}
	if cd.anchor < 0 && primary >= 0 {
		cd.anchor = primary
	}
	if cd.anchor < 0 && len(cd.evidence) > 0 {
		cd.anchor = cd.evidence[0]
	}
	if cd.anchor < 0 {
		return nil
	}
	if dc.hearsay[s] || t.Source.Relation == "hearsay" {
		cd.hearsay = true
		cd.conf *= conf.Hearsay
	}
	if dc.unsure[s] {
		cd.unsure = true
		cd.conf *= conf.Uncertainty
	}
	if dc.eye[s] {
		cd.conf = min(0.95, cd.conf+conf.Eyewitness)
	}
	return cd
}

// perpetrator chooses who did it: named in the sentence (the subject before the act's
// words first, then an agent after them), in the two sentences before, the institution of
// the place, the one the event names most, and the act's default for the country. A DPRK
// agent is never assumed abroad: outside the DPRK one must be named nearby.
func (c *Classifier) perpetrator(cd *candidate, ev *eventCtx) (string, bool) {
	r := cd.act.rule.Perp
	dc := cd.dc
	a := &dc.hits[cd.anchor]
	allowed := func(code string) bool { return cd.act.allowed == nil || cd.act.allowed[code] }
	var resolve func(h *hit) string
	resolve = func(h *hit) string {
		switch c.m.classes[h.cls].kind {
		case ckPerp:
			code := c.localPerp(c.perpCode[h.cls], ev.country)
			if code == "kpa" && ev.place.institution == "camp-staff" {
				// guards of a kwanliso, kyohwaso or labour camp are its staff (LABELLING.md)
				return "camp-staff"
			}
			if code == "kpa" && ev.country == "CN" && !northKoreanBefore(dc.d, h.t0) {
				// soldiers in China are its border troops ("변방대 군인들"), unless said to be
				// North Korean
				return "cn-police"
			}
			return code
		case ckGeneric:
			// "officers of the people's safety office", "agents de la Sécurité d'État": the
			// body named right after of / de
			for i := range dc.hits {
				p := &dc.hits[i]
				if p.cls < 0 || p.neg || p.t0 <= h.t1 || p.t0-h.t1 > 4 || c.m.classes[p.cls].kind != ckPerp || !ofBetween(dc.d, h.t1, p.t0) {
					continue
				}
				return resolve(p)
			}
			// "the North Korean side, the officers": a generic word takes the body named
			// just before it
			for i := range dc.hits {
				p := &dc.hits[i]
				if p.cls < 0 || p.neg || p.t1 >= h.t0 || h.t0-p.t1 > 4 || dc.d.toks[p.t1].clause != dc.d.toks[h.t0].clause {
					continue
				}
				if k := c.m.classes[p.cls].kind; k == ckKPGeneric || k == ckPerp {
					return resolve(p)
				}
			}
			if ev.place.institution != "" {
				return ev.place.institution
			}
			return ev.dominant
		case ckKPGeneric:
			if d := r.Default["KP"]; d != "" {
				return d
			}
			return "mps"
		}
		return ""
	}
	cd.weakPerp = false
	// mentions in the anchor's sentence: preceding (nearest first), then following; the
	// subject of a sentence whose act is a noun ("took us to watch the executions", "nous
	// emmenaient assister aux exécutions") is the agent of another verb
	nominal := nominalAt(dc.d, a.t0, a.t1)
	var pre, post []*hit
	for i := range dc.hits {
		h := &dc.hits[i]
		if h.cls < 0 || h.neg || h.sent != cd.sent {
			continue
		}
		k := c.m.classes[h.cls].kind
		if k != ckPerp && k != ckGeneric && k != ckKPGeneric {
			continue
		}
		if h.start < a.start {
			if !contrastBetween(dc.d, h.t1, a.t0) && !(nominal && a.t0-h.t1 > 3) {
				pre = append(pre, h)
			}
		} else if h.start >= a.end && h.t0 >= 1 {
			// after the act's words, only an agent ("by the police", "par la police")
			for k := h.t0 - 1; k >= 0 && k >= h.t0-3; k-- {
				if n := dc.d.toks[k].norm; n == "by" || n == "par" {
					post = append(post, h)
					break
				}
			}
		}
	}
	order := make([]*hit, 0, len(pre)+len(post))
	for i := len(pre) - 1; i >= 0; i-- {
		order = append(order, pre[i])
	}
	order = append(order, post...)
	for i, h := range order {
		code := resolve(h)
		if code == "" {
			continue
		}
		// strictness looks at the subject, the nearest name before the act's words
		subject := i == 0 && len(pre) > 0 && !koRecipient(dc.d, h)
		if r.Fixed != "" {
			if subject && r.Strict && code != r.Fixed {
				return "", false
			}
			return r.Fixed, true
		}
		if allowed(code) {
			return code, true
		}
		if subject && r.Strict {
			return "", false
		}
	}
	if r.Fixed != "" {
		return r.Fixed, true
	}
	inst := ev.place.institution
	if r.Place && inst != "" && allowed(inst) {
		return inst, true
	}
	// the two sentences before
	for s := cd.sent - 1; s >= 0 && s >= cd.sent-2; s-- {
		for i := len(dc.hits) - 1; i >= 0; i-- {
			h := &dc.hits[i]
			if h.cls < 0 || h.neg || h.sent != s {
				continue
			}
			k := c.m.classes[h.cls].kind
			if k != ckPerp && k != ckGeneric && k != ckKPGeneric {
				continue
			}
			if code := resolve(h); code != "" && allowed(code) {
				return code, true
			}
		}
	}
	// In China the police hold escapees: a DPRK agent there must be named nearby.
	cd.weakPerp = true
	abroad := ev.country == "CN"
	if ev.dominant != "" && allowed(ev.dominant) && !(abroad && c.state(ev.dominant) == "KP") {
		return ev.dominant, true
	}
	if inst != "" && allowed(inst) {
		return inst, true
	}
	code := r.Default[ev.country]
	if code == "" {
		code = r.Default["*"]
	}
	if code == "" {
		code = "unknown"
	}
	if abroad && c.state(code) == "KP" {
		return "", false
	}
	return code, true
}

func (c *Classifier) state(perp string) string {
	if p := c.Vocab.Perpetrator(perp); p != nil {
		return p.State
	}
	return ""
}

var quantityWords = map[string]bool{"one": true, "two": true, "three": true, "four": true, "five": true, "six": true, "seven": true, "eight": true, "nine": true, "ten": true,
	"eleven": true, "twelve": true, "fifteen": true, "twenty": true, "thirty": true, "forty": true, "fifty": true, "hundred": true, "half": true,
	"deux": true, "trois": true, "quatre": true, "cinq": true, "sept": true, "huit": true, "neuf": true, "dix": true,
	"quinze": true, "vingt": true, "trente": true, "quarante": true, "cinquante": true, "cent": true}

// approxQuantity: the word after token t is a number ("perhaps ten minutes").
func approxQuantity(d *doc, t int32) bool {
	if int(t)+1 >= len(d.toks) || d.toks[t+1].sent != d.toks[t].sent {
		return false
	}
	n := d.toks[t+1].norm
	if n == "" {
		return false
	}
	if n[0] >= '0' && n[0] <= '9' {
		return true
	}
	return d.mode != 'k' && quantityWords[n]
}

// ofBetween: only "of", "de", "from" and determiners lie between two tokens ("officers of
// the people's safety office", "agents de la Sécurité d'État").
func ofBetween(d *doc, a, b int32) bool {
	of := false
	for k := a + 1; k < b; k++ {
		switch d.toks[k].norm {
		case "of", "from", "de", "du", "des", "d'":
			of = true
		case "the", "a", "la", "l'", "le", "les", "my", "our", "his", "her", "their", "mon", "ma", "notre", "son", "sa", "leur", "city", "county", "provincial", "district", "local":
		default:
			return false
		}
	}
	return of
}

// contrastBetween: a contrastive clause opener lies between two tokens ("I was never
// beaten by the teachers, but I was hungry all the time"): the agent of one clause is not
// that of the other.
func contrastBetween(d *doc, a, b int32) bool {
	if d.mode == 'k' {
		for k := a; k < b; k++ {
			if strings.HasSuffix(d.toks[k].norm, "지만") {
				return true
			}
		}
		return false
	}
	for k := a + 1; k+1 < b; k++ {
		switch d.toks[k].norm {
		case "but", "although", "though", "whereas", "however", "yet", "mais", "cependant", "pourtant", "tandis", "toutefois":
			// the next clause speaks of the narrator ("…, but I was hungry"); "…, but he
			// locked me in" goes on with the same agent
			switch d.toks[k+1].norm {
			case "i", "we", "je", "j'", "nous", "there", "il":
				return true
			}
		}
	}
	return false
}

// nominalAt: the act's word is a noun after an article or a preposition ("to watch the
// executions", "assister aux exécutions", "à la pendaison").
func nominalAt(d *doc, t, last int32) bool {
	if d.mode == 'k' || t == 0 || d.toks[t-1].sent != d.toks[t].sent {
		return false
	}
	n := d.toks[last].norm // the head of the phrase: "the firing squad" is an agent
	event := false         // an event noun: executions, beatings, pendaison, fusillade
	for _, suf := range []string{"tion", "tions", "ing", "ings", "aison", "aisons", "ade", "ades"} {
		event = event || strings.HasSuffix(n, suf) && len(n) > len(suf)+2
	}
	if !event {
		return false
	}
	switch d.toks[t-1].norm {
	case "the", "a", "an", "aux", "au", "des", "les", "la", "le", "l'", "une", "un", "du", "d'", "public", "publiques", "publique":
		return true
	}
	return false
}

// northKoreanBefore: "North Korean", "북한", "조선" just before a word.
func northKoreanBefore(d *doc, t int32) bool {
	for k := t - 1; k >= 0 && k >= t-3 && d.toks[k].sent == d.toks[t].sent; k-- {
		n := d.toks[k].norm
		if n == "korean" || n == "nord-coreen" || n == "nord-coreens" || n == "coreen" || n == "coreens" || strings.HasPrefix(n, "북한") || strings.HasPrefix(n, "조선") || strings.HasPrefix(n, "북측") {
			return true
		}
	}
	return false
}

// tieBefore orders bodies named equally often: a named security body before "officials",
// then by code.
func tieBefore(a, b string) bool {
	if (a == "kp-official") != (b == "kp-official") {
		return b == "kp-official"
	}
	return a < b
}

// actKind: the classes that state an act (its words and the signals its rules combine).
func actKind(k classKind) bool {
	return k == ckActStrong || k == ckActTerm || k == ckActNeg || k == ckSignal
}

// markScope sets aside the act words of sentences that do not assert them: a polar
// question not answered "yes" (an interviewer's "Were you beaten?" answered "No"), a
// threat or warning about what will happen (관리소에 갈 거다, "anyone who … would be
// expelled"), and a report the witness denies in the same sentence ("people whispered …,
// but it was a false rumour", « … mais elle n'y croit pas »).
func (c *Classifier) markScope(dc *docCtx) {
	d := dc.d
	ns := int32(d.sentCount())
	// only sentences with act words, and the sentence after each (which may deny it),
	// can change anything: most sentences of a long account have none
	cand := dc.w.scope[:0]
	for i := range dc.hits {
		h := &dc.hits[i]
		if h.cls < 0 || !actKind(c.m.classes[h.cls].kind) {
			continue
		}
		cand = append(cand, h.sent)
		if h.sent+1 < ns {
			cand = append(cand, h.sent+1)
		}
	}
	slices.Sort(cand)
	cand = slices.Compact(cand)
	dc.w.scope = cand
	for _, s := range cand {
		a, b := d.sentRange(s)
		if a == b {
			continue
		}
		// a polar question not answered "yes"
		if polarQuestion(d, a, b) && !(s+1 < ns && affirmativeAnswer(d, s+1)) {
			c.setAside(dc, s, -1, -1)
			continue
		}
		// a denial of what was said: the act words before it
		if k := denialCue(d, a, b); k >= 0 {
			c.setAside(dc, s, -1, k)
			if s > 0 && k-a <= 3 && c.noActBefore(dc, s, k) {
				// "That was only a rumour." denies the sentence before
				c.setAside(dc, s-1, -1, -1)
			}
		}
	}
	// threats and warnings: a future or a conditional that governs the act's words
	for i := range dc.hits {
		h := &dc.hits[i]
		if h.cls < 0 || h.irr || !actKind(c.m.classes[h.cls].kind) {
			continue
		}
		if d.mode == 'k' {
			if koFutureAfter(d, h.t1) || koOpenQuestion(d, h) && !c.namedByQuestion(h.cls) {
				h.irr = true
			}
		} else if conditionalThreat(d, h.t0) || latinWhether(d, h.t0) && !c.namedByQuestion(h.cls) {
			h.irr = true
		}
	}
}

// setAside marks the act words of sentence s (between tokens from and to, -1: no bound)
// as not asserted.
func (c *Classifier) setAside(dc *docCtx, s, from, to int32) {
	for i := range dc.hits {
		h := &dc.hits[i]
		if h.sent != s || h.cls < 0 || !actKind(c.m.classes[h.cls].kind) {
			continue
		}
		if from >= 0 && h.t0 < from || to >= 0 && h.t1 >= to {
			continue
		}
		h.irr = true
	}
}

func (c *Classifier) noActBefore(dc *docCtx, s, k int32) bool {
	for i := range dc.hits {
		h := &dc.hits[i]
		if h.sent == s && h.t0 < k && h.cls >= 0 {
			switch c.m.classes[h.cls].kind {
			case ckActStrong, ckActTerm, ckActNeg:
				return false
			}
		}
	}
	return true
}

// sentenceMark returns the punctuation that ends the sentence whose last token is t.
func sentenceMark(d *doc, t int32) rune {
	end := len(d.text)
	if int(t)+1 < len(d.toks) {
		end = int(d.toks[t+1].start)
	}
	for _, r := range d.text[d.toks[t].end:end] {
		switch r {
		case '?', '？', '.', '!', '。':
			return r
		}
	}
	return 0
}

var whEN = map[string]bool{"what": true, "why": true, "who": true, "whom": true, "whose": true, "where": true, "when": true, "how": true, "which": true}
var whFR = map[string]bool{"pourquoi": true, "qui": true, "quoi": true, "quand": true, "comment": true, "combien": true, "quel": true, "quelle": true, "quels": true, "quelles": true, "lequel": true, "laquelle": true}
var whKO = []string{"왜", "어디", "누가", "누구", "무엇", "뭐", "뭘", "언제", "어떻게", "무슨", "어느", "얼마", "몇"}

// polarQuestion: the sentence [a, b) is a yes-no question (it ends with a question mark
// and asks no who, what, why …, which would take the act itself for granted).
func polarQuestion(d *doc, a, b int32) bool {
	if r := sentenceMark(d, b-1); r != '?' && r != '？' {
		return false
	}
	for k := a; k < b; k++ {
		n := d.toks[k].norm
		switch d.mode {
		case 'k':
			if !d.toks[k].eojeol {
				continue
			}
			for _, w := range whKO {
				if strings.HasPrefix(n, w) {
					return false
				}
			}
		default:
			if d.lang == "fr" && whFR[n] || d.lang != "fr" && whEN[n] {
				return false
			}
		}
	}
	return true
}

// affirmativeAnswer: sentence s opens with "yes" (after a speaker's label: "A: Yes").
func affirmativeAnswer(d *doc, s int32) bool {
	a, b := d.sentRange(s)
	for k := a; k < b && k < a+3; k++ {
		switch d.toks[k].norm {
		case "yes", "yeah", "yep", "oui", "네", "예", "그렇습니다", "그래요", "맞습니다", "맞아요", "응":
			return true
		}
	}
	return false
}

// Denials of what was said, as token sequences (en, fr) or spaceless text (ko).
var denialEN = [][]string{{"not", "true"}, {"untrue"}, {"was", "false"}, {"a", "false", "rumour"}, {"a", "false", "rumor"}, {"only", "a", "rumour"}, {"only", "a", "rumor"},
	{"just", "a", "rumour"}, {"just", "a", "rumor"}, {"others", "said", "not"}, {"some", "said", "not"}, {"others", "said", "no"}, {"others", "denied"},
	{"n't", "believe", "it"}, {"not", "believe", "it"}, {"no", "proof"}}
var denialFR = [][]string{{"n'", "y", "croit", "pas"}, {"n'", "y", "crois", "pas"}, {"n'", "y", "croyait", "pas"}, {"n'", "y", "croyons", "pas"}, {"pas", "vrai"}, {"aucune", "preuve"},
	{"sans", "fondement"}, {"rumeur", "infondee"}, {"d'autres", "disaient", "que", "non"}, {"autres", "que", "non"}, {"etait", "faux"}, {"c'", "etait", "faux"}}
var denialKO = []string{"헛소문", "뜬소문", "사실이아니", "사실과다르", "사실무근", "거짓소문", "믿지않", "안믿"}

// denialFirstEN and denialFirstFR index the denials by their first word.
var denialFirstEN, denialFirstFR = byFirstWord(denialEN), byFirstWord(denialFR)

// maybeDenialStart: n may start a denial. The word cache keeps the answer per word.
func maybeDenialStart(n string) bool {
	switch n {
	case "a", "aucune", "autres", "c'", "d'autres", "etait", "était", "just", "n'", "n't", "no", "not", "only",
		"others", "pas", "rumeur", "sans", "some", "untrue", "was":
		return true
	}
	return false
}

func byFirstWord(list [][]string) map[string][][]string {
	m := map[string][][]string{}
	for _, p := range list {
		m[p[0]] = append(m[p[0]], p)
	}
	return m
}

// denialCue returns the first token of a denial in sentence [a, b), or -1.
func denialCue(d *doc, a, b int32) int32 {
	if d.mode == 'k' {
		from, to := d.toks[a].cstart, int32(len(d.compact))
		if int(b) < len(d.toks) {
			to = d.toks[b].cstart
		}
		seg := d.compact[from:to]
		// every denial word holds one of these: most sentences are ruled out at once
		if !strings.Contains(seg, "소문") && !strings.Contains(seg, "사실") && !strings.Contains(seg, "믿") {
			return -1
		}
		best := -1
		for _, w := range denialKO {
			if i := strings.Index(seg, w); i >= 0 && (best < 0 || i < best) {
				best = i
			}
		}
		if best < 0 {
			return -1
		}
		return tokenAt(d, from+int32(best))
	}
	first := denialFirstEN
	if d.lang == "fr" {
		first = denialFirstFR
	}
	for k := a; k < b; k++ {
		n := d.toks[k].norm
		if wi := d.toks[k].wi; wi != nil && !wi.denial || wi == nil && !maybeDenialStart(n) {
			continue // known per word, once (wordCache)
		}
		for _, p := range first[n] {
			if k+int32(len(p)) > b {
				continue
			}
			ok := true
			for j := 1; j < len(p); j++ {
				ok = ok && d.toks[k+int32(j)].norm == p[j]
			}
			if ok {
				return k
			}
		}
	}
	return -1
}

// koFutureAfter: the words after token t say what will happen (갈 거다, 보낼 것이라고,
// 죽일 거야): a future of the verb that follows the act's word or is the word itself.
func koFutureAfter(d *doc, t int32) bool {
	s := d.toks[t].sent
	for k := t; k <= t+2 && int(k) < len(d.toks) && d.toks[k].sent == s; k++ {
		n := d.toks[k].norm
		if k > t && d.toks[k].clause != d.toks[t].clause {
			return false
		}
		// the future noun 거/것 after a verb in -ㄹ, in the word or as the next word
		if k > t && d.toks[k].eojeol && koFutureNoun(n) && endsInRieul(d.toks[k-1].norm) {
			return true
		}
		for off := 0; off < len(n); {
			r, sz := utf8.DecodeRuneInString(n[off:])
			if off > 0 && endsInRieul(n[:off]) && koFutureNoun(n[off:]) {
				return true
			}
			off += sz
			_ = r
		}
	}
	return false
}

func koFutureNoun(n string) bool {
	for _, p := range [...]string{"거다", "거라", "거야", "거예", "거에요", "겁니다", "것이다", "것이라", "것입니다", "거랍니다"} {
		if strings.HasPrefix(n, p) {
			return true
		}
	}
	return false
}

// endsInRieul: the last syllable has the final consonant ㄹ (갈, 보낼, 죽일).
func endsInRieul(n string) bool {
	r, _ := utf8.DecodeLastRuneInString(n)
	return r >= 0xAC00 && r <= 0xD7A3 && (r-0xAC00)%28 == 8
}

// conditionalThreat: an English or French act word governed by a warning about anyone
// who would do something ("anyone who left early would be expelled", « quiconque
// partirait serait renvoyé »): a conditional or future auxiliary just before the word, in
// a sentence whose subject is generic or conditional.
func conditionalThreat(d *doc, t int32) bool {
	s := d.toks[t].sent
	aux := false
	for k := t - 1; k >= 0 && k >= t-3 && d.toks[k].sent == s; k-- {
		switch d.toks[k].norm {
		case "would", "will", "'ll", "serait", "seraient", "sera", "seront", "serais":
			aux = true
		}
	}
	if !aux {
		return false
	}
	a, _ := d.sentRange(s)
	for k := a; k < t; k++ {
		switch d.toks[k].norm {
		case "anyone", "anybody", "whoever", "quiconque":
			return true
		case "any", "those", "ceux", "celles", "tout", "toute", "tous":
			// any pupil who …, those who …, ceux qui …
			for j := k + 1; j <= k+3 && j < t; j++ {
				if n := d.toks[j].norm; n == "who" || n == "qui" || n == "that" {
					return true
				}
			}
		case "if", "unless", "si":
			return true
		}
	}
	return false
}

// koNegReach: a Korean negation reaches back over words that only stand for the act: a
// dummy noun and its modifier (때린 적은 없다, 그런 일은 없었다), degree words (한 번도,
// 전혀) and alternatives listed with -거나 (맞거나 갇힌 적은 없다).
func koNegReach(toks []token, from, to int32) bool {
	if to-from > 6 {
		return false
	}
	dummy := false
	for k := from + 1; k < to; k++ {
		n := toks[k].norm
		if !toks[k].eojeol {
			continue
		}
		switch n {
		case "적이", "적은", "적도", "적", "일이", "일은", "일도", "건", "것은", "것도", "것이", "거는", "그런", "이런", "그러한", "같은", "따위는",
			"한", "번도", "한번도", "전혀", "결코", "절대", "절대로", "단", "아직", "아무", "아무런":
			if strings.HasPrefix(n, "적") || strings.HasPrefix(n, "일") || strings.HasPrefix(n, "것") || strings.HasPrefix(n, "건") || strings.HasPrefix(n, "거") {
				dummy = true
			}
			continue
		}
		if strings.HasSuffix(n, "거나") || strings.HasSuffix(n, "든지") || strings.HasSuffix(n, "든가") {
			continue
		}
		// the modifier of a dummy noun (갇힌 적은)
		if k+1 < to && endsInModifier(n) {
			switch toks[k+1].norm {
			case "적이", "적은", "적도", "적", "일이", "일은", "일도", "건", "것은", "것도":
				continue
			}
		}
		return false
	}
	return dummy
}

// endsInModifier: the last syllable carries the final ㄴ or ㄹ of a Korean noun modifier.
func endsInModifier(n string) bool {
	r, _ := utf8.DecodeLastRuneInString(n)
	if r < 0xAC00 || r > 0xD7A3 {
		return false
	}
	j := (r - 0xAC00) % 28
	return j == 4 || j == 8
}

// koOpenQuestion: the act's word stands in a Korean question that is not asserted: an
// embedded yes-no question (살아 계신지 돌아가셨는지 모른다: the alternatives are
// not said to have happened; words that end on the question itself name it and stay) or a quoted or rhetorical question (…주는 나라가 무슨 나라냐고).
// A wh-question presupposes its act (어디로 끌려갔는지 모른다: he was taken) and keeps it.
func koOpenQuestion(d *doc, h *hit) bool {
	t := h.t1
	cl, s := d.toks[t].clause, d.toks[t].sent
	k := t
	for int(k)+1 < len(d.toks) && d.toks[k+1].clause == cl && d.toks[k+1].sent == s {
		k++
	}
	for _, e := range [...]string{"냐", "냐고", "냐며", "냐는", "냐면서", "느냐", "느냐고", "니", "나요", "습니까", "ㅂ니까", "가요"} {
		if strings.HasSuffix(d.toks[k].norm, e) {
			if insideQuotes(d, h) {
				return true // a quoted question
			}
			break
		}
	}
	// the question's verb is the act's word or the next word (살아 계신지)
	q := int32(-1)
	if koEmbeddedQ(d.toks[t].norm) {
		q = t
	} else if int(t)+1 < len(d.toks) && d.toks[t+1].sent == s && koAuxLink(d.toks[t].norm) && koEmbeddedQ(d.toks[t+1].norm) {
		q = t + 1
	}
	if q < 0 {
		return false
	}
	// words that end on the question itself name it (살았는지 죽었는지: whereabouts unknown)
	if h.t1 == q {
		n := d.toks[q].norm
		if i := strings.LastIndex(n, "지"); i >= 0 && int(h.end) > int(d.toks[q].start)+i {
			return false
		}
	}
	// a wh-word before it presupposes the act (어디로 끌려갔는지)
	a := h.t0
	for a > 0 && d.toks[a-1].clause == d.toks[h.t0].clause {
		a--
	}
	for j := a; j <= q; j++ {
		if !d.toks[j].eojeol {
			continue
		}
		for _, w := range whKO {
			if strings.HasPrefix(d.toks[j].norm, w) {
				return false
			}
		}
	}
	return true
}

// koEmbeddedQ: a word ending in the embedded-question ending -는지/-은지/-ㄴ지, perhaps
// with a particle (죽었는지도, 있는지를).
func koEmbeddedQ(n string) bool {
	for _, p := range [...]string{"도", "를", "는", "조차", "가"} {
		if strings.HasSuffix(n, "지"+p) {
			n = strings.TrimSuffix(n, p)
			break
		}
	}
	if !strings.HasSuffix(n, "지") || len(n) < 6 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(n[:len(n)-3])
	return r >= 0xAC00 && r <= 0xD7A3 && (r-0xAC00)%28 == 4
}

// latinWhether: the act's word is inside an embedded yes-no question ("whether he was
// alive or dead", « ni si elle était en vie ») in the same clause, a few words on.
func latinWhether(d *doc, t int32) bool {
	cl := d.toks[t].clause
	for k := t - 1; k >= 0 && k >= t-8 && d.toks[k].clause == cl; k-- {
		switch d.toks[k].norm {
		case "whether":
			return true
		case "si", "s'":
			if d.lang != "fr" || k == 0 {
				continue
			}
			switch d.toks[k-1].norm {
			case "ni", "savoir", "sais", "sait", "savait", "savions", "savaient", "savent", "dire", "dit", "demande", "demandait", "demander", "ignore", "ignorait", "ignorons", "ignorent", "pas", "jamais", "ou":
				return true
			}
		}
	}
	return false
}

// koAuxLink: a verb in -아/-어 that an auxiliary follows (살아 계신지, 죽어 버렸는지).
func koAuxLink(n string) bool {
	return strings.HasSuffix(n, "아") || strings.HasSuffix(n, "어") || strings.HasSuffix(n, "여")
}

// insideQuotes: the hit lies between quotation marks opened in its sentence.
func insideQuotes(d *doc, h *hit) bool {
	a, _ := d.sentRange(d.toks[h.t0].sent)
	open, straight := 0, 0
	for _, r := range d.text[d.toks[a].start:h.start] {
		switch r {
		case '"':
			straight++
		case '“', '«', '「', '『':
			open++
		case '”', '»', '」', '』':
			open--
		}
	}
	if a > 0 {
		// a quote opened just before the sentence's first word
		for _, r := range d.text[d.toks[a-1].end:d.toks[a].start] {
			switch r {
			case '"':
				straight++
			case '“', '«', '「', '『':
				open++
			}
		}
	}
	return open > 0 || straight%2 == 1
}

// namedByQuestion: what an open question names (whose whereabouts, which relative, that
// no news came) is not in doubt.
func (c *Classifier) namedByQuestion(cls int32) bool {
	for _, k := range [...]string{"whereabouts", "family", "no-news", "not-informed"} {
		if id, ok := c.signal[k]; ok && id == cls {
			return true
		}
	}
	return false
}
