package secret

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
)

// A small PDF reader for EncryptPDF and DecryptPDF: the object syntax of ISO 32000-2
// §7.3, cross-reference tables and streams with their /Prev chain (incremental updates,
// §7.5.6), hybrid files (/XRefStm), object streams, and — when the cross-reference data
// is unusable — a rebuild from the "N G obj" headers found in the file. Stream data is
// kept as it is in the file (still filtered); only cross-reference and object streams
// are decoded (FlateDecode, PNG predictors), since their content is needed to find the
// objects.

// PDF objects. null is nil.
type (
	pdfName   string // decoded (no leading slash, #xx resolved)
	pdfString []byte // decoded bytes
	pdfInt    int64
	pdfReal   string // the token as written (595.00), kept so that numbers are not reformatted
	pdfBool   bool
	pdfArray  []any
	pdfRef    struct{ num, gen int }
	pdfStream struct {
		dict *pdfDict
		data []byte // as in the file: filtered, and encrypted when the file is
	}
)

// pdfDict is a dictionary that keeps its keys in the order they were read, so that a
// file is always written back the same way.
type pdfDict struct {
	keys []pdfName
	vals []any
}

func (d *pdfDict) get(k pdfName) any {
	if d == nil {
		return nil
	}
	for i, x := range d.keys {
		if x == k {
			return d.vals[i]
		}
	}
	return nil
}

// set replaces the value of k where it is, or adds k at the end.
func (d *pdfDict) set(k pdfName, v any) {
	for i, x := range d.keys {
		if x == k {
			d.vals[i] = v
			return
		}
	}
	d.keys = append(d.keys, k)
	d.vals = append(d.vals, v)
}

func (d *pdfDict) del(k pdfName) {
	for i, x := range d.keys {
		if x == k {
			d.keys = append(d.keys[:i:i], d.keys[i+1:]...)
			d.vals = append(d.vals[:i:i], d.vals[i+1:]...)
			return
		}
	}
}

// maxDepth bounds the nesting of arrays and dictionaries, so that a hostile file cannot
// exhaust the stack.
const maxDepth = 256

func isSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isRegular(c byte) bool { return !isSpace(c) && !isDelim(c) }

// lexer reads objects from b, starting at pos.
type lexer struct {
	b   []byte
	pos int
}

func (l *lexer) errorf(format string, args ...any) error {
	return fmt.Errorf("offset %d: %s", l.pos, fmt.Sprintf(format, args...))
}

// skip skips white space and comments.
func (l *lexer) skip() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		switch {
		case isSpace(c):
			l.pos++
		case c == '%':
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

// keyword reads a run of regular characters (a keyword or a number) without skipping.
func (l *lexer) keyword() []byte {
	start := l.pos
	for l.pos < len(l.b) && isRegular(l.b[l.pos]) {
		l.pos++
	}
	return l.b[start:l.pos]
}

// expect skips white space and reads keyword kw.
func (l *lexer) expect(kw string) bool {
	l.skip()
	save := l.pos
	if string(l.keyword()) == kw {
		return true
	}
	l.pos = save
	return false
}

// uint reads an unsigned integer after white space.
func (l *lexer) uint() (int, bool) {
	l.skip()
	start := l.pos
	n := 0
	for l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '9' && l.pos-start < 18 {
		n = n*10 + int(l.b[l.pos]-'0')
		l.pos++
	}
	if l.pos == start || (l.pos < len(l.b) && isRegular(l.b[l.pos])) {
		l.pos = start
		return 0, false
	}
	return n, true
}

// object reads one direct object (or an indirect reference).
func (l *lexer) object(depth int) (any, error) {
	if depth > maxDepth {
		return nil, l.errorf("objects nested too deep")
	}
	l.skip()
	if l.pos >= len(l.b) {
		return nil, l.errorf("unexpected end of file")
	}
	switch c := l.b[l.pos]; {
	case c == '<' && l.pos+1 < len(l.b) && l.b[l.pos+1] == '<':
		l.pos += 2
		d := &pdfDict{}
		for {
			l.skip()
			if l.pos+1 < len(l.b) && l.b[l.pos] == '>' && l.b[l.pos+1] == '>' {
				l.pos += 2
				return d, nil
			}
			if l.pos >= len(l.b) || l.b[l.pos] != '/' {
				return nil, l.errorf("dictionary key is not a name")
			}
			k, err := l.object(depth + 1)
			if err != nil {
				return nil, err
			}
			v, err := l.object(depth + 1)
			if err != nil {
				return nil, err
			}
			d.set(k.(pdfName), v)
		}
	case c == '<':
		return l.hexString()
	case c == '(':
		return l.literalString()
	case c == '[':
		l.pos++
		a := pdfArray{}
		for {
			l.skip()
			if l.pos < len(l.b) && l.b[l.pos] == ']' {
				l.pos++
				return a, nil
			}
			v, err := l.object(depth + 1)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	case c == '/':
		l.pos++
		return l.name()
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		return l.number()
	case isRegular(c):
		kw := l.keyword()
		switch string(kw) {
		case "true":
			return pdfBool(true), nil
		case "false":
			return pdfBool(false), nil
		case "null":
			return nil, nil
		}
		l.pos -= len(kw)
		return nil, l.errorf("unexpected %q", kw)
	default:
		return nil, l.errorf("unexpected %q", c)
	}
}

func (l *lexer) name() (pdfName, error) {
	raw := l.keyword()
	if bytes.IndexByte(raw, '#') < 0 {
		return pdfName(raw), nil
	}
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		if raw[i] == '#' && i+2 < len(raw) {
			if v, err := strconv.ParseUint(string(raw[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, raw[i])
	}
	return pdfName(out), nil
}

func (l *lexer) number() (any, error) {
	start := l.pos
	tok := l.keyword()
	if i, err := strconv.ParseInt(string(tok), 10, 64); err == nil {
		// num gen R?
		if i >= 0 && tok[0] != '+' && tok[0] != '-' {
			save := l.pos
			if gen, ok := l.uint(); ok && l.expect("R") {
				return pdfRef{int(i), gen}, nil
			}
			l.pos = save
		}
		return pdfInt(i), nil
	}
	if _, err := strconv.ParseFloat(string(tok), 64); err == nil || validReal(tok) {
		return pdfReal(tok), nil
	}
	l.pos = start
	return nil, l.errorf("bad number %q", tok)
}

// validReal accepts the real numbers of §7.3.3 (an optional sign, digits, at most one
// period), which strconv.ParseFloat also accepts except for a lone sign and period.
func validReal(tok []byte) bool {
	if len(tok) > 0 && (tok[0] == '+' || tok[0] == '-') {
		tok = tok[1:]
	}
	dots, digits := 0, 0
	for _, c := range tok {
		switch {
		case c == '.':
			dots++
		case c >= '0' && c <= '9':
			digits++
		default:
			return false
		}
	}
	return dots <= 1 && digits > 0
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func (l *lexer) hexString() (pdfString, error) {
	l.pos++ // <
	out := make([]byte, 0, 32)
	var hi byte
	half := false
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		if c == '>' {
			if half {
				out = append(out, hi<<4)
			}
			return out, nil
		}
		if isSpace(c) {
			continue
		}
		v, ok := unhex(c)
		if !ok {
			l.pos--
			return nil, l.errorf("bad hexadecimal string")
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	return nil, l.errorf("unterminated hexadecimal string")
}

func (l *lexer) literalString() (pdfString, error) {
	l.pos++ // (
	out := make([]byte, 0, 32)
	depth := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '\\':
			if l.pos >= len(l.b) {
				break
			}
			e := l.b[l.pos]
			l.pos++
			switch e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case '\r': // a line continuation
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
			case '\n':
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for n := 1; n < 3 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; n++ {
						v = v*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					out = append(out, byte(v))
				} else {
					out = append(out, e) // \( \) \\ and unknown escapes: the character
				}
			}
		case '(':
			depth++
			out = append(out, c)
		case ')':
			depth--
			if depth == 0 {
				return out, nil
			}
			out = append(out, c)
		case '\r': // an end of line in a string reads as \n
			out = append(out, '\n')
			if l.pos < len(l.b) && l.b[l.pos] == '\n' {
				l.pos++
			}
		default:
			out = append(out, c)
		}
	}
	return nil, l.errorf("unterminated string")
}

// xrefEntry is where an object is: at an offset (type 1), or at an index in an object
// stream (type 2).
type xrefEntry struct {
	typ byte // 0: free (or unknown)
	off int  // offset, or the number of the object stream
	gen int  // generation, or the index in the object stream
}

// pdfFile is a parsed PDF: every object the cross-reference data lists, and the trailer.
type pdfFile struct {
	b       []byte
	version string // from the header: "1.7"
	xref    map[int]xrefEntry
	trailer *pdfDict

	objs     map[int]any  // loaded objects, by number
	inObjStm map[int]bool // objects read from an object stream (not encrypted on their own)
	loading  map[int]bool
	objStms  map[int]bool // object streams already read

	// decryptObjStm, when set, decrypts the data of an object stream before it is read
	// (an encrypted file encrypts object streams as a whole).
	decryptObjStm func(num, gen int, data []byte) ([]byte, error)
}

var errNotPDF = errors.New("not a PDF")

// parsePDF reads a PDF: the header, the cross-reference data, the trailer and every
// object in use. prepare, when not nil, is called once the trailer is known and before
// the objects are read (DecryptPDF authenticates there); its error is returned as it is.
// When the cross-reference data cannot be followed, or points at the wrong places, the
// file is read again from its object headers.
func parsePDF(b []byte, prepare func(*pdfFile) error) (*pdfFile, error) {
	if !bytes.HasPrefix(b, []byte("%PDF-")) || len(b) < 8 {
		return nil, errNotPDF
	}
	f := &pdfFile{b: b}
	l := lexer{b: b, pos: 5}
	f.version = string(l.keyword())
	f.reset()
	err := f.readXref()
	if err == nil && f.trailer.get("Root") == nil {
		err = errors.New("no /Root in the trailer")
	}
	if err == nil {
		if prepare != nil {
			if err := prepare(f); err != nil {
				return nil, err
			}
		}
		if err = f.loadAll(); err == nil {
			return f, nil
		}
	}
	f.reset()
	if rerr := f.rebuildXref(); rerr != nil {
		return nil, fmt.Errorf("%v; rebuilding it: %v", err, rerr)
	}
	if prepare != nil {
		if err := prepare(f); err != nil {
			return nil, err
		}
	}
	if err := f.loadAll(); err != nil {
		return nil, err
	}
	return f, nil
}

func (f *pdfFile) reset() {
	f.decryptObjStm = nil
	f.xref = map[int]xrefEntry{}
	f.trailer = &pdfDict{}
	f.objs = map[int]any{}
	f.inObjStm = map[int]bool{}
	f.loading = map[int]bool{}
	f.objStms = map[int]bool{}
}

// readXref follows the cross-reference sections from the last one back through /Prev.
// Entries of newer sections win; trailer keys of newer sections win.
func (f *pdfFile) readXref() error {
	i := bytes.LastIndex(f.b, []byte("startxref"))
	if i < 0 {
		return errors.New("no startxref")
	}
	l := lexer{b: f.b, pos: i + len("startxref")}
	off, ok := l.uint()
	if !ok {
		return errors.New("no offset after startxref")
	}
	seen := map[int]bool{}
	for sections := 0; ; sections++ {
		if off <= 0 || off >= len(f.b) || seen[off] || sections > 1000 {
			return fmt.Errorf("bad cross-reference offset %d", off)
		}
		seen[off] = true
		trailer, err := f.readXrefSection(off)
		if err != nil {
			return err
		}
		if stm, ok := trailer.get("XRefStm").(pdfInt); ok && !seen[int(stm)] { // hybrid file
			seen[int(stm)] = true
			if _, err := f.readXrefSection(int(stm)); err != nil {
				return err
			}
		}
		for i, k := range trailer.keys {
			if f.trailer.get(k) == nil {
				f.trailer.set(k, trailer.vals[i])
			}
		}
		prev, ok := trailer.get("Prev").(pdfInt)
		if !ok {
			return nil
		}
		off = int(prev)
	}
}

// readXrefSection reads a cross-reference table and its trailer, or a cross-reference
// stream, at off.
func (f *pdfFile) readXrefSection(off int) (*pdfDict, error) {
	l := lexer{b: f.b, pos: off}
	if l.expect("xref") {
		for {
			if l.expect("trailer") {
				t, err := l.object(0)
				if err != nil {
					return nil, err
				}
				d, ok := t.(*pdfDict)
				if !ok {
					return nil, errors.New("trailer is not a dictionary")
				}
				return d, nil
			}
			start, ok1 := l.uint()
			count, ok2 := l.uint()
			if !ok1 || !ok2 {
				return nil, l.errorf("bad cross-reference table")
			}
			for n := start; n < start+count; n++ {
				o, ok1 := l.uint()
				g, ok2 := l.uint()
				l.skip()
				kw := string(l.keyword())
				if !ok1 || !ok2 || (kw != "n" && kw != "f") {
					return nil, l.errorf("bad cross-reference entry")
				}
				if _, done := f.xref[n]; !done {
					e := xrefEntry{}
					if kw == "n" {
						e.typ, e.off, e.gen = 1, o, g
					}
					f.xref[n] = e
				}
			}
		}
	}
	_, _, obj, err := f.readIndirect(off)
	if err != nil {
		return nil, err
	}
	s, ok := obj.(*pdfStream)
	if !ok || s.dict.get("Type") != pdfName("XRef") {
		return nil, fmt.Errorf("offset %d: no cross-reference table or stream", off)
	}
	if err := f.readXrefStream(s); err != nil {
		return nil, err
	}
	return s.dict, nil
}

func (f *pdfFile) readXrefStream(s *pdfStream) error {
	data, err := decodeStream(s)
	if err != nil {
		return err
	}
	wa, _ := s.dict.get("W").(pdfArray)
	if len(wa) != 3 {
		return errors.New("cross-reference stream: bad /W")
	}
	var w [3]int
	for i, v := range wa {
		n, ok := v.(pdfInt)
		if !ok || n < 0 || n > 8 {
			return errors.New("cross-reference stream: bad /W")
		}
		w[i] = int(n)
	}
	size, _ := s.dict.get("Size").(pdfInt)
	index := pdfArray{pdfInt(0), size}
	if a, ok := s.dict.get("Index").(pdfArray); ok {
		index = a
	}
	rec := w[0] + w[1] + w[2]
	if rec == 0 {
		return errors.New("cross-reference stream: bad /W")
	}
	field := func(b []byte) int {
		v := 0
		for _, c := range b {
			v = v<<8 | int(c)
		}
		return v
	}
	pos := 0
	for i := 0; i+1 < len(index); i += 2 {
		start, ok1 := index[i].(pdfInt)
		count, ok2 := index[i+1].(pdfInt)
		if !ok1 || !ok2 || start < 0 || count < 0 {
			return errors.New("cross-reference stream: bad /Index")
		}
		for n := int(start); n < int(start+count); n++ {
			if pos+rec > len(data) {
				return errors.New("cross-reference stream: too short")
			}
			typ := 1
			if w[0] > 0 {
				typ = field(data[pos : pos+w[0]])
			}
			a := field(data[pos+w[0] : pos+w[0]+w[1]])
			b := field(data[pos+w[0]+w[1] : pos+rec])
			pos += rec
			if _, done := f.xref[n]; done {
				continue
			}
			switch typ {
			case 0:
				f.xref[n] = xrefEntry{}
			case 1, 2:
				f.xref[n] = xrefEntry{typ: byte(typ), off: a, gen: b}
			default: // unknown types are references to null
				f.xref[n] = xrefEntry{}
			}
		}
	}
	return nil
}

// readIndirect reads the indirect object "num gen obj … endobj" at off.
func (f *pdfFile) readIndirect(off int) (num, gen int, obj any, err error) {
	l := lexer{b: f.b, pos: off}
	num, ok1 := l.uint()
	gen, ok2 := l.uint()
	if !ok1 || !ok2 || !l.expect("obj") {
		return 0, 0, nil, fmt.Errorf("offset %d: no object", off)
	}
	obj, err = l.object(0)
	if err != nil {
		return 0, 0, nil, fmt.Errorf("object %d: %w", num, err)
	}
	if !l.expect("stream") {
		return num, gen, obj, nil // endobj is not required to be there
	}
	d, ok := obj.(*pdfDict)
	if !ok {
		return 0, 0, nil, fmt.Errorf("object %d: a stream without a dictionary", num)
	}
	if l.pos < len(f.b) && f.b[l.pos] == '\r' {
		l.pos++
	}
	if l.pos < len(f.b) && f.b[l.pos] == '\n' {
		l.pos++
	}
	start := l.pos
	end := -1
	if n, ok := f.length(d.get("Length"), num); ok && n >= 0 && start+n <= len(f.b) {
		e := lexer{b: f.b, pos: start + n}
		if e.expect("endstream") {
			end = start + n
		}
	}
	if end < 0 { // a wrong /Length: the data ends before endstream
		i := bytes.Index(f.b[start:], []byte("endstream"))
		if i < 0 {
			return 0, 0, nil, fmt.Errorf("object %d: no endstream", num)
		}
		end = start + i
		if end > start && f.b[end-1] == '\n' {
			end--
		}
		if end > start && f.b[end-1] == '\r' {
			end--
		}
	}
	return num, gen, &pdfStream{dict: d, data: f.b[start:end:end]}, nil
}

// length returns a stream's /Length, following a reference (never to the stream itself).
func (f *pdfFile) length(v any, self int) (int, bool) {
	if r, ok := v.(pdfRef); ok {
		if r.num == self {
			return 0, false
		}
		var err error
		if v, err = f.resolve(r); err != nil {
			return 0, false
		}
	}
	n, ok := v.(pdfInt)
	return int(n), ok
}

// resolve returns the object a reference points to (nil for a missing or free one), and
// any other object as it is.
func (f *pdfFile) resolve(v any) (any, error) {
	r, ok := v.(pdfRef)
	if !ok {
		return v, nil
	}
	return f.object(r.num)
}

// object loads object num.
func (f *pdfFile) object(num int) (any, error) {
	if o, ok := f.objs[num]; ok {
		return o, nil
	}
	e := f.xref[num]
	if e.typ == 0 {
		return nil, nil
	}
	if f.loading[num] {
		return nil, fmt.Errorf("object %d refers to itself", num)
	}
	f.loading[num] = true
	defer delete(f.loading, num)
	switch e.typ {
	case 1:
		if e.off <= 0 || e.off >= len(f.b) {
			return nil, fmt.Errorf("object %d: offset %d out of the file", num, e.off)
		}
		n, _, o, err := f.readIndirect(e.off)
		if err != nil {
			return nil, err
		}
		if n != num {
			return nil, fmt.Errorf("object %d: offset %d holds object %d", num, e.off, n)
		}
		f.objs[num] = o
		return o, nil
	case 2:
		if err := f.readObjStm(e.off); err != nil {
			return nil, err
		}
		o, ok := f.objs[num]
		if !ok {
			return nil, fmt.Errorf("object %d: not in object stream %d", num, e.off)
		}
		return o, nil
	}
	return nil, nil
}

// readObjStm reads the objects of an object stream that the cross-reference data places
// there (a newer version of an object elsewhere wins).
func (f *pdfFile) readObjStm(num int) error {
	if f.objStms[num] {
		return nil
	}
	f.objStms[num] = true
	if f.xref[num].typ != 1 {
		return fmt.Errorf("object stream %d: not found", num)
	}
	o, err := f.object(num)
	if err != nil {
		return err
	}
	s, ok := o.(*pdfStream)
	if !ok || s.dict.get("Type") != pdfName("ObjStm") {
		return fmt.Errorf("object %d: not an object stream", num)
	}
	if f.decryptObjStm != nil {
		data, err := f.decryptObjStm(num, f.xref[num].gen, s.data)
		if err != nil {
			return fmt.Errorf("object stream %d: %w", num, err)
		}
		s = &pdfStream{dict: s.dict, data: data}
	}
	data, err := decodeStream(s)
	if err != nil {
		return fmt.Errorf("object stream %d: %w", num, err)
	}
	n, _ := s.dict.get("N").(pdfInt)
	first, _ := s.dict.get("First").(pdfInt)
	if n < 0 || first < 0 || int(first) > len(data) {
		return fmt.Errorf("object stream %d: bad /N or /First", num)
	}
	l := lexer{b: data}
	type pair struct{ num, off int }
	pairs := make([]pair, 0, min(int(n), len(data)/4))
	for i := 0; i < int(n); i++ {
		a, ok1 := l.uint()
		b, ok2 := l.uint()
		if !ok1 || !ok2 {
			return fmt.Errorf("object stream %d: bad header", num)
		}
		pairs = append(pairs, pair{a, b})
	}
	for _, p := range pairs {
		e := f.xref[p.num]
		if e.typ != 2 || e.off != num {
			continue
		}
		if _, done := f.objs[p.num]; done {
			continue
		}
		ol := lexer{b: data, pos: int(first) + p.off}
		if ol.pos > len(data) {
			return fmt.Errorf("object stream %d: bad offset", num)
		}
		v, err := ol.object(0)
		if err != nil {
			return fmt.Errorf("object %d in object stream %d: %w", p.num, num, err)
		}
		f.objs[p.num] = v
		f.inObjStm[p.num] = true
	}
	return nil
}

// loadAll loads every object the cross-reference data lists as in use.
func (f *pdfFile) loadAll() error {
	for _, num := range f.numbers() {
		if _, err := f.object(num); err != nil {
			return err
		}
	}
	return nil
}

// numbers returns the numbers of the objects in use, in order.
func (f *pdfFile) numbers() []int {
	nums := make([]int, 0, len(f.xref))
	for n, e := range f.xref {
		if e.typ != 0 && n > 0 {
			nums = append(nums, n)
		}
	}
	sort.Ints(nums)
	return nums
}

// rebuildXref finds the objects of a file whose cross-reference data is unusable by
// their "num gen obj" headers (the last definition of a number wins, as in an
// incremental update), the trailer by the last trailer dictionaries or cross-reference
// streams, and objects in object streams by reading every object stream.
func (f *pdfFile) rebuildXref() error {
	b := f.b
	var stms []int
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte("obj"))
		if j < 0 {
			break
		}
		at := i + j
		i = at + 3
		if at+3 < len(b) && isRegular(b[at+3]) {
			continue
		}
		// walk back over "num gen "
		k := at
		for k > 0 && isSpace(b[k-1]) {
			k--
		}
		g := k
		for g > 0 && b[g-1] >= '0' && b[g-1] <= '9' {
			g--
		}
		if g == k || g == 0 || !isSpace(b[g-1]) {
			continue
		}
		n := g - 1
		for n > 0 && isSpace(b[n-1]) {
			n--
		}
		s := n
		for s > 0 && b[s-1] >= '0' && b[s-1] <= '9' {
			s--
		}
		if s == n || (s > 0 && isRegular(b[s-1])) {
			continue
		}
		num, err1 := strconv.Atoi(string(b[s:n]))
		gen, err2 := strconv.Atoi(string(b[g:k]))
		if err1 != nil || err2 != nil || num <= 0 {
			continue
		}
		f.xref[num] = xrefEntry{typ: 1, off: s, gen: gen}
	}
	// trailers, newest first
	var trailers []*pdfDict
	for i := len(b); ; {
		j := bytes.LastIndex(b[:i], []byte("trailer"))
		if j < 0 {
			break
		}
		i = j
		l := lexer{b: b, pos: j + len("trailer")}
		if t, err := l.object(0); err == nil {
			if d, ok := t.(*pdfDict); ok {
				trailers = append(trailers, d)
			}
		}
	}
	nums := f.numbers()
	for k := len(nums) - 1; k >= 0; k-- {
		num := nums[k]
		o, err := f.object(num)
		if err != nil {
			delete(f.xref, num)
			continue
		}
		if s, ok := o.(*pdfStream); ok {
			switch s.dict.get("Type") {
			case pdfName("XRef"):
				trailers = append(trailers, s.dict)
			case pdfName("ObjStm"):
				stms = append(stms, num)
			}
		}
	}
	for _, t := range trailers {
		for _, k := range []pdfName{"Root", "Info", "ID", "Encrypt"} {
			if f.trailer.get(k) == nil && t.get(k) != nil {
				f.trailer.set(k, t.get(k))
			}
		}
	}
	// objects in object streams, unless defined in the file itself
	for _, num := range stms {
		s := f.objs[num].(*pdfStream)
		data := s.data
		if f.decryptObjStm != nil {
			continue // an encrypted file with a broken cross-reference: not rebuilt
		}
		d, err := decodeStream(&pdfStream{dict: s.dict, data: data})
		if err != nil {
			continue
		}
		n, _ := s.dict.get("N").(pdfInt)
		l := lexer{b: d}
		for i := 0; i < int(n); i++ {
			a, ok1 := l.uint()
			_, ok2 := l.uint()
			if !ok1 || !ok2 {
				break
			}
			if _, ok := f.xref[a]; !ok {
				f.xref[a] = xrefEntry{typ: 2, off: num, gen: i}
			}
		}
	}
	if f.trailer.get("Root") == nil {
		for _, num := range f.numbers() {
			if d, ok := f.objs[num].(*pdfDict); ok && d.get("Type") == pdfName("Catalog") {
				f.trailer.set("Root", pdfRef{num, f.xref[num].gen})
			}
		}
	}
	if f.trailer.get("Root") == nil {
		return errors.New("no document catalog")
	}
	return nil
}

// decodeStream decodes the data of a cross-reference or object stream: no filter, or
// FlateDecode with an optional PNG or TIFF predictor.
func decodeStream(s *pdfStream) ([]byte, error) {
	filter := s.dict.get("Filter")
	parms := s.dict.get("DecodeParms")
	if a, ok := filter.(pdfArray); ok {
		if len(a) > 1 {
			return nil, errors.New("unsupported filter chain")
		}
		if len(a) == 1 {
			filter = a[0]
		} else {
			filter = nil
		}
		if pa, ok := parms.(pdfArray); ok && len(pa) > 0 {
			parms = pa[0]
		}
	}
	switch filter {
	case nil:
		return s.data, nil
	case pdfName("FlateDecode"):
	default:
		return nil, fmt.Errorf("unsupported filter %v", filter)
	}
	zr, err := zlib.NewReader(bytes.NewReader(s.data))
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(zr, MaxPlaintext))
	if err != nil && len(data) == 0 {
		return nil, err
	}
	p, _ := parms.(*pdfDict)
	pred, _ := p.get("Predictor").(pdfInt)
	if pred <= 1 {
		return data, nil
	}
	cols, colors, bpc := pdfInt(1), pdfInt(1), pdfInt(8)
	if v, ok := p.get("Columns").(pdfInt); ok {
		cols = v
	}
	if v, ok := p.get("Colors").(pdfInt); ok {
		colors = v
	}
	if v, ok := p.get("BitsPerComponent").(pdfInt); ok {
		bpc = v
	}
	if cols <= 0 || colors <= 0 || bpc <= 0 || cols*colors*bpc > 1<<20 {
		return nil, errors.New("bad predictor parameters")
	}
	bpp := int((colors*bpc + 7) / 8)
	row := int((cols*colors*bpc + 7) / 8)
	if pred == 2 { // TIFF predictor, 8 bits per component
		if bpc != 8 {
			return nil, errors.New("unsupported TIFF predictor")
		}
		for r := 0; r+row <= len(data); r += row {
			for i := bpp; i < row; i++ {
				data[r+i] += data[r+i-bpp]
			}
		}
		return data, nil
	}
	out := make([]byte, 0, len(data))
	prev := make([]byte, row)
	for r := 0; r+row+1 <= len(data); r += row + 1 {
		typ, cur := data[r], data[r+1:r+1+row]
		for i := range cur {
			var a, b, c byte
			if i >= bpp {
				a, c = cur[i-bpp], prev[i-bpp]
			}
			b = prev[i]
			switch typ {
			case 0:
			case 1:
				cur[i] += a
			case 2:
				cur[i] += b
			case 3:
				cur[i] += byte((int(a) + int(b)) / 2)
			case 4:
				cur[i] += paeth(a, b, c)
			default:
				return nil, errors.New("bad PNG predictor")
			}
		}
		out = append(out, cur...)
		prev = cur
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
