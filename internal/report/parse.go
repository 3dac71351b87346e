package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/testimony"
	"github.com/pscore/dossier/internal/vocab"
	"github.com/pscore/dossier/internal/yamlnode"
)

// DefaultLanguages are the edition languages dossier has fonts and messages for.
var DefaultLanguages = []string{"en", "fr", "ko"}

// Options configure how definitions are read and checked.
type Options struct {
	Vocab *vocab.Vocabulary
	// Languages are the languages an edition may be built in; nil means
	// DefaultLanguages.
	Languages []string
	// States, when not nil, are the State codes a report may be about (those with names
	// in every language); nil accepts any ISO 3166-1 alpha-2 code.
	States []string
	// Corpus, when not nil, is used to check that the testimonies a definition names
	// exist and may be drawn on.
	Corpus *testimony.Corpus
	// Draft turns missing translations into warnings: the build prints a visible
	// marker instead.
	Draft bool
	// Editions, when not empty, are the only languages being built (--lang): a
	// translation missing in another language of the report is not a problem then.
	Editions []string
}

// built reports whether the edition in lang is being built.
func (o *Options) built(lang string) bool {
	return len(o.Editions) == 0 || slices.Contains(o.Editions, lang)
}

func (o *Options) languages() []string {
	if o.Languages != nil {
		return o.Languages
	}
	return DefaultLanguages
}

var statePattern = regexp.MustCompile(`^[A-Z]{2}$`)

var topKeys = []string{"kind", "title", "state", "date", "languages", "organisation", "co-submitters", "keywords", "draw", "recommendations", "upr", "hrc", "sp", "call", "password-file"}

// blockKind maps each kind-specific block to its kind.
var blockKind = map[string]string{"upr": KindUPR, "hrc": KindHRC, "sp": KindSPCom, "call": KindSPIn}

type parser struct {
	yamlnode.Reader
	o *Options
	r *Report
}

// Parse reads a report.yaml. It returns the report (partial when there are errors; nil
// when the file is not YAML at all) and every problem found.
func Parse(path string, data []byte, o Options) (*Report, diag.List) {
	p := &parser{Reader: yamlnode.Reader{Path: path, Wording: yamlnode.ReportWording}, o: &o}
	r := p.parse(data)
	p.Diags.Sort()
	return r, p.Diags
}

func (p *parser) parse(data []byte) *Report {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	root, err := yamlnode.Decode(data)
	switch {
	case errors.Is(err, io.EOF):
		p.ErrorAt(1, 1, "report.yaml is empty: it needs at least kind, title, state, date, languages and organisation (run `dossier new report` for a skeleton)")
		return nil
	case err != nil:
		p.Syntax(data, err)
		return nil
	case root.Kind != yaml.DocumentNode || len(root.Content) == 0:
		p.ErrorAt(1, 1, "not a report definition: expected a mapping with kind, title, state, date, languages and organisation")
		return nil
	}
	f := p.Fields(root.Content[0], "report.yaml", topKeys, []string{"kind", "title", "state", "date", "languages", "organisation"})
	if !f.OK {
		return nil
	}
	r := &Report{Path: p.Path}
	p.r = r
	if n := f.Get("kind"); n != nil {
		r.KindPos = posOf(n)
		r.Kind = p.Code(n, "kind", Kinds)
	}
	if n := f.Get("languages"); n != nil {
		r.LanguagesPos = posOf(n)
		p.languages(n)
	}
	if n := f.Get("title"); n != nil {
		r.Title = p.text(n, "title")
	}
	if n := f.Get("state"); n != nil {
		if s, ok := p.NonEmpty(n, "state"); ok {
			switch {
			case !statePattern.MatchString(s):
				p.Errorf(n, "state %q is not an ISO 3166-1 alpha-2 code (KP, CN …)", s)
			case p.o.States != nil && !slices.Contains(p.o.States, s):
				p.Errorf(n, "unknown state %q%s: reference/places.yaml has no name for it", s, yamlnode.Suggest(s, p.o.States))
			default:
				r.State = s
			}
		}
	}
	if n := f.Get("date"); n != nil {
		r.Date = p.date(n, "date", 3)
	}
	if n := f.Get("organisation"); n != nil {
		r.Organisation = p.org(n, "organisation", r.Kind == KindUPR)
	}
	if n := f.Get("co-submitters"); n != nil {
		for i, item := range p.list(n, "co-submitters") {
			r.CoSubmitters = append(r.CoSubmitters, p.org(item, fmt.Sprintf("co-submitters[%d]", i+1), false))
		}
	}
	if n := f.Get("keywords"); n != nil {
		p.keywords(n)
	}
	if n := f.Get("draw"); n != nil {
		p.draw(n)
	}
	if n := f.Get("recommendations"); n != nil {
		for i, item := range p.list(n, "recommendations") {
			r.Recommendations = append(r.Recommendations, p.text(item, fmt.Sprintf("recommendation %d", i+1)))
		}
	}
	for _, key := range []string{"upr", "hrc", "sp", "call"} {
		n := f.Get(key)
		if n == nil {
			continue
		}
		if r.Kind != "" && blockKind[key] != r.Kind {
			p.Errorf(n, "block %q is for kind %s; this report is a %s", key, blockKind[key], r.Kind)
			continue
		}
		switch key {
		case "upr":
			r.UPR = p.upr(n)
		case "hrc":
			r.HRC = p.hrc(n)
		case "sp":
			r.SP = p.sp(n)
		case "call":
			r.Call = p.call(n)
		}
	}
	if n := f.Get("password-file"); n != nil {
		if s, ok := p.NonEmpty(n, "password-file"); ok {
			r.PasswordFile, r.PasswordFilePos = s, posOf(n)
		}
	}
	p.kindRules(&f)
	return r
}

func (p *parser) languages(n *yaml.Node) {
	supported := p.o.languages()
	for _, item := range p.list(n, "languages") {
		l := p.Code(item, "language", supported)
		if l == "" {
			continue
		}
		if p.r.HasLanguage(l) {
			p.Errorf(item, "language %q is listed twice", l)
			continue
		}
		p.r.Languages = append(p.r.Languages, l)
	}
	if len(p.r.Languages) == 0 && n.Kind == yaml.SequenceNode {
		p.Errorf(n, "languages is empty: list the editions to build, e.g. [en, fr, ko]")
	}
}

// text reads a text given per language: {en: …, fr: …, ko: …}. Every language of the
// report is required (a warning in draft mode); other known languages are accepted and
// ignored, so a translation can be prepared before its edition is switched on.
func (p *parser) text(n *yaml.Node, what string) Text {
	n = p.Resolve(n)
	t := Text{Pos: posOf(n)}
	if n.Kind != yaml.MappingNode {
		p.Errorf(n, "%s must give the text per language ({en: …, fr: …, ko: …}), not %s", what, p.Describe(n))
		return t
	}
	t.ByLang = map[string]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		lang := k.Value
		if !p.knownLanguage(lang) {
			p.Errorf(k, "unknown language %q in %s%s", lang, what, yamlnode.Suggest(lang, p.allLanguages()))
			continue
		}
		if _, dup := t.ByLang[lang]; dup {
			p.Errorf(k, "%s: language %q is given twice", what, lang)
			continue
		}
		if s, ok := p.NonEmpty(v, what+"."+lang); ok {
			t.ByLang[lang] = strings.TrimSpace(s)
		}
	}
	for _, l := range p.r.Languages {
		if _, ok := t.ByLang[l]; !ok && p.o.built(l) {
			p.missing(n, "%s has no %s text (the report is built in %s)", what, l, strings.Join(p.r.Languages, ", "))
		}
	}
	return t
}

// missing reports a missing translation: an error, or a warning in draft mode.
func (p *parser) missing(n *yaml.Node, format string, args ...any) {
	if p.o.Draft {
		p.Warnf(n, format, args...)
	} else {
		p.Errorf(n, format+"; add it, or build with --draft", args...)
	}
}

func (p *parser) knownLanguage(l string) bool {
	return slices.Contains(p.o.languages(), l) || p.o.Vocab != nil && slices.Contains(p.o.Vocab.Languages, l)
}

func (p *parser) allLanguages() []string {
	out := append([]string{}, p.o.languages()...)
	if p.o.Vocab != nil {
		out = append(out, p.o.Vocab.Languages...)
	}
	return out
}

func (p *parser) org(n *yaml.Node, what string, needDescription bool) Org {
	o := Org{Pos: posOf(p.Resolve(n))}
	req := []string{"name", "status"}
	if needDescription {
		req = append(req, "description")
	}
	f := p.Fields(n, what, []string{"name", "status", "description"}, req)
	if !f.OK {
		return o
	}
	if v := f.Get("name"); v != nil {
		o.Name = p.text(v, what+".name")
	}
	if v := f.Get("status"); v != nil {
		o.Status = p.Code(v, what+".status", Statuses)
	}
	if v := f.Get("description"); v != nil {
		o.Description = p.text(v, what+".description")
	}
	return o
}

func (p *parser) keywords(n *yaml.Node) {
	n = p.Resolve(n)
	if n.Kind != yaml.MappingNode {
		p.Errorf(n, "keywords must give a list per language ({en: [a, b], fr: […]}), not %s", p.Describe(n))
		return
	}
	p.r.Keywords = map[string][]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !p.knownLanguage(k.Value) {
			p.Errorf(k, "unknown language %q in keywords%s", k.Value, yamlnode.Suggest(k.Value, p.allLanguages()))
			continue
		}
		var words []string
		for _, item := range p.list(v, "keywords."+k.Value) {
			if s, ok := p.NonEmpty(item, "keyword"); ok {
				words = append(words, strings.TrimSpace(s))
			}
		}
		p.r.Keywords[k.Value] = words
	}
	for _, l := range p.r.Languages {
		if _, ok := p.r.Keywords[l]; !ok && p.o.built(l) {
			p.missing(n, "keywords has no %s list (the report is built in %s)", l, strings.Join(p.r.Languages, ", "))
		}
	}
}

func (p *parser) draw(n *yaml.Node) {
	d := &p.r.Draw
	d.Pos = posOf(p.Resolve(n))
	f := p.Fields(n, "draw", []string{"consent", "period", "acts", "places", "testimonies"}, nil)
	if !f.OK {
		return
	}
	if v := f.Get("consent"); v != nil {
		d.ConsentPos = posOf(v)
		c := p.Code(v, "draw.consent", []string{testimony.ConsentPublic, testimony.ConsentConfidential, testimony.ConsentInternal})
		switch {
		case c == testimony.ConsentInternal:
			p.Errorf(v, "draw.consent: internal testimonies never leave the organisation; no filing may draw on them (use public, or confidential for a sp-communication)")
		case c == testimony.ConsentConfidential && p.r.Kind != "" && MaxConsent(p.r.Kind) != testimony.ConsentConfidential:
			p.Errorf(v, "draw.consent: a %s is published, so it may draw only on public testimonies; only a sp-communication may draw on confidential ones", p.r.Kind)
		default:
			d.Consent = c
		}
	}
	if v := f.Get("period"); v != nil {
		pf := p.Fields(v, "draw.period", []string{"from", "to"}, nil)
		if pf.Get("from") != nil {
			d.From = p.integer(pf.Get("from"), "draw.period.from", 1900, 2100)
		}
		if pf.Get("to") != nil {
			d.To = p.integer(pf.Get("to"), "draw.period.to", 1900, 2100)
		}
		if d.From != 0 && d.To != 0 && d.To < d.From {
			p.Errorf(pf.Get("to"), "draw.period: to %d is before from %d", d.To, d.From)
		}
	}
	if v := f.Get("acts"); v != nil {
		for _, item := range p.list(v, "draw.acts") {
			s, ok := p.NonEmpty(item, "act type")
			if !ok {
				continue
			}
			if p.o.Vocab != nil && p.o.Vocab.Act(s) == nil {
				codes := make([]string, len(p.o.Vocab.Acts))
				for i, a := range p.o.Vocab.Acts {
					codes[i] = a.Code
				}
				p.Errorf(item, "unknown act type %q%s", s, yamlnode.Suggest(s, codes))
				continue
			}
			d.Acts = append(d.Acts, s)
		}
	}
	if v := f.Get("places"); v != nil {
		for _, item := range p.list(v, "draw.places") {
			if s, ok := p.NonEmpty(item, "place"); ok {
				d.Places = append(d.Places, strings.TrimSpace(s))
			}
		}
	}
	if v := f.Get("testimonies"); v != nil {
		for _, item := range p.list(v, "draw.testimonies") {
			if s, ok := p.NonEmpty(item, "testimony id"); ok {
				d.Testimonies = append(d.Testimonies, Ref{ID: strings.TrimSpace(s), Pos: posOf(item)})
			}
		}
	}
}

func (p *parser) upr(n *yaml.Node) *UPR {
	u := &UPR{Pos: posOf(p.Resolve(n))}
	f := p.Fields(n, "upr", []string{"session", "cycle", "review", "submission"}, []string{"session", "review", "submission"})
	if !f.OK {
		return u
	}
	if v := f.Get("session"); v != nil {
		u.Session = p.integer(v, "upr.session", 1, 200)
	}
	if v := f.Get("cycle"); v != nil {
		u.Cycle = p.integer(v, "upr.cycle", 1, 20)
	}
	if v := f.Get("review"); v != nil {
		u.Review = p.date(v, "upr.review", 2)
	}
	if v := f.Get("submission"); v != nil {
		u.Submission = p.Code(v, "upr.submission", []string{Individual, Joint})
	}
	return u
}

func (p *parser) hrc(n *yaml.Node) *HRC {
	h := &HRC{Pos: posOf(p.Resolve(n))}
	f := p.Fields(n, "hrc", []string{"session", "agenda-item", "agenda-title", "segment", "supporters"}, []string{"session", "agenda-item", "agenda-title"})
	if !f.OK {
		return h
	}
	if v := f.Get("session"); v != nil {
		h.Session = p.integer(v, "hrc.session", 1, 200)
	}
	if v := f.Get("agenda-item"); v != nil {
		h.AgendaItem = p.integer(v, "hrc.agenda-item", 1, 10)
	}
	if v := f.Get("agenda-title"); v != nil {
		h.AgendaTitle = p.text(v, "hrc.agenda-title")
	}
	if v := f.Get("segment"); v != nil {
		h.Segment = p.text(v, "hrc.segment")
	}
	if v := f.Get("supporters"); v != nil {
		for i, item := range p.list(v, "hrc.supporters") {
			h.Supporters = append(h.Supporters, p.text(item, fmt.Sprintf("hrc.supporters[%d]", i+1)))
		}
	}
	return h
}

func (p *parser) sp(n *yaml.Node) *SP {
	s := &SP{Pos: posOf(p.Resolve(n))}
	f := p.Fields(n, "sp", []string{"mandates", "urgent", "case", "victim", "consent", "steps-taken", "confidential"}, []string{"mandates", "case", "victim", "consent", "confidential"})
	if !f.OK {
		return s
	}
	if v := f.Get("mandates"); v != nil {
		items := p.list(v, "sp.mandates")
		for i, item := range items {
			s.Mandates = append(s.Mandates, p.text(item, fmt.Sprintf("sp.mandates[%d]", i+1)))
		}
		if items != nil && len(items) == 0 {
			p.Errorf(v, "sp.mandates is empty: name the mandate(s) the communication is addressed to")
		}
	}
	if v := f.Get("urgent"); v != nil {
		s.Urgent = p.boolean(v, "sp.urgent")
	}
	if v := f.Get("case"); v != nil {
		if id, ok := p.NonEmpty(v, "sp.case"); ok {
			s.Case = Ref{ID: strings.TrimSpace(id), Pos: posOf(v)}
		}
	}
	if v := f.Get("victim"); v != nil {
		s.VictimPos = posOf(v)
		s.Victim, _ = p.NonEmpty(v, "sp.victim")
	}
	if v := f.Get("consent"); v != nil {
		s.Consent = p.text(v, "sp.consent")
	}
	if v := f.Get("steps-taken"); v != nil {
		s.StepsTaken = p.text(v, "sp.steps-taken")
	} else {
		p.Warnf(n, "sp: no steps-taken: OHCHR asks what was done at the national level (say so if nothing could be done)")
	}
	if v := f.Get("confidential"); v != nil {
		s.Confidential = p.text(v, "sp.confidential")
	}
	return s
}

func (p *parser) call(n *yaml.Node) *Call {
	c := &Call{Pos: posOf(p.Resolve(n))}
	f := p.Fields(n, "call", []string{"title", "mandate", "deadline", "publish", "questions"}, []string{"title", "mandate", "deadline", "publish", "questions"})
	if !f.OK {
		return c
	}
	if v := f.Get("title"); v != nil {
		c.Title = p.text(v, "call.title")
	}
	if v := f.Get("mandate"); v != nil {
		c.Mandate = p.text(v, "call.mandate")
	}
	if v := f.Get("deadline"); v != nil {
		c.Deadline = p.date(v, "call.deadline", 3)
	}
	if v := f.Get("publish"); v != nil {
		c.Publish = p.boolean(v, "call.publish")
	}
	if v := f.Get("questions"); v != nil {
		items := p.list(v, "call.questions")
		for i, item := range items {
			q := p.text(item, fmt.Sprintf("call.questions[%d]", i+1))
			c.Questions = append(c.Questions, q)
		}
		if items != nil && len(items) == 0 {
			p.Errorf(v, "call.questions is empty: list the call's questions in its order")
		}
	}
	return c
}

// kindRules checks what depends on the kind: its block, organisations and statuses.
func (p *parser) kindRules(f *yamlnode.Fields) {
	r := p.r
	at := f.Get("kind")
	if r.Kind == "" {
		return
	}
	need := map[string]string{KindUPR: "upr", KindHRC: "hrc", KindSPCom: "sp", KindSPIn: "call"}[r.Kind]
	if f.Get(need) == nil {
		p.Errorf(at, "a %s needs a %q block (see reports/README.md)", r.Kind, need)
	}
	if n := f.Get("password-file"); n != nil && r.Kind != KindSPCom && r.MaxConsent() != testimony.ConsentConfidential {
		p.Errorf(n, "password-file is for confidential filings (a sp-communication, or draw.consent: confidential); a %s is not encrypted", r.Kind)
	}
	cos := f.Get("co-submitters")
	switch r.Kind {
	case KindUPR:
		if r.UPR != nil && r.UPR.Submission == Joint && len(r.CoSubmitters) == 0 {
			p.Errorf(f.Get("upr"), "upr.submission is joint but no co-submitters are listed")
		}
		if r.UPR != nil && r.UPR.Submission == Individual && len(r.CoSubmitters) > 0 {
			p.Errorf(cos, "co-submitters are listed but upr.submission is individual: make it joint (the word limit becomes 5,630)")
		}
		if r.Keywords == nil {
			p.Warnf(at, "no keywords: OHCHR asks UPR stakeholders for key words (keywords: {en: […], …})")
		}
	case KindHRC:
		if r.Organisation.Status == "none" {
			p.Errorf(f.Get("organisation"), "only organisations in ECOSOC consultative status may submit a written statement; an organisation without status can only support one (hrc.supporters)")
		}
		for i, o := range r.CoSubmitters {
			if o.Status == "none" {
				item := p.Resolve(cos).Content[i]
				p.Errorf(item, "co-sponsor without consultative status: list it under hrc.supporters instead (it goes in a footnote to the title)")
			}
		}
	default:
		if cos != nil && r.Kind == KindSPCom {
			p.Warnf(cos, "co-submitters of a sp-communication are named as joint sources on the cover")
		}
	}
}

func posOf(n *yaml.Node) Pos { return Pos{Line: n.Line, Col: n.Column} }

// list reads a list; nil (reported) when n is not one.
func (p *parser) list(n *yaml.Node, what string) []*yaml.Node {
	items, _ := p.List(n, what)
	return items
}

func (p *parser) integer(n *yaml.Node, what string, lo, hi int) int {
	n = p.Resolve(n)
	v, err := strconv.Atoi(strings.TrimSpace(n.Value))
	if n.Kind != yaml.ScalarNode || err != nil {
		p.Errorf(n, "%s must be a whole number, not %s", what, p.Describe(n))
		return 0
	}
	if v < lo || v > hi {
		p.Errorf(n, "%s %d is out of range (%d to %d)", what, v, lo, hi)
		return 0
	}
	return v
}

func (p *parser) boolean(n *yaml.Node, what string) bool {
	n = p.Resolve(n)
	if n.Kind == yaml.ScalarNode {
		switch n.Value {
		case "true", "yes":
			return true
		case "false", "no":
			return false
		}
	}
	p.Errorf(n, "%s must be true or false, not %s", what, p.Describe(n))
	return false
}

// date reads a date of the given precision: 3 = YYYY-MM-DD, 2 = YYYY-MM.
func (p *parser) date(n *yaml.Node, what string, precision int) testimony.Date {
	n = p.Resolve(n)
	form := map[int]string{2: "YYYY-MM", 3: "YYYY-MM-DD"}[precision]
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.Errorf(n, "%s must be a date (%s), not %s", what, form, p.Describe(n))
		return testimony.Date{}
	}
	d, err := testimony.ParseDate(strings.TrimSpace(n.Value))
	if err != nil {
		p.Errorf(n, "%s: %v", what, err)
		return testimony.Date{}
	}
	got := 1
	if d.Month != 0 {
		got = 2
	}
	if d.Day != 0 {
		got = 3
	}
	if got != precision {
		p.Errorf(n, "%s must be a date of the form %s, not %q", what, form, n.Value)
		return testimony.Date{}
	}
	return d
}
