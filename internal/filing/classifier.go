package filing

import (
	"sync"

	"github.com/pscore/dossier/internal/charter"
	"github.com/pscore/dossier/internal/classify"
	"github.com/pscore/dossier/internal/testimony"
)

// FromClassify adapts the classifier (internal/classify) to filings: the acts of every
// event, coded or inferred, and the articles they engage for the responsible State,
// with the instruments' short names and the articles' titles in every language of the
// charter catalogue.
func FromClassify(c *classify.Classifier) Classifier {
	return &classifyAdapter{c: c, langs: []string{"en", "fr", "ko"}}
}

type classifyAdapter struct {
	c     *classify.Classifier
	langs []string
	names sync.Map // ref → *articleNames, shared by every event citing the ref
}

type articleNames struct {
	instrument, title map[string]string
}

func (a *classifyAdapter) namesOf(ref string) *articleNames {
	if n, ok := a.names.Load(ref); ok {
		return n.(*articleNames)
	}
	n := &articleNames{instrument: map[string]string{}, title: map[string]string{}}
	inst := a.c.Cat.Instrument(charter.InstrumentOf(ref))
	for _, l := range a.langs {
		if inst != nil {
			n.instrument[l] = inst.Short.In(l)
		}
		n.title[l] = a.c.Cat.Title(ref, l)
	}
	actual, _ := a.names.LoadOrStore(ref, n)
	return actual.(*articleNames)
}

// LessArticle implements ArticleOrder with the catalogue's citation order.
func (a *classifyAdapter) LessArticle(x, y string) bool { return a.c.Cat.Less(x, y) }

// Classify implements Classifier.
func (a *classifyAdapter) Classify(t *testimony.Testimony) []EventClass {
	res := a.c.Testimony(t)
	out := make([]EventClass, len(res))
	for i, r := range res {
		for _, act := range r.Acts {
			out[i].Acts = append(out[i].Acts, Act{Type: act.Type, Victim: act.Victim, Perpetrator: act.Perpetrator, Inferred: act.Origin == classify.OriginInferred})
		}
		for _, art := range r.Articles {
			n := a.namesOf(art.Ref)
			out[i].Articles = append(out[i].Articles, Article{Ref: art.Ref, Instrument: n.instrument, Title: n.title, State: art.State, Binding: art.Binding})
		}
	}
	return out
}
