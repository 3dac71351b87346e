package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"sync"
)

// Stream compression. gopdf compresses each content stream with a zlib writer of its
// own, and a zlib writer costs about 0.8 MB to create: a 100-page document spent more
// memory on compressors than on everything else together. So gopdf is asked for
// uncompressed streams (SetCompressLevel(zlib.NoCompression)) and compressStreams
// rewrites its output once, compressing every unfiltered stream with one pooled writer
// and writing a new cross-reference table. The result is what gopdf would have written
// with compression on (the same dictionaries, the same deflate level), and the ToUnicode
// maps, which gopdf never compresses, are compressed too.

// compressLevel is the deflate level of content streams (gopdf's default).
const compressLevel = 6

var zpool = sync.Pool{New: func() any {
	zw, _ := zlib.NewWriterLevel(nil, compressLevel)
	return zw
}}

var (
	reXrefHead = regexp.MustCompile(`^xref\n0 (\d+)\n`)
	// an unfiltered stream as gopdf writes it (content streams and ToUnicode maps)
	plainStreamHead = []byte("<<\n/Length ")
)

// compressStreams returns raw, gopdf's output, with its unfiltered streams compressed.
func compressStreams(raw []byte) ([]byte, error) {
	m := reStartXref.FindSubmatch(raw)
	if m == nil {
		return nil, errors.New("pdf: no startxref in the canvas output")
	}
	xrefAt, _ := strconv.Atoi(string(m[1]))
	if xrefAt <= 0 || xrefAt >= len(raw) {
		return nil, errors.New("pdf: bad startxref in the canvas output")
	}
	xm := reXrefHead.FindSubmatch(raw[xrefAt:])
	if xm == nil {
		return nil, errors.New("pdf: no cross-reference table in the canvas output")
	}
	n, _ := strconv.Atoi(string(xm[1]))
	entries := raw[xrefAt+len(xm[0]):]
	if n < 1 || len(entries) < 20*n {
		return nil, errors.New("pdf: short cross-reference table in the canvas output")
	}
	// object i (1-based) starts at offs[i-1]; gopdf writes them in order
	offs := make([]int, n-1)
	for i := range offs {
		e := entries[20*(i+1) : 20*(i+2)]
		o, err := strconv.Atoi(string(e[:10]))
		if err != nil || o <= 0 || o >= xrefAt || i > 0 && o <= offs[i-1] {
			return nil, fmt.Errorf("pdf: bad cross-reference entry %d in the canvas output", i+1)
		}
		offs[i] = o
	}
	trailer := raw[xrefAt+len(xm[0])+20*n:]
	tAt := bytes.Index(trailer, []byte("startxref\n"))
	if tAt < 0 {
		return nil, errors.New("pdf: no trailer in the canvas output")
	}
	trailer = trailer[:tAt]

	out := bytes.NewBuffer(make([]byte, 0, len(raw)/3+len(raw)/16))
	if len(offs) > 0 {
		out.Write(raw[:offs[0]])
	}
	zw := zpool.Get().(*zlib.Writer)
	defer zpool.Put(zw)
	newOffs := make([]int, len(offs))
	var z bytes.Buffer // compressed stream, reused
	for i, o := range offs {
		end := xrefAt
		if i+1 < len(offs) {
			end = offs[i+1]
		}
		obj := raw[o:end]
		newOffs[i] = out.Len()
		// "N 0 obj\n" then the object
		nl := bytes.IndexByte(obj, '\n')
		if nl < 0 {
			return nil, fmt.Errorf("pdf: object %d of the canvas output is malformed", i+1)
		}
		body := obj[nl+1:]
		if !bytes.HasPrefix(body, plainStreamHead) {
			out.Write(obj)
			continue
		}
		rest := body[len(plainStreamHead):]
		k := bytes.IndexByte(rest, '\n')
		length, err := strconv.Atoi(string(rest[:max(k, 0)]))
		const mid = "\n>>\nstream\n"
		if k < 0 || err != nil || !bytes.HasPrefix(rest[k:], []byte(mid)) || len(rest) < k+len(mid)+length {
			return nil, fmt.Errorf("pdf: stream object %d of the canvas output is malformed", i+1)
		}
		data := rest[k+len(mid) : k+len(mid)+length]
		tail := rest[k+len(mid)+length:]
		if !bytes.HasPrefix(tail, []byte("endstream\n")) {
			return nil, fmt.Errorf("pdf: stream object %d of the canvas output has a wrong /Length", i+1)
		}
		out.Write(obj[:nl+1])
		z.Reset()
		zw.Reset(&z)
		if _, err := zw.Write(data); err != nil {
			return nil, err
		}
		if err := zw.Close(); err != nil {
			return nil, err
		}
		out.WriteString("<<\n/Filter/FlateDecode/Length ")
		out.WriteString(strconv.Itoa(z.Len()))
		out.WriteString("\n>>\nstream\n")
		out.Write(z.Bytes())
		out.WriteByte('\n')
		out.Write(tail)
	}
	newXref := out.Len()
	out.WriteString("xref\n0 ")
	out.WriteString(strconv.Itoa(n))
	out.WriteString("\n0000000000 65535 f \n")
	for _, o := range newOffs {
		fmt.Fprintf(out, "%010d 00000 n \n", o)
	}
	out.Write(trailer)
	out.WriteString("startxref\n")
	out.WriteString(strconv.Itoa(newXref))
	out.WriteString("\n%%EOF\n")
	return out.Bytes(), nil
}
