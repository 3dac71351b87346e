package testimony

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
	"time"
)

// FuzzParse feeds the parser arbitrary bytes. Seeds: the sample corpus, the fixtures of
// testdata/good and testdata/bad, and testdata/fuzz/FuzzParse (inputs fuzzing found, and
// hostile ones). `go test` runs the seeds; `go test -fuzz FuzzParse` explores:
//
//	go test -run '^$' -fuzz FuzzParse -fuzztime 3m ./internal/testimony
//
// For every input: no panic; every diagnostic has this file's path, a line and a column
// >= 1 (whole-file problems are placed at 1:1) and a message, sorted; the result is the
// same when parsed again; where the fast reader answers, yaml.v3 gives the same tree; and
// a testimony without errors, written by Marshal, reads back the same.
// slowParse is a thousand times what an input of fuzzing's sizes needs: past it,
// something is quadratic or worse (or hangs).
const slowParse = 2 * time.Second

func FuzzParse(f *testing.F) {
	var seeds []string
	for _, glob := range []string{"../../testimonies/*.yaml", "testdata/good/*.yaml", "testdata/bad/*/*.yaml", "testdata/bad/*/*/*.yaml"} {
		m, _ := filepath.Glob(glob)
		seeds = append(seeds, m...)
	}
	if len(seeds) < 60 {
		f.Fatalf("only %d seed files", len(seeds))
	}
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, text := range fastCases {
		f.Add([]byte(text))
	}
	v := testVocab(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "fuzz" // not a .yaml name: no file-name check
		start := time.Now()
		tm, diags := Parse(name, data, v)
		if d := time.Since(start); d > slowParse {
			t.Fatalf("Parse took %v for %d bytes", d, len(data))
		}
		for _, d := range diags {
			if d.Path != name || d.Line < 1 || d.Col < 1 || d.Message == "" {
				t.Fatalf("diagnostic without a place or a message: %#v", d)
			}
		}
		if !sort.SliceIsSorted(diags, func(i, j int) bool {
			a, b := diags[i], diags[j]
			return a.Line < b.Line || a.Line == b.Line && (a.Col < b.Col || a.Col == b.Col && a.Message < b.Message)
		}) {
			t.Fatalf("diagnostics not sorted: %v", diags)
		}
		tm2, diags2 := Parse(name, data, v)
		if !reflect.DeepEqual(diags, diags2) || !reflect.DeepEqual(tm, tm2) {
			t.Fatalf("not deterministic:\n%v\n%v", diags, diags2)
		}
		checkFast(t, "input", data)
		if tm == nil || diags.Errors() > 0 {
			return
		}
		out, err := Marshal(tm)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		back, d3 := Parse(name, out, v)
		if d3.Errors() > 0 {
			t.Fatalf("Marshal wrote what Parse refuses: %v\n%s", d3, out)
		}
		want := *tm
		clearPos(&want)
		clearPos(back)
		if !reflect.DeepEqual(&want, back) {
			t.Fatalf("Marshal round trip differs:\n%+v\n%+v\n%s", want, *back, out)
		}
	})
}

// FuzzFastParse explores the fast reader alone from small seeds (its corner cases), where
// mutations reach its edges faster than from whole testimonies: wherever it answers, it
// must answer as yaml.v3 does.
func FuzzFastParse(f *testing.F) {
	for _, text := range fastCases {
		f.Add([]byte(text))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFast(t, "input", data)
	})
}
