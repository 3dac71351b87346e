package filing

import (
	"fmt"
	"strings"

	"github.com/pscore/dossier/internal/report"
	"github.com/pscore/dossier/internal/testimony"
)

// Case is a testimony a filing draws on.
type Case struct {
	T *testimony.Testimony
	// Events are the testimony's events the draw selects (all of them for a testimony
	// named explicitly without other criteria).
	Events []*EventCase
	// Classes are the classifications of every event of the testimony, by index.
	Classes []EventClass
}

// EventCase is a selected event with its classification.
type EventCase struct {
	E     *testimony.Event
	Class EventClass
}

// Event returns the event with this id, or nil.
func (c *Case) Event(id string) (*testimony.Event, EventClass) {
	for i := range c.T.Events {
		if c.T.Events[i].ID == id {
			return &c.T.Events[i], c.Classes[i]
		}
	}
	return nil, EventClass{}
}

// Selection is what a report draws on: the testimonies its consent level and draw
// criteria allow. Nothing outside it reaches the filing.
type Selection struct {
	Cases []*Case // in id order
	byID  map[string]*Case
	// why explains, for testimonies of the corpus outside the selection, why they are
	// out (for errors at citations).
	r      *report.Report
	corpus *testimony.Corpus
}

// Get returns the selected case with this testimony id, or nil.
func (s *Selection) Get(id string) *Case { return s.byID[id] }

// Why explains why the testimony id cannot be cited by the report.
func (s *Selection) Why(id string) string {
	t := s.corpus.Get(id)
	switch {
	case t == nil:
		return fmt.Sprintf("there is no testimony %s", id)
	case t.Source.Consent == testimony.ConsentInternal:
		return fmt.Sprintf("testimony %s is internal: internal testimonies never leave the organisation", id)
	case !report.ConsentAllows(s.r.MaxConsent(), t.Source.Consent) && report.MaxConsent(s.r.Kind) == testimony.ConsentPublic:
		return fmt.Sprintf("testimony %s is %s: a %s is published and may cite only public testimonies", id, t.Source.Consent, s.r.Kind)
	case !report.ConsentAllows(s.r.MaxConsent(), t.Source.Consent):
		return fmt.Sprintf("testimony %s is %s, but draw.consent allows only %s testimonies", id, t.Source.Consent, s.r.MaxConsent())
	}
	return fmt.Sprintf("testimony %s is not among the testimonies this report draws on (see draw in report.yaml)", id)
}

// Events counts the selected events.
func (s *Selection) Events() int {
	n := 0
	for _, c := range s.Cases {
		n += len(c.Events)
	}
	return n
}

// selectCases applies consent and the draw criteria of r to the corpus.
func selectCases(r *report.Report, corpus *testimony.Corpus, cc *classCache) *Selection {
	s := &Selection{byID: map[string]*Case{}, r: r, corpus: corpus}
	max := r.MaxConsent()
	d := &r.Draw
	var pool []*testimony.Testimony
	named := map[string]bool{}
	for _, ref := range d.Testimonies {
		named[ref.ID] = true
	}
	subject := ""
	if r.SP != nil {
		subject = r.SP.Case.ID
	}
	for _, t := range corpus.Testimonies {
		// Consent first, before anything else looks at the testimony.
		if t.Source.Consent == testimony.ConsentInternal {
			continue
		}
		ok := report.ConsentAllows(max, t.Source.Consent)
		if t.ID == subject {
			// The subject of a communication is named explicitly: the kind's own
			// ceiling applies (confidential for a sp-communication).
			ok = report.ConsentAllows(report.MaxConsent(r.Kind), t.Source.Consent)
		} else if len(named) > 0 && !named[t.ID] {
			continue
		}
		if !ok {
			continue
		}
		pool = append(pool, t)
	}
	cc.all(pool)
	for _, t := range pool {
		c := &Case{T: t}
		classes := cc.get(t)
		c.Classes = classes
		for i := range t.Events {
			e := &t.Events[i]
			if t.ID != subject && !eventMatches(d, e, classes[i]) {
				continue
			}
			c.Events = append(c.Events, &EventCase{E: e, Class: classes[i]})
		}
		if len(c.Events) == 0 {
			continue
		}
		s.Cases = append(s.Cases, c)
		s.byID[t.ID] = c
	}
	return s
}

func eventMatches(d *report.Draw, e *testimony.Event, class EventClass) bool {
	if d.From != 0 || d.To != 0 {
		first, last := e.Date.Year, e.Date.Year
		if !e.Until.IsZero() {
			last = e.Until.Year
		}
		if d.From != 0 && last < d.From || d.To != 0 && first > d.To {
			return false
		}
	}
	if len(d.Places) > 0 {
		found := false
		for _, p := range d.Places {
			if strings.EqualFold(p, e.Place.Admin1) || p == e.Place.Country {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	if len(d.Acts) > 0 {
		found := false
		for _, a := range class.Acts {
			for _, want := range d.Acts {
				if a.Type == want {
					found = true
				}
			}
		}
		if !found {
			return false
		}
	}
	return true
}
