package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
	"testing"
)

// Every stream of the output is compressed: the content streams (by the pooled writer
// of compressStreams), the ToUnicode maps and the font files; each inflates to its
// declared length, and the rewritten cross-reference table points at its objects.
func TestStreamsCompressed(t *testing.T) {
	res, err := Render(sample(t, "ko"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	raw := res.PDF
	heads := regexp.MustCompile(`(?s)(\d+) 0 obj\n<<(.{0,200}?)>>\nstream\n`).FindAllSubmatchIndex(raw, -1)
	if len(heads) < 8 {
		t.Fatalf("only %d streams", len(heads))
	}
	reLen := regexp.MustCompile(`/Length (\d+)`)
	for _, h := range heads {
		dict := raw[h[4]:h[5]]
		if !bytes.Contains(dict, []byte("/FlateDecode")) {
			if bytes.Contains(dict, []byte("/Metadata")) {
				continue // XMP stays readable, as it should
			}
			t.Errorf("object %s: stream not compressed: <<%s>>", raw[h[2]:h[3]], dict)
			continue
		}
		m := reLen.FindSubmatch(dict)
		n, _ := strconv.Atoi(string(m[1]))
		zr, err := zlib.NewReader(bytes.NewReader(raw[h[1] : h[1]+n]))
		if err != nil {
			t.Errorf("object %s: %v", raw[h[2]:h[3]], err)
			continue
		}
		if _, err := io.Copy(io.Discard, zr); err != nil {
			t.Errorf("object %s: %v", raw[h[2]:h[3]], err)
		}
	}
	// the first cross-reference table points at "N 0 obj"
	x := bytes.Index(raw, []byte("\nxref\n0 "))
	sec := raw[x+len("\nxref\n"):]
	sec = sec[bytes.IndexByte(sec, '\n')+1:]
	for i := 1; 20*(i+1) <= len(sec) && sec[20*i+17] == 'n'; i++ {
		off, _ := strconv.Atoi(string(sec[20*i : 20*i+10]))
		if want := strconv.Itoa(i) + " 0 obj\n"; !bytes.HasPrefix(raw[off:], []byte(want)) {
			t.Fatalf("xref entry %d points at %q", i, raw[off:off+12])
		}
	}
}

func TestCompressStreamsRejectsGarbage(t *testing.T) {
	for _, s := range []string{"", "%PDF-1.7\nstartxref\n5\n%%EOF\n", "%PDF-1.7\nxref\n0 2\n0000000000 65535 f \nstartxref\n9\n%%EOF\n"} {
		if _, err := compressStreams([]byte(s)); err == nil {
			t.Errorf("%q: no error", s)
		}
	}
}
