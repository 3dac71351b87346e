package classify

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/pscore/dossier/internal/project"
	"github.com/pscore/dossier/internal/testimony"
	"github.com/pscore/dossier/internal/vocab"
)

var (
	testOnce sync.Once
	testC    *Classifier
	testV    *vocab.Vocabulary
	testErr  error
)

func classifier(t testing.TB) *Classifier {
	t.Helper()
	testOnce.Do(func() {
		p := project.Defaults()
		testV, testErr = vocab.Load(p)
		if testErr == nil {
			testC, testErr = Load(p)
		}
	})
	if testErr != nil {
		t.Fatal(testErr)
	}
	return testC
}

// ev describes one event of a test testimony.
type ev struct {
	lang, date, country, place, text string
	acts                             string // YAML flow list of coded acts, or ""
	review                           string // YAML flow mapping, or ""
}

// person is A (the narrator, by default) or another person of a test testimony.
type person struct{ ref, pseudonym, sex, born string }

var narrator = person{"A", "Witness T-01", "female", "1980"}

// testimonyOf builds and parses a testimony with the given persons and events.
func testimonyOf(t testing.TB, relation string, persons []person, events ...ev) *testimony.Testimony {
	t.Helper()
	classifier(t)
	var b strings.Builder
	fmt.Fprintf(&b, "id: TST-2020-001\nschema: 1\nsource: {interviewed: 2025-01-01, place: Seoul, interviewer: staff-01, language: %s, relation: %s, consent: public}\npersons:\n", events[0].lang, relation)
	if len(persons) == 0 {
		persons = []person{narrator}
	}
	for _, p := range persons {
		fmt.Fprintf(&b, "  - {ref: %s, pseudonym: %q, sex: %s", p.ref, p.pseudonym, p.sex)
		if p.born != "" {
			fmt.Fprintf(&b, ", born: %s", p.born)
		}
		b.WriteString("}\n")
	}
	b.WriteString("events:\n")
	for i, e := range events {
		country, place := e.country, e.place
		if country == "" {
			country = "KP"
		}
		if place == "" {
			place = "Somewhere"
		}
		fmt.Fprintf(&b, "  - id: e%d\n    date: %s\n    place: {name: %q, country: %s}\n    account:\n      %s: |\n", i+1, e.date, place, country, e.lang)
		for _, line := range strings.Split(e.text, "\n") {
			fmt.Fprintf(&b, "        %s\n", line)
		}
		if e.acts != "" {
			fmt.Fprintf(&b, "    acts: %s\n", e.acts)
		}
		if e.review != "" {
			fmt.Fprintf(&b, "    review: %s\n", e.review)
		}
	}
	tm, diags := testimony.Parse("test", []byte(b.String()), testV)
	if diags.Errors() > 0 {
		t.Fatalf("test testimony does not parse:\n%v\n%s", diags, b.String())
	}
	return tm
}

func classifyOne(t testing.TB, e ev, persons ...person) EventResult {
	t.Helper()
	return classifier(t).Testimony(testimonyOf(t, "victim", persons, e))[0]
}

func actTypes(r EventResult) string {
	var out []string
	for _, a := range r.Acts {
		out = appendStr(out, a.Type)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func findAct(r EventResult, typ string) *ActResult {
	for i := range r.Acts {
		if r.Acts[i].Type == typ {
			return &r.Acts[i]
		}
	}
	return nil
}

func findArticle(r EventResult, ref, state string) *ArticleResult {
	for i := range r.Articles {
		if r.Articles[i].Ref == ref && (state == "" || r.Articles[i].State == state) {
			return &r.Articles[i]
		}
	}
	return nil
}

func hasAct(r EventResult, typ string) bool { return findAct(r, typ) != nil }

func evidenceText(a *ActResult) string {
	var out []string
	for _, s := range a.Evidence {
		out = append(out, s.Text)
	}
	return strings.Join(out, " | ")
}

// TestKorean: stems match with particles and endings attached (보위부에서, 구타당했다,
// 때렸습니다), and with spacing that varies.
func TestKorean(t *testing.T) {
	cases := []struct {
		text, act, perp, quote string
	}{
		{"보위부에서 저를 사흘 동안 구타했습니다.", "torture", "mss", "구타"},
		{"그날 밤 저는 보위원들에게 구타당했습니다.", "torture", "mss", "구타"},
		{"안전원이 제 뺨을 여러 번 때렸습니다.", "torture", "mps", "때렸"},
		{"계호원에게 몽둥이로 맞았습니다.", "torture", "camp-staff", "몽둥이"},
		{"중국 공안에 잡혀 강제 북송되었습니다.", "forced-repatriation", "cn-police", ""},
		{"그는 공개처형 되었습니다.", "killing", "", "공개처형"},
	}
	for _, tc := range cases {
		r := classifyOne(t, ev{lang: "ko", date: "2010-05", text: tc.text},
			narrator, person{"B", "증인의 남편", "male", "1975"})
		a := findAct(r, tc.act)
		if a == nil {
			t.Errorf("%q: no %s (acts: %s)", tc.text, tc.act, actTypes(r))
			continue
		}
		if tc.perp != "" && a.Perpetrator != tc.perp {
			t.Errorf("%q: perpetrator %s, want %s", tc.text, a.Perpetrator, tc.perp)
		}
		if tc.quote != "" && !strings.Contains(evidenceText(a), tc.quote) {
			t.Errorf("%q: evidence %q does not quote %q", tc.text, evidenceText(a), tc.quote)
		}
	}
}

// TestFrench: elisions are split (l'interrogatoire, m'ont), accents and their absence
// agree (securite d'Etat = sécurité d'État), gender and number agree (battu / battue /
// battus), a word in guillemets is still a word, and "une battue" (a manhunt) is not a
// beating.
func TestFrench(t *testing.T) {
	cases := []struct {
		text, act, perp string
		want            bool
	}{
		{"Pendant l'interrogatoire, les agents m'ont frappée au visage.", "torture", "", true},
		{"Les agents de la securite d'Etat m'ont battue pendant des jours.", "torture", "mss", true},
		{"Ils ont été battus par les gardiens.", "torture", "", true},
		{"Elle disait avoir été « battue » par les gardiens.", "torture", "", true},
		{"Les autorités du camp ont organisé une grande battue dans la montagne.", "torture", "", false},
		{"Il n'y a jamais eu de procès ni d'avocat avant qu'on m'envoie au camp.", "unfair-trial", "", true},
		{"On m'a envoyée au camp sans procès.", "unfair-trial", "", true},
	}
	for _, tc := range cases {
		r := classifyOne(t, ev{lang: "fr", date: "2010-05", text: tc.text})
		a := findAct(r, tc.act)
		if (a != nil) != tc.want {
			t.Errorf("%q: %s found = %v, want %v (acts: %s)", tc.text, tc.act, a != nil, tc.want, actTypes(r))
			continue
		}
		if a != nil && tc.perp != "" && a.Perpetrator != tc.perp {
			t.Errorf("%q: perpetrator %s, want %s", tc.text, a.Perpetrator, tc.perp)
		}
	}
}

// TestEnglishInflection: beat / beats / beating / beaten / beat up; starve / starved /
// starving / starvation.
func TestEnglishInflection(t *testing.T) {
	for _, text := range []string{
		"The guards beat me every night.",
		"A guard beats the prisoners who talk.",
		"I remember the beatings in the cell.",
		"I was beaten with a belt in the cell.",
		"Two officers beat up my cellmate.",
	} {
		if r := classifyOne(t, ev{lang: "en", date: "2010", text: text, place: "Police holding centre"}); !hasAct(r, "torture") {
			t.Errorf("%q: no torture (acts: %s)", text, actTypes(r))
		}
	}
	for _, text := range []string{
		"People starve in the villages.",
		"My grandmother starved in 1996.",
		"We were starving for months.",
		"Starvation killed half the village.",
	} {
		if r := classifyOne(t, ev{lang: "en", date: "1996", text: text}); !hasAct(r, "food-deprivation") {
			t.Errorf("%q: no food-deprivation (acts: %s)", text, actTypes(r))
		}
	}
}

// TestNegation: a negation cancels the act words in its clause, but deprivation words count
// only under a negation, which expresses the violation.
func TestNegation(t *testing.T) {
	cases := []struct {
		lang, text, act string
		want            bool
	}{
		{"en", "They never beat me, but they shouted at me for hours.", "torture", false},
		{"en", "The guards did not beat us in that centre.", "torture", false},
		{"en", "They never beat me, but they kicked my cellmate.", "torture", true}, // the negation ends with its clause
		{"en", "In the holding centre we got no food for three days.", "food-deprivation", true},
		{"en", "Nobody gave her any medicine.", "health-denial", true},
		{"en", "She was taken to the hospital and treated.", "health-denial", false},
		{"en", "I was sent to the labour training camp without trial.", "unfair-trial", true},
		{"ko", "다리를 다쳤지만 치료를 받지 못했다.", "health-denial", true},
		{"ko", "의사도 한 번 오지 않았습니다.", "health-denial", true},
		{"ko", "재판도 없이 교화소로 보내졌습니다.", "unfair-trial", true},
		{"ko", "보위원들은 저를 때리지 않았습니다.", "torture", false},
		{"fr", "On ne m'a jamais frappée.", "torture", false},
		{"fr", "Je n'ai reçu aucun soin.", "health-denial", true},
		{"fr", "On ne nous donnait qu'une poignée de maïs par jour.", "food-deprivation", true}, // ne … que: "only"
	}
	for _, tc := range cases {
		r := classifyOne(t, ev{lang: tc.lang, date: "2010", text: tc.text, place: "Holding centre (jipkyulso)"})
		if hasAct(r, tc.act) != tc.want {
			t.Errorf("%s %q: %s = %v, want %v (acts: %s)", tc.lang, tc.text, tc.act, !tc.want, tc.want, actTypes(r))
		}
	}
	// the quote of a negated deprivation term carries its negation
	r := classifyOne(t, ev{lang: "en", date: "2010", text: "In the holding centre we got no food for three days."})
	if a := findAct(r, "food-deprivation"); a == nil || !strings.Contains(evidenceText(a), "no food") {
		t.Errorf("evidence of food deprivation should quote \"no food\": %+v", a)
	}
}

// TestHearsay: acts told at second hand are kept, marked and less certain; a hearsay
// source marks every act.
func TestHearsay(t *testing.T) {
	first := classifyOne(t, ev{lang: "en", date: "2010", text: "The guards beat him in the cell.", place: "Police holding centre"},
		narrator, person{"B", "the witness's brother", "male", "1985"})
	heard := classifyOne(t, ev{lang: "en", date: "2010", text: "I heard that the guards beat him in the cell.", place: "Police holding centre"},
		narrator, person{"B", "the witness's brother", "male", "1985"})
	a, b := findAct(first, "torture"), findAct(heard, "torture")
	if a == nil || b == nil {
		t.Fatalf("torture not found: %s / %s", actTypes(first), actTypes(heard))
	}
	if a.Hearsay || !b.Hearsay {
		t.Errorf("hearsay marks: first-hand %v, heard %v", a.Hearsay, b.Hearsay)
	}
	if b.Confidence >= a.Confidence {
		t.Errorf("hearsay should lower confidence: %.2f vs %.2f", b.Confidence, a.Confidence)
	}
	if b.Victim != "B" {
		t.Errorf("victim of \"beat him\" = %s, want B (the brother)", b.Victim)
	}
	tm := testimonyOf(t, "hearsay", []person{narrator}, ev{lang: "ko", date: "2010", text: "보위부가 그를 구타했다고 합니다."})
	r := classifier(t).Testimony(tm)[0]
	if x := findAct(r, "torture"); x == nil || !x.Hearsay {
		t.Errorf("a hearsay source's acts are hearsay: %+v", r.Acts)
	}
}

// TestChildAtEventDate: a victim is a child when born less than 18 years before the event
// date; exactly 18 with year-only data is not a child, and says so.
func TestChildAtEventDate(t *testing.T) {
	text := "The police arrested me and held me in the holding centre for a month."
	p := person{"A", "Witness T-02", "male", "1990"}
	for _, tc := range []struct {
		date  string
		child bool
	}{{"2005-06", true}, {"2007", true}, {"2008-03", false}, {"2009", false}} {
		r := classifyOne(t, ev{lang: "en", date: tc.date, text: text}, p)
		if !hasAct(r, "arbitrary-detention") {
			t.Fatalf("%s: no arbitrary detention (%s)", tc.date, actTypes(r))
		}
		got := findArticle(r, "CRC-37", "KP") != nil
		if got != tc.child {
			t.Errorf("%s (born 1990): CRC-37 cited = %v, want %v", tc.date, got, tc.child)
		}
		if tc.date == "2008-03" {
			a := findAct(r, "arbitrary-detention")
			if len(a.Notes) == 0 || !strings.Contains(a.Notes[0], "exactly 18") {
				t.Errorf("an age of exactly 18 should be flagged: %v", a.Notes)
			}
		}
	}
}

// TestBindingInTime: articles bind the responsible state only from the treaty's entry into
// force for it; otherwise they are cited as references, with the reason.
func TestBindingInTime(t *testing.T) {
	disabled := ev{lang: "en", text: "Because of my disability the officials banished our family from Pyongyang; they said a cripple like me was a disgrace."}
	for _, tc := range []struct {
		date    string
		binding bool
	}{{"2016-12", false}, {"2017-01", true}, {"2019", true}} {
		disabled.date = tc.date
		r := classifyOne(t, disabled)
		a := findArticle(r, "CRPD-5", "KP")
		if a == nil {
			t.Fatalf("%s: CRPD-5 not cited (acts %s)", tc.date, actTypes(r))
		}
		if a.Binding != tc.binding {
			t.Errorf("%s: CRPD-5 binding = %v, want %v (%s)", tc.date, a.Binding, tc.binding, a.Basis)
		}
	}
	sv := ev{lang: "en", text: "At the bowibu facility a guard ordered me to undress and searched inside my body."}
	for _, tc := range []struct {
		date    string
		binding bool
	}{{"2000-05", false}, {"2001-03", true}, {"2010", true}} {
		sv.date = tc.date
		r := classifyOne(t, sv)
		a := findArticle(r, "CEDAW-2", "KP")
		if a == nil || a.Binding != tc.binding {
			t.Errorf("%s: CEDAW-2 for the DPRK = %+v, want binding %v", tc.date, a, tc.binding)
		}
	}
	sv.date = "2010"
	r := classifyOne(t, sv)
	if a := findArticle(r, "CAT-16", "KP"); a == nil || a.Binding || !strings.Contains(a.Basis, "not party to CAT") {
		t.Errorf("CAT for the DPRK is a reference, never binding: %+v", a)
	}
	if a := findArticle(r, "ICCPR-7", "KP"); a == nil || !a.Binding || !strings.Contains(a.Basis, "DPRK party to ICCPR since 1981-12-14") {
		t.Errorf("ICCPR-7 binds the DPRK since 1981: %+v", a)
	}
	if a := findArticle(r, "UDHR-5", "KP"); a == nil || a.Binding || !a.Cited() {
		t.Errorf("the UDHR is always cited, never binding: %+v", a)
	}
}

// TestChinaRefoulement: China is bound by CSR51-33 and CAT-3 for forced returns.
func TestChinaRefoulement(t *testing.T) {
	r := classifyOne(t, ev{lang: "en", date: "2005-11", country: "CN", place: "Border detention centre, Tumen",
		text: "The Chinese police arrested me in Yanji and sent me back across the bridge."})
	a := findAct(r, "forced-repatriation")
	if a == nil || a.Perpetrator != "cn-police" {
		t.Fatalf("forced repatriation by the Chinese police not found: %+v", r.Acts)
	}
	for _, ref := range []string{"CSR51-33.1", "CAT-3"} {
		if x := findArticle(r, ref, "CN"); x == nil || !x.Binding {
			t.Errorf("%s should bind China: %+v", ref, x)
		}
	}
	// before China's accession to CAT, only the Refugee Convention binds it
	r = classifyOne(t, ev{lang: "en", date: "1986-02", country: "CN", text: "The Chinese police arrested me and handed me back to the North Korean border guards."})
	if x := findArticle(r, "CAT-3", "CN"); x == nil || x.Binding {
		t.Errorf("CAT did not bind China in 1986: %+v", x)
	}
}

// TestNonState: acts of traffickers engage the territorial state's duty to protect, said as
// such, and never a state-agent article (ICCPR-7, CAT-16).
func TestNonState(t *testing.T) {
	r := classifyOne(t, ev{lang: "en", date: "2012-03", country: "CN", place: "Village in Jilin",
		text: "A broker sold me to a Chinese farmer for ten thousand yuan. He forced me to sleep with him."})
	if !hasAct(r, "trafficking") || !hasAct(r, "sexual-violence") {
		t.Fatalf("acts = %s", actTypes(r))
	}
	for _, a := range r.Acts {
		if a.Perpetrator != "trafficker" {
			t.Errorf("%s by %s, want trafficker", a.Type, a.Perpetrator)
		}
	}
	c6 := findArticle(r, "CEDAW-6", "CN")
	if c6 == nil || !c6.Binding || !strings.Contains(c6.Basis, "non-state perpetrator (trafficker): engages China's duty to protect (due diligence)") {
		t.Errorf("CEDAW-6 = %+v", c6)
	}
	if findArticle(r, "TIP-3", "CN") == nil || !findArticle(r, "TIP-3", "CN").Binding {
		t.Error("TIP-3 binds China from 2010")
	}
	for _, ref := range []string{"ICCPR-7", "CAT-16"} {
		if findArticle(r, ref, "") != nil {
			t.Errorf("%s cited for a trafficker", ref)
		}
	}
	if findArticle(r, "CEDAW-16", "CN") == nil {
		t.Error("sale into marriage engages CEDAW-16")
	}
}

// TestReview: review.add and review.remove are applied after the rules and recorded.
func TestReview(t *testing.T) {
	r := classifyOne(t, ev{lang: "en", date: "2010-05", text: "Guards beat me.", acts: "[{type: torture, victim: A, perpetrator: mss}]",
		review: "{add: [ICCPR-10.1], remove: [UDHR-5, CAT-2], note: The beatings were in custody.}"})
	if findArticle(r, "UDHR-5", "") != nil {
		t.Error("UDHR-5 was removed by the reviewer")
	}
	a := findArticle(r, "ICCPR-10.1", "KP")
	if a == nil || a.Origin != OriginReview || len(a.Rules) != 1 || a.Rules[0] != "review.add" || !a.Binding {
		t.Fatalf("review.add ICCPR-10.1 = %+v", a)
	}
	if len(a.Acts) == 0 || !strings.Contains(a.Reason, "custody") {
		t.Errorf("a reviewer's article names the event's acts and the note: %+v", a)
	}
	if r.Review == nil || strings.Join(r.Review.Added, ",") != "ICCPR-10.1" || strings.Join(r.Review.Removed, ",") != "UDHR-5" || strings.Join(r.Review.NotFound, ",") != "CAT-2" {
		t.Errorf("review record = %+v", r.Review)
	}
	if a := findAct(r, "torture"); a == nil || a.Origin != OriginCoded || a.Confidence != 1 {
		t.Errorf("coded act = %+v", a)
	}
}

// TestRefinements: paragraphs follow the words of the account, or the default.
func TestRefinements(t *testing.T) {
	r := classifyOne(t, ev{lang: "en", date: "2010", text: "The officials banished our family from Pyongyang to a mountain village; we needed a travel permit to go anywhere and never got one."})
	if findArticle(r, "ICCPR-12.1", "KP") == nil || findArticle(r, "ICCPR-12.2", "KP") != nil {
		t.Errorf("internal movement engages ICCPR-12.1: %v", refs(r))
	}
	r = classifyOne(t, ev{lang: "en", date: "2010", text: "x", acts: "[{type: movement-restriction, victim: A, perpetrator: mps}]"})
	if a := findArticle(r, "ICCPR-12.2", "KP"); a == nil || !strings.Contains(a.Reason, "default") {
		t.Errorf("without words, the default refinement (leaving) applies: %v", refs(r))
	}
}

func refs(r EventResult) []string {
	var out []string
	for _, a := range r.Articles {
		out = append(out, a.Ref+"/"+a.State)
	}
	return out
}

// TestVictims: the victim is the person the text names, by role, pseudonym or pronoun.
func TestVictims(t *testing.T) {
	persons := []person{narrator, {"B", "the witness's father", "male", "1950"}, {"C", "a cellmate", "female", ""}}
	cases := []struct {
		lang, text, act, victim string
	}{
		{"en", "The bowibu arrested my father and tortured him for a month.", "torture", "B"},
		{"en", "A woman in my cell was beaten by the guards.", "torture", "C"},
		{"en", "The guards beat me with sticks.", "torture", "A"},
		{"ko", "보위원들이 아버지를 구타했습니다.", "torture", "B"},
	}
	for _, tc := range cases {
		r := classifyOne(t, ev{lang: tc.lang, date: "2010", text: tc.text, place: "State Security Department holding facility"}, persons...)
		a := findAct(r, tc.act)
		if a == nil || a.Victim != tc.victim {
			t.Errorf("%q: %s victim = %+v, want %s", tc.text, tc.act, a, tc.victim)
		}
	}
}

// TestJSONContract: the output is an array of {testimony, event, acts, articles}; every
// quote is the account's bytes at its offsets; every article lists a rule and an act.
func TestJSONContract(t *testing.T) {
	c := classifier(t)
	tm := testimonyOf(t, "victim", []person{narrator, {"B", "증인의 아버지", "male", "1950"}},
		ev{lang: "en", date: "2009-03", place: "State Security Department holding facility, Sinuiju",
			text: "At the bowibu holding facility the officers made each of us undress and searched\ninside our bodies. In the interrogations they shouted that crossing the river without\npermission was betrayal, and they beat me."},
		ev{lang: "ko", date: "2010", text: "보위부가 아버지를 끌고 가서 처형했습니다. 재판도 없었습니다."},
		ev{lang: "fr", date: "2014-02", country: "CN", place: "Poste de police frontalier", text: "La police chinoise m'a arrêtée et m'a renvoyée en Corée du Nord."})
	res := c.Testimony(tm)
	data, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var raw []map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	if len(raw) != 3 {
		t.Fatalf("%d objects, want one per event", len(raw))
	}
	keys := func(m map[string]json.RawMessage) string {
		var k []string
		for key := range m {
			k = append(k, key)
		}
		sort.Strings(k)
		return strings.Join(k, " ")
	}
	for i, obj := range raw {
		for _, k := range []string{"testimony", "event", "acts", "articles"} {
			if _, ok := obj[k]; !ok {
				t.Errorf("object %d has no %q", i, k)
			}
		}
		var acts []map[string]json.RawMessage
		json.Unmarshal(obj["acts"], &acts)
		if len(acts) == 0 {
			t.Errorf("event %d: no acts", i)
		}
		for _, a := range acts {
			for _, k := range []string{"type", "victim", "perpetrator", "origin", "confidence", "evidence"} {
				if _, ok := a[k]; !ok {
					t.Errorf("act without %q: %s", k, keys(a))
				}
			}
		}
		var arts []map[string]json.RawMessage
		json.Unmarshal(obj["articles"], &arts)
		for _, a := range arts {
			for _, k := range []string{"ref", "title", "state", "binding", "acts", "rules", "evidence"} {
				if _, ok := a[k]; !ok {
					t.Errorf("article without %q: %s", k, keys(a))
				}
			}
		}
	}
	checkSpans := func(where string, e *testimony.Event, spans []Span) {
		for _, s := range spans {
			text := e.Account[s.Lang]
			if s.Start < 0 || s.End > len(text) || s.Start >= s.End || text[s.Start:s.End] != s.Text {
				t.Errorf("%s: span %+v is not account[%s][%d:%d]", where, s, s.Lang, s.Start, s.End)
			}
		}
	}
	for i, r := range res {
		e := &tm.Events[i]
		for _, a := range r.Acts {
			if a.Origin != OriginInferred || a.Confidence <= 0 || a.Confidence > 1 || len(a.Evidence) == 0 {
				t.Errorf("%s %s: inferred act without confidence or evidence: %+v", r.Event, a.Type, a)
			}
			checkSpans(r.Event+" "+a.Type, e, a.Evidence)
		}
		for _, a := range r.Articles {
			if len(a.Rules) == 0 || len(a.Acts) == 0 {
				t.Errorf("%s %s: an article must list a rule and an act: %+v", r.Event, a.Ref, a)
			}
			checkSpans(r.Event+" "+a.Ref, e, a.Evidence)
		}
	}
}

// TestDeterministic: the same input gives byte-identical output, whatever the workers.
func TestDeterministic(t *testing.T) {
	c := classifier(t)
	corpus := devCorpus(t)
	seq := make([]EventResult, 0)
	for _, tm := range corpus.Testimonies {
		seq = append(seq, c.Testimony(tm)...)
	}
	par := c.Corpus(corpus.Testimonies)
	a, _ := json.Marshal(seq)
	b, _ := json.Marshal(par)
	again, _ := json.Marshal(c.Corpus(corpus.Testimonies))
	if string(a) != string(b) || string(b) != string(again) {
		t.Error("classification is not deterministic")
	}
}

// TestTitlesInLanguage: titles follow the classifier's language.
func TestTitlesInLanguage(t *testing.T) {
	p := project.Defaults()
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	c.Lang = "ko"
	tm := testimonyOf(t, "victim", nil, ev{lang: "en", date: "2010", text: "x", acts: "[{type: torture, victim: A, perpetrator: mss}]"})
	r := c.Testimony(tm)[0]
	if a := findArticle(r, "ICCPR-7", "KP"); a == nil || !strings.Contains(a.Title, "고문") {
		t.Errorf("Korean title: %+v", a)
	}
}

// TestLexiconDiagnostics: a wrong lexicon is reported at its lines.
func TestLexiconDiagnostics(t *testing.T) {
	classifier(t)
	src := `version: "x"
signals:
  detention: {en: [prison, ""]}
acts:
  torture:
    strong: {en: [beat]}
    all: [[beat, nowhere]]
    perpetrator: {default: {KP: secret-agents}}
  dancing:
    strong: {en: [dance]}
`
	_, diags := ParseLexicon("lex.yaml", []byte(src), testV)
	all := diags.Err()
	if all == nil {
		t.Fatal("no errors")
	}
	for _, want := range []string{`lex.yaml:3:`, `is empty`, `unknown class "beat"`, `unknown perpetrator "secret-agents"`, `unknown act type "dancing"`} {
		if !strings.Contains(all.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, all)
		}
	}
}

// TestCoi: crimes against humanity are reported as the Commission's findings, for DPRK
// perpetrators only.
func TestCoi(t *testing.T) {
	r := classifyOne(t, ev{lang: "en", date: "2010", text: "x", place: "Political Prison Camp No. 15", acts: "[{type: political-prison-camp, victim: A, perpetrator: mss}]"})
	if len(r.COI) == 0 || !strings.Contains(r.COI[0].Reason, "Commission of Inquiry") || !strings.Contains(r.COI[0].Reason, "not a finding on this event") {
		t.Errorf("COI rows = %+v", r.COI)
	}
	for _, a := range r.Articles {
		if strings.HasPrefix(a.Ref, "ROME") {
			t.Errorf("a COI finding is not a treaty article of the event: %s", a.Ref)
		}
	}
	r = classifyOne(t, ev{lang: "en", date: "2010", country: "CN", text: "x", acts: "[{type: torture, victim: A, perpetrator: cn-police}]"})
	if len(r.COI) != 0 {
		t.Errorf("no crime against humanity is ever attributed to China: %+v", r.COI)
	}
}

// The classifier's epoch count agrees with the catalogue's for every state and for
// year, month and day precision dates.
func TestEpochMatchesCatalogue(t *testing.T) {
	c := classifier(t)
	w := c.getWork()
	defer c.putWork(w)
	for st := range c.Cat.States {
		for y := 1945; y <= 2026; y++ {
			for m := 0; m <= 12; m++ {
				for _, d := range []int{0, 1, 5, 14, 15, 28, 31} {
					if m == 0 && d != 0 || d > 28 && m == 2 {
						continue
					}
					date := testimony.Date{Year: y, Month: m, Day: d}
					if got, want := c.epoch(w, st, date), c.Cat.Epoch(st, date); got != want {
						t.Fatalf("epoch(%s, %v) = %d, catalogue says %d", st, date, got, want)
					}
				}
			}
		}
	}
}
