package seal

import (
	"testing"
)

// FuzzSealParse checks that reading a sealed file never panics, and that whatever it
// accepts survives a write and a read unchanged (seal add and remove rewrite the file).
func FuzzSealParse(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("schema: 1\nsealed: {}\n"))
	f.Add([]byte("sealed:\n  DEV-2014-001:\n    A: [{kind: other, value: \"a: b # c\"}, {kind: email, value: 'x@y.z'}]\n"))
	f.Add([]byte("sealed:\n  DEV-2014-001:\n    \"A\\nB\": [{kind: name, value: \"\\t김영희\\u00ad\"}]\n"))
	f.Add([]byte("&a [*a, *a]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, _ := Parse("f", data)
		s := &Store{Entries: entries}
		out := s.Marshal()
		again, d := Parse("g", out)
		if d.Errors() > 0 {
			t.Fatalf("a written sealed file does not read back: %v\n%s", d, out)
		}
		if len(again) != len(entries) {
			t.Fatalf("%d entries written, %d read back\n%s", len(entries), len(again), out)
		}
		for i, e := range s.Sorted() {
			a := again[i]
			if a.Testimony != e.Testimony || a.Person != e.Person || a.Kind != e.Kind || a.Value != e.Value {
				t.Fatalf("entry %d: wrote %+v, read %+v\n%s", i, e, a, out)
			}
		}
	})
}
