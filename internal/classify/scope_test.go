package classify

import "testing"

// TestScope: how far a negation, a question, a threat, a denied rumour and a reported
// allegation reach, in sentences written for the test in Korean, English and French. want
// lists acts that must be inferred; not lists acts that must not.
func TestScope(t *testing.T) {
	c := classifier(t)
	cases := []sentence{
		// a term that begins with pas takes its ne: « n'avions pas le droit de … » is the act
		{"fr", "KP", "Hyesan", "Nous n'avions pas le droit de quitter le district sans autorisation.", []string{"movement-restriction"}, nil},
		{"fr", "RU", "Chantier près de Khabarovsk", "Les ouvriers n'avaient pas le droit de sortir du dortoir.", []string{"movement-restriction"}, nil},
		{"fr", "KP", "Centre de détention d'Onsong", "Là-bas, on ne m'a pas battue.", nil, []string{"torture"}},
		// a polar question answered "no" asserts nothing; answered "yes" it does
		{"en", "KP", "Police holding centre", "INTERVIEWER: Did the guards beat you in that cell? WITNESS: No. They only shouted at us.", nil, []string{"torture"}},
		{"en", "KP", "Police holding centre", "Q: Were you ever beaten during questioning? A: Never, not once.", nil, []string{"torture"}},
		{"en", "KP", "Police holding centre", "Q: Were you beaten during questioning? A: Yes, every night, with a belt.", []string{"torture"}, nil},
		{"fr", "KP", "Centre de détention", "Q : Les gardiens vous ont-ils battu ? R : Non, ils criaient seulement.", nil, []string{"torture"}},
		{"fr", "KP", "Centre de détention", "Question : Avez-vous été torturée pendant les interrogatoires ? Réponse : Non, jamais.", nil, []string{"torture"}},
		{"fr", "KP", "Centre de détention", "Q : Avez-vous été battue pendant les interrogatoires ? R : Oui, tous les soirs.", []string{"torture"}, nil},
		{"ko", "KP", "보위부 구류장", "문: 계호원이 선생님을 때렸습니까? 답: 아니요, 욕만 했습니다.", nil, []string{"torture"}},
		{"ko", "KP", "보위부 구류장", "문: 조사 중에 구타를 당하셨나요? 답: 네, 매일 밤 맞았습니다.", []string{"torture"}, nil},
		// a negation reaching back over listed alternatives and "such things"
		{"ko", "CN", "도문 변방대", "공안들이 저를 발로 차거나 그런 일은 없었습니다.", nil, []string{"torture"}},
		{"ko", "KP", "청진", "저는 형처럼 잡히거나 갇힌 적은 한 번도 없습니다.", nil, []string{"arbitrary-detention"}},
		{"ko", "KP", "보위부 구류장", "조사원이 저를 때린 적은 없습니다.", nil, []string{"torture"}},
		{"en", "KP", "Chongjin", "My mother was never arrested or held by anyone.", nil, []string{"arbitrary-detention"}},
		// a threat or a conditional warning is not an act
		{"ko", "KP", "회령", "보위원은 너도 이제 관리소에 갈 거라고 말했습니다.", nil, []string{"political-prison-camp"}},
		{"en", "KP", "Hyesan", "The teacher warned that any pupil who stayed away from the work site would be expelled from school.", nil, []string{"education-denial"}},
		// a rumour the witness denies
		{"ko", "KP", "혜산", "동네 사람들은 보위부가 그 집을 감시한다고 수군댔지만 그건 헛소문이었습니다.", nil, []string{"privacy-surveillance"}},
		{"fr", "KP", "Musan", "Des voisins racontaient que son frère avait été fusillé, mais elle n'y croit pas.", nil, []string{"killing"}},
		{"en", "KP", "Musan", "Some neighbours said my brother had been shot by the guards, others said not.", nil, []string{"killing"}},
		// the French reporting conditional is an allegation, coded (as hearsay)
		{"fr", "KP", "Centre de détention de Hoeryong", "Selon un ancien codétenu, il aurait été roué de coups par les agents pendant les interrogatoires.", []string{"torture"}, nil},
		{"fr", "KP", "Onsong", "Son frère aurait été abattu par les gardes-frontières près du fleuve.", []string{"killing"}, nil},
		// Korean note-form: the clause ends on a noun
		{"ko", "KP", "보안서 구류장", "남동생 2009년 겨울 보안서 구류장에서 사망.", []string{"death-in-custody"}, nil},
		{"ko", "KP", "보안서 구류장", "남동생 조사 중 구타. 하루 옥수수 한 줌, 늘 굶주림.", []string{"torture"}, nil},
		{"ko", "KP", "보위부 구류장", "남동생 보위부 구류장에 수감. 조사 때 구타.", []string{"arbitrary-detention", "torture"}, nil},
		{"ko", "KP", "보위부 구류장", "남동생은 보위부 구류장에 수감되지 않았음.", nil, []string{"arbitrary-detention"}},
		// the noun 안 (inside) is not the negation 안 (not)
		{"ko", "KP", "집결소", "남동생은 겨울에 집결소 안에서 사망했습니다.", []string{"death-in-custody"}, nil},
		{"ko", "KP", "집결소", "남동생은 집결소에서 안 죽고 살아 나왔습니다.", nil, []string{"death-in-custody"}},
		// an embedded question does not assert its alternatives
		{"ko", "KP", "보위부", "아버지가 살았는지 죽었는지 아무도 알려 주지 않았습니다.", []string{"enforced-disappearance"}, []string{"death-in-custody", "killing"}},
		{"ko", "KP", "청진", "형은 보위부에 끌려갔는데, 살아 있는지 죽었는지 아무도 말해 주지 않았습니다.", []string{"arbitrary-detention"}, []string{"death-in-custody"}},
		{"ko", "KP", "청진", "형이 보위부에 끌려간 뒤 살았는지 죽었는지도 모른 채 이십 년이 지났습니다.", nil, []string{"death-in-custody"}},
		{"en", "KP", "Chongjin", "My brother was taken by the bowibu and nobody would say whether he had died there or was still alive.", nil, []string{"death-in-custody"}},
		{"fr", "KP", "Chongjin", "Son frère a été emmené par la Sécurité d'État et personne n'a dit à la famille s'il était mort ou vivant.", nil, []string{"death-in-custody"}},
		// a quoted rhetorical complaint is not an act of its own words
		{"ko", "KP", "단천", "아버지는 \"쌀 한 톨 못 주는 당이 무슨 당이냐\"고 말했다가 보위부에 잡혀갔습니다.", nil, []string{"food-deprivation"}},
		{"ko", "KP", "단천", "그해에는 배급을 한 번도 받지 못했습니다.", []string{"food-deprivation"}, nil},
	}
	checkSentences(t, c, []person{{"A", "Witness T-40", "female", "1980"}, {"B", "the witness's brother", "male", "1975"}}, "2010", cases)
}

// TestDenialStartsListed: the quick test before the denial index knows every first word.
func TestDenialStartsListed(t *testing.T) {
	for _, list := range [][][]string{denialEN, denialFR} {
		for _, p := range list {
			if !maybeDenialStart(p[0]) {
				t.Errorf("maybeDenialStart(%q) is false: add it to the switch", p[0])
			}
		}
	}
}
