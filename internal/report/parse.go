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

var (
	statePattern    = regexp.MustCompile(`^[A-Z]{2}$`)
	yamlLinePattern = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
)

var topKeys = []string{"kind", "title", "state", "date", "languages", "organisation", "co-submitters", "keywords", "draw", "recommendations", "upr", "hrc", "sp", "call", "password-file"}

// blockKind maps each kind-specific block to its kind.
var blockKind = map[string]string{"upr": KindUPR, "hrc": KindHRC, "sp": KindSPCom, "call": KindSPIn}

type parser struct {
	reader
	o *Options
	r *Report
}

// Parse reads a report.yaml. It returns the report (partial when there are errors; nil
// when the file is not YAML at all) and every problem found.
func Parse(path string, data []byte, o Options) (*Report, diag.List) {
	p := &parser{reader: reader{path: path}, o: &o}
	r := p.parse(data)
	p.diags.Sort()
	return r, p.diags
}

func (p *parser) parse(data []byte) *Report {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			p.diags.Errorf(p.path, 1, 1, "report.yaml is empty: it needs at least kind, title, state, date, languages and organisation (run `dossier new report` for a skeleton)")
			return nil
		}
		msg := err.Error()
		if m := yamlLinePattern.FindStringSubmatch(msg); m != nil {
			line, _ := strconv.Atoi(m[1])
			p.diags.Errorf(p.path, line, 1, "YAML syntax: %s", m[2])
		} else {
			p.diags.Errorf(p.path, 1, 1, "YAML: %s", strings.TrimPrefix(msg, "yaml: "))
		}
		return nil
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		p.diags.Errorf(p.path, 1, 1, "not a report definition: expected a mapping with kind, title, state, date, languages and organisation")
		return nil
	}
	f := p.fields(root.Content[0], "report.yaml", topKeys, "kind", "title", "state", "date", "languages", "organisation")
	if f == nil {
		return nil
	}
	r := &Report{Path: p.path}
	p.r = r
	if n := f["kind"]; n != nil {
		r.KindPos = posOf(n)
		r.Kind = p.code(n, "kind", Kinds)
	}
	if n := f["languages"]; n != nil {
		r.LanguagesPos = posOf(n)
		p.languages(n)
	}
	if n := f["title"]; n != nil {
		r.Title = p.text(n, "title")
	}
	if n := f["state"]; n != nil {
		if s, ok := p.str(n, "state"); ok {
			switch {
			case !statePattern.MatchString(s):
				p.errorf(n, "state %q is not an ISO 3166-1 alpha-2 code (KP, CN …)", s)
			case p.o.States != nil && !slices.Contains(p.o.States, s):
				p.errorf(n, "unknown state %q%s: reference/places.yaml has no name for it", s, Suggest(s, p.o.States))
			default:
				r.State = s
			}
		}
	}
	if n := f["date"]; n != nil {
		r.Date = p.date(n, "date", 3)
	}
	if n := f["organisation"]; n != nil {
		r.Organisation = p.org(n, "organisation", r.Kind == KindUPR)
	}
	if n := f["co-submitters"]; n != nil {
		for i, item := range p.list(n, "co-submitters") {
			r.CoSubmitters = append(r.CoSubmitters, p.org(item, fmt.Sprintf("co-submitters[%d]", i+1), false))
		}
	}
	if n := f["keywords"]; n != nil {
		p.keywords(n)
	}
	if n := f["draw"]; n != nil {
		p.draw(n)
	}
	if n := f["recommendations"]; n != nil {
		for i, item := range p.list(n, "recommendations") {
			r.Recommendations = append(r.Recommendations, p.text(item, fmt.Sprintf("recommendation %d", i+1)))
		}
	}
	for _, key := range []string{"upr", "hrc", "sp", "call"} {
		n := f[key]
		if n == nil {
			continue
		}
		if r.Kind != "" && blockKind[key] != r.Kind {
			p.errorf(n, "block %q is for kind %s; this report is a %s", key, blockKind[key], r.Kind)
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
	if n := f["password-file"]; n != nil {
		if s, ok := p.str(n, "password-file"); ok {
			r.PasswordFile, r.PasswordFilePos = s, posOf(n)
		}
	}
	p.kindRules(f)
	return r
}

func (p *parser) languages(n *yaml.Node) {
	supported := p.o.languages()
	for _, item := range p.list(n, "languages") {
		l := p.code(item, "language", supported)
		if l == "" {
			continue
		}
		if p.r.HasLanguage(l) {
			p.errorf(item, "language %q is listed twice", l)
			continue
		}
		p.r.Languages = append(p.r.Languages, l)
	}
	if len(p.r.Languages) == 0 && n.Kind == yaml.SequenceNode {
		p.errorf(n, "languages is empty: list the editions to build, e.g. [en, fr, ko]")
	}
}

// text reads a text given per language: {en: …, fr: …, ko: …}. Every language of the
// report is required (a warning in draft mode); other known languages are accepted and
// ignored, so a translation can be prepared before its edition is switched on.
func (p *parser) text(n *yaml.Node, what string) Text {
	n = resolve(n)
	t := Text{Pos: posOf(n)}
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "%s must give the text per language ({en: …, fr: …, ko: …}), not %s", what, kindName(n))
		return t
	}
	t.ByLang = map[string]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		lang := k.Value
		if !p.knownLanguage(lang) {
			p.errorf(k, "unknown language %q in %s%s", lang, what, Suggest(lang, p.allLanguages()))
			continue
		}
		if _, dup := t.ByLang[lang]; dup {
			p.errorf(k, "%s: language %q is given twice", what, lang)
			continue
		}
		if s, ok := p.str(v, what+"."+lang); ok {
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
		p.warnf(n, format, args...)
	} else {
		p.errorf(n, format+"; add it, or build with --draft", args...)
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
	o := Org{Pos: posOf(resolve(n))}
	req := []string{"name", "status"}
	if needDescription {
		req = append(req, "description")
	}
	f := p.fields(n, what, []string{"name", "status", "description"}, req...)
	if f == nil {
		return o
	}
	if v := f["name"]; v != nil {
		o.Name = p.text(v, what+".name")
	}
	if v := f["status"]; v != nil {
		o.Status = p.code(v, what+".status", Statuses)
	}
	if v := f["description"]; v != nil {
		o.Description = p.text(v, what+".description")
	}
	return o
}

func (p *parser) keywords(n *yaml.Node) {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "keywords must give a list per language ({en: [a, b], fr: […]}), not %s", kindName(n))
		return
	}
	p.r.Keywords = map[string][]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !p.knownLanguage(k.Value) {
			p.errorf(k, "unknown language %q in keywords%s", k.Value, Suggest(k.Value, p.allLanguages()))
			continue
		}
		var words []string
		for _, item := range p.list(v, "keywords."+k.Value) {
			if s, ok := p.str(item, "keyword"); ok {
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
	d.Pos = posOf(resolve(n))
	f := p.fields(n, "draw", []string{"consent", "period", "acts", "places", "testimonies"})
	if f == nil {
		return
	}
	if v := f["consent"]; v != nil {
		d.ConsentPos = posOf(v)
		c := p.code(v, "draw.consent", []string{testimony.ConsentPublic, testimony.ConsentConfidential, testimony.ConsentInternal})
		switch {
		case c == testimony.ConsentInternal:
			p.errorf(v, "draw.consent: internal testimonies never leave the organisation; no filing may draw on them (use public, or confidential for a sp-communication)")
		case c == testimony.ConsentConfidential && p.r.Kind != "" && MaxConsent(p.r.Kind) != testimony.ConsentConfidential:
			p.errorf(v, "draw.consent: a %s is published, so it may draw only on public testimonies; only a sp-communication may draw on confidential ones", p.r.Kind)
		default:
			d.Consent = c
		}
	}
	if v := f["period"]; v != nil {
		pf := p.fields(v, "draw.period", []string{"from", "to"})
		if pf["from"] != nil {
			d.From = p.integer(pf["from"], "draw.period.from", 1900, 2100)
		}
		if pf["to"] != nil {
			d.To = p.integer(pf["to"], "draw.period.to", 1900, 2100)
		}
		if d.From != 0 && d.To != 0 && d.To < d.From {
			p.errorf(pf["to"], "draw.period: to %d is before from %d", d.To, d.From)
		}
	}
	if v := f["acts"]; v != nil {
		for _, item := range p.list(v, "draw.acts") {
			s, ok := p.str(item, "act type")
			if !ok {
				continue
			}
			if p.o.Vocab != nil && p.o.Vocab.Act(s) == nil {
				codes := make([]string, len(p.o.Vocab.Acts))
				for i, a := range p.o.Vocab.Acts {
					codes[i] = a.Code
				}
				p.errorf(item, "unknown act type %q%s", s, Suggest(s, codes))
				continue
			}
			d.Acts = append(d.Acts, s)
		}
	}
	if v := f["places"]; v != nil {
		for _, item := range p.list(v, "draw.places") {
			if s, ok := p.str(item, "place"); ok {
				d.Places = append(d.Places, strings.TrimSpace(s))
			}
		}
	}
	if v := f["testimonies"]; v != nil {
		for _, item := range p.list(v, "draw.testimonies") {
			if s, ok := p.str(item, "testimony id"); ok {
				d.Testimonies = append(d.Testimonies, Ref{ID: strings.TrimSpace(s), Pos: posOf(item)})
			}
		}
	}
}

func (p *parser) upr(n *yaml.Node) *UPR {
	u := &UPR{Pos: posOf(resolve(n))}
	f := p.fields(n, "upr", []string{"session", "cycle", "review", "submission"}, "session", "review", "submission")
	if f == nil {
		return u
	}
	if v := f["session"]; v != nil {
		u.Session = p.integer(v, "upr.session", 1, 200)
	}
	if v := f["cycle"]; v != nil {
		u.Cycle = p.integer(v, "upr.cycle", 1, 20)
	}
	if v := f["review"]; v != nil {
		u.Review = p.date(v, "upr.review", 2)
	}
	if v := f["submission"]; v != nil {
		u.Submission = p.code(v, "upr.submission", []string{Individual, Joint})
	}
	return u
}

func (p *parser) hrc(n *yaml.Node) *HRC {
	h := &HRC{Pos: posOf(resolve(n))}
	f := p.fields(n, "hrc", []string{"session", "agenda-item", "agenda-title", "segment", "supporters"}, "session", "agenda-item", "agenda-title")
	if f == nil {
		return h
	}
	if v := f["session"]; v != nil {
		h.Session = p.integer(v, "hrc.session", 1, 200)
	}
	if v := f["agenda-item"]; v != nil {
		h.AgendaItem = p.integer(v, "hrc.agenda-item", 1, 10)
	}
	if v := f["agenda-title"]; v != nil {
		h.AgendaTitle = p.text(v, "hrc.agenda-title")
	}
	if v := f["segment"]; v != nil {
		h.Segment = p.text(v, "hrc.segment")
	}
	if v := f["supporters"]; v != nil {
		for i, item := range p.list(v, "hrc.supporters") {
			h.Supporters = append(h.Supporters, p.text(item, fmt.Sprintf("hrc.supporters[%d]", i+1)))
		}
	}
	return h
}

func (p *parser) sp(n *yaml.Node) *SP {
	s := &SP{Pos: posOf(resolve(n))}
	f := p.fields(n, "sp", []string{"mandates", "urgent", "case", "victim", "consent", "steps-taken", "confidential"}, "mandates", "case", "victim", "consent", "confidential")
	if f == nil {
		return s
	}
	if v := f["mandates"]; v != nil {
		items := p.list(v, "sp.mandates")
		for i, item := range items {
			s.Mandates = append(s.Mandates, p.text(item, fmt.Sprintf("sp.mandates[%d]", i+1)))
		}
		if items != nil && len(items) == 0 {
			p.errorf(v, "sp.mandates is empty: name the mandate(s) the communication is addressed to")
		}
	}
	if v := f["urgent"]; v != nil {
		s.Urgent = p.boolean(v, "sp.urgent")
	}
	if v := f["case"]; v != nil {
		if id, ok := p.str(v, "sp.case"); ok {
			s.Case = Ref{ID: strings.TrimSpace(id), Pos: posOf(v)}
		}
	}
	if v := f["victim"]; v != nil {
		s.VictimPos = posOf(v)
		s.Victim, _ = p.str(v, "sp.victim")
	}
	if v := f["consent"]; v != nil {
		s.Consent = p.text(v, "sp.consent")
	}
	if v := f["steps-taken"]; v != nil {
		s.StepsTaken = p.text(v, "sp.steps-taken")
	} else {
		p.warnf(n, "sp: no steps-taken: OHCHR asks what was done at the national level (say so if nothing could be done)")
	}
	if v := f["confidential"]; v != nil {
		s.Confidential = p.text(v, "sp.confidential")
	}
	return s
}

func (p *parser) call(n *yaml.Node) *Call {
	c := &Call{Pos: posOf(resolve(n))}
	f := p.fields(n, "call", []string{"title", "mandate", "deadline", "publish", "questions"}, "title", "mandate", "deadline", "publish", "questions")
	if f == nil {
		return c
	}
	if v := f["title"]; v != nil {
		c.Title = p.text(v, "call.title")
	}
	if v := f["mandate"]; v != nil {
		c.Mandate = p.text(v, "call.mandate")
	}
	if v := f["deadline"]; v != nil {
		c.Deadline = p.date(v, "call.deadline", 3)
	}
	if v := f["publish"]; v != nil {
		c.Publish = p.boolean(v, "call.publish")
	}
	if v := f["questions"]; v != nil {
		items := p.list(v, "call.questions")
		for i, item := range items {
			q := p.text(item, fmt.Sprintf("call.questions[%d]", i+1))
			c.Questions = append(c.Questions, q)
		}
		if items != nil && len(items) == 0 {
			p.errorf(v, "call.questions is empty: list the call's questions in its order")
		}
	}
	return c
}

// kindRules checks what depends on the kind: its block, organisations and statuses.
func (p *parser) kindRules(f map[string]*yaml.Node) {
	r := p.r
	at := f["kind"]
	if r.Kind == "" {
		return
	}
	need := map[string]string{KindUPR: "upr", KindHRC: "hrc", KindSPCom: "sp", KindSPIn: "call"}[r.Kind]
	if f[need] == nil {
		p.errorf(at, "a %s needs a %q block (see reports/README.md)", r.Kind, need)
	}
	if n := f["password-file"]; n != nil && r.Kind != KindSPCom && r.MaxConsent() != testimony.ConsentConfidential {
		p.errorf(n, "password-file is for confidential filings (a sp-communication, or draw.consent: confidential); a %s is not encrypted", r.Kind)
	}
	cos := f["co-submitters"]
	switch r.Kind {
	case KindUPR:
		if r.UPR != nil && r.UPR.Submission == Joint && len(r.CoSubmitters) == 0 {
			p.errorf(f["upr"], "upr.submission is joint but no co-submitters are listed")
		}
		if r.UPR != nil && r.UPR.Submission == Individual && len(r.CoSubmitters) > 0 {
			p.errorf(cos, "co-submitters are listed but upr.submission is individual: make it joint (the word limit becomes 5,630)")
		}
		if r.Keywords == nil {
			p.warnf(at, "no keywords: OHCHR asks UPR stakeholders for key words (keywords: {en: […], …})")
		}
	case KindHRC:
		if r.Organisation.Status == "none" {
			p.errorf(f["organisation"], "only organisations in ECOSOC consultative status may submit a written statement; an organisation without status can only support one (hrc.supporters)")
		}
		for i, o := range r.CoSubmitters {
			if o.Status == "none" {
				item := resolve(cos).Content[i]
				p.errorf(item, "co-sponsor without consultative status: list it under hrc.supporters instead (it goes in a footnote to the title)")
			}
		}
	default:
		if cos != nil && r.Kind == KindSPCom {
			p.warnf(cos, "co-submitters of a sp-communication are named as joint sources on the cover")
		}
	}
}
