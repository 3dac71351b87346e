package secret

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strconv"
)

// writePDF writes a parsed PDF afresh: a header for version, the objects reachable from
// the trailer's /Root and /Info renumbered 1…n in the order of their old numbers (object
// streams and cross-reference streams are not reachable: their objects are written on
// their own), one cross-reference table and a trailer with /ID id. With a cryptor, every
// string and stream is encrypted and sec is written as the /Encrypt dictionary (object
// n+1), unencrypted.
func writePDF(f *pdfFile, version string, c *cryptor, sec *securityR6, id pdfArray) ([]byte, error) {
	// /Root and /Info must be indirect; make them so when a writer put them inline, under
	// negative numbers, which no reference in the file can name (a reference to a
	// missing object must stay one to null).
	next := -1
	indirect := func(key pdfName) (pdfRef, bool) {
		switch v := f.trailer.get(key).(type) {
		case pdfRef:
			return v, true
		case *pdfDict:
			r := pdfRef{next, 0}
			f.objs[next] = v
			next--
			return r, true
		}
		return pdfRef{}, false
	}
	root, ok := indirect("Root")
	if !ok {
		return nil, errors.New("no document catalog")
	}
	info, hasInfo := indirect("Info")

	// the objects reachable from them
	exists := func(num int) bool {
		o, ok := f.objs[num]
		return ok && o != nil
	}
	seen := map[int]bool{}
	var queue []int
	var scan func(v any)
	scan = func(v any) {
		switch x := v.(type) {
		case pdfRef:
			if !seen[x.num] && exists(x.num) {
				seen[x.num] = true
				queue = append(queue, x.num)
			}
		case pdfArray:
			for _, e := range x {
				scan(e)
			}
		case *pdfDict:
			for _, e := range x.vals {
				scan(e)
			}
		case *pdfStream:
			for i, e := range x.dict.vals {
				if x.dict.keys[i] != "Length" { // written directly
					scan(e)
				}
			}
		}
	}
	scan(root)
	if hasInfo {
		scan(info)
	}
	for len(queue) > 0 {
		num := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		scan(f.objs[num])
	}
	if !seen[root.num] {
		return nil, errors.New("the document catalog is missing")
	}
	old := make([]int, 0, len(seen))
	for n := range seen {
		old = append(old, n)
	}
	sort.Ints(old)
	w := &pdfWriter{crypt: c, renum: make(map[int]int, len(old))}
	for i, n := range old {
		w.renum[n] = i + 1
	}
	size := len(old) + 1

	w.buf.Grow(len(f.b) + len(f.b)/8 + 4096)
	w.buf.WriteString("%PDF-" + version + "\n%\xE2\xE3\xCF\xD3\n")
	offsets := make([]int, 0, size)
	for i, n := range old {
		offsets = append(offsets, w.buf.Len())
		w.num, w.index = i+1, 0
		w.buf.WriteString(strconv.Itoa(i + 1))
		w.buf.WriteString(" 0 obj\n")
		w.value(f.objs[n])
		w.buf.WriteString("\nendobj\n")
	}
	encNum := 0
	if sec != nil {
		encNum = size
		size++
		offsets = append(offsets, w.buf.Len())
		w.crypt = nil // the /Encrypt dictionary is never encrypted
		w.buf.WriteString(strconv.Itoa(encNum))
		w.buf.WriteString(" 0 obj\n")
		w.value(sec.dict())
		w.buf.WriteString("\nendobj\n")
	}
	xref := w.buf.Len()
	w.buf.WriteString("xref\n0 ")
	w.buf.WriteString(strconv.Itoa(size))
	w.buf.WriteString("\n0000000000 65535 f \n")
	var entry [20]byte
	for _, off := range offsets {
		e := strconv.AppendInt(entry[:0], int64(off), 10)
		pad := 10 - len(e)
		copy(entry[pad:], e)
		for i := 0; i < pad; i++ {
			entry[i] = '0'
		}
		copy(entry[10:], " 00000 n \n")
		w.buf.Write(entry[:])
	}
	trailer := &pdfDict{}
	trailer.set("Size", pdfInt(size))
	trailer.set("Root", pdfRef{w.renum[root.num], 0})
	if hasInfo && seen[info.num] {
		trailer.set("Info", pdfRef{w.renum[info.num], 0})
	}
	if encNum > 0 {
		trailer.set("Encrypt", pdfRef{encNum, 0})
	}
	w.crypt, w.renum = nil, nil // the trailer is not encrypted, and has the new numbers
	if len(id) == 2 {
		trailer.set("ID", id)
	}
	w.buf.WriteString("trailer\n")
	w.value(trailer)
	w.buf.WriteString("\nstartxref\n")
	w.buf.WriteString(strconv.Itoa(xref))
	w.buf.WriteString("\n%%EOF\n")
	return w.buf.Bytes(), nil
}

// dict returns the /Encrypt dictionary.
func (s *securityR6) dict() *pdfDict {
	cf := &pdfDict{}
	cf.set("CFM", pdfName("AESV3"))
	cf.set("AuthEvent", pdfName("DocOpen"))
	cf.set("Length", pdfInt(32))
	cfs := &pdfDict{}
	cfs.set("StdCF", cf)
	d := &pdfDict{}
	d.set("Filter", pdfName("Standard"))
	d.set("V", pdfInt(5))
	d.set("R", pdfInt(6))
	d.set("Length", pdfInt(256))
	d.set("CF", cfs)
	d.set("StmF", pdfName("StdCF"))
	d.set("StrF", pdfName("StdCF"))
	d.set("P", pdfInt(s.P))
	d.set("O", pdfString(s.O))
	d.set("U", pdfString(s.U))
	d.set("OE", pdfString(s.OE))
	d.set("UE", pdfString(s.UE))
	d.set("Perms", pdfString(s.Perms))
	d.set("EncryptMetadata", pdfBool(s.EncryptMetadata))
	return d
}

// pdfWriter writes objects, encrypting strings and streams when crypt is set.
type pdfWriter struct {
	buf   bytes.Buffer
	crypt *cryptor
	renum map[int]int // old number → new; references to anything else are null (nil: as they are)
	num   int         // the object being written (its new number)
	index int         // strings of it encrypted so far
}

func (w *pdfWriter) value(v any) {
	b := &w.buf
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case pdfBool:
		if x {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case pdfInt:
		b.Write(strconv.AppendInt(b.AvailableBuffer(), int64(x), 10))
	case pdfReal:
		b.WriteString(string(x))
	case pdfName:
		writeName(b, x)
	case pdfString:
		if w.crypt != nil {
			x = w.crypt.encrypt(w.crypt.iv(w.num, 0, ivString, w.index), x)
			w.index++
			writeHex(b, x)
		} else {
			writeString(b, x)
		}
	case pdfRef:
		n, ok := x.num, true
		if w.renum != nil {
			n, ok = w.renum[x.num]
		}
		if !ok {
			b.WriteString("null")
			return
		}
		b.Write(strconv.AppendInt(b.AvailableBuffer(), int64(n), 10))
		b.WriteString(" 0 R")
	case pdfArray:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(' ')
			}
			w.value(e)
		}
		b.WriteByte(']')
	case *pdfDict:
		w.dict(x, -1)
	case *pdfStream:
		data := x.data
		if w.crypt != nil {
			data = w.crypt.encrypt(w.crypt.iv(w.num, 0, ivStream, 0), data)
		}
		w.dict(x.dict, len(data))
		b.WriteString("\nstream\n")
		b.Write(data)
		b.WriteString("\nendstream")
	default:
		panic(fmt.Sprintf("secret: writing a PDF object of type %T", v))
	}
}

// dict writes a dictionary; length, when not negative, is the stream length to write as
// its /Length (in place of the one read, or added at the end).
func (w *pdfWriter) dict(d *pdfDict, length int) {
	b := &w.buf
	b.WriteString("<<")
	for i, k := range d.keys {
		b.WriteByte(' ')
		writeName(b, k)
		b.WriteByte(' ')
		if k == "Length" && length >= 0 {
			b.WriteString(strconv.Itoa(length))
			length = -1
		} else {
			w.value(d.vals[i])
		}
	}
	if length >= 0 {
		b.WriteString(" /Length ")
		b.WriteString(strconv.Itoa(length))
	}
	b.WriteString(" >>")
}

func writeName(b *bytes.Buffer, n pdfName) {
	const digits = "0123456789ABCDEF"
	b.WriteByte('/')
	for i := 0; i < len(n); i++ {
		c := n[i]
		if c < 0x21 || c > 0x7e || c == '#' || isDelim(c) {
			b.WriteByte('#')
			b.WriteByte(digits[c>>4])
			b.WriteByte(digits[c&15])
		} else {
			b.WriteByte(c)
		}
	}
}

func writeHex(b *bytes.Buffer, s []byte) {
	b.WriteByte('<')
	b.Grow(hex.EncodedLen(len(s)) + 1)
	b.Write(hex.AppendEncode(b.AvailableBuffer(), s))
	b.WriteByte('>')
}

// writeString writes an unencrypted string: literal when it is printable ASCII, else in
// hexadecimal.
func writeString(b *bytes.Buffer, s []byte) {
	for _, c := range s {
		if c < 0x20 || c > 0x7e {
			writeHex(b, s)
			return
		}
	}
	b.WriteByte('(')
	for _, c := range s {
		if c == '(' || c == ')' || c == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	b.WriteByte(')')
}
