package testimony

import (
	"github.com/pscore/dossier/internal/yamlnode"

	"os"
	"path/filepath"
	"strings"
	"testing"
)

// yamlV3 parses with yaml.v3 alone, for comparison.
func yamlV3(data []byte) (root *yamlNode, err error) {
	doc, _, err := yamlnode.DecodeDoc(data)
	if err != nil || doc == nil || len(doc.Content) == 0 {
		return nil, err
	}
	return doc.Content[0], nil
}

// checkFast asserts that where fastParse answers, it answers as yaml.v3 does. It returns
// whether fastParse answered.
func checkFast(t testing.TB, name string, data []byte) bool {
	t.Helper()
	doc, release, ok := fastParse(data)
	if !ok {
		return false
	}
	defer release()
	want, err := yamlV3(data)
	if err != nil {
		t.Errorf("%s: fastParse accepted what yaml.v3 refuses (%v):\n%q", name, err, truncate(string(data), 500))
		return true
	}
	if len(doc.Content) != 1 || !sameTree(doc.Content[0], want) {
		t.Errorf("%s: fastParse and yaml.v3 differ:\n%s\nvs\n%s", name, dumpNode(doc.Content[0], ""), dumpNode(want, ""))
	}
	return true
}

// TestFastParseMatchesYAMLv3 runs the fast reader and yaml.v3 on every file the tests
// have and on variants, and requires the fast reader to take the files testimonies are.
func TestFastParseMatchesYAMLv3(t *testing.T) {
	var files []string
	for _, glob := range []string{"../../testimonies/*.yaml", "testdata/good/*.yaml", "testdata/bad/*/*.yaml", "testdata/bad/*/*/*.yaml"} {
		m, _ := filepath.Glob(glob)
		files = append(files, m...)
	}
	taken := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if checkFast(t, f, data) {
			taken++
		} else if !strings.Contains(f, "testdata/bad") {
			t.Errorf("%s: the fast reader gave up on a plain testimony", f)
		}
		checkFast(t, f+" (CRLF)", []byte(strings.ReplaceAll(string(data), "\n", "\r\n")))
	}
	if taken < 60 {
		t.Errorf("fast reader took only %d of %d files", taken, len(files))
	}
	for name, text := range fastCases {
		if !checkFast(t, name, []byte(text)) {
			t.Errorf("%s: the fast reader gave up", name)
		}
	}
}

// fastCases are the corners of the subset.
var fastCases = map[string]string{
	"null values":         "a:\nb: ~\nc: null\nd:   # c\ne: x\n",
	"scalars":             "a: 1\nb: -1.5\nc: 0x1F\nd: 1_000\ne: .inf\nf: true\ng: False\nh: 2011-05-03\ni: 2011-05\nj: 2011\nk: 12:30\nl: http://x.org/a#b\nm: a # comment\nn: yes\no: 0o17\np: 0b101\nq: -0b1\nr: +1\ns: .5\nt: 1e3\nu: 9999999999999999999999\nv: 2011-05-03T10:00:00Z\nw: 2011-5-3\nx: <<\ny: 1.\nz: -.inf\n",
	"quoted":              "a: \"x: y # z\"\nb: 'it''s'\nc: \"\"\nd: ''\ne: \"1985\"   # quoted\n",
	"flow lists":          "a: [1, 2.5, x y, 'q', \"r\"]\nb: []\nc: [ a ,b ]\nd: [ICCPR-12.2]  # c\n",
	"literal":             "a: |\n  one\n\n  two\n\n\nb: |-\n  x\n   y\nc: |  # comment\n    deep\n  # not content\nd: |\ne: |\n\n  lead\n",
	"indentless sequence": "a:\n- x\n- y: 1\n  z: 2\nb: c\n",
	"nested":              "a:\n  b:\n    - c: 1\n      d:\n        - e\n        - f\n    -   g: h\n  i: j\n",
	"comments":            "# head\na: b # line\n  # indented comment\n\n# between\nc:\n  # before\n  - d\n# foot\n",
	"unicode":             "이름: 증인 가\nb: café\nc: \"한국어\"\nd: |\n  보위부 구류장에서\n",
	"keys":                "1: a\ntrue: b\n2011-05: c\na b: d\na:b: e\n",
	"compact scalar item": "- a\n- 'b'\n- [c]\n- |\n  d\n",
	"deep literal in seq": "a:\n  - |\n    x\n  - y\n",
	"top indented":        "  a: b\n  c: d\n",
	"trailing spaces":     "a: b   \nc: |\n  d  \n",
}

func dumpNode(n *yamlNode, indent string) string {
	if n == nil {
		return indent + "<nil>\n"
	}
	s := indent + nodeString(n) + "\n"
	for _, c := range n.Content {
		s += dumpNode(c, indent+"  ")
	}
	return s
}
