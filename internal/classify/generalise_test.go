package classify

import (
	"sort"
	"strings"
	"testing"
)

// victimsOf lists the victims of an act type in an event, sorted.
func victimsOf(r EventResult, typ string) string {
	var out []string
	for _, a := range r.Acts {
		if a.Type == typ {
			out = appendStr(out, a.Victim)
		}
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func perpsOf(r EventResult, typ string) string {
	var out []string
	for _, a := range r.Acts {
		if a.Type == typ {
			out = appendStr(out, a.Perpetrator)
		}
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

// TestVictimResolution: who an act was done to, in sentences written for the test (not
// taken from any corpus).
func TestVictimResolution(t *testing.T) {
	c := classifier(t)
	cases := []struct {
		name, rel, lang, text string
		persons               []person
		typ, victims          string
	}{
		{"object pronoun inside the act's words names the persons named one by one", "eyewitness", "en",
			"They brought out an old farmer from the cooperative and a young teacher from our school. Then the police tied them to stakes and shot them.",
			[]person{{"A", "Witness T-11", "male", "1970"}, {"B", "an old farmer from the cooperative", "male", "1940"}, {"C", "a young teacher from the witness's school", "male", "1985"}, {"D", "the witness's wife", "female", "1972"}},
			"killing", "B C"},
		{"a bare plural names no one in particular", "eyewitness", "en",
			"A young miner was brought out. The judge said he had sold women to the Chinese. The soldiers shot him at once.",
			[]person{{"A", "Witness T-12", "male", "1970"}, {"B", "a young miner", "male", "1985"}, {"C", "the witness's sister", "female", "1975"}},
			"killing", "B"},
		{"Korean persons listed with a comma", "victim", "ko",
			"그날 밤 보위부 사람들이 와서 아버지와 어머니, 나를 트럭에 태워 정치범수용소로 데려갔다.",
			[]person{{"A", "증인 T-13", "male", "1980"}, {"B", "증인의 아버지", "male", "1950"}, {"C", "증인의 어머니", "female", "1952"}},
			"political-prison-camp", "A B C"},
		{"an appositive clause does not break a list", "victim", "en",
			"My grandmother, my sister, who was only six, and I were driven through the night to a political prison camp.",
			[]person{{"A", "Witness T-14", "female", "1980"}, {"B", "the witness's grandmother", "female", "1920"}, {"C", "the witness's sister", "female", "1984"}},
			"political-prison-camp", "A B C"},
		{"whose whereabouts: the person after where, not the family told nothing", "relative", "en",
			"The bowibu took my uncle away one night. Nobody ever told us where he was taken.",
			[]person{{"A", "Witness T-15", "female", "1980"}, {"B", "the witness's uncle", "male", "1950"}},
			"enforced-disappearance", "B"},
		{"the pseudonym says who was executed", "eyewitness", "ko",
			"관리소 공터에 사람들을 다 모았다. 경비대원 세 명이 곧바로 그를 총살했다.",
			[]person{{"A", "증인 T-16", "male", "1980"}, {"B", "공개처형된 남성", "male", "1960"}, {"C", "증인의 아버지", "male", "1950"}},
			"killing", "B"},
		{"French impersonal il is not a man", "victim", "fr",
			"Chaque automne, toute l'école partait à la ferme coopérative. Pendant ces semaines-là, il n'y avait aucun cours.",
			[]person{{"A", "Témoin T-17", "female", "1990"}, {"B", "le grand-père du témoin", "male", "1925"}},
			"education-denial", "A"},
		{"a pronoun bound by anyone names no one", "victim", "en",
			"In the camp anyone who fell short of his quota was beaten by the guards.",
			[]person{{"A", "Witness T-18", "male", "1972"}, {"B", "a man from the witness's village", "male", "1980"}},
			"torture", "A"},
	}
	for _, tc := range cases {
		date := "2005"
		if tc.typ == "education-denial" {
			date = "2003"
		}
		r := c.Testimony(testimonyOf(t, tc.rel, tc.persons, ev{lang: tc.lang, date: date, text: tc.text}))[0]
		if got := victimsOf(r, tc.typ); got != tc.victims {
			t.Errorf("%s: %s victims %q, want %q (acts %+v)", tc.name, tc.typ, got, tc.victims, r.Acts)
		}
	}
}

// TestPerpetratorResolution: who did it, in sentences written for the test.
func TestPerpetratorResolution(t *testing.T) {
	c := classifier(t)
	cases := []struct {
		name, lang, place, text string
		typ, perp               string
	}{
		{"the body after 'officers of'", "en", "Town square",
			"Three officers of the State Security Department tied the man to a post and shot him.", "killing", "mss"},
		{"a body named as the complement of another is not the agent", "fr", "Lycée",
			"Le secrétaire du Parti de l'école m'a dit que je ne pourrais plus étudier à cause de ma famille.", "education-denial", "wpk"},
		{"the subject of another verb is not the agent of a nominal act", "en", "Town square",
			"The teachers took the whole class to watch the public executions. Officers of the police fired at the prisoners until they died.", "killing", "mps"},
		{"a contrastive clause has its own agent", "en", "Political Prison Camp No. 15",
			"The teachers never beat me, but I was hungry all the time and starving.", "food-deprivation", "camp-staff"},
	}
	for _, tc := range cases {
		r := c.Testimony(testimonyOf(t, "victim", []person{narrator, {"B", "a man executed in the square", "male", "1960"}}, ev{lang: tc.lang, date: "2005", place: tc.place, text: tc.text}))[0]
		if got := perpsOf(r, tc.typ); got != tc.perp {
			t.Errorf("%s: %s perpetrators %q, want %q (acts %+v)", tc.name, tc.typ, got, tc.perp, r.Acts)
		}
	}
}

// TestApproximateQuantity: "perhaps ten minutes" is not doubt about the event.
func TestApproximateQuantity(t *testing.T) {
	r := classifyOne(t, ev{lang: "en", date: "2008", text: "I was sent to the labour camp after a trial that took perhaps ten minutes; there was no lawyer."})
	a := findAct(r, "unfair-trial")
	if a == nil || a.Confidence < 0.75 || hasString(a.Notes, "uncertain") {
		t.Errorf("unfair-trial %+v", a)
	}
}
