package leak

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/pscore/dossier/internal/doc"
)

// notPrinted are the string fields of the doc model that writers never print as text:
// anchors, languages, internal link targets. Every other string field must reach the
// text the leak scan sees; this test fails when the model gains a printed field that
// doc.Pieces does not walk.
var notPrinted = map[string]bool{
	"Anchor": true, // link targets
	"Lang":   true, // language code
	"Href":   true, // walked separately: external targets are, "#…" are anchors
}

// fill sets every string field reachable from v to a unique marker, and puts one of
// every block and inline type where a list of them is expected.
func fill(v reflect.Value, path string, markers map[string]string, depth int) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		fill(v.Elem(), path, markers, depth)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() || notPrinted[f.Name] {
				continue
			}
			fill(v.Field(i), path+"."+f.Name, markers, depth)
		}
	case reflect.String:
		m := fmt.Sprintf("zq%dqz", len(markers))
		markers[m] = path
		v.SetString(m)
	case reflect.Slice:
		if depth > 3 {
			return
		}
		switch v.Type() {
		case reflect.TypeOf([]doc.Block{}):
			blocks := []doc.Block{&doc.Heading{}, &doc.Paragraph{}, &doc.List{}, &doc.Table{}, &doc.Chart{},
				&doc.Cover{}, &doc.Annex{}, &doc.Quote{}, &doc.Code{}}
			for _, b := range blocks {
				fill(reflect.ValueOf(b), path+"["+reflect.TypeOf(b).Elem().Name()+"]", markers, depth+1)
			}
			v.Set(reflect.ValueOf(blocks))
		case reflect.TypeOf([]doc.Inline{}):
			inls := []doc.Inline{&doc.Text{}, &doc.Emph{}, &doc.Strong{}, &doc.CodeSpan{}, &doc.Link{Href: "https://x.example"},
				&doc.Footnote{}, &doc.CaseRef{}}
			for _, in := range inls {
				fill(reflect.ValueOf(in), path+"["+reflect.TypeOf(in).Elem().Name()+"]", markers, depth+1)
			}
			v.Set(reflect.ValueOf(inls))
		default:
			s := reflect.MakeSlice(v.Type(), 1, 1)
			fill(s.Index(0), path+"[0]", markers, depth+1)
			v.Set(s)
		}
	}
}

func TestDocTextsSeeEveryPrintedField(t *testing.T) {
	d := &doc.Document{}
	markers := map[string]string{}
	fill(reflect.ValueOf(d), "Document", markers, 0)
	var all strings.Builder
	for _, tx := range DocTexts("x", d) {
		all.WriteString(tx.Text + "\n")
	}
	for m, path := range markers {
		if !strings.Contains(all.String(), m) {
			t.Errorf("%s is not in the text the leak scan sees (doc.Pieces does not walk it)", path)
		}
	}
}
