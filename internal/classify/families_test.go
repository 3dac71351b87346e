package classify

import "testing"

// TestIndirectFamilies: families of indirect and euphemistic expressions that escapee
// testimonies use for each act (price paid for a person, handover at the border, detention
// told by its place, killing told by its effect, rations, no doctor, families told nothing),
// in sentences written for the test, with negated and hearsay variants. want lists act
// types that must be inferred, not those that must not; hearsay marks the first wanted act.
func TestIndirectFamilies(t *testing.T) {
	c := classifier(t)
	cases := []struct {
		lang, country, place, text string
		want, not                  []string
		hearsay                    bool
	}{
		// trafficking told by its price, a handover to a man, "his wife now", a job that did not exist
		{"en", "CN", "Village near Jixi", "The old farmer paid six thousand yuan for me and took me to his house.", []string{"trafficking"}, nil, false},
		{"en", "CN", "Village near Jixi", "A woman from the market handed me over to a bachelor in the next village for a price.", []string{"trafficking"}, nil, false},
		{"en", "CN", "Village near Jixi", "On the first evening he told me that I was his wife now and that I should not try to run.", []string{"trafficking"}, nil, false},
		{"en", "CN", "Shenyang", "They had promised me a job in a factory in Shenyang, but there was no factory; they handed me to a man in a mountain village.", []string{"trafficking"}, nil, false},
		{"en", "CN", "Yanji", "I heard that the broker married her off to a farmer in Heilongjiang.", []string{"trafficking"}, nil, true},
		{"en", "CN", "Yanji", "Nobody ever paid for me; I worked in a restaurant and kept my wages.", nil, []string{"trafficking"}, false},
		{"en", "CN", "Yanji", "I paid the broker three thousand yuan to take me across the river.", nil, []string{"trafficking"}, false},
		{"fr", "CN", "Village du Heilongjiang", "Un vieux paysan avait payé dix mille yuans pour moi à la passeuse.", []string{"trafficking"}, nil, false},
		{"fr", "CN", "Village du Heilongjiang", "La femme m'a livrée à un célibataire du village contre de l'argent.", []string{"trafficking"}, nil, false},
		{"fr", "CN", "Village du Heilongjiang", "On m'a mariée à un paysan chinois que je n'avais jamais vu.", []string{"trafficking"}, nil, false},
		{"fr", "CN", "Tumen", "J'ai payé le passeur pour traverser le fleuve.", nil, []string{"trafficking"}, false},
		{"ko", "CN", "흑룡강성 농촌", "그 남자는 중개인에게 돈을 주고 저를 데려갔습니다.", []string{"trafficking"}, nil, false},
		{"ko", "CN", "흑룡강성 농촌", "브로커는 저를 나이 많은 한족 농민에게 시집보냈습니다.", []string{"trafficking"}, nil, false},
		{"ko", "CN", "흑룡강성 농촌", "그 집 남자는 저를 팔천 위안에 샀습니다.", []string{"trafficking"}, nil, false},
		{"ko", "CN", "연길", "브로커에게 돈을 주고 강을 건넜습니다.", nil, []string{"trafficking"}, false},
		// sexual violence by euphemism; body searches
		{"en", "CN", "Village near Jixi", "That night the man forced himself on me.", []string{"sexual-violence"}, nil, false},
		{"en", "KP", "County security holding centre", "One of the guards took advantage of me in the storeroom.", []string{"sexual-violence"}, nil, false},
		{"en", "KP", "County security holding centre", "The female officer looked for money hidden in our bodies.", []string{"sexual-violence"}, nil, false},
		{"en", "KP", "County security holding centre", "The guards never touched me, but they shouted all night.", nil, []string{"sexual-violence"}, false},
		{"fr", "CN", "Village du Shandong", "Dès la première nuit, il a abusé de moi.", []string{"sexual-violence"}, nil, false},
		{"fr", "KP", "Centre de détention de Musan", "Un agent s'est imposé à moi dans la salle d'interrogatoire.", []string{"sexual-violence"}, nil, false},
		{"fr", "KP", "Centre de détention de Musan", "On m'a dit qu'un gardien avait abusé d'elle.", []string{"sexual-violence"}, nil, true},
		{"ko", "CN", "흑룡강성 농촌", "그 남자는 밤마다 저에게 몹쓸 짓을 했습니다.", []string{"sexual-violence"}, nil, false},
		{"ko", "KP", "보위부 구류장", "계호원이 저를 창고로 불러 강제로 관계를 가졌습니다.", []string{"sexual-violence"}, nil, false},
		{"ko", "KP", "보위부 구류장", "조사원이 제 몸을 만지며 추행했습니다.", []string{"sexual-violence"}, nil, false},
		// killing told by its effect
		{"en", "KP", "Market square", "The soldiers tied my brother to a post and fired until he hung limp.", []string{"killing"}, nil, false},
		{"en", "KP", "Onsong", "My brother was taken by the police in 2001 and never came back alive.", []string{"death-in-custody"}, nil, false},
		{"fr", "KP", "Place du marché", "Les agents ont frappé mon frère jusqu'à ce qu'il ne bouge plus.", []string{"killing"}, nil, false},
		{"ko", "KP", "장마당", "안전원들이 그 사람을 몽둥이로 때려 움직이지 않을 때까지 때렸습니다.", []string{"killing"}, nil, false},
		{"ko", "KP", "회령", "남동생은 보위원들에게 맞아 죽었다고 들었습니다.", []string{"killing"}, nil, true},
		{"ko", "KP", "장마당", "그들이 그를 때렸지만 죽지는 않았습니다.", nil, []string{"killing"}, false},
		// death in custody told by its effect
		{"en", "KP", "Police holding centre", "One morning my brother, who lay beside me, did not wake up.", []string{"death-in-custody"}, nil, false},
		{"fr", "KP", "Centre de regroupement", "Un matin, mon frère, couché à côté de moi, ne s'est pas réveillé.", []string{"death-in-custody"}, nil, false},
		{"ko", "KP", "집결소", "옆에 누워 있던 남동생이 아침에 깨어나지 못했습니다.", []string{"death-in-custody"}, nil, false},
		// torture by position and effect
		{"ko", "KP", "보위부 구류장", "하루 종일 무릎 꿇고 앉아 있어야 했고 움직이면 맞았습니다.", []string{"torture"}, nil, false},
		{"en", "KP", "Police holding centre", "They made me stand facing the wall all night.", []string{"torture"}, nil, false},
		{"fr", "KP", "Centre de détention", "Les agents m'ont frappée jusqu'au sang.", []string{"torture"}, nil, false},
		// food told by its portions and by hunger
		{"en", "KP", "Police holding centre", "Each of us got a ball of corn the size of a fist.", []string{"food-deprivation"}, nil, false},
		{"en", "KP", "Labour training camp", "We were always hungry there.", []string{"food-deprivation"}, nil, false},
		{"fr", "KP", "Camp de travail", "Nous avions toujours faim, on ne nous donnait qu'une boule de maïs.", []string{"food-deprivation"}, nil, false},
		{"ko", "KP", "노동단련대", "하루에 주먹만 한 옥수수밥 한 덩이가 전부였고 늘 배가 고팠습니다.", []string{"food-deprivation"}, nil, false},
		// health: left to recover alone
		{"en", "KP", "Police holding centre", "The guards said she would recover by herself and left her on the floor.", []string{"health-denial"}, nil, false},
		{"fr", "KP", "Centre de regroupement", "Le gardien a dit qu'il guérirait tout seul.", []string{"health-denial"}, nil, false},
		{"ko", "KP", "집결소", "계호원은 저절로 나을 거라며 그냥 내버려 두었습니다.", []string{"health-denial"}, nil, false},
		// enforced disappearance: news that stopped after an arrest; not told where
		{"en", "KP", "Chongjin", "The bowibu came for my brother one night, and we never heard from him again.", []string{"enforced-disappearance"}, nil, false},
		{"fr", "KP", "Musan", "Mon frère a été emmené par la Sécurité d'État et on ne nous a jamais dit où il était.", []string{"enforced-disappearance", "arbitrary-detention"}, nil, false},
		{"ko", "KP", "회령", "형님이 보위부에 끌려간 뒤로 소식이 끊겼습니다.", []string{"enforced-disappearance"}, nil, false},
		{"ko", "KP", "회령", "형님이 어디에 있는지 물어도 보위부에서는 아무도 대답해 주지 않았습니다.", []string{"enforced-disappearance"}, nil, false},
		// detention told by its place and duration
		{"en", "KP", "Hyesan", "The police took me in and I spent three weeks in a cell at the station.", []string{"arbitrary-detention"}, nil, false},
		{"ko", "KP", "청진", "안전원에게 붙잡혀 노동단련대에서 6개월을 살았습니다.", []string{"arbitrary-detention"}, nil, false},
		// surveillance
		{"en", "KP", "Hyesan", "The neighbourhood unit head reported on us to the bowibu every week.", []string{"privacy-surveillance"}, nil, false},
		{"ko", "KP", "혜산", "인민반장이 우리 집에 누가 드나드는지 보위부에 일러바쳤습니다.", []string{"privacy-surveillance"}, nil, false},
		{"ko", "KP", "혜산", "안전원들이 우리 집 전화를 엿듣고 있었습니다.", []string{"privacy-surveillance"}, nil, false},
		// movement: punished for the reason of having left; banished because of a relative
		{"ko", "KP", "보위부 구류장", "중국에 갔다 왔다는 이유로 노동단련대 1년을 받았습니다.", []string{"movement-restriction"}, nil, false},
		{"fr", "KP", "Musan", "La sécurité d'État nous a expédiés dans un village de montagne à cause de lui.", []string{"movement-restriction", "family-separation"}, nil, false},
		// unfair trial: never once a trial (Korean experiential negation)
		{"ko", "KP", "보위부 구류장", "교화소 3년을 받았는데 재판은 한 번도 받아 본 적이 없습니다.", []string{"unfair-trial"}, nil, false},
		// expression: dress and hair policed
		{"en", "KP", "Chongjin", "Youth league patrols stopped me in the street for my long hair and tight trousers and took me to their office.", []string{"expression"}, nil, false},
		{"ko", "KP", "청진", "청바지를 입었다는 이유로 규찰대에 단속되었습니다.", []string{"expression"}, nil, false},
		// reproductive violence: a flat belly after the infirmary
		{"en", "KP", "Political prison camp No. 15", "A pregnant woman was taken to the infirmary; two days later her belly was flat and there was no baby.", []string{"reproductive-violence"}, nil, false},
		{"en", "KP", "Police holding centre", "After the injection the baby came out dead.", []string{"reproductive-violence"}, nil, false},
	}
	for _, tc := range cases {
		r := c.Testimony(testimonyOf(t, "victim", []person{{"A", "Witness T-30", "female", "1980"}, {"B", "the witness's brother", "male", "1975"}}, ev{lang: tc.lang, date: "2010", country: tc.country, place: tc.place, text: tc.text}))[0]
		for i, w := range tc.want {
			a := findAct(r, w)
			if a == nil {
				t.Errorf("%s %q: no %s (acts %s)", tc.lang, tc.text, w, actTypes(r))
				continue
			}
			if i == 0 && a.Hearsay != tc.hearsay {
				t.Errorf("%s %q: %s hearsay %v, want %v", tc.lang, tc.text, w, a.Hearsay, tc.hearsay)
			}
		}
		for _, n := range tc.not {
			if hasAct(r, n) {
				t.Errorf("%s %q: spurious %s (acts %s)", tc.lang, tc.text, n, actTypes(r))
			}
		}
	}
}

// TestIndirectFamiliesSweep: a second sweep over the families, in sentences written for the
// test: handovers at the border told from the Chinese side, Korean recipients (보위부에
// 인계했다) that are not the agent, negations that stop at a subordinate clause, a French
// negative term not negated again by its own "ne".
func TestIndirectFamiliesSweep(t *testing.T) {
	c := classifier(t)
	cases := []sentence{
		{"en", "CN", "Tumen detention centre", "After a month in the Tumen detention centre they loaded us onto a bus and delivered us to the North Korean guards at the bridge.", []string{"forced-repatriation"}, nil},
		{"en", "CN", "Dandong", "The Chinese police transferred us to Sinuiju in a closed truck.", []string{"forced-repatriation"}, nil},
		{"en", "CN", "Tumen", "The Chinese police did not send me back; they let me go after a day.", nil, []string{"forced-repatriation"}},
		{"fr", "CN", "Tumen", "La police chinoise nous a remis aux gardes nord-coréens sur le pont.", []string{"forced-repatriation"}, nil},
		{"ko", "CN", "도문", "공안은 우리를 트럭에 태워 북한 보위부에 인계했습니다.", []string{"forced-repatriation"}, nil},
		{"ko", "CN", "도문", "우리는 북한 보위부에 넘겨졌습니다.", []string{"forced-repatriation"}, nil},
		{"ko", "CN", "도문", "공안은 저를 북송하지 않고 풀어 주었습니다.", nil, []string{"forced-repatriation"}},
		{"ko", "CN", "도문", "보위부 사람들이 중국까지 와서 저를 붙잡아 데려갔습니다.", nil, []string{"forced-repatriation"}},
		{"en", "KP", "Police holding centre", "She had a high fever and they left her to lie there for days.", []string{"health-denial"}, nil},
		{"en", "KP", "Police holding centre", "My leg was broken but there was no doctor and no medicine.", []string{"health-denial"}, nil},
		{"ko", "KP", "집결소", "다리가 부러졌는데도 치료를 받지 못했습니다.", []string{"health-denial"}, nil},
		{"en", "KP", "Chongjin", "I have not seen my children since that day.", []string{"family-separation"}, nil},
		{"en", "KP", "Chongjin", "I saw my children again three years later.", nil, []string{"family-separation"}},
		{"en", "CN", "Village near Jixi", "I have not seen my sister since she was sold.", []string{"trafficking"}, nil},
		{"fr", "KP", "Chongjin", "Mon frère a été emmené une nuit et on ne l'a jamais revu.", []string{"enforced-disappearance"}, nil},
		{"ko", "KP", "청진", "아버지는 밤에 끌려간 뒤 행방을 알 수 없게 되었습니다.", []string{"enforced-disappearance"}, nil},
		{"fr", "KP", "École", "Au lieu d'aller en classe, nous ramassions des déchets de fer pour l'école.", []string{"education-denial"}, nil},
		{"ko", "KP", "보위부 구류장", "중국에 갔다 왔다는 죄로 단련대에 보내졌습니다.", []string{"movement-restriction"}, nil},
		{"fr", "KP", "Centre de détention", "J'ai été punie pour être partie en Chine.", []string{"movement-restriction"}, nil},
		{"fr", "KP", "Poste de police", "J'ai été gardée à vue pendant dix jours.", []string{"arbitrary-detention"}, nil},
		{"ko", "KP", "보안서", "안전원들이 저를 방에 가두어 놓고 일주일 동안 내보내지 않았습니다.", []string{"arbitrary-detention"}, nil},
		{"ko", "KP", "보안서", "보안서에 보름간 구류되었습니다.", []string{"arbitrary-detention"}, nil},
		{"ko", "KP", "보안서", "안전원이 저를 가두지는 않았습니다.", nil, []string{"arbitrary-detention"}},
		{"ko", "KP", "보위부 구류장", "조사원은 제 얼굴을 피투성이가 되도록 때렸습니다.", []string{"torture"}, nil},
		{"fr", "KP", "Centre de détention", "On m'a obligée à rester à genoux pendant des heures.", []string{"torture"}, nil},
		{"ko", "KP", "노동단련대", "배급을 끊어 버려서 풀을 뜯어 먹었습니다.", []string{"food-deprivation"}, nil},
		{"fr", "KP", "Hyesan", "Le chef de l'inminban nous surveillait jour et nuit.", []string{"privacy-surveillance"}, nil},
		{"ko", "KP", "혜산", "남동생은 한국 드라마를 봤다는 이유로 잡혀갔습니다.", []string{"expression"}, nil},
		// hair pulled, head struck against the wall
		{"en", "KP", "Police holding centre", "The interrogator dragged me by the hair and slammed my head against the wall.", []string{"torture"}, nil},
		{"fr", "KP", "Centre de détention", "L'agent m'a tirée par les cheveux.", []string{"torture"}, nil},
		{"ko", "KP", "보위부 구류장", "조사원은 제 머리채를 잡고 벽에 찧었습니다.", []string{"torture"}, nil},
		// an embedded question reaches the end of its clause; an infirmary is not a disability
		{"en", "KP", "State Security holding cells", "They asked again and again whether I had met South Koreans or gone to a church.", nil, []string{"religion"}},
		{"fr", "KP", "Camp de Yodok", "Une détenue enceinte a été emmenée à l'infirmerie.", nil, []string{"discrimination"}},
		{"fr", "KP", "Hyesan", "À cause de lui, la sécurité d'État a déplacé de force toute la famille vers une ferme coopérative de montagne.", []string{"movement-restriction", "family-separation"}, nil},
		// the accused of a crime are not its victims
		{"ko", "KP", "회령", "중국에 사람을 팔아넘겼다는 여자 두 명을 안전원들이 총살했습니다.", nil, []string{"trafficking"}},
	}
	checkSentences(t, c, []person{{"A", "Witness T-31", "female", "1980"}, {"B", "the witness's brother", "male", "1975"}}, "2010", cases)
}

// sentence is a row of a sentence table: one sentence told as the account of one event,
// the acts it must yield and those it must not.
type sentence struct {
	lang, country, place, text string
	want, not                  []string
}

// checkSentences classifies each sentence as the only event (in the given year) of a
// victim's testimony whose persons are persons, and reports every act missing or spurious.
func checkSentences(t *testing.T, c *Classifier, persons []person, year string, cases []sentence) {
	t.Helper()
	for _, tc := range cases {
		r := c.Testimony(testimonyOf(t, "victim", persons, ev{lang: tc.lang, date: year, country: tc.country, place: tc.place, text: tc.text}))[0]
		checkActs(t, tc, r)
	}
}

// checkActs reports the acts of r that tc wants and lacks, or has and must not.
func checkActs(t *testing.T, tc sentence, r EventResult) {
	t.Helper()
	for _, w := range tc.want {
		if !hasAct(r, w) {
			t.Errorf("%s %q: no %s (acts %s)", tc.lang, tc.text, w, actTypes(r))
		}
	}
	for _, n := range tc.not {
		if hasAct(r, n) {
			t.Errorf("%s %q: spurious %s (acts %s)", tc.lang, tc.text, n, actTypes(r))
		}
	}
}
