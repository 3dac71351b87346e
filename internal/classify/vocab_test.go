package classify

import "testing"

// TestVocabFamilies: families of act vocabulary in ko / en / fr, in sentences written for
// the test (not taken from any corpus): shooting squads, abduction by agents, death in
// custody told by its effect, disappearance told by the silence of the authorities, guilt
// by association, banishment, overseas labour, mobilisation, rations by quantity, searches
// by their actions, detention by "stayed"; and words that must not trigger an act.
func TestVocabFamilies(t *testing.T) {
	c := classifier(t)
	cases := []sentence{
		// killing by shots fired
		{"en", "KP", "Riverside field", "A squad fired four shots into my brother and each of the prisoners tied to the posts.", []string{"killing"}, nil},
		{"en", "KP", "Market square", "Three riflemen shot my brother down in front of the crowd.", []string{"killing"}, nil},
		{"fr", "KP", "Place du marché", "Trois tireurs ont abattu mon frère devant la foule.", []string{"killing"}, nil},
		{"fr", "KP", "Place du marché", "Un peloton a criblé de balles mon frère et deux autres détenus.", []string{"killing"}, nil},
		{"ko", "KP", "강변", "사격수 세 명이 기둥에 묶인 형에게 세 발씩 쏘았습니다.", []string{"killing"}, nil},
		// abduction by agents
		{"en", "CN", "Yanji", "Two men with a northern accent pushed my brother into a van and drove off toward the border.", []string{"abduction"}, nil},
		{"en", "CN", "Dandong", "Agents of the North seized him in the street and put him on a boat bound for the North.", []string{"abduction"}, nil},
		{"fr", "CN", "Yanji", "Des agents nord-coréens l'ont poussé dans une camionnette et l'ont ramené de force au Nord.", []string{"abduction"}, nil},
		{"ko", "CN", "연길", "북한 공작원들이 형을 배에 실어 북으로 데려갔습니다.", []string{"abduction"}, nil},
		{"ko", "CN", "연길", "보위부 요원들이 형을 승합차에 강제로 태워 북한으로 데려갔습니다.", []string{"abduction"}, nil},
		// death in custody told by its effect; suicide in custody is not a killing
		{"en", "KP", "State Security holding cells", "Two weeks later the officers told us to come and collect his body.", []string{"death-in-custody"}, nil},
		{"en", "KP", "State Security holding cells", "He was called out of the cell one night and never came back.", []string{"death-in-custody"}, nil},
		{"en", "KP", "Police holding centre", "The guards said he had hanged himself in his cell.", []string{"death-in-custody"}, []string{"killing"}},
		{"fr", "KP", "Centre de détention", "La sécurité nous a dit de venir chercher le corps de mon frère; ils ont parlé d'une crise cardiaque.", []string{"death-in-custody"}, nil},
		{"fr", "KP", "Centre de détention", "Une nuit, on a fait sortir mon frère de la cellule et il n'est jamais revenu.", []string{"death-in-custody"}, nil},
		{"ko", "KP", "보위부 구류장", "보위부에서 형의 시신을 찾아가라는 연락이 왔습니다.", []string{"death-in-custody"}, nil},
		{"ko", "KP", "보위부 구류장", "형은 감방에서 목을 매 스스로 목숨을 끊었다고 했습니다.", []string{"death-in-custody"}, []string{"killing"}},
		// enforced disappearance told by the silence of the authorities
		{"en", "KP", "Chongjin", "When my mother asked at the gate, the guards said they had no information about him.", []string{"enforced-disappearance"}, nil},
		{"en", "KP", "Chongjin", "The authorities denied ever holding my brother, and our letters were never answered.", []string{"enforced-disappearance"}, nil},
		{"fr", "KP", "Chongjin", "Les autorités ont nié l'avoir jamais détenu et nos demandes sont restées sans réponse.", []string{"enforced-disappearance"}, nil},
		{"ko", "KP", "청진", "당국은 형을 데려간 적이 없다고 잡아뗐고 편지에는 한 번도 답이 오지 않았습니다.", []string{"enforced-disappearance"}, nil},
		// guilt by association
		{"en", "KP", "Hyesan", "Because of what my uncle had said, the rest of us were punished too.", []string{"family-separation"}, nil},
		{"fr", "KP", "Hyesan", "Chez nous, toute la parenté paie pour ce qu'a dit un seul membre de la famille.", []string{"family-separation"}, nil},
		{"ko", "KP", "혜산", "삼촌이 한 말 때문에 우리 식구가 모두 벌을 받았습니다.", []string{"family-separation"}, nil},
		{"ko", "KP", "혜산", "보위부는 반동분자의 가족이라며 어머니와 저를 산골로 추방했습니다.", []string{"family-separation", "movement-restriction"}, nil},
		// banishment
		{"en", "KP", "Pyongyang", "We were ordered to leave the city that same day and a truck dropped us in a mountain hamlet.", []string{"movement-restriction"}, nil},
		{"fr", "KP", "Pyongyang", "On nous a ordonné de quitter la ville et un camion nous a laissés dans un hameau de montagne.", []string{"movement-restriction"}, nil},
		{"ko", "KP", "평양", "당일로 도시를 떠나라는 명령을 받고 트럭에 실려 산골 마을에 내려졌습니다.", []string{"movement-restriction"}, nil},
		// overseas labour
		{"en", "RU", "Logging site near Tynda", "The manager kept our passports and we were not allowed to leave the dormitory.", []string{"movement-restriction"}, nil},
		{"en", "RU", "Construction site in Vladivostok", "The manager took all our wages and threatened to send home anyone who missed the quota.", []string{"forced-labour"}, nil},
		{"fr", "RU", "Chantier de Vladivostok", "Le responsable gardait nos passeports et il nous était interdit de sortir du foyer.", []string{"movement-restriction"}, nil},
		{"ko", "RU", "블라디보스토크 건설장", "지배인이 월급을 다 가져가고 과제를 못 하면 본국으로 돌려보낸다고 했습니다.", []string{"forced-labour"}, nil},
		{"ko", "RU", "블라디보스토크 건설장", "여권은 관리인이 빼앗아 갔고 숙소 밖으로는 한 발짝도 나가지 못하게 했습니다.", []string{"movement-restriction"}, nil},
		// mobilisation
		{"ko", "KP", "협동농장", "김매기 전투라며 인민반 여자들을 모두 농장으로 내몰았고 빠지면 벌금을 물렸습니다.", []string{"forced-labour"}, nil},
		{"en", "KP", "Cooperative farm", "During the rice-planting battle every housewife was sent to the fields and fined if absent.", []string{"forced-labour"}, nil},
		{"fr", "KP", "Ferme coopérative", "Pendant la « bataille du repiquage », toutes les femmes du quartier étaient envoyées aux champs sous peine d'amende.", []string{"forced-labour"}, nil},
		// rations by quantity
		{"en", "KP", "Labour training camp", "Each of us got about 200 grams of corn a day.", []string{"food-deprivation"}, nil},
		{"fr", "KP", "Camp de travail", "On ne recevait que la ration du camp, presque rien.", []string{"food-deprivation"}, nil},
		{"ko", "KP", "노동단련대", "하루에 강냉이 200그램 정도를 받았습니다.", []string{"food-deprivation"}, nil},
		// searches told by their actions
		{"en", "KP", "Hyesan", "They emptied every drawer, slit the mattress open and took the back off the radio.", []string{"privacy-surveillance"}, nil},
		{"fr", "KP", "Hyesan", "Ils ont vidé tous les tiroirs et éventré le matelas.", []string{"privacy-surveillance"}, nil},
		{"ko", "KP", "혜산", "보안원들이 서랍을 다 뒤지고 이불 속까지 헤집었습니다.", []string{"privacy-surveillance"}, nil},
		// detention told by "stayed"
		{"fr", "KP", "Centre de regroupement de Sinuiju", "Ma sœur est restée trois mois dans ce centre.", []string{"arbitrary-detention"}, nil},
		{"en", "KP", "Onsong holding centre", "I stayed six weeks in that holding centre before anyone spoke to me.", []string{"arbitrary-detention"}, nil},
		// words that must not trigger an act
		{"ko", "KP", "보위부 구류장", "조사원은 제 서류 파일을 하나하나 넘겨 보았습니다.", nil, []string{"forced-labour"}},
		{"en", "CN", "Yanji", "I kept a little rice in a sack under the bed.", nil, []string{"food-deprivation"}},
		{"fr", "CN", "Yanji", "Elle cachait une boîte à riz sous le lit.", nil, []string{"food-deprivation"}},
		{"en", "KP", "Hamhung", "Before I left I had only worked on a cooperative farm.", nil, []string{"forced-labour"}},
		{"en", "CN", "Tumen", "The broker sold us to the police for the reward.", nil, []string{"trafficking"}},
	}
	checkSentences(t, c, []person{{"A", "Witness V-07", "female", "1982"}, {"B", "the witness's brother", "male", "1978"}}, "2012", cases)
}

// TestVocabNarratorThirdPerson: the witness told of in the third person ("the
// interviewee", « l'intéressée », "증언자") is the narrator, not a relative whose pseudonym
// names the interviewee ("the interviewee's cousin").
func TestVocabNarratorThirdPerson(t *testing.T) {
	persons := []person{{"A", "Interviewee K-12", "female", "1979"}, {"B", "the interviewee's cousin", "male", "1975"}}
	cases := []struct{ lang, text, act, victims string }{
		{"en", "The interviewee was beaten by the guards on her second day.", "torture", "A"},
		{"en", "The police beat the interviewee's cousin in the corridor.", "torture", "B"},
		{"fr", "Les gardiens ont frappé l'intéressée pendant l'interrogatoire.", "torture", "A"},
		{"ko", "안전원들이 증언자를 몽둥이로 구타했다.", "torture", "A"},
		{"ko", "안전원들이 증언자의 사촌을 구타했다.", "torture", "B"},
		{"en", "The interviewee said a fellow detainee saw the guards beat her with a belt.", "torture", "A"},
	}
	for _, tc := range cases {
		r := classifyOne(t, ev{lang: tc.lang, date: "2010", place: "Police holding centre", text: tc.text}, persons...)
		if got := victimsOf(r, tc.act); got != tc.victims {
			t.Errorf("%s %q: %s victims %q, want %q (acts %s)", tc.lang, tc.text, tc.act, got, tc.victims, actTypes(r))
		}
	}
}
