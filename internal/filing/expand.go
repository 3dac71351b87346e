package filing

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/pscore/dossier/internal/doc"
	"github.com/pscore/dossier/internal/markdown"
	"github.com/pscore/dossier/internal/testimony"
	"github.com/pscore/dossier/internal/yamlnode"
)

// annexAnchor is the anchor of the annex of cited cases.
const annexAnchor = "annex-cases"

func caseAnchor(id string) string { return "case-" + id }

// errorAt reports a problem with a call at its position in its file.
func (x *ed) errorAt(s *scanned, c *call, arg int, format string, args ...any) {
	line, col := c.Line, c.Col
	if arg >= 0 && arg < len(c.argPos) {
		line, col = s.lines.Position(c.argPos[arg])
	}
	x.e.Diags.Errorf(s.file.Path, line, col, format, args...)
}

var solePattern = regexp.MustCompile("^\\s*\uE000([0-9]+)\uE001\\s*$")

// sole returns the call a paragraph consists of, if it holds nothing but one call.
func sole(content []doc.Inline) (int, bool) {
	if len(content) != 1 {
		return 0, false
	}
	t, ok := content[0].(*doc.Text)
	if !ok {
		return 0, false
	}
	m := solePattern.FindStringSubmatch(t.Text)
	if m == nil {
		return 0, false
	}
	i, _ := strconv.Atoi(m[1])
	return i, true
}

// expand replaces the placeholders of a parsed section by generated content.
func (x *ed) expand(bs []doc.Block, s *scanned) []doc.Block {
	if len(s.calls) == 0 {
		return bs
	}
	var out []doc.Block
	for _, b := range bs {
		switch v := b.(type) {
		case *doc.Paragraph:
			if i, ok := sole(v.Content); ok && i < len(s.calls) {
				c := s.calls[i]
				if callSpecs[c.Name].block {
					out = append(out, x.blockCall(s, c)...)
					continue
				}
			}
			v.Content = x.inlines(v.Content, s)
		case *doc.Heading:
			v.Text = x.inlines(v.Text, s)
		case *doc.List:
			x.expandList(v, s)
		case *doc.Table:
			v.Caption = x.inlines(v.Caption, s)
			for _, r := range append(append([]*doc.Row{}, v.Header...), v.Rows...) {
				for _, cell := range r.Cells {
					cell.Content = x.inlines(cell.Content, s)
				}
			}
		case *doc.Quote:
			v.Blocks = x.expand(v.Blocks, s)
		case *doc.Annex:
			v.Title = x.inlines(v.Title, s)
			v.Blocks = x.expand(v.Blocks, s)
		case *doc.Code:
			v.Text = restore(v.Text, s)
		case *doc.Chart:
			v.Title, v.Unit = restore(v.Title, s), restore(v.Unit, s)
			for i := range v.Labels {
				v.Labels[i] = restore(v.Labels[i], s)
			}
			v.Caption = x.inlines(v.Caption, s)
		}
		out = append(out, b)
	}
	return out
}

func (x *ed) expandList(l *doc.List, s *scanned) {
	for _, it := range l.Items {
		it.Content = x.inlines(it.Content, s)
		if it.Sub != nil {
			x.expandList(it.Sub, s)
		}
	}
}

// restore puts the calls back as written, where text is shown verbatim (code).
func restore(text string, s *scanned) string {
	if !strings.ContainsRune(text, phOpen) {
		return text
	}
	return placeholderPattern.ReplaceAllStringFunc(text, func(m string) string {
		i, _ := strconv.Atoi(m[len(string(phOpen)) : len(m)-len(string(phClose))])
		if i < len(s.calls) {
			return s.calls[i].source(s.file.Source)
		}
		return m
	})
}

func (x *ed) inlines(content []doc.Inline, s *scanned) []doc.Inline {
	var out []doc.Inline
	for _, in := range content {
		switch v := in.(type) {
		case *doc.Text:
			if !strings.ContainsRune(v.Text, phOpen) {
				out = append(out, v)
				continue
			}
			text := v.Text
			locs := placeholderPattern.FindAllStringSubmatchIndex(text, -1)
			last := 0
			for _, m := range locs {
				if m[0] > last {
					out = append(out, &doc.Text{Text: text[last:m[0]]})
				}
				i, _ := strconv.Atoi(text[m[2]:m[3]])
				last = m[1]
				if i >= len(s.calls) {
					continue
				}
				c := s.calls[i]
				if !callSpecs[c.Name].inline {
					x.errorAt(s, c, -1, "{{ %s }} inserts blocks: write it alone on its own line, with a blank line before and after", c.Name)
					continue
				}
				out = append(out, x.inlineCall(s, c)...)
			}
			if last < len(text) {
				out = append(out, &doc.Text{Text: text[last:]})
			}
		case *doc.Emph:
			v.Content = x.inlines(v.Content, s)
			out = append(out, v)
		case *doc.Strong:
			v.Content = x.inlines(v.Content, s)
			out = append(out, v)
		case *doc.Link:
			if strings.ContainsRune(v.Href, phOpen) {
				for _, m := range placeholderPattern.FindAllStringSubmatch(v.Href, -1) {
					i, _ := strconv.Atoi(m[1])
					if i < len(s.calls) {
						x.errorAt(s, s.calls[i], -1, "{{ %s }} cannot be used in a link target", s.calls[i].Name)
					}
				}
				out = append(out, x.inlines(v.Content, s)...)
				continue
			}
			v.Content = x.inlines(v.Content, s)
			out = append(out, v)
		case *doc.Footnote:
			v.Content = x.inlines(v.Content, s)
			out = append(out, v)
		case *doc.CaseRef:
			v.Content = x.inlines(v.Content, s)
			out = append(out, v)
		case *doc.CodeSpan:
			v.Text = restore(v.Text, s)
			out = append(out, v)
		default:
			out = append(out, in)
		}
	}
	return out
}

// caseFor returns the selected case a call names, or reports why it cannot be cited.
func (x *ed) caseFor(s *scanned, c *call) *Case {
	id := c.Args[0]
	cs := x.rc.sel.Get(id)
	if cs == nil {
		x.errorAt(s, c, 0, "{{ %s %q }}: %s", c.Name, id, x.rc.sel.Why(id))
		return nil
	}
	return cs
}

// cite records that a case is cited (it goes into the annex) and returns its
// reference: "case 3", linked to its annex entry.
func (x *ed) cite(cs *Case) *doc.CaseRef {
	x.cited[cs.T.ID] = true
	x.used[cs.T] = true
	n := x.rc.numbers[cs.T.ID]
	return &doc.CaseRef{CaseID: cs.T.ID, Anchor: caseAnchor(cs.T.ID), Content: doc.T(x.msg("filing.case", map[string]any{"Number": n}))}
}

func (x *ed) inlineCall(s *scanned, c *call) []doc.Inline {
	switch c.Name {
	case "cite":
		if cs := x.caseFor(s, c); cs != nil {
			return []doc.Inline{x.cite(cs)}
		}
	case "count":
		if n, ok := x.count(s, c); ok {
			return doc.T(FormatCount(n, x.lang))
		}
	case "articles":
		cs, events := x.caseEvents(s, c)
		if cs == nil {
			return nil
		}
		var parts []string
		for _, a := range x.articlesOf(pairs(cs, events)) {
			parts = append(parts, x.articleText(a))
		}
		return doc.T(strings.Join(parts, "; "))
	}
	return nil
}

func (x *ed) blockCall(s *scanned, c *call) []doc.Block {
	switch c.Name {
	case "case":
		cs, events := x.caseEvents(s, c)
		if cs == nil {
			return nil
		}
		return x.caseSummary(s, c, cs, events)
	case "cases":
		var out []doc.Block
		for _, cs := range x.rc.sel.Cases {
			events := make([]int, 0, len(cs.Events))
			for _, ec := range cs.Events {
				events = append(events, eventIndex(cs.T, ec.E))
			}
			out = append(out, x.caseSummary(s, c, cs, events)...)
		}
		return out
	case "articles":
		cs, events := x.caseEvents(s, c)
		if cs == nil {
			return nil
		}
		l := &doc.List{Style: doc.ListBullet}
		for _, a := range x.articlesOf(pairs(cs, events)) {
			l.Items = append(l.Items, &doc.ListItem{Content: doc.T(x.articleText(a))})
		}
		if len(l.Items) == 0 {
			return []doc.Block{&doc.Paragraph{Content: doc.T(x.msg("filing.case.no-articles", nil))}}
		}
		return []doc.Block{l}
	case "chart", "table":
		return x.statBlock(s, c)
	case "recommendations":
		x.recs = true
		return x.recommendations()
	}
	return nil
}

func eventIndex(t *testimony.Testimony, e *testimony.Event) int {
	for i := range t.Events {
		if &t.Events[i] == e {
			return i
		}
	}
	return -1
}

// caseEvents resolves the case and event arguments of a call: the named event, or the
// events of the case the draw selects.
func (x *ed) caseEvents(s *scanned, c *call) (*Case, []int) {
	cs := x.caseFor(s, c)
	if cs == nil {
		return nil, nil
	}
	if len(c.Args) > 1 {
		ev := c.Args[1]
		for i := range cs.T.Events {
			if cs.T.Events[i].ID == ev {
				return cs, []int{i}
			}
		}
		ids := make([]string, len(cs.T.Events))
		for i, e := range cs.T.Events {
			ids[i] = e.ID
		}
		x.errorAt(s, c, 1, "{{ %s }}: testimony %s has no event %q%s (events: %s)", c.Name, cs.T.ID, ev, yamlnode.Suggest(ev, ids), strings.Join(ids, ", "))
		return nil, nil
	}
	var idx []int
	for _, ec := range cs.Events {
		idx = append(idx, eventIndex(cs.T, ec.E))
	}
	return cs, idx
}

type caseEvent struct {
	cs *Case
	i  int
}

func pairs(cs *Case, events []int) []caseEvent {
	out := make([]caseEvent, len(events))
	for j, i := range events {
		out[j] = caseEvent{cs, i}
	}
	return out
}

// caseSummary writes a case: who (by pseudonym), then for each event its date and
// place, the account in the edition's language and the articles it engages.
func (x *ed) caseSummary(s *scanned, c *call, cs *Case, events []int) []doc.Block {
	t := cs.T
	ref := x.cite(cs)
	ref.Content = doc.T(x.msg("filing.case.title", map[string]any{"Number": x.rc.numbers[t.ID]}))
	intro := append(x.strong(ref), &doc.Text{Text: ". " + x.persons(cs, events)})
	out := []doc.Block{&doc.Paragraph{Numbered: x.rc.t.Numbered, Content: intro}}
	for _, i := range events {
		e := &t.Events[i]
		when := FormatPeriod(e.Date, e.Until, x.lang) + ", " + x.place(t, e.Place)
		out = append(out, &doc.Paragraph{Content: x.emph(doc.T(when)...)})
		out = append(out, x.account(s, c, t, e)...)
		// The summary, which counts against the word limit, cites the articles that
		// bind the State; the annex lists every one.
		if arts := binding(x.articlesOf([]caseEvent{{cs, i}})); len(arts) > 0 {
			parts := x.citeArticles(arts)
			out = append(out, &doc.Paragraph{Content: append(
				x.emph(doc.T(x.msg("filing.case.articles", nil)+":")...),
				&doc.Text{Text: " " + strings.Join(parts, "; ") + "."},
			)})
		}
	}
	return out
}

// persons describes the victims of the events: "Witness S-14 (female, born in 1984,
// from North Pyongan)". Victims are those of the acts researchers coded, the victim a
// communication names, or else the source: a victim the classifier inferred may be
// wrong, and may be a person (an informer, a relative) the filing must not present as
// a victim.
func (x *ed) persons(cs *Case, events []int) string {
	t := cs.T
	var refs []string
	seen := map[string]bool{}
	if sp := x.rc.r.SP; sp != nil && sp.Case.ID == t.ID && t.Person(sp.Victim) != nil {
		refs = []string{sp.Victim}
	} else {
		for _, i := range events {
			for _, a := range cs.Classes[i].Acts {
				if !a.Inferred && a.Victim != "" && !seen[a.Victim] && t.Person(a.Victim) != nil {
					seen[a.Victim] = true
					refs = append(refs, a.Victim)
				}
			}
		}
	}
	if len(refs) == 0 && len(t.Persons) > 0 {
		refs = []string{t.Persons[0].Ref}
	}
	var parts []string
	for _, r := range refs {
		p := t.Person(r)
		var about []string
		born := "filing.case.born"
		if p.Sex == "female" || p.Sex == "male" {
			about = append(about, x.msg("filing.case."+p.Sex, nil))
			born += "." + p.Sex
		}
		if p.Born > 0 {
			about = append(about, x.msg(born, map[string]any{"Year": p.Born}))
		}
		if p.Origin != "" {
			about = append(about, x.msg("filing.case.from", map[string]any{"Place": x.rc.b.Places.Admin1(p.Origin, x.lang)}))
		}
		s := x.msg("filing.case.victim", map[string]any{"Pseudonym": x.rc.b.pseudonym(p, x.lang)})
		if len(about) > 0 {
			s += " (" + strings.Join(about, ", ") + ")"
		}
		parts = append(parts, s)
	}
	// the intro follows "Case 3." and may begin with "the witness's father"
	return Capitalize(strings.Join(parts, "; ")) + "."
}

// account returns the account of an event in the edition's language as a quotation.
// A missing translation is an error at the call, or in draft mode a visible marker and
// the original.
func (x *ed) account(s *scanned, c *call, t *testimony.Testimony, e *testimony.Event) []doc.Block {
	text, ok := e.Account[x.lang]
	var out []doc.Block
	if !ok {
		if !x.rc.b.Draft {
			x.errorAt(s, c, 0, "%s %s has no %s account: add a %s translation to the testimony or build with --draft", t.ID, e.ID, x.lang, x.lang)
			return nil
		}
		langs := e.Langs(t.Source.Language)
		if len(langs) == 0 {
			return nil
		}
		text = e.Account[langs[0]]
		out = append(out, &doc.Paragraph{Content: []doc.Inline{&doc.Strong{Content: doc.T(x.msg("filing.translation-missing", map[string]any{"Lang": x.msg("filing.lang."+langs[0], nil)}))}}})
		x.e.Diags.Warnf(s.file.Path, c.Line, c.Col, "%s %s has no %s account: the draft shows the %s original", t.ID, e.ID, x.lang, langs[0])
	}
	d, diags := markdown.Parse([]byte(text), markdown.Options{Path: t.Path, Lang: x.lang, Plain: x.plain()})
	for _, dg := range diags {
		// positions are relative to the account; say where it is
		x.e.Diags.Warnf(t.Path, e.AccountPos[x.lang].Line, e.AccountPos[x.lang].Col, "account of %s: %s", e.ID, dg.Message)
	}
	var body []doc.Block
	for _, b := range d.Blocks {
		switch b.(type) {
		case *doc.Paragraph, *doc.List, *doc.Quote:
			body = append(body, b)
		case *doc.Heading:
			h := b.(*doc.Heading)
			body = append(body, &doc.Paragraph{Content: h.Text})
		}
	}
	return append(out, &doc.Quote{Blocks: body})
}

// articleKey identifies an article as cited: the same article for the same State with
// the same force is cited once.
type articleKey struct {
	ref, state string
	binding    bool
}

func (x *ed) articlesOf(events []caseEvent) []Article {
	var out []Article
	seen := map[articleKey]bool{}
	for _, ce := range events {
		for _, a := range ce.cs.Classes[ce.i].Articles {
			k := articleKey{a.Ref, a.State, a.Binding}
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, a)
		}
	}
	// Each event's articles come sorted; a case merges several events, so sort again
	// or "arts. 9, 12 (2), 7" would read as if the order meant something.
	if o, ok := x.rc.b.classes.c.(ArticleOrder); ok {
		sort.SliceStable(out, func(i, j int) bool { return o.LessArticle(out[i].Ref, out[j].Ref) })
	}
	return out
}

// articleParts splits a reference into the instrument's short name in the edition's
// language and the article as the language cites it: "12 (2)", « 12 (par. 2) »,
// "제12조 제2항".
func (x *ed) articleParts(a Article) (inst, art string) {
	inst, num := a.Ref, ""
	if i := strings.IndexByte(a.Ref, '-'); i > 0 {
		inst, num = a.Ref[:i], a.Ref[i+1:]
	}
	if s := a.Instrument[x.lang]; s != "" {
		inst = s
	} else if s := a.Instrument["en"]; s != "" {
		inst = s
	}
	parts := strings.Split(num, ".")
	switch x.lang {
	case "ko":
		art = "제" + parts[0] + "조"
		if len(parts) > 1 {
			art += " 제" + parts[1] + "항"
		}
		if len(parts) > 2 {
			art += " " + parts[2] + "호"
		}
	case "fr":
		art = parts[0]
		if len(parts) > 1 {
			art += " (par. " + strings.Join(parts[1:], ", al. ") + ")"
		}
	default:
		art = parts[0]
		for _, p := range parts[1:] {
			art += " (" + p + ")"
		}
	}
	return inst, art
}

// force says whether an article binds the State concerned or is cited as reference.
func (x *ed) force(a Article) string {
	if a.Binding && a.State != "" {
		return x.msg("filing.binding", map[string]any{"State": x.rc.b.Places.CountryShort(a.State, x.lang)})
	}
	return x.msg("filing.reference", nil)
}

// citeArticles writes articles the way UN documents cite treaties, grouped by
// instrument and force: "ICCPR, arts. 7, 9 and 12 (2) (binding on the DPRK)",
// « PIDCP, art. 7, 9 et 12 (par. 2) (contraignant pour la RPDC) »,
// "자유권규약 제7조, 제9조 및 제12조 제2항(북한에 구속력 있음)".
func (x *ed) citeArticles(arts []Article) []string {
	type group struct {
		inst, force string
		arts        []string
	}
	var groups []*group
	byKey := map[[2]string]*group{}
	for _, a := range arts {
		inst, art := x.articleParts(a)
		force := x.force(a)
		k := [2]string{inst, force}
		g := byKey[k]
		if g == nil {
			g = &group{inst: inst, force: force}
			byKey[k] = g
			groups = append(groups, g)
		}
		if !slices.Contains(g.arts, art) {
			g.arts = append(g.arts, art)
		}
	}
	out := make([]string, len(groups))
	for i, g := range groups {
		list := x.list(g.arts)
		switch x.lang {
		case "ko":
			out[i] = g.inst + " " + list + "(" + g.force + ")"
		case "fr":
			out[i] = g.inst + ", art. " + list + " (" + g.force + ")"
		default:
			label := "art. "
			if len(g.arts) > 1 {
				label = "arts. "
			}
			out[i] = g.inst + ", " + label + list + " (" + g.force + ")"
		}
	}
	return out
}

// articleText writes one article with its title: "ICCPR, art. 7 – Freedom from
// torture (binding on the DPRK)".
func (x *ed) articleText(a Article) string {
	inst, art := x.articleParts(a)
	var s string
	switch x.lang {
	case "ko":
		s = inst + " " + art
	default:
		s = inst + ", art. " + art
	}
	t := a.Title[x.lang]
	if t == "" {
		t = a.Title["en"]
	}
	if t != "" && t != a.Ref {
		s += " – " + t
	}
	if x.lang == "ko" {
		return s + "(" + x.force(a) + ")"
	}
	return s + " (" + x.force(a) + ")"
}

// binding keeps the articles that bind the State; when none does, all of them.
func binding(arts []Article) []Article {
	var out []Article
	for _, a := range arts {
		if a.Binding {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		return arts
	}
	return out
}

// annex lists the cases cited, with the anchors case references link to.
func (x *ed) annex() *doc.Annex {
	if len(x.cited) == 0 {
		return nil
	}
	col := func(id string) *doc.Cell { return &doc.Cell{Content: doc.T(x.msg("filing.annex.col."+id, nil))} }
	tbl := &doc.Table{
		Header: []*doc.Row{{Cells: []*doc.Cell{col("case"), col("ref"), col("when"), col("acts"), col("article")}}},
		Widths: []float64{0.5, 1.8, 2.2, 1.9, 3.6},
	}
	v := x.rc.b.Vocab
	for _, id := range x.rc.order {
		if !x.cited[id] {
			continue
		}
		cs := x.rc.sel.Get(id)
		var when, acts, arts []string
		var evs []caseEvent
		seenAct := map[string]bool{}
		for _, ec := range cs.Events {
			i := eventIndex(cs.T, ec.E)
			evs = append(evs, caseEvent{cs, i})
			when = append(when, FormatPeriod(ec.E.Date, ec.E.Until, x.lang)+", "+x.place(cs.T, ec.E.Place))
			for _, a := range ec.Class.Acts {
				if seenAct[a.Type] {
					continue
				}
				seenAct[a.Type] = true
				label := a.Type
				if v != nil && v.Act(a.Type) != nil {
					label = v.Act(a.Type).Label.In(x.lang)
				}
				acts = append(acts, label)
			}
		}
		arts = x.citeArticles(x.articlesOf(evs))
		tbl.Rows = append(tbl.Rows, &doc.Row{Anchor: caseAnchor(id), Cells: []*doc.Cell{
			{Content: doc.T(strconv.Itoa(x.rc.numbers[id]))},
			{Content: doc.T(id)},
			{Content: lineBreaks(when)},
			{Content: doc.T(strings.Join(acts, ", "))},
			{Content: lineBreaks(arts)},
		}})
	}
	org := x.tr(x.rc.r.Organisation.Name)
	return &doc.Annex{
		Title:  doc.T(x.msg("filing.annex.cases", nil)),
		Anchor: annexAnchor,
		Blocks: []doc.Block{
			&doc.Paragraph{Content: doc.T(x.msg("filing.annex.intro", map[string]any{"Org": org}))},
			tbl,
		},
	}
}

// lineBreaks sets texts one per line.
func lineBreaks(texts []string) []doc.Inline {
	var out []doc.Inline
	for i, t := range texts {
		if i > 0 {
			out = append(out, &doc.LineBreak{})
		}
		out = append(out, &doc.Text{Text: t})
	}
	return out
}

// count evaluates {{ count "cases" }}, "events", "acts" and "acts" "TYPE".
func (x *ed) count(s *scanned, c *call) (int, bool) {
	sel := x.rc.sel
	what := c.Args[0]
	switch what {
	case "cases":
		x.useAll()
		return len(sel.Cases), true
	case "events":
		x.useAll()
		return sel.Events(), true
	case "acts":
		typ := ""
		if len(c.Args) > 1 {
			typ = c.Args[1]
			if v := x.rc.b.Vocab; v != nil && v.Act(typ) == nil {
				codes := make([]string, len(v.Acts))
				for i, a := range v.Acts {
					codes[i] = a.Code
				}
				x.errorAt(s, c, 1, "{{ count \"acts\" %q }}: unknown act type%s", typ, yamlnode.Suggest(typ, codes))
				return 0, false
			}
		}
		x.useAll()
		n := 0
		for _, cs := range sel.Cases {
			for _, ec := range cs.Events {
				for _, a := range uniqueActs(ec.Class.Acts) {
					if typ == "" || a.Type == typ {
						n++
					}
				}
			}
		}
		return n, true
	}
	x.errorAt(s, c, 0, "{{ count %q }}: count \"cases\", \"events\" or \"acts\" (optionally an act type)%s", what, yamlnode.Suggest(what, []string{"cases", "events", "acts"}))
	return 0, false
}

// useAll records that the whole selection is reflected in the edition (statistics).
func (x *ed) useAll() {
	for _, cs := range x.rc.sel.Cases {
		x.used[cs.T] = true
	}
}

func uniqueActs(acts []Act) []Act {
	var out []Act
	seen := map[Act]bool{}
	for _, a := range acts {
		a.Inferred = false
		if seen[a] {
			continue
		}
		seen[a] = true
		out = append(out, a)
	}
	return out
}
