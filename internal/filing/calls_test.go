package filing

import (
	"strings"
	"testing"

	"github.com/pscore/dossier/internal/report"
)

func TestScanCalls(t *testing.T) {
	src := "# Title\n\nSee {{ cite \"DEV-2014-004\" }} and {{/* a note */}}more.\n\n{{ chart \"acts-by-year\" }}\n"
	s, d := scanCalls(&report.SectionFile{Path: "s.en.md", Source: []byte(src)})
	if len(d) != 0 {
		t.Fatalf("diags: %v", d)
	}
	if len(s.calls) != 2 || s.calls[0].Name != "cite" || s.calls[0].Args[0] != "DEV-2014-004" || s.calls[0].Line != 3 || s.calls[0].Col != 5 {
		t.Errorf("calls[0] = %+v", s.calls[0])
	}
	if s.calls[1].Name != "chart" || s.calls[1].Line != 5 || s.calls[1].Col != 1 {
		t.Errorf("calls[1] = %+v", s.calls[1])
	}
	want := "# Title\n\nSee " + placeholder(0) + " and more.\n\n" + placeholder(1) + "\n"
	if string(s.out) != want {
		t.Errorf("out = %q, want %q", s.out, want)
	}
}

func TestScanCallsErrors(t *testing.T) {
	src := strings.Join([]string{
		`Intro {{ case "DEV-2014-004" `, // 1: unterminated call (no }})
		``,                              // 2
		`Then {{ recomendations }} and {{ cite X }}.`, // 3: unknown call; unquoted argument
		`{{ chart "acts-by-year" "extra" }}`,          // 4: too many arguments
		`{{ if .X }}x{{ end }}`,                       // 5: control structure
		`{{ cite "unterminated }}`,                    // 6: unterminated string
		`{{ .Title }} {{ count "cases" | printf }}`,   // 7: field; pipeline
		`fine {{ cite "DEV-2014-004" }}`,              // 8: fine
		`{{ count "acts"`,                             // 9: unclosed at end of file
	}, "\n")
	s, d := scanCalls(&report.SectionFile{Path: "s.en.md", Source: []byte(src)})
	got := lines(d)
	for _, w := range []string{
		`s.en.md:1:7: unclosed call {{ case "DEV-2014-004": it has no closing }}`,
		`s.en.md:3:9: unknown call "recomendations" (did you mean "recommendations"?)`,
		`s.en.md:3:39: cite: argument X must be a quoted string`,
		`s.en.md:4:1: chart takes 1 argument(s)`,
		`s.en.md:5:1: {{ if }} is not available in sections`,
		`s.en.md:6:1: unterminated string in {{ cite "unterminated }}`,
		`s.en.md:7:1: unknown call {{ .Title }}`,
		`s.en.md:7:14: bad call {{ count "cases" | printf }}: pipelines (|) are not available`,
		`s.en.md:9:1: unclosed call {{ count "acts": it has no closing }}`,
	} {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q", w)
		}
	}
	if t.Failed() {
		t.Logf("got:\n%s", got)
	}
	if len(s.calls) != 1 || s.calls[0].Line != 8 {
		t.Errorf("calls = %+v", s.calls)
	}
}

// FuzzScanCalls: reading the calls of any text never panics, keeps every line where it
// was (Markdown positions stay those of the file), and gives every call a position
// inside the file.
func FuzzScanCalls(f *testing.F) {
	for _, s := range []string{
		"", "plain text\n", `{{ case "PSC-2019-0042" }}`, "a {{ cite \"X\" }} b\n\n{{ chart \"acts-by-year\" }}\n",
		"{{ case \"X\" ", "{{ if .X }}y{{ end }}", "{{/* c\n */}}", "{{ count `raw\nstring` }}", "{{ \"unterminated }}",
		"{{ cite \"X\" | printf }}", "{{ $x := 1 }}", "}} {{ {{", "{{-  cases  -}}", "{{ table \"acts-by-type\" \"x\" }}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		s, _ := scanCalls(&report.SectionFile{Path: "f.md", Source: []byte(src)})
		if a, b := strings.Count(src, "\n"), strings.Count(string(s.out), "\n"); a != b {
			t.Fatalf("%d lines in, %d out", a, b)
		}
		nl := strings.Count(src, "\n") + 1
		for _, c := range s.calls {
			if c.Line < 1 || c.Line > nl || c.Col < 1 || c.Start < 0 || c.End > len(src) || c.Start >= c.End {
				t.Fatalf("call %+v out of the file", c)
			}
		}
	})
}
