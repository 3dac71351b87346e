package leak

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/pscore/dossier/internal/doc"
	"github.com/pscore/dossier/internal/testimony"
)

func TestDigitTable(t *testing.T) {
	// digitValue relies on every Nd range being whole runs of ten starting at zero.
	for _, r := range unicode.Nd.R16 {
		if r.Stride != 1 || (r.Hi-r.Lo+1)%10 != 0 {
			t.Errorf("Nd range %x-%x stride %d", r.Lo, r.Hi, r.Stride)
		}
	}
	for _, r := range unicode.Nd.R32 {
		if r.Stride != 1 || (r.Hi-r.Lo+1)%10 != 0 {
			t.Errorf("Nd range %x-%x stride %d", r.Lo, r.Hi, r.Stride)
		}
	}
	if digitValue('٣') != 3 || digitValue('３') != 3 || digitValue('x') != -1 {
		t.Error("digitValue")
	}
}

func TestFold(t *testing.T) {
	same := [][]string{
		{"김영희", "김 영 희", "김\u00ad영\u200b희", norm.NFD.String("김영희"), "김-영-희", "김\n영희"},
		{"010-1234-5678", "010 1234 5678", "01012345678", "０１０－１２３４－５６７８", "010‐1234‐5678", "010.1234.5678"},
		{"Kim Young-hee", "KIM YOUNGHEE", "kim young hee", "Kim Young\u00adhee", "Kim Young-\nhee"},
		{"Hélène", "HELENE", norm.NFD.String("Hélène")},
	}
	for _, group := range same {
		want := Fold(group[0])
		for _, s := range group[1:] {
			if got := Fold(s); got != want {
				t.Errorf("Fold(%q) = %q, want %q (as %q)", s, got, want, group[0])
			}
		}
	}
}

func scanOne(secrets []Secret, text string) []Hit {
	return NewScanner(secrets, nil).ScanText(Text{Where: "here", Text: text})
}

func TestSealedVariants(t *testing.T) {
	name := Secret{Testimony: "DEV-2014-001", Person: "A", Kind: KindName, Value: "김영희", Source: "sealed.yaml:4:9"}
	latin := Secret{Testimony: "DEV-2014-001", Person: "A", Kind: KindName, Value: "Kim Young-hee"}
	phone := Secret{Testimony: "DEV-2014-001", Person: "A", Kind: KindPhone, Value: "010-1234-5678"}
	born := Secret{Testimony: "DEV-2014-001", Person: "A", Kind: KindBirthDate, Value: "1985-03-03"}
	email := Secret{Testimony: "DEV-2014-001", Person: "A", Kind: KindEmail, Value: "younghee85@example.org"}
	addr := Secret{Testimony: "DEV-2014-001", Person: "A", Kind: KindAddress, Value: "서울특별시 양천구 목동로 123"}
	cases := []struct {
		s    Secret
		text string
		want bool
	}{
		{name, "증인 김 영 희는 2009년에 송환되었다.", true},
		{name, "증인 김영희가", true},
		{name, "증인 " + norm.NFD.String("김영희") + "가", true},
		{name, "증인 김\u200b영\u00ad희", true},
		{name, "김영화는", false},
		{name, "김영", false},
		{latin, "the witness, KIM Young hee, said", true},
		{latin, "the witness Young-hee Kim said", true},
		{latin, "Kim Young-\nhee", true},
		{latin, "Kim Youngheeson", false},
		{phone, "call 010 1234 5678 now", true},
		{phone, "call 01012345678", true},
		{phone, "call +82 10-1234-5678", true},
		{phone, "call ０１０－１２３４－５６７８", true},
		{phone, "call 010-1234-56789", false},
		{born, "born on 3 March 1985 in Hoeryong", true},
		{born, "née le 3 mars 1985", true},
		{born, "1985년 3월 3일생", true},
		{born, "1985. 3. 3.", true},
		{born, "03/03/1985", true},
		{born, "850303-2123456", true},
		{born, "on 4 March 1985", false},
		{email, "write to YoungHee85@Example.org", true},
		{email, "her handle younghee85 on a forum", true},
		{addr, "서울특별시 양천구 목동로123", true},
	}
	for _, c := range cases {
		hits := scanOne([]Secret{c.s}, c.text)
		got := false
		for _, h := range hits {
			if h.Kind == HitSealed {
				got = true
				if strings.Contains(h.String(), c.s.Value) {
					t.Errorf("message shows the sealed value: %s", h)
				}
			}
		}
		if got != c.want {
			t.Errorf("%s %q in %q: found %v, want %v (%v)", c.s.Kind, c.s.Value, c.text, got, c.want, hits)
		}
	}
}

func TestPatterns(t *testing.T) {
	cases := []struct {
		text string
		want HitKind // "" for none
	}{
		{"RRN 850303-2123456 of the witness", HitRRN},
		{"RRN 8503032123456", HitRRN},
		{"RRN 850303-2******", HitRRN},
		{"RRN 851303-2123456", ""}, // month 13
		{"RRN 850303-9123456", ""}, // gender digit
		{"call 010-1234-5678", HitPhone},
		{"call 010 1234 5678", HitPhone},
		{"call 01012345678", HitPhone},
		{"call +82 10 1234 5678", HitPhone},
		{"call +82-2-123-4567", HitPhone},
		{"call 02-123-4567", HitPhone},
		{"call (02) 1234-5678", HitPhone},
		{"call 031-123-4567", HitPhone},
		{"call +86 138 1234 5678", HitPhone},
		{"call 13812345678", HitPhone},
		{"call +41 22 917 9000", HitPhone},
		{"call ０１０－１２３４－５６７８", HitPhone},
		{"call 010-1234-\n5678", HitPhone},
		{"in 2009-2011 about 1,234 people", ""},
		{"A/HRC/58/NGO/12 and ISBN 978-0-12-345678-9", ""},
		{"mail kim.yh@example.org", HitEmail},
		{"mail kim.yh＠example.org", HitEmail},
		{"mail kim [at] example [dot] org", HitEmail},
		{"mail kim (at) example.org", HitEmail},
		{"she was born on 3 March 1985 in Hoeryong", HitBirthDate},
		{"DOB: 1985-03-03", HitBirthDate},
		{"date of birth 03/03/1985", HitBirthDate},
		{"née le 3 mars 1985 à Hoeryong", HitBirthDate},
		{"1985년 3월 3일생", HitBirthDate},
		{"생년월일: 1985. 3. 3.", HitBirthDate},
		{"생년월일 850303", HitBirthDate},
		{"she was arrested on 3 March 2009", ""},
		{"born in 1985", ""},
	}
	for _, c := range cases {
		hits := scanOne(nil, c.text)
		var got HitKind
		if len(hits) > 0 {
			got = hits[0].Kind
		}
		if got != c.want {
			t.Errorf("%q: got %q, want %q (%v)", c.text, got, c.want, hits)
		}
	}
}

func TestBirthDateNextToPerson(t *testing.T) {
	s := NewScanner(nil, []string{"Witness S-14"})
	hits := s.ScanText(Text{Where: "x", Text: "Witness S-14 (3 March 1985) was held in Sinuiju."})
	if len(hits) != 1 || hits[0].Kind != HitBirthDate {
		t.Fatalf("hits = %v", hits)
	}
	hits = s.ScanText(Text{Where: "x", Text: "Witness S-14 was arrested on 3 March 2009."})
	if len(hits) != 0 {
		t.Fatalf("hits = %v", hits)
	}
}

func TestHitMessage(t *testing.T) {
	hits := scanOne(nil, "call 010-1234-5678")
	if len(hits) != 1 {
		t.Fatal(hits)
	}
	h := hits[0]
	h.Where = "upr-dprk.fr.pdf: block 14 (paragraph)"
	msg := h.String()
	if !strings.Contains(msg, `upr-dprk.fr.pdf: block 14 (paragraph): phone number "010-…"`) || strings.Contains(msg, "5678") {
		t.Errorf("message = %s", msg)
	}
}

func TestCheckValue(t *testing.T) {
	bad := [][2]string{
		{KindName, "김"}, {KindName, " "}, {KindBirthDate, "1985"}, {KindBirthDate, "3 March 1985"},
		{KindPhone, "12345"}, {KindEmail, "kim"}, {"nickname", "Kim"}, {KindName, "a\nb"},
	}
	for _, b := range bad {
		if CheckValue(b[0], b[1]) == nil {
			t.Errorf("CheckValue(%q, %q) accepted", b[0], b[1])
		}
	}
	good := [][2]string{{KindName, "김영"}, {KindBirthDate, "1985-03-03"}, {KindPhone, "+82 10 1234 5678"}, {KindEmail, "a@b.org"}}
	for _, g := range good {
		if err := CheckValue(g[0], g[1]); err != nil {
			t.Errorf("CheckValue(%q, %q): %v", g[0], g[1], err)
		}
	}
}

func TestWaivers(t *testing.T) {
	secret := Secret{Testimony: "DEV-2014-001", Person: "A", Kind: KindPhone, Value: "010-9999-8888"}
	s := NewScanner([]Secret{secret}, nil)
	texts := []Text{
		{Where: "upr.en.pdf: block 3 (paragraph)", Text: "Contact: info@ngo.example, +82 2 123 4567."},
		{Where: "upr.en.pdf: block 4 (paragraph)", Text: "Her number 010-9999-8888."},
	}
	hits := s.Scan(texts)
	ws, d := ParseWaivers("waivers.yaml", []byte(`waivers:
  - text: info@ngo.example
    reason: the organisation's public address
    by: staff-03
  - text: "+82 2 123 4567"
    where: block 3
    kind: phone
    reason: office switchboard
    by: staff-03
  - text: "010-9999-8888"
    reason: trying to waive a sealed value
    by: staff-09
`))
	if len(d) != 0 {
		t.Fatal(d)
	}
	blocking, waived, d := ApplyWaivers(hits, ws, s)
	if len(waived) != 2 {
		t.Errorf("waived = %v", waived)
	}
	for _, h := range waived {
		if !strings.Contains(h.String(), "waived by staff-03") {
			t.Errorf("waived message: %s", h)
		}
	}
	if len(blocking) != 2 { // the sealed value, and the same number as a phone pattern
		t.Errorf("blocking = %v", blocking)
	}
	if d.Errors() != 1 || !strings.Contains(d[0].String(), "waivers.yaml:10:5: this waiver's text contains a sealed phone") {
		t.Errorf("diags = %v", d)
	}
	if strings.Contains(d.Err().Error(), "9999") {
		t.Error("the diagnostic shows the sealed value")
	}
	if un := UnusedWaivers(ws, waived); len(un) != 1 || un[0].Line != 10 {
		t.Errorf("unused = %v", un)
	}

	_, d = ParseWaivers("w.yaml", []byte("waivers:\n  - text: x\n    kind: sealed\n"))
	if d.Errors() != 3 {
		t.Errorf("bad waiver diags = %v", d)
	}
}

func TestConsent(t *testing.T) {
	if !Allows("public", "public") || Allows("public", "confidential") || !Allows("confidential", "public") ||
		!Allows("confidential", "confidential") || Allows("confidential", "internal") || Allows("internal", "internal") || Allows("public", "") {
		t.Error("Allows")
	}
	pub := &testimony.Testimony{ID: "DEV-2020-001", Source: testimony.Source{Consent: "public", Language: "en"},
		Persons: []testimony.Person{{Ref: "A", Pseudonym: "Witness A-01"}},
		Events: []testimony.Event{{ID: "e1", Place: testimony.Place{Name: "State Security Department holding facility, Sinuiju"},
			Account: map[string]string{"en": "I was held in Sinuiju for a month and beaten every night by the guards of the facility."}}}}
	conf := &testimony.Testimony{ID: "DEV-2014-001", Source: testimony.Source{Consent: "confidential", Language: "en"},
		Persons: []testimony.Person{{Ref: "A", Pseudonym: "Witness S-14"}, {Ref: "B", Pseudonym: "the witness's husband"}},
		Events: []testimony.Event{
			{ID: "e1", Place: testimony.Place{Name: "Public security detention cells, Dandong"},
				Account: map[string]string{"en": "I had been working in a restaurant kitchen in Dandong for almost two years when the Chinese police came to check papers."}},
			{ID: "e2", Place: testimony.Place{Name: "State Security Department holding facility, Sinuiju"},
				Account: map[string]string{"ko": "신의주 보위부 구류장에서 나이 많은 여성 간부가 우리를 한 명씩 옷을 벗기고 몸을 검사했다. 그 뒤 몇 주가 지나 나는 심한 염증을 앓았다."}},
		},
	}
	ci := NewConsentIndex([]*testimony.Testimony{pub, conf}, "public")
	check := func(text string, want string) {
		t.Helper()
		hits := ci.Scan([]Text{{Where: "upr.en.pdf: block 2 (paragraph)", Text: text}})
		got := ""
		if len(hits) > 0 {
			got = hits[0].Consent.What
			if !strings.Contains(hits[0].String(), "DEV-2014-001") {
				t.Errorf("message: %s", hits[0])
			}
		}
		if got != want {
			t.Errorf("%q: got %q, want %q (%v)", text, got, want, hits)
		}
	}
	check("As she told us: I had been working in a restaurant kitchen in Dandong for almost two years.", "account")
	check("I had been WORKING in a restaurant-kitchen in\nDandong for almost", "account")
	check("그는 신의주 보위부 구류장에서 나이 많은 여성 간부가 우리를 한 명씩 옷을 벗겼다고 말했다.", "account")
	check("Witness S-14 was returned from China.", "pseudonym")
	check("Le témoin S‑14 a été renvoyé.", "pseudonym")
	check("She was held at the Public security detention cells, Dandong.", "place name")
	check("Witness A-01 was held at the State Security Department holding facility, Sinuiju.", "") // allowed testimony's place
	check("Many were held in Dandong and Sinuiju; the witness's husband too.", "")                 // generic
	check("Articles 14 and paragraphs 14-15 apply.", "")
	check("I was held in Sinuiju for a month and beaten every night by the guards.", "")

	// A confidential output may carry the confidential testimony.
	ci = NewConsentIndex([]*testimony.Testimony{pub, conf}, "confidential")
	if hits := ci.Scan([]Text{{Where: "x", Text: "Witness S-14 was working in a restaurant kitchen in Dandong for almost two years"}}); len(hits) != 0 {
		t.Errorf("confidential output: %v", hits)
	}

	d := CheckSelection([]*testimony.Testimony{pub, conf}, "public", "reports/upr/report.yaml")
	if d.Errors() != 1 || !strings.Contains(d[0].Message, "DEV-2014-001") {
		t.Errorf("selection: %v", d)
	}
}

func TestDocTexts(t *testing.T) {
	d := &doc.Document{
		Meta: doc.Meta{Title: "Report on RRN 850303-2123456"},
		Blocks: []doc.Block{
			doc.Para(true, &doc.Text{Text: "The witness "}, &doc.Strong{Content: doc.T("김")}, &doc.Text{Text: "영희 said"},
				&doc.Footnote{Content: doc.T("Interview by phone, 010-1234-5678.")}),
			&doc.Table{Rows: []*doc.Row{{Cells: []*doc.Cell{{Content: doc.T("x")}, {Content: doc.T("kim@example.org")}}}}},
		},
	}
	s := NewScanner([]Secret{{Testimony: "T", Person: "A", Kind: KindName, Value: "김영희"}}, nil)
	hits := s.Scan(DocTexts("r.ko.pdf", d))
	var got []string
	for _, h := range hits {
		got = append(got, h.Where+" "+string(h.Kind))
	}
	want := []string{
		"r.ko.pdf: meta title resident registration number",
		"r.ko.pdf: block 1 (paragraph) sealed value",
		"r.ko.pdf: block 1 (paragraph), footnote phone number",
		"r.ko.pdf: block 2 (table), row 1, cell 2 e-mail address",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("hits:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestEmailInKorean(t *testing.T) {
	for text, want := range map[string]string{
		"연락처는kim@example.org로 보냈다":      "kim@example.org",
		"2023년 10월 17일.kim@example.org": "kim@example.org",
		"문의: 김영희@예시.한국 입니다":             "김영희@예시.한국",
	} {
		hits := scanOne(nil, text)
		if len(hits) != 1 || hits[0].Kind != HitEmail || hits[0].Text != want {
			t.Errorf("%q: %v", text, hits)
		}
	}
}

func TestDocTextsFootnotes(t *testing.T) {
	d := &doc.Document{Blocks: []doc.Block{doc.Para(true,
		&doc.Text{Text: "See 17 October 2023."}, &doc.Footnote{Content: doc.T("OHCHR, 17 October 2023.")},
		&doc.Text{Text: " And more."}, &doc.Footnote{Content: doc.T("kim@example.org")})}}
	texts := DocTexts("", d)
	if len(texts) != 2 || texts[0].Text != "See 17 October 2023.\n And more." || texts[1].Text != "OHCHR, 17 October 2023.\nkim@example.org" {
		t.Errorf("%q", texts)
	}
}

func TestPatternsSpreadDigits(t *testing.T) {
	for _, text := range []string{"+41 22 91 79 00", "+33 1 23 45 67 89", "02 12 34 56 78 9"} {
		if hits := scanOne(nil, "tel. "+text); len(hits) == 0 && text != "02 12 34 56 78 9" {
			t.Errorf("%q: no hit", text)
		}
	}
}
