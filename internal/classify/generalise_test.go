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

// TestGeneralPatterns: classes of expression in the three languages, in sentences written
// for the test. want lists act types that must be inferred; not those that must not.
func TestGeneralPatterns(t *testing.T) {
	c := classifier(t)
	cases := []sentence{
		// sexual violence: forced nudity, squat searches, women taken away at night
		{"en", "KP", "County security holding centre", "A female guard made us strip and squat again and again while the men watched.", []string{"sexual-violence"}, nil},
		{"en", "KP", "Police holding centre", "They ordered me to take off everything, even my underwear, before the search.", []string{"sexual-violence"}, nil},
		{"fr", "KP", "Centre de détention", "Les gardiens nous ont fait mettre nues dans la cour avant la fouille.", []string{"sexual-violence"}, nil},
		{"fr", "KP", "Camp n° 15", "La nuit, les gardiens venaient chercher les jeunes détenues et les emmenaient dans leur logement.", []string{"sexual-violence"}, nil},
		{"ko", "KP", "보위부 구류장", "계호원이 옷을 모두 벗으라고 하고 앉았다 일어서기를 시켰습니다.", []string{"sexual-violence"}, nil},
		// movement: punishment for having left, banishment, travel permits
		{"en", "KP", "Security holding centre", "The officer said I was a traitor to the fatherland for going to China.", []string{"movement-restriction"}, nil},
		{"fr", "KP", "Centre de détention", "On nous traitait de traîtres parce que nous avions quitté la patrie.", []string{"movement-restriction"}, nil},
		{"ko", "KP", "보위부 구류장", "보위원은 조국을 등지고 도망친 놈이라며 중국에 간 것 자체가 죄라고 했다.", []string{"movement-restriction"}, nil},
		{"en", "KP", "Hamhung", "Because my brother had run away, the police moved our whole family to a mountain village and we were not allowed to come back.", []string{"movement-restriction", "family-separation"}, nil},
		{"fr", "KP", "Sariwon", "On m'a expédié dans une ferme coopérative de montagne, avec interdiction de revenir, parce que j'étais le frère d'un condamné.", []string{"movement-restriction", "family-separation"}, nil},
		{"en", "KP", "Chongjin", "The police office refused my travel permit three times when my father was dying.", []string{"movement-restriction"}, nil},
		// a school mobilisation to a farm is not a banishment
		{"en", "KP", "Middle school", "Every spring the school sent the whole class to the cooperative farm to weed the fields.", []string{"child-labour"}, []string{"movement-restriction"}},
		// trafficking: selling things, paying a smuggler
		{"en", "CN", "Yanji", "I paid a broker to take me across the river, and in Yanji I sold my watch to buy rice.", nil, []string{"trafficking"}},
		{"en", "KP", "Police station", "They wanted the name of the man who sold me the memory stick.", nil, []string{"trafficking"}},
		{"fr", "CN", "Tumen", "J'ai vendu ma montre à un voisin pour payer le passeur.", nil, []string{"trafficking"}},
		{"ko", "KP", "청진", "그들은 한국 드라마가 든 메모리를 팔았다는 죄로 잡혀갔다.", nil, []string{"trafficking"}},
		{"fr", "CN", "Village", "Une fois en Chine, la passeuse m'a cédée pour huit mille yuans à un paysan.", []string{"trafficking"}, nil},
		{"ko", "CN", "연길", "브로커는 나를 중국 남자에게 팔아넘겼다.", []string{"trafficking"}, nil},
		// religion and expression in a question assert nothing
		{"en", "KP", "State Security holding centre", "The interrogator wanted to know if I had gone to a church in China.", nil, []string{"religion"}},
		{"fr", "KP", "Centre de la Sécurité d'État", "L'agent voulait savoir si j'étais allée à l'église en Chine.", nil, []string{"religion"}},
		{"ko", "KP", "보위부 구류장", "보위원은 중국에서 교회에 나갔느냐고 계속 물었다.", nil, []string{"religion"}},
		{"ko", "KP", "보위부 구류장", "나는 중국에서 몰래 교회에 다니며 성경을 읽었다고 보위원에게 털어놓았다.", []string{"religion"}, nil},
		// privacy: night checks, phones, letters, informants, radio detection
		{"en", "KP", "Hyesan", "Twice a week the unit head came into the houses at night to check who was sleeping there and looked at our phones.", []string{"privacy-surveillance"}, []string{"expression"}},
		{"en", "RU", "Logging camp near Tynda", "The Party secretary opened the letters we wrote home before they were sent.", []string{"privacy-surveillance"}, nil},
		{"en", "KP", "Hyesan", "A man from the safety office came at night and looked at our phones for Chinese numbers and South Korean songs.", []string{"privacy-surveillance"}, []string{"expression"}},
		{"ko", "KP", "혜산", "한국에 있는 오빠와 통화하다가 보위부 전파탐지에 걸렸다.", []string{"privacy-surveillance", "expression"}, nil},
		{"fr", "KP", "Hyesan", "Le chef d'inminban entrait chez nous la nuit pour voir qui dormait là.", []string{"privacy-surveillance"}, nil},
		// self-criticism sessions are not speech offences
		{"en", "KP", "Factory", "Every Saturday we had to criticise ourselves before the Party cell.", nil, []string{"expression"}},
		// education
		{"en", "KP", "Camp school", "From the age of thirteen the lessons stopped altogether and we were sent to the fields.", []string{"education-denial"}, nil},
		{"ko", "KP", "학교", "열네 살부터는 수업이 끊기고 매일 농장에 나가야 했다.", []string{"education-denial"}, nil},
		// looking for work is not forced labour
		{"en", "KP", "Senior middle school", "The head teacher expelled me and said I should look for work.", []string{"education-denial"}, []string{"child-labour", "forced-labour"}},
		// not eating: a negation cue that begins inside the verb
		{"ko", "KP", "보위부 구류장", "끌려가서 사흘 동안은 아무것도 먹지 못했다.", []string{"food-deprivation"}, nil},
		// a logging camp abroad is a work site, not a place of detention
		{"en", "RU", "Logging camp near Tynda", "A young man in my brigade was hit by a falling tree.", nil, []string{"torture"}},
	}
	for _, tc := range cases {
		r := c.Testimony(testimonyOf(t, "victim", []person{narrator, {"B", "the witness's brother", "male", "1985"}}, ev{lang: tc.lang, date: "2010", country: tc.country, place: tc.place, text: tc.text}))[0]
		if tc.place == "Middle school" || tc.place == "Senior middle school" || tc.place == "Camp school" || tc.place == "학교" {
			r = c.Testimony(testimonyOf(t, "victim", []person{{"A", "Witness T-20", "male", "1996"}}, ev{lang: tc.lang, date: "2010", country: tc.country, place: tc.place, text: tc.text}))[0]
		}
		checkActs(t, tc, r)
	}
}

// TestInstitutionNames: the same bodies under the names of different periods.
func TestInstitutionNames(t *testing.T) {
	c := classifier(t)
	cases := []struct{ lang, country, text, perp string }{
		{"en", "KP", "Officers of the people's safety office beat me with sticks.", "mps"},
		{"en", "KP", "The Ministry of Social Security men beat me with sticks.", "mps"},
		{"fr", "KP", "Les agents de la Sécurité du peuple m'ont battue.", "mps"},
		{"ko", "KP", "인민보안서 사람들이 저를 구타했습니다.", "mps"},
		{"en", "KP", "The SSD interrogators beat me every night.", "mss"},
		{"ko", "KP", "보위성 사람들이 저를 구타했습니다.", "mss"},
		{"en", "CN", "Officers of the border defence detachment beat me in the car.", "cn-police"},
		{"en", "CN", "The gong'an beat me when I would not talk.", "cn-police"},
		{"fr", "CN", "La police des frontières m'a frappée dans la voiture.", "cn-police"},
		{"ko", "CN", "변방대 군인들이 저를 때렸습니다.", "cn-police"},
	}
	for _, tc := range cases {
		r := c.Testimony(testimonyOf(t, "victim", nil, ev{lang: tc.lang, date: "2010", country: tc.country, text: tc.text}))[0]
		if got := perpsOf(r, "torture"); got != tc.perp {
			t.Errorf("%s %q: torture by %q, want %s", tc.lang, tc.text, got, tc.perp)
		}
	}
}

// TestThreatsAndPhones: a threat of arrest, and a phone picked up, are not arrests.
func TestThreatsAndPhones(t *testing.T) {
	for _, tc := range []struct{ lang, text string }{
		{"en", "A bowibu officer warned me that if I picked up a call from China I would be arrested."},
		{"fr", "L'agent m'a prévenue que si je décrochais un appel de Chine, je serais arrêtée."},
	} {
		r := classifyOne(t, ev{lang: tc.lang, date: "2018", text: tc.text})
		if hasAct(r, "arbitrary-detention") {
			t.Errorf("%s %q: spurious arbitrary-detention", tc.lang, tc.text)
		}
	}
	// a refused travel permit, whatever the order of the words
	r := classifyOne(t, ev{lang: "en", date: "2017", text: "I asked for a travel certificate three times and the police office turned me down each time."})
	if !hasAct(r, "movement-restriction") {
		t.Errorf("travel certificate turned down: acts %s", actTypes(r))
	}
	// not told where, after an arrest, in French
	r = classifier(t).Testimony(testimonyOf(t, "relative", []person{narrator, {"B", "le fils du témoin", "male", "1985"}},
		ev{lang: "fr", date: "2011", text: "Mon fils a été emmené un soir par des agents de la Sécurité d'État. Pendant trois ans je n'ai rien su de lui : ni où on le gardait, ni s'il était encore en vie."}))[0]
	if !hasAct(r, "enforced-disappearance") || !hasAct(r, "arbitrary-detention") {
		t.Errorf("taken away, nothing known since: acts %s", actTypes(r))
	}
}
