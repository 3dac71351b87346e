// Package testgen generates realistic, valid testimonies in bulk for benchmarks and
// load tests: the loader (10,000 testimonies), the classifier (100,000 events), filings
// (10,000 testimonies behind a UPR submission). Output is deterministic for a seed.
//
// Narratives are recombined from the sentences of the sample corpus accounts
// (sentences/*.txt: the accounts of testimonies/, split into sentences, one a line), so
// that classification and typesetting meet real wording in Korean, English and French.
// Everything else (persons, places, dates, consent, coded acts) is drawn at random within
// the format's rules, so that every generated file passes `dossier validate` without a
// warning.
package testgen

import (
	"embed"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/pscore/dossier/internal/project"
	"github.com/pscore/dossier/internal/testimony"
	"github.com/pscore/dossier/internal/vocab"
)

//go:embed sentences/*.txt
var sentenceFiles embed.FS

var (
	loadOnce  sync.Once
	sentences map[string][]string // by language
	voc       *vocab.Vocabulary
	loadErr   error
)

func load() {
	sentences = map[string][]string{}
	for _, lang := range []string{"en", "fr", "ko"} {
		data, err := sentenceFiles.ReadFile("sentences/" + lang + ".txt")
		if err != nil {
			loadErr = err
			return
		}
		sentences[lang] = strings.Split(strings.TrimSpace(string(data)), "\n")
	}
	voc, loadErr = vocab.Load(project.Defaults())
}

// Vocabulary is the vocabulary the generated testimonies are coded with (the embedded
// default), for callers that validate them.
func Vocabulary() *vocab.Vocabulary {
	loadOnce.Do(load)
	if loadErr != nil {
		panic("testgen: " + loadErr.Error())
	}
	return voc
}

type place struct {
	name, admin1, country string
	lat, lon              float64
}

var places = []place{
	{"Onsong County MSS holding centre", "North Hamgyong", "KP", 42.95, 129.99},
	{"Hoeryong detention centre", "North Hamgyong", "KP", 42.44, 129.75},
	{"Chongori re-education camp", "North Hamgyong", "KP", 42.2, 129.9},
	{"Sinuiju holding facility", "North Pyongan", "KP", 40.1, 124.4},
	{"Hyesan MPS detention centre", "Ryanggang", "KP", 41.4, 128.18},
	{"Labour training camp, Hamhung", "South Hamgyong", "KP", 39.92, 127.54},
	{"Kaechon prison", "South Pyongan", "KP", 39.7, 125.9},
	{"Collective farm", "South Hwanghae", "KP", 38.2, 125.7},
	{"Public square, Chongjin", "North Hamgyong", "KP", 41.8, 129.78},
	{"Police station, Yanji", "Jilin", "CN", 42.9, 129.5},
	{"Public security detention cells, Dandong", "Liaoning", "CN", 40.13, 124.39},
	{"Border post, Tumen", "Jilin", "CN", 42.97, 129.84},
	{"Logging camp, Tynda", "Amur Oblast", "RU", 55.15, 124.72},
	{"Village near the Tumen river", "North Hamgyong", "KP", 0, 0},
	{"Mine compound", "South Hwanghae", "KP", 0, 0},
}

var provinces = []string{"North Hamgyong", "South Hamgyong", "Ryanggang", "North Pyongan", "South Pyongan",
	"Chagang", "North Hwanghae", "South Hwanghae", "Kangwon", "Pyongyang"}

var interviewPlaces = []string{"Seoul", "Busan", "Incheon", "Bangkok", "London", "Paris", "Tokyo"}

// gen draws from one seeded stream, so that a seed gives one corpus.
type gen struct {
	r *rand.Rand
	v *vocab.Vocabulary
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

// weighted picks choices[i] with probability weights[i]/sum.
func (g *gen) weighted(choices []string, weights []int) string {
	sum := 0
	for _, w := range weights {
		sum += w
	}
	n := g.r.IntN(sum)
	for i, w := range weights {
		if n < w {
			return choices[i]
		}
		n -= w
	}
	return choices[len(choices)-1]
}

// Generate returns n valid testimonies, the same for the same seed. Ids are
// GEN-<interview year>-<number>, unique across the set (numbers have five digits, which
// holds n up to about a million).
func Generate(n int, seed int64) []*testimony.Testimony {
	g := &gen{r: rand.New(rand.NewPCG(uint64(seed), 0x7e57)), v: Vocabulary()}
	out := make([]*testimony.Testimony, n)
	perYear := map[int]int{}
	for i := range out {
		out[i] = g.testimony(perYear)
	}
	return out
}

func (g *gen) testimony(perYear map[int]int) *testimony.Testimony {
	r := g.r
	lang := g.weighted([]string{"en", "ko", "fr"}, []int{60, 25, 15})
	t := &testimony.Testimony{
		Schema: testimony.SchemaVersion,
		Source: testimony.Source{
			Place:       g.pick(interviewPlaces),
			Interviewer: fmt.Sprintf("staff-%02d", 1+r.IntN(30)),
			Language:    lang,
			Relation:    g.weighted([]string{"victim", "eyewitness", "relative", "hearsay"}, []int{60, 20, 15, 5}),
			Consent:     g.weighted([]string{"public", "confidential", "internal"}, []int{45, 40, 15}),
		},
	}
	// Persons: the source first, then relatives and others.
	np := 1 + r.IntN(3)
	for i := 0; i < np; i++ {
		born := 1940 + r.IntN(55)
		p := testimony.Person{
			Ref:       string(rune('A' + i)),
			Pseudonym: fmt.Sprintf("Witness %c-%02d", 'A'+r.IntN(26), r.IntN(100)),
			Sex:       g.weighted([]string{"female", "male", "unknown"}, []int{55, 40, 5}),
			Born:      born,
			Origin:    g.pick(provinces),
		}
		if i > 0 {
			p.Pseudonym = g.pick([]string{"the witness's brother", "the witness's mother", "a neighbour", "a fellow detainee", "the witness's daughter", "a farm worker"})
			if r.IntN(4) == 0 {
				p.Born = 0
			}
		}
		if r.IntN(5) == 0 {
			p.Origin = ""
		}
		t.Persons = append(t.Persons, p)
	}
	// Events: 1 to 4, in order, all after every victim's birth.
	minYear := 0
	for _, p := range t.Persons {
		minYear = max(minYear, p.Born)
	}
	year := max(minYear+12, 1995) + r.IntN(8)
	ne := 1 + r.IntN(4)
	var last testimony.Date
	for i := 0; i < ne; i++ {
		e := testimony.Event{ID: fmt.Sprintf("e%d", i+1)}
		year += r.IntN(3)
		switch r.IntN(4) {
		case 0:
			e.Date = testimony.Date{Year: year}
		case 1, 2:
			e.Date = testimony.Date{Year: year, Month: 1 + r.IntN(12)}
		default:
			e.Date = testimony.Date{Year: year, Month: 1 + r.IntN(12), Day: 1 + r.IntN(28)}
		}
		last = e.Date
		if r.IntN(4) == 0 {
			e.Until = testimony.Date{Year: year + r.IntN(3), Month: 12}
			last = e.Until
			year = e.Until.Year
		}
		pl := places[r.IntN(len(places))]
		e.Place = testimony.Place{Name: pl.name, Admin1: pl.admin1, Country: pl.country}
		if pl.lat != 0 && r.IntN(2) == 0 {
			e.Place.Geo = []float64{pl.lat, pl.lon}
		}
		e.Account = map[string]string{lang: g.narrative(lang)}
		if lang != "en" && r.IntN(5) == 0 {
			e.Account["en"] = g.narrative("en") // a translation, as researchers add them
		}
		if r.IntN(10) < 4 {
			for k := 1 + r.IntN(2); k > 0; k-- {
				a := g.v.Acts[r.IntN(len(g.v.Acts))]
				e.Acts = append(e.Acts, testimony.Act{
					Type:        a.Code,
					Victim:      t.Persons[r.IntN(len(t.Persons))].Ref,
					Perpetrator: g.v.Perpetrators[r.IntN(len(g.v.Perpetrators))].Code,
				})
			}
		}
		if r.IntN(20) == 0 {
			e.Review = &testimony.Review{Add: []string{"ICCPR-7"}, Note: "Described first hand."}
		}
		t.Events = append(t.Events, e)
	}
	// When every event is coded, every person must be named by an act (or validate warns).
	allCoded, named := true, map[string]bool{}
	for _, e := range t.Events {
		allCoded = allCoded && len(e.Acts) > 0
		for _, a := range e.Acts {
			named[a.Victim] = true
		}
	}
	if allCoded {
		e := &t.Events[len(t.Events)-1]
		for _, p := range t.Persons {
			if !named[p.Ref] {
				e.Acts = append(e.Acts, testimony.Act{Type: "family-separation", Victim: p.Ref, Perpetrator: "unknown"})
			}
		}
	}
	// The interview follows the last event by up to a few years.
	iy := last.Year + 1 + r.IntN(4)
	t.Source.Interviewed = testimony.Date{Year: iy, Month: 1 + r.IntN(12), Day: 1 + r.IntN(28)}
	perYear[iy]++
	t.ID = fmt.Sprintf("GEN-%d-%05d", iy, perYear[iy])
	return t
}

// narrative joins 3 to 8 sentences of the sample corpus in one language, wrapped at about
// 100 characters as researchers' files are.
func (g *gen) narrative(lang string) string {
	s := sentences[lang]
	n := 3 + g.r.IntN(6)
	var b strings.Builder
	width := 0
	for i := 0; i < n; i++ {
		for _, w := range strings.Fields(s[g.r.IntN(len(s))]) {
			wl := utf8.RuneCountInString(w)
			if width > 0 && width+1+wl > 100 {
				b.WriteByte('\n')
				width = 0
			} else if width > 0 {
				b.WriteByte(' ')
				width++
			}
			b.WriteString(w)
			width += wl
		}
	}
	b.WriteByte('\n')
	return b.String()
}

// WriteCorpus writes Generate(n, seed) into dir (created if needed), one <id>.yaml file
// each.
func WriteCorpus(dir string, n int, seed int64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, t := range Generate(n, seed) {
		data, err := testimony.Marshal(t)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, t.ID+".yaml"), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
