package testimony

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// clearPos zeroes what Marshal does not write: positions and the path.
func clearPos(t *Testimony) {
	t.Pos, t.Path = Pos{}, ""
	for i := range t.Persons {
		t.Persons[i].Pos = Pos{}
	}
	for i := range t.Events {
		e := &t.Events[i]
		e.Pos, e.AccountPos = Pos{}, nil
		for j := range e.Acts {
			e.Acts[j].Pos = Pos{}
		}
		if e.Review != nil {
			e.Review.Pos = Pos{}
		}
	}
}

// TestMarshalRoundTrip: every testimony of the sample corpus and the fixtures, written
// by Marshal and read back, is the same testimony.
func TestMarshalRoundTrip(t *testing.T) {
	v := testVocab(t)
	c := (&Loader{Vocab: v}).Load("../../testimonies", "testdata/good")
	if len(c.Diags) != 0 {
		t.Fatal(oneLine(c.Diags))
	}
	for _, tm := range c.Testimonies {
		data, err := Marshal(tm)
		if err != nil {
			t.Fatal(err)
		}
		back, diags := Parse(tm.ID+".yaml", data, v)
		if len(diags) != 0 {
			t.Fatalf("%s: %s\n%s", tm.ID, oneLine(diags), data)
		}
		want := *tm
		clearPos(&want)
		clearPos(back)
		if !reflect.DeepEqual(&want, back) {
			t.Errorf("%s: round trip differs:\n%+v\n%+v", tm.ID, want, *back)
		}
	}
}

// TestMarshalLayout: the output looks like the spec's example, so that files written by
// dossier read like files written by hand.
func TestMarshalLayout(t *testing.T) {
	v := testVocab(t)
	data, err := os.ReadFile("testdata/good/PSC-2019-001.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tm, diags := Parse("PSC-2019-001.yaml", data, v)
	if len(diags) != 0 {
		t.Fatal(oneLine(diags))
	}
	out, err := Marshal(tm)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != string(data) {
		t.Errorf("Marshal:\n%s\nwant the file as written:\n%s", out, data)
	}
	// Text that YAML would read as something else is quoted.
	tm.Persons[0].Pseudonym = "null"
	tm.Persons[1].Pseudonym = "123"
	tm.Events[0].Place.Name = "Camp 15: Yodok"
	tm.Events[0].Account["en"] = "  leading spaces\ntrailing space \n"
	out, err = Marshal(tm)
	if err != nil {
		t.Fatal(err)
	}
	back, diags := Parse("PSC-2019-001.yaml", out, v)
	if len(diags) != 0 {
		t.Fatalf("%s\n%s", oneLine(diags), out)
	}
	if back.Persons[0].Pseudonym != "null" || back.Persons[1].Pseudonym != "123" || back.Events[0].Place.Name != "Camp 15: Yodok" || back.Events[0].Account["en"] != "  leading spaces\ntrailing space \n" {
		t.Errorf("not kept:\n%s", out)
	}
	tm.Persons[0].Pseudonym = "bad \xff"
	if _, err := Marshal(tm); err == nil || !strings.Contains(err.Error(), "PSC-2019-001") {
		t.Errorf("invalid UTF-8: %v", err)
	}
}
