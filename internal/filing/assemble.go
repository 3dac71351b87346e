package filing

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template"

	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/doc"
	"github.com/pscore/dossier/internal/markdown"
	"github.com/pscore/dossier/internal/report"
	"github.com/pscore/dossier/internal/testimony"
)

var referenceLike = regexp.MustCompile(`(?i)https?://|www\.|\b[A-Z]{1,6}/[A-Z0-9.]+/|\b(1[89]|20)\d\d\b|\d{4}년`)

// reportCtx is the state of one report shared by its editions: the selection, the
// scanned sections and the case numbers, which are the same in every language.
type reportCtx struct {
	b     *Builder
	r     *report.Report
	t     *Template
	sel   *Selection
	langs []string

	// scans per language: front matter, sections (by index of r.Sections), back matter
	front, back map[string]*scanned
	sections    map[string][]*scanned
	// numbers are the case numbers by testimony id; order the ids by number.
	numbers map[string]int
	order   []string
	stats   map[string][]statRow
}

// prepare runs the templates of the front and back matter, scans every section file
// of every language for calls, and numbers the cases in the order of first citation
// (in the first language of the report, then in the others).
func (rc *reportCtx) prepare() diag.List {
	var d diag.List
	rc.front, rc.back = map[string]*scanned{}, map[string]*scanned{}
	rc.sections = map[string][]*scanned{}
	for _, lang := range rc.langs {
		scans := make([]*scanned, len(rc.r.Sections))
		for i, sec := range rc.r.Sections {
			f := sec.Files[lang]
			if f == nil {
				continue
			}
			s, sd := scanCalls(f)
			d = append(d, sd...)
			scans[i] = s
		}
		rc.sections[lang] = scans
	}
	// The front and back matter come second: their templates may depend on what the
	// sections do (a communication whose sections set out the case).
	for _, lang := range rc.langs {
		for _, part := range []string{"front", "back"} {
			src, err := rc.execute(part, lang)
			if err != nil {
				d.Errorf(rc.t.path, 0, 0, "%s (%s): %v", part, lang, err)
				continue
			}
			if src == "" {
				continue
			}
			s, sd := scanCalls(&report.SectionFile{Path: rc.t.path + " (" + part + ", " + lang + ")", Lang: lang, Source: []byte(src)})
			d = append(d, sd...)
			if part == "front" {
				rc.front[lang] = s
			} else {
				rc.back[lang] = s
			}
		}
	}
	rc.numbers = map[string]int{}
	cite := func(id string) {
		if _, ok := rc.numbers[id]; !ok && rc.sel.Get(id) != nil {
			rc.order = append(rc.order, id)
			rc.numbers[id] = len(rc.order)
		}
	}
	for _, lang := range rc.langs {
		all := []*scanned{rc.front[lang]}
		all = append(all, rc.orderedSections(lang)...)
		all = append(all, rc.back[lang])
		for _, s := range all {
			if s == nil {
				continue
			}
			for _, c := range s.calls {
				switch c.Name {
				case "case", "cite":
					cite(c.Args[0])
				case "cases":
					for _, cs := range rc.sel.Cases {
						cite(cs.T.ID)
					}
				}
			}
		}
	}
	return d
}

// orderedSections returns the scanned sections of a language in the order they are
// set: file-name order, and for an answer to a call, the sections that answer no
// question first, then the answers in the order of the call's questions.
func (rc *reportCtx) orderedSections(lang string) []*scanned {
	var out []*scanned
	for _, i := range rc.sectionOrder() {
		out = append(out, rc.sections[lang][i])
	}
	return out
}

func (rc *reportCtx) sectionOrder() []int {
	idx := make([]int, len(rc.r.Sections))
	for i := range idx {
		idx[i] = i
	}
	if rc.r.Kind == report.KindSPIn {
		sort.SliceStable(idx, func(a, b int) bool {
			return rc.r.Sections[idx[a]].Question < rc.r.Sections[idx[b]].Question
		})
	}
	return idx
}

// ed is the state of one edition being assembled.
type ed struct {
	rc    *reportCtx
	lang  string
	e     *Edition
	recs  bool // the recommendations were inserted by a call
	used  map[*testimony.Testimony]bool
	cited map[string]bool
	links []pendingLink
	tdata *tmplData // what the templates see, made once
}

// pendingLink is an internal link a section's reader could not resolve alone.
type pendingLink struct {
	anchor string
	d      diag.Diagnostic
}

// linkError is how the Markdown reader reports an internal link without a target.
var linkError = regexp.MustCompile(`^link to #(\S+), but nothing in the document has that id`)

func (rc *reportCtx) edition(lang string) *Edition {
	e := &Edition{Report: rc.r, Lang: lang}
	x := &ed{rc: rc, lang: lang, e: e, used: map[*testimony.Testimony]bool{}, cited: map[string]bool{}}
	d := &doc.Document{}
	d.Blocks = append(d.Blocks, x.cover())
	if s := rc.front[lang]; s != nil {
		d.Blocks = append(d.Blocks, x.markdown(s, false)...)
	}
	d.Blocks = append(d.Blocks, x.sections()...)
	if !x.recs && len(rc.r.Recommendations) > 0 {
		d.Blocks = append(d.Blocks, &doc.Heading{Level: 1, Text: doc.T(x.msg("filing.recommendations", nil))})
		d.Blocks = append(d.Blocks, x.recommendations()...)
	}
	if s := rc.back[lang]; s != nil {
		d.Blocks = append(d.Blocks, x.markdown(s, rc.t.Numbered)...)
	}
	if a := x.annex(); a != nil {
		d.Blocks = append(d.Blocks, a)
	}
	x.finish(d)
	e.Doc = d
	for _, id := range rc.order {
		if x.cited[id] {
			e.Cases = append(e.Cases, id)
		}
	}
	for t := range x.used {
		e.Testimonies = append(e.Testimonies, t)
	}
	sort.Slice(e.Testimonies, func(i, j int) bool { return e.Testimonies[i].ID < e.Testimonies[j].ID })
	e.Header = x.execLine("header")
	e.BodySize = rc.t.Typography.BodySize
	if rc.t.Mark != "" {
		e.Mark = x.msg(rc.t.Mark, nil)
	}
	if rc.b.Draft {
		draft := x.msg("filing.draft", nil)
		if e.Mark != "" {
			e.Mark += " – " + draft
		} else {
			e.Mark = draft
		}
	}
	return e
}

// plain says whether the kind's rules forbid bold and italics (typography: emphasis: none).
func (x *ed) plain() bool { return x.rc.t.Typography.Emphasis == "none" }

// emph and strong are generated emphasis, set in roman where the kind forbids it.
func (x *ed) emph(in ...doc.Inline) []doc.Inline {
	if x.plain() {
		return in
	}
	return []doc.Inline{&doc.Emph{Content: in}}
}

func (x *ed) strong(in ...doc.Inline) []doc.Inline {
	if x.plain() {
		return in
	}
	return []doc.Inline{&doc.Strong{Content: in}}
}

func (x *ed) msg(id string, data map[string]any) string { return x.rc.b.message(x.lang, id, data) }

// tr returns a text of report.yaml in the edition's language; in draft mode a missing
// translation shows a marker and the first language that has it.
func (x *ed) tr(t report.Text) string {
	if s := t.In(x.lang); s != "" {
		return typoApostrophes(s)
	}
	for _, l := range x.rc.r.Languages {
		if s := t.In(l); s != "" {
			return x.msg("filing.translation-missing", map[string]any{"Lang": x.msg("filing.lang."+l, nil)}) + " " + s
		}
	}
	for _, l := range sortedKeys(t.ByLang) {
		return t.ByLang[l]
	}
	return ""
}

// typoApostrophes turns typewriter apostrophes into typographic ones (People’s,
// l’homme), as the Markdown reader does for section text, so that the texts of
// report.yaml read like the sections around them.
func typoApostrophes(s string) string {
	if !strings.Contains(s, "'") {
		return s
	}
	return strings.ReplaceAll(s, "'", "’")
}

// sections sets the report's sections; in draft mode a missing translation becomes a
// marker followed by the section in the first language that has it.
func (x *ed) sections() []doc.Block {
	var out []doc.Block
	rc := x.rc
	lastQ := 0
	for _, i := range rc.sectionOrder() {
		sec := rc.r.Sections[i]
		if q := sec.Question; q > 0 && q != lastQ && rc.r.Call != nil && q <= len(rc.r.Call.Questions) {
			lastQ = q
			out = append(out, &doc.Heading{Level: 1, Text: doc.T(x.msg("filing.call.question", map[string]any{"Number": q}) + ". " + x.tr(rc.r.Call.Questions[q-1]))})
		}
		s := rc.sections[x.lang][i]
		if s == nil {
			// Only in draft mode: the loader made a missing translation an error
			// otherwise.
			for _, l := range rc.r.Languages {
				f := sec.Files[l]
				if f == nil {
					continue
				}
				fs, d := scanCalls(f)
				x.e.Diags = append(x.e.Diags, d...)
				out = append(out, &doc.Paragraph{Content: []doc.Inline{&doc.Strong{Content: doc.T(x.msg("filing.translation-missing", map[string]any{"Lang": x.msg("filing.lang."+l, nil)}))}}})
				out = append(out, x.markdown(fs, rc.t.Numbered)...)
				break
			}
			continue
		}
		blocks := x.markdown(s, rc.t.Numbered)
		if sec.Question > 0 {
			// an answer's own headings go under the question's heading
			demote(blocks)
		}
		out = append(out, blocks...)
	}
	return out
}

// demote moves the headings of blocks one level down (I. → A.).
func demote(bs []doc.Block) {
	for _, b := range bs {
		switch v := b.(type) {
		case *doc.Heading:
			v.Level++
		case *doc.Quote:
			demote(v.Blocks)
		}
	}
}

// markdown parses a scanned file and replaces its placeholders by generated content.
func (x *ed) markdown(s *scanned, numbered bool) []doc.Block {
	d, diags := markdown.Parse(s.out, markdown.Options{Path: s.file.Path, Numbered: numbered, Lang: x.lang, Plain: x.plain()})
	for _, dg := range diags {
		// A section is read alone: a link to another section or to the annex is
		// checked once the whole document is assembled (finish).
		if m := linkError.FindStringSubmatch(dg.Message); m != nil && dg.Severity == diag.Error {
			x.links = append(x.links, pendingLink{anchor: m[1], d: dg})
			continue
		}
		x.e.Diags = append(x.e.Diags, dg)
	}
	var blocks []doc.Block
	for _, b := range d.Blocks {
		if _, ok := b.(*doc.Cover); ok {
			x.e.Diags.Warnf(s.file.Path, 1, 1, "front matter in a section is ignored: report.yaml and the template give the cover")
			continue
		}
		blocks = append(blocks, b)
	}
	return x.expand(blocks, s)
}

// recommendations are the recommendations of report.yaml as numbered paragraphs.
func (x *ed) recommendations() []doc.Block {
	var out []doc.Block
	for _, r := range x.rc.r.Recommendations {
		out = append(out, &doc.Paragraph{Numbered: true, Content: doc.T(x.tr(r))})
	}
	return out
}

// finish fills the metadata and makes the document consistent: unique anchors, case
// references with their text, and the title, subject and keywords.
func (x *ed) finish(d *doc.Document) {
	r := x.rc.r
	d.Meta = doc.Meta{
		Title:    x.tr(r.Title),
		Author:   x.tr(r.Organisation.Name),
		Subject:  x.msg("filing.kind."+r.Kind, nil),
		Keywords: r.Keywords[x.lang],
		Lang:     x.lang,
		Created:  r.Date.First(),
	}
	taken := map[string]bool{}
	var walk func([]doc.Block)
	anchor := func(a *string) {
		if *a == "" {
			return
		}
		if taken[*a] {
			n := 2
			for taken[fmt.Sprintf("%s-%d", *a, n)] {
				n++
			}
			*a = fmt.Sprintf("%s-%d", *a, n)
		}
		taken[*a] = true
	}
	walk = func(bs []doc.Block) {
		for _, b := range bs {
			switch v := b.(type) {
			case *doc.Heading:
				anchor(&v.Anchor)
			case *doc.Paragraph:
				anchor(&v.Anchor)
			case *doc.List:
				anchor(&v.Anchor)
			case *doc.Table:
				anchor(&v.Anchor)
				for _, row := range v.Rows {
					anchor(&row.Anchor)
				}
			case *doc.Chart:
				anchor(&v.Anchor)
			case *doc.Annex:
				anchor(&v.Anchor)
				walk(v.Blocks)
			case *doc.Quote:
				walk(v.Blocks)
			}
		}
	}
	// The annex of cited cases comes last but its anchors are the ones links use:
	// give them first claim.
	done := false
	for i := len(d.Blocks) - 1; i >= 0 && !done; i-- {
		if a, ok := d.Blocks[i].(*doc.Annex); ok && a.Anchor == annexAnchor {
			walk([]doc.Block{a})
			walk(d.Blocks[:i])
			walk(d.Blocks[i+1:])
			done = true
		}
	}
	if !done {
		walk(d.Blocks)
	}
	for _, l := range x.links {
		if !taken[l.anchor] {
			x.e.Diags = append(x.e.Diags, l.d)
		}
	}
}

// tmplData is what the templates of a kind see, in the edition's language.
type tmplData struct {
	Lang          string
	Kind          string
	KindName      string
	Title         string
	Date          string
	State         string
	StateShort    string
	Org           orgData
	CoSubmitters  []orgData
	Organisations []orgData
	Keywords      []string
	UPR           *uprData
	HRC           *hrcData
	SP            *spData
	Call          *callData
}

type orgData struct {
	Name, Status, StatusLabel, Description string
}

type uprData struct {
	Session        int
	SessionOrdinal string
	Cycle          int
	CycleOrdinal   string
	Review         string
	Joint          bool
}

type hrcData struct {
	Session        int
	SessionOrdinal string
	AgendaItem     int
	AgendaTitle    string
	Segment        string
	Supporters     []string
}

type spData struct {
	Mandates     []string
	Urgent       bool
	Case         string
	Victim       victimData
	Perpetrators []string
	Events       []string
	Consent      string
	StepsTaken   string
	Confidential string
	Source       string
	// CaseInSections is true when the sections set out the case themselves
	// ({{ case }} on it), so that the front matter need not repeat it.
	CaseInSections bool
}

type victimData struct {
	Pseudonym, Sex, Born, Age, Origin string
}

type callData struct {
	Title, Mandate, Deadline string
	Publish                  bool
	Questions                []string
}

var statusOrder = map[string]int{"general": 0, "special": 1, "roster": 2, "none": 3}

func (x *ed) org(o report.Org) orgData {
	od := orgData{Name: x.tr(o.Name), Status: o.Status, Description: x.tr(o.Description)}
	if o.Status != "" && o.Status != "none" {
		od.StatusLabel = x.msg("filing.status."+o.Status, nil)
	}
	return od
}

func (x *ed) data() *tmplData {
	r := x.rc.r
	pl := x.rc.b.Places
	d := &tmplData{
		Lang: x.lang, Kind: r.Kind, KindName: x.msg("filing.kind."+r.Kind, nil),
		Title: x.tr(r.Title), Date: FormatDate(r.Date, x.lang),
		State: pl.Country(r.State, x.lang), StateShort: pl.CountryShort(r.State, x.lang),
		Org: x.org(r.Organisation), Keywords: r.Keywords[x.lang],
	}
	cos := append([]report.Org{}, r.CoSubmitters...)
	if r.Kind == report.KindHRC {
		// co-sponsors: general, then special, then roster
		sort.SliceStable(cos, func(i, j int) bool { return statusOrder[cos[i].Status] < statusOrder[cos[j].Status] })
	}
	d.Organisations = []orgData{d.Org}
	for _, o := range cos {
		od := x.org(o)
		d.CoSubmitters = append(d.CoSubmitters, od)
		d.Organisations = append(d.Organisations, od)
	}
	if u := r.UPR; u != nil {
		d.UPR = &uprData{Session: u.Session, SessionOrdinal: Ordinal(u.Session, x.lang), Cycle: u.Cycle,
			CycleOrdinal: Ordinal(u.Cycle, x.lang), Review: FormatMonth(u.Review, x.lang), Joint: u.Submission == report.Joint}
	}
	if h := r.HRC; h != nil {
		d.HRC = &hrcData{Session: h.Session, SessionOrdinal: Ordinal(h.Session, x.lang), AgendaItem: h.AgendaItem,
			AgendaTitle: x.tr(h.AgendaTitle), Segment: x.tr(h.Segment)}
		for _, s := range h.Supporters {
			d.HRC.Supporters = append(d.HRC.Supporters, x.tr(s))
		}
	}
	if s := r.SP; s != nil {
		d.SP = x.spData(s)
	}
	if c := r.Call; c != nil {
		d.Call = &callData{Title: x.tr(c.Title), Mandate: x.tr(c.Mandate), Deadline: FormatDate(c.Deadline, x.lang), Publish: c.Publish}
		for _, q := range c.Questions {
			d.Call.Questions = append(d.Call.Questions, x.tr(q))
		}
	}
	return d
}

func (x *ed) spData(s *report.SP) *spData {
	// Case is left empty when the testimony cannot be used: report.yaml's sp.case has
	// the error already.
	sd := &spData{Urgent: s.Urgent, Consent: x.tr(s.Consent), StepsTaken: x.tr(s.StepsTaken), Confidential: x.tr(s.Confidential)}
	for _, m := range s.Mandates {
		sd.Mandates = append(sd.Mandates, x.tr(m))
	}
	for _, scans := range x.rc.sections {
		for _, sc := range scans {
			if sc == nil {
				continue
			}
			for _, cl := range sc.calls {
				if cl.Name == "case" && cl.Args[0] == s.Case.ID {
					sd.CaseInSections = true
				}
			}
		}
	}
	c := x.rc.sel.Get(s.Case.ID)
	if c == nil {
		return sd
	}
	sd.Case = c.T.ID
	t := c.T
	x.used[t] = true
	pl := x.rc.b.Places
	if p := t.Person(s.Victim); p != nil {
		sd.Victim.Pseudonym = x.msg("filing.sp.pseudonym-note", map[string]any{"Pseudonym": x.rc.b.pseudonym(p, x.lang)})
		if p.Sex != "" {
			sd.Victim.Sex = x.msg("filing.sex."+p.Sex, nil)
		}
		if p.Born > 0 {
			sd.Victim.Born = strconv.Itoa(p.Born)
			if len(t.Events) > 0 && !t.Events[0].Date.IsZero() {
				// years only: the age is known to within a year
				age := t.Events[0].Date.Year - p.Born
				sd.Victim.Age = x.msg("filing.sp.age-value", map[string]any{"Low": age - 1, "High": age})
			}
		}
		if p.Origin != "" {
			sd.Victim.Origin = pl.Admin1(p.Origin, x.lang)
		}
	}
	seen := map[string]bool{}
	for i, ev := range t.Events {
		sd.Events = append(sd.Events, FormatPeriod(ev.Date, ev.Until, x.lang)+": "+x.place(t, ev.Place))
		for _, a := range c.Classes[i].Acts {
			if a.Victim != "" && a.Victim != s.Victim || seen[a.Perpetrator] {
				continue
			}
			seen[a.Perpetrator] = true
			sd.Perpetrators = append(sd.Perpetrators, x.perpetrator(a.Perpetrator))
		}
	}
	rel := x.msg("filing.relation."+t.Source.Relation, nil)
	sd.Source = x.msg("filing.sp.source-text", map[string]any{"Org": x.tr(x.rc.r.Organisation.Name), "Relation": rel, "Date": FormatDate(t.Source.Interviewed, x.lang)})
	return sd
}

// perpetrator describes a perpetrator code: its label, and whether it is a State actor
// (of which State) or not.
func (x *ed) perpetrator(code string) string {
	v := x.rc.b.Vocab
	if v == nil {
		return code
	}
	p := v.Perpetrator(code)
	if p == nil {
		return code
	}
	label := p.Label.In(x.lang)
	if p.State != "" {
		return label + " (" + x.msg("filing.sp.state-actor", nil) + ", " + x.rc.b.Places.CountryShort(p.State, x.lang) + ")"
	}
	if code == "unknown" {
		return label
	}
	return label + " (" + x.msg("filing.sp.non-state", nil) + ")"
}

// place writes where an event happened: the name as recorded when the testimony is in
// the edition's language (names are recorded in the language of the interview), then
// the province and, outside the State concerned, the country, in the edition's
// language.
func (x *ed) place(t *testimony.Testimony, p testimony.Place) string {
	pl := x.rc.b.Places
	var parts []string
	if p.Admin1 != "" {
		parts = append(parts, pl.Admin1(p.Admin1, x.lang))
	}
	if p.Country != "" && (p.Country != x.rc.r.State || len(parts) == 0) {
		parts = append(parts, pl.CountryShort(p.Country, x.lang))
	}
	where := strings.Join(parts, ", ")
	if p.Name != "" && t.Source.Language == x.lang {
		if where == "" {
			return p.Name
		}
		if x.lang == "ko" {
			return p.Name + "(" + where + ")"
		}
		return p.Name + " (" + where + ")"
	}
	if where == "" {
		return p.Name
	}
	return where
}

// funcs are the template functions bound to the edition's language.
func (x *ed) funcs() template.FuncMap {
	return template.FuncMap{
		"t": func(id string, kv ...any) string {
			data := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				data[fmt.Sprint(kv[i])] = kv[i+1]
			}
			return x.msg(id, data)
		},
		"insert": func(name string, args ...string) string {
			var b strings.Builder
			b.WriteString("{{ " + name)
			for _, a := range args {
				b.WriteString(" " + strconv.Quote(a))
			}
			b.WriteString(" }}")
			return b.String()
		},
		"md":    escapeMarkdown,
		"list":  x.list,
		"upper": strings.ToUpper,
		"cap":   Capitalize,
		"join":  strings.Join,
		"names": orgNames,
		"withStatus": func(orgs []orgData) []string {
			out := make([]string, len(orgs))
			for i, o := range orgs {
				out[i] = o.Name
				if o.StatusLabel != "" {
					out[i] += " [" + o.StatusLabel + "]"
				}
			}
			return out
		},
		"colon": func() string {
			if x.lang == "fr" {
				return "\u00a0:"
			}
			return ":"
		},
	}
}

func orgNames(orgs []orgData) []string {
	out := make([]string, len(orgs))
	for i, o := range orgs {
		out[i] = o.Name
	}
	return out
}

// list joins names the way the language does: "A, B and C", « A, B et C », "A, B 및 C".
func (x *ed) list(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	and := x.msg("filing.and", nil)
	return strings.Join(items[:len(items)-1], ", ") + " " + and + " " + items[len(items)-1]
}

var mdSpecial = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, "#", `\#`, "{{", `{\{`)

// escapeMarkdown makes a value safe to insert in a Markdown template.
func escapeMarkdown(s string) string { return mdSpecial.Replace(s) }

func (rc *reportCtx) execute(name, lang string) (string, error) {
	tt := rc.t.tmpls[name]
	if tt == nil {
		return "", nil
	}
	x := &ed{rc: rc, lang: lang, e: &Edition{Report: rc.r, Lang: lang}, used: map[*testimony.Testimony]bool{}, cited: map[string]bool{}}
	return x.exec(name)
}

func (x *ed) exec(name string) (string, error) {
	tt := x.rc.t.tmpls[name]
	if tt == nil {
		return "", nil
	}
	t, err := tt.Clone()
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if x.tdata == nil {
		x.tdata = x.data()
	}
	if err := t.Funcs(x.funcs()).Execute(&buf, x.tdata); err != nil {
		return "", fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "template: "))
	}
	return buf.String(), nil
}

// execLine runs a one-line template (a cover line); errors become diagnostics.
func (x *ed) execLine(name string) string {
	s, err := x.exec(name)
	if err != nil {
		x.e.Diags.Errorf(x.rc.t.path, 0, 0, "%s (%s): %v", name, x.lang, err)
	}
	return typoApostrophes(strings.TrimSpace(s))
}

// cover builds the cover block from the template's cover lines.
func (x *ed) cover() *doc.Cover {
	// NGO filings must not carry a UN masthead (un-formats.md §5): the cover's top
	// line names the submitting organisation, as a letterhead.
	c := &doc.Cover{
		Masthead: x.tr(x.rc.r.Organisation.Name),
		Organ:    x.execLine("organ"),
		Date:     x.execLine("date"),
	}
	for i := range x.rc.t.Cover.Session {
		if s := x.execLine(fmt.Sprintf("session%d", i)); s != "" {
			c.Session = append(c.Session, s)
		}
	}
	if s := x.execLine("title"); s != "" {
		c.Title = doc.T(s)
		if n := x.execLine("title-note"); n != "" {
			// UN practice: a note on a title is marked with an asterisk, not a number
			c.Title = append(c.Title, &doc.Footnote{Mark: "*", Content: doc.T(n)})
		}
	}
	if s := x.execLine("subtitle"); s != "" {
		c.Subtitle = doc.T(s)
	}
	if s := x.execLine("submitter"); s != "" {
		c.Submitter = doc.T(s)
	}
	return c
}
