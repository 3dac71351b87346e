package filing

import (
	"runtime"
	"sync"

	"github.com/pscore/dossier/internal/testimony"
)

// Act is one act of an event: one perpetrator doing one kind of thing to one victim,
// coded by a researcher or inferred from the account by the classifier.
type Act struct {
	Type        string
	Victim      string
	Perpetrator string
	Inferred    bool
}

// Article is an article of an instrument that an event engages.
type Article struct {
	// Ref is the article reference, e.g. "ICCPR-7" or "ICCPR-12.2".
	Ref string
	// Instrument is the short name of the instrument per language (ICCPR, PIDCP,
	// 자유권규약); Title the article's title per language.
	Instrument map[string]string
	Title      map[string]string
	// State is the State that answers for the act; Binding says whether the treaty
	// bound it on the date of the event (otherwise the article is cited as reference).
	State   string
	Binding bool
}

// EventClass is what the classifier found for one event.
type EventClass struct {
	Acts     []Act
	Articles []Article
}

// Classifier classifies the events of a testimony: one EventClass per event, in the
// order of t.Events. It must be safe for concurrent use.
type Classifier interface {
	Classify(t *testimony.Testimony) []EventClass
}

// ArticleOrder is implemented by classifiers that know how citations are ordered
// (instruments in catalogue order, then article numbers numerically). Articles merged
// from several events of a case are sorted with it.
type ArticleOrder interface {
	LessArticle(a, b string) bool
}

// CodedActs is the classifier of last resort: it reports the acts researchers coded and
// no articles.
type CodedActs struct{}

// Classify implements Classifier.
func (CodedActs) Classify(t *testimony.Testimony) []EventClass {
	out := make([]EventClass, len(t.Events))
	for i, e := range t.Events {
		for _, a := range e.Acts {
			out[i].Acts = append(out[i].Acts, Act{Type: a.Type, Victim: a.Victim, Perpetrator: a.Perpetrator})
		}
	}
	return out
}

// classCache classifies each testimony once per build, whatever the number of reports
// and languages that draw on it.
type classCache struct {
	c  Classifier
	mu sync.Mutex
	m  map[*testimony.Testimony][]EventClass
}

func newClassCache(c Classifier) *classCache {
	if c == nil {
		c = CodedActs{}
	}
	return &classCache{c: c, m: map[*testimony.Testimony][]EventClass{}}
}

func (cc *classCache) get(t *testimony.Testimony) []EventClass {
	cc.mu.Lock()
	r, ok := cc.m[t]
	cc.mu.Unlock()
	if ok {
		return r
	}
	r = cc.c.Classify(t)
	if len(r) != len(t.Events) { // a classifier bug must not shift events
		fixed := make([]EventClass, len(t.Events))
		copy(fixed, r)
		r = fixed
	}
	cc.mu.Lock()
	cc.m[t] = r
	cc.mu.Unlock()
	return r
}

// all classifies the testimonies not yet classified, in parallel.
func (cc *classCache) all(ts []*testimony.Testimony) {
	var todo []*testimony.Testimony
	cc.mu.Lock()
	for _, t := range ts {
		if _, ok := cc.m[t]; !ok {
			todo = append(todo, t)
		}
	}
	cc.mu.Unlock()
	if len(todo) < 64 {
		for _, t := range todo {
			cc.get(t)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan *testimony.Testimony)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range next {
				cc.get(t)
			}
		}()
	}
	for _, t := range todo {
		next <- t
	}
	close(next)
	wg.Wait()
}
