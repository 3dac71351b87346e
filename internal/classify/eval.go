package classify

import (
	"math"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/pscore/dossier/internal/charter"
	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/vocab"
	"github.com/pscore/dossier/internal/yamlnode"
)

// Gold is a file of hand-coded labels (the format of shared/corpus/dev/gold.yaml): per case,
// per event, the acts the narrative supports and the articles engaged. Researchers write
// one for their own coded cases to measure the rules.
type Gold struct {
	Source string
	Cases  []*GoldCase
	byID   map[string]*GoldCase
}

// GoldCase is the labels of one testimony.
type GoldCase struct {
	ID     string
	Source string
	Events []*GoldEvent
}

// GoldEvent is the labels of one event.
type GoldEvent struct {
	ID       string
	Acts     []GoldAct
	Articles []string
}

// GoldAct is one labelled act.
type GoldAct struct{ Type, Victim, Perpetrator string }

// Case returns the labels of a testimony, or nil.
func (g *Gold) Case(id string) *GoldCase { return g.byID[id] }

// ParseGold reads a gold file; every problem is a path:line:col diagnostic. v may be nil.
func ParseGold(name string, data []byte, v *vocab.Vocabulary) (out *Gold, diags diag.List) {
	r := &yamlnode.Reader{Path: name}
	// Gold files come from researchers: an alias bomb must not hang dossier eval.
	r.LimitAliases(yamlnode.AliasBudget(data))
	g := &Gold{Source: name, byID: map[string]*GoldCase{}}
	defer yamlnode.OnStop(func() { out, diags = g, r.Diags })
	root := r.Root(data)
	if root == nil {
		return g, r.Diags
	}
	for _, ce := range r.Map(root, "gold", nil) {
		gc := &GoldCase{ID: ce.Key}
		f := r.Map(ce.Value, "case "+ce.Key, []string{"events", "source"})
		gc.Source = r.Str(yamlnode.Get(f, "source"), ce.Key+".source")
		en := yamlnode.Get(f, "events")
		if en == nil {
			r.Errorf(ce.KeyN, "case %s: missing `events`", ce.Key)
		}
		for _, ee := range r.Map(en, ce.Key+".events", nil) {
			w := ce.Key + "." + ee.Key
			ge := &GoldEvent{ID: ee.Key}
			ef := r.Map(ee.Value, w, []string{"acts", "articles"})
			if an := yamlnode.Get(ef, "acts"); an != nil {
				if an.Kind != yaml.SequenceNode {
					if !(an.Kind == yaml.ScalarNode && an.Tag == "!!null") {
						r.Errorf(an, "%s.acts must be a list", w)
					}
				} else {
					for _, item := range an.Content {
						af := r.Map(item, w+" act", []string{"type", "victim", "perpetrator"})
						a := GoldAct{Type: r.Str(yamlnode.Get(af, "type"), w+".type"), Victim: r.Str(yamlnode.Get(af, "victim"), w+".victim"), Perpetrator: r.Str(yamlnode.Get(af, "perpetrator"), w+".perpetrator")}
						if a.Type == "" {
							r.Errorf(item, "%s: act without a type", w)
							continue
						}
						if v != nil && v.Act(a.Type) == nil {
							r.Errorf(orNil(yamlnode.Get(af, "type"), item), "%s: unknown act type %q", w, a.Type)
							continue
						}
						if a.Perpetrator != "" && v != nil && v.Perpetrator(a.Perpetrator) == nil {
							r.Errorf(orNil(yamlnode.Get(af, "perpetrator"), item), "%s: unknown perpetrator %q", w, a.Perpetrator)
						}
						ge.Acts = append(ge.Acts, a)
					}
				}
			}
			for _, rn := range r.StrNodes(yamlnode.Get(ef, "articles"), w+".articles") {
				m := charter.RefPattern.FindStringSubmatch(rn.Value)
				if m == nil {
					r.Errorf(rn, "%s: %q is not an article reference (INSTRUMENT-article[.paragraph])", w, rn.Value)
					continue
				}
				ge.Articles = append(ge.Articles, rn.Value)
			}
			gc.Events = append(gc.Events, ge)
		}
		g.Cases = append(g.Cases, gc)
		g.byID[gc.ID] = gc
	}
	r.Diags.Sort()
	return g, r.Diags
}

func orNil(a, b *yaml.Node) *yaml.Node {
	if a != nil {
		return a
	}
	return b
}

// Score is precision, recall and F1 from counts.
type Score struct {
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func (s *Score) finish() {
	s.Precision = ratio(s.TP, s.TP+s.FP)
	s.Recall = ratio(s.TP, s.TP+s.FN)
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	s.Precision, s.Recall, s.F1 = round3(s.Precision), round3(s.Recall), round3(s.F1)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

// LabelScore is a score for one act type or one instrument.
type LabelScore struct {
	Label string `json:"label"`
	Score
}

// Confusion counts, over events, a gold act type missed where another type was predicted
// in its place ("—" when nothing stood in).
type Confusion struct {
	Gold      string `json:"gold"`
	Predicted string `json:"predicted"`
	Count     int    `json:"count"`
}

// Item is one missed or spurious label.
type Item struct {
	Testimony string `json:"testimony"`
	Event     string `json:"event"`
	Kind      string `json:"kind"` // act | article
	Value     string `json:"value"`
}

// Report is the result of comparing a classification with gold labels.
type Report struct {
	Gold   string `json:"gold"`
	Cases  int    `json:"cases"`
	Events int    `json:"events"`
	// Acts scores act types per event (the primary figure); ActsFull scores (type,
	// victim, perpetrator) triples; Articles scores cited articles at article level
	// (paragraphs ignored): binding treaty articles and the UDHR.
	Acts          Score        `json:"acts"`
	ActsFull      Score        `json:"acts_full"`
	Articles      Score        `json:"articles"`
	PerType       []LabelScore `json:"per_type"`
	PerInstrument []LabelScore `json:"per_instrument"`
	Confusions    []Confusion  `json:"confusions"`
	Missed        []Item       `json:"missed"`
	Spurious      []Item       `json:"spurious"`
	// MissingCases are gold cases whose testimony was not classified (not scored).
	MissingCases []string `json:"missing_cases,omitempty"`
}

// Evaluate compares results with gold labels. Only testimonies present in both are
// scored; an event labelled in gold but absent from the results counts as missed.
func Evaluate(g *Gold, results []EventResult) *Report {
	rep := &Report{Gold: g.Source}
	byEvent := map[[2]string]*EventResult{}
	seenCase := map[string]bool{}
	for i := range results {
		r := &results[i]
		byEvent[[2]string{r.Testimony, r.Event}] = r
		seenCase[r.Testimony] = true
	}
	perType := map[string]*Score{}
	perInst := map[string]*Score{}
	conf := map[[2]string]int{}
	get := func(m map[string]*Score, k string) *Score {
		s := m[k]
		if s == nil {
			s = &Score{}
			m[k] = s
		}
		return s
	}
	for _, gc := range g.Cases {
		if !seenCase[gc.ID] {
			rep.MissingCases = append(rep.MissingCases, gc.ID)
			continue
		}
		rep.Cases++
		labelled := map[string]bool{}
		events := append([]*GoldEvent{}, gc.Events...)
		for _, ge := range gc.Events {
			labelled[ge.ID] = true
		}
		// events classified but not labelled count with empty gold
		for i := range results {
			if results[i].Testimony == gc.ID && !labelled[results[i].Event] {
				events = append(events, &GoldEvent{ID: results[i].Event})
			}
		}
		for _, ge := range events {
			rep.Events++
			r := byEvent[[2]string{gc.ID, ge.ID}]
			goldT, predT := map[string]bool{}, map[string]bool{}
			goldF, predF := map[GoldAct]bool{}, map[GoldAct]bool{}
			goldA, predA := map[string]bool{}, map[string]bool{}
			for _, a := range ge.Acts {
				goldT[a.Type] = true
				goldF[a] = true
			}
			for _, ref := range ge.Articles {
				goldA[charter.ArticleLevel(ref)] = true
			}
			if r != nil {
				for _, a := range r.Acts {
					predT[a.Type] = true
					predF[GoldAct{a.Type, a.Victim, a.Perpetrator}] = true
				}
				for _, a := range r.Articles {
					if a.Cited() {
						predA[charter.ArticleLevel(a.Ref)] = true
					}
				}
			}
			var missed, spurious []string
			for _, t := range sortedSet(goldT) {
				if predT[t] {
					rep.Acts.TP++
					get(perType, t).TP++
				} else {
					rep.Acts.FN++
					get(perType, t).FN++
					missed = append(missed, t)
					rep.Missed = append(rep.Missed, Item{gc.ID, ge.ID, "act", t})
				}
			}
			for _, t := range sortedSet(predT) {
				if !goldT[t] {
					rep.Acts.FP++
					get(perType, t).FP++
					spurious = append(spurious, t)
					rep.Spurious = append(rep.Spurious, Item{gc.ID, ge.ID, "act", t})
				}
			}
			for _, m := range missed {
				if len(spurious) == 0 {
					conf[[2]string{m, "—"}]++
				}
				for _, s := range spurious {
					conf[[2]string{m, s}]++
				}
			}
			if len(missed) == 0 {
				for _, s := range spurious {
					conf[[2]string{"—", s}]++
				}
			}
			for a := range goldF {
				if predF[a] {
					rep.ActsFull.TP++
				} else {
					rep.ActsFull.FN++
				}
			}
			for a := range predF {
				if !goldF[a] {
					rep.ActsFull.FP++
				}
			}
			for _, ref := range sortedSet(goldA) {
				inst := get(perInst, charter.InstrumentOf(ref))
				if predA[ref] {
					rep.Articles.TP++
					inst.TP++
				} else {
					rep.Articles.FN++
					inst.FN++
					rep.Missed = append(rep.Missed, Item{gc.ID, ge.ID, "article", ref})
				}
			}
			for _, ref := range sortedSet(predA) {
				if !goldA[ref] {
					rep.Articles.FP++
					get(perInst, charter.InstrumentOf(ref)).FP++
					rep.Spurious = append(rep.Spurious, Item{gc.ID, ge.ID, "article", ref})
				}
			}
		}
	}
	rep.Acts.finish()
	rep.ActsFull.finish()
	rep.Articles.finish()
	for _, k := range sortedScoreKeys(perType) {
		s := perType[k]
		s.finish()
		rep.PerType = append(rep.PerType, LabelScore{Label: k, Score: *s})
	}
	for _, k := range sortedScoreKeys(perInst) {
		s := perInst[k]
		s.finish()
		rep.PerInstrument = append(rep.PerInstrument, LabelScore{Label: k, Score: *s})
	}
	for k, n := range conf {
		rep.Confusions = append(rep.Confusions, Confusion{Gold: k[0], Predicted: k[1], Count: n})
	}
	sort.Slice(rep.Confusions, func(i, j int) bool {
		a, b := rep.Confusions[i], rep.Confusions[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if a.Gold != b.Gold {
			return a.Gold < b.Gold
		}
		return a.Predicted < b.Predicted
	})
	if rep.Confusions == nil {
		rep.Confusions = []Confusion{}
	}
	if rep.Missed == nil {
		rep.Missed = []Item{}
	}
	if rep.Spurious == nil {
		rep.Spurious = []Item{}
	}
	return rep
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortedScoreKeys(m map[string]*Score) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Subset returns the gold labels of the listed cases only (for held-out splits).
func (g *Gold) Subset(keep func(id string) bool) *Gold {
	out := &Gold{Source: g.Source, byID: map[string]*GoldCase{}}
	for _, c := range g.Cases {
		if keep(c.ID) {
			out.Cases = append(out.Cases, c)
			out.byID[c.ID] = c
		}
	}
	if !strings.Contains(out.Source, "subset") {
		out.Source += " (subset)"
	}
	return out
}
