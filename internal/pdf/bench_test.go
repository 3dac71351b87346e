package pdf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pscore/dossier/internal/doc"
	"github.com/pscore/dossier/internal/markdown"
)

var benchParas = []string{
	"Witnesses describe cells so crowded that detainees could not lie down, food rations below subsistence, and forced labour from dawn to nightfall. “We were counted four times a day,” one witness said, “and beaten if the count was wrong.”[^n%d] Such treatment is prohibited by article 7 of the *International Covenant on Civil and Political Rights*.",
	"Les témoins décrivent des cellules si surpeuplées que les détenus ne pouvaient s’allonger, des rations inférieures au minimum vital et un travail forcé de l’aube à la nuit. « On nous comptait quatre fois par jour », a déclaré un témoin ; qu’en est-il de l’œuvre de la justice ?[^n%d]",
	"증인들은 수감자들이 누울 수조차 없을 만큼 과밀한 감방, 생존에 못 미치는 식량 배급, 새벽부터 밤까지 이어지는 강제노동을 묘사한다. 한 증인은 “하루에 네 번 인원 점검을 했고, 숫자가 맞지 않으면 맞았다”고 말했다.[^n%d] 이러한 대우는 「시민적 및 정치적 권리에 관한 국제규약」 제7조에 의하여 금지된다.",
}

// bigMarkdown writes a trilingual document of about pages pages, with footnotes,
// tables and charts.
func bigMarkdown(sections int) string {
	var b strings.Builder
	b.WriteString("---\ntitle: Benchmark\nlang: en\ndate: 2026-01-01\norgan: Human Rights Council\nsymbol: A/HRC/00/NGO/0\n---\n\n")
	note := 0
	for s := 1; s <= sections; s++ {
		fmt.Fprintf(&b, "# Section %d\n\n", s)
		for sub := 1; sub <= 2; sub++ {
			fmt.Fprintf(&b, "## Part %d.%d\n\n", s, sub)
			for p := 0; p < 6; p++ {
				note++
				fmt.Fprintf(&b, benchParas[(s+p)%3]+"\n\n", note)
				fmt.Fprintf(&b, "[^n%d]: Note %d: interview conducted in Seoul; 면담은 서울에서 진행되었다; entretien mené à Séoul.\n\n", note, note)
			}
		}
		if s%2 == 0 {
			b.WriteString("| Case | Place | Period | Agency |\n|:--|:--|:-:|:--|\n")
			for r := 0; r < 14; r++ {
				fmt.Fprintf(&b, "| DEV-2014-%03d | 혜산 Hyesan | 201%d | Ministère de la sécurité de l’État |\n", r, r%10)
			}
			b.WriteString("\n")
		} else {
			b.WriteString("```chart\ntitle: Accounts by year\nunit: accounts\ndata:\n  \"2012\": 4\n  \"2013\": 7\n  \"2014\": 12\n  \"2015\": 9\n  \"2016\": 5\n```\n\n")
		}
	}
	return b.String()
}

func bigDoc(tb testing.TB) *doc.Document {
	d, diags := markdown.Parse([]byte(bigMarkdown(54)), markdown.Options{Path: "bench.md", Numbered: true})
	if err := diags.Err(); err != nil {
		tb.Fatal(err)
	}
	return d
}

func TestBigDocument(t *testing.T) {
	d := bigDoc(t)
	path, res := render(t, d, Options{Mark: "CONFIDENTIAL"})
	if res.Pages < 95 || res.Pages > 130 {
		t.Errorf("benchmark document has %d pages, want about 100", res.Pages)
	}
	out, err := runQpdf(t, path)
	if err != nil {
		t.Errorf("qpdf: %v\n%s", err, out)
	}
}

func runQpdf(t *testing.T, path string) (string, error) {
	t.Helper()
	return tool(t, "qpdf", "--check", path), nil
}

// BenchmarkRender100Pages renders a trilingual document of about 100 pages with
// tables, footnotes and charts. Target: under 0.5 s and 150 MB on two cores.
func BenchmarkRender100Pages(b *testing.B) {
	d := bigDoc(b)
	b.ReportAllocs()
	pages := 0
	for b.Loop() {
		res, err := Render(d, Options{Mark: "CONFIDENTIAL"})
		if err != nil {
			b.Fatal(err)
		}
		pages = res.Pages
	}
	b.ReportMetric(float64(pages), "pages")
}
