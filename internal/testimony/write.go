package testimony

import (
	"bytes"
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"
)

// Marshal writes a testimony in the file format, keys in the order of the spec, accounts
// as literal blocks (|) in the event's language order. Parse(Marshal(t)) gives t back
// (positions aside). Zero values of optional fields are left out. It fails only on text
// that is not UTF-8, which Parse never returns.
func Marshal(t *Testimony) ([]byte, error) {
	root := mapping()
	add(root, "id", str(t.ID))
	add(root, "schema", plain(strconv.Itoa(t.Schema)))

	src := mapping()
	s := t.Source
	addDate(src, "interviewed", s.Interviewed)
	addStr(src, "place", s.Place)
	addStr(src, "interviewer", s.Interviewer)
	addStr(src, "language", s.Language)
	addStr(src, "relation", s.Relation)
	addStr(src, "consent", s.Consent)
	add(root, "source", src)

	persons := sequence()
	for _, p := range t.Persons {
		m := mapping()
		addStr(m, "ref", p.Ref)
		addStr(m, "pseudonym", p.Pseudonym)
		addStr(m, "sex", p.Sex)
		if p.Born != 0 {
			add(m, "born", plain(strconv.Itoa(p.Born)))
		}
		addStr(m, "origin", p.Origin)
		persons.Content = append(persons.Content, m)
	}
	add(root, "persons", persons)

	events := sequence()
	for i := range t.Events {
		e := &t.Events[i]
		m := mapping()
		addStr(m, "id", e.ID)
		addDate(m, "date", e.Date)
		addDate(m, "until", e.Until)
		if pl := e.Place; pl.Name != "" || pl.Admin1 != "" || pl.Country != "" || pl.Geo != nil {
			pm := mapping()
			addStr(pm, "name", pl.Name)
			addStr(pm, "admin1", pl.Admin1)
			addStr(pm, "country", pl.Country)
			if pl.Geo != nil {
				geo := sequence()
				geo.Style = yaml.FlowStyle
				for _, f := range pl.Geo {
					geo.Content = append(geo.Content, plain(strconv.FormatFloat(f, 'f', -1, 64)))
				}
				add(pm, "geo", geo)
			}
			add(m, "place", pm)
		}
		acc := mapping()
		for _, lang := range e.Langs(t.Source.Language) {
			text := str(e.Account[lang])
			text.Style = yaml.LiteralStyle
			add(acc, lang, text)
		}
		add(m, "account", acc)
		if len(e.Acts) > 0 {
			acts := sequence()
			for _, a := range e.Acts {
				am := mapping()
				addStr(am, "type", a.Type)
				addStr(am, "victim", a.Victim)
				addStr(am, "perpetrator", a.Perpetrator)
				acts.Content = append(acts.Content, am)
			}
			add(m, "acts", acts)
		}
		if r := e.Review; r != nil {
			rm := mapping()
			for _, l := range []struct {
				key  string
				list []string
			}{{"add", r.Add}, {"remove", r.Remove}} {
				if len(l.list) > 0 {
					seq := sequence()
					seq.Style = yaml.FlowStyle
					for _, a := range l.list {
						seq.Content = append(seq.Content, str(a))
					}
					add(rm, l.key, seq)
				}
			}
			addStr(rm, "note", r.Note)
			add(m, "review", rm)
		}
		events.Content = append(events.Content, m)
	}
	add(root, "events", events)

	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, fmt.Errorf("testimony %s: %w", t.ID, err)
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func mapping() *yaml.Node  { return &yaml.Node{Kind: yaml.MappingNode} }
func sequence() *yaml.Node { return &yaml.Node{Kind: yaml.SequenceNode} }

// str is text, quoted by the encoder when YAML would read it as something else.
func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// plain is written as is: numbers and dates, which the parser reads as typed.
func plain(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s} }

func add(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, v)
}

func addStr(m *yaml.Node, key, v string) {
	if v != "" {
		add(m, key, str(v))
	}
}

func addDate(m *yaml.Node, key string, d Date) {
	if !d.IsZero() {
		add(m, key, plain(d.String()))
	}
}
