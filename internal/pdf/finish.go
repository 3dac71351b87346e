package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// The finishing pass. gopdf v0.33.0 writes a malformed outline tree (wrong /Parent,
// /Prev and /Next swapped, no /Count), puts /Info inline in the trailer, and writes no
// /ID and no /Lang. We never ask gopdf for outlines or info; instead an incremental
// update (PDF 32000-1 §7.5.6) is appended to its output that replaces the catalog and
// adds the outline tree, an indirect /Info, an XMP metadata stream, /Lang and an /ID
// derived from the content. Nothing of gopdf is copied; its output is read only for the
// cross-reference offset, the object count and the page objects.

var (
	reStartXref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	reSize      = regexp.MustCompile(`/Size (\d+)`)
	reKids      = regexp.MustCompile(`(?s)\n2 0 obj\s*<<.*?/Kids \[(.*?)\]`)
	reRef       = regexp.MustCompile(`(\d+) 0 R`)
)

type outlineNode struct {
	mark     outlineMark
	id       int
	parent   *outlineNode
	children []*outlineNode
}

func (w *writer) finish(raw []byte, marks []outlineMark, pages int) ([]byte, error) {
	m := reStartXref.FindSubmatch(raw)
	if m == nil {
		return nil, errors.New("pdf: no startxref in the canvas output")
	}
	prevXref, _ := strconv.Atoi(string(m[1]))
	trailerAt := bytes.LastIndex(raw, []byte("trailer"))
	sm := reSize.FindSubmatch(raw[trailerAt:])
	if trailerAt < 0 || sm == nil {
		return nil, errors.New("pdf: no trailer /Size in the canvas output")
	}
	size, _ := strconv.Atoi(string(sm[1]))
	km := reKids.FindSubmatch(raw)
	if km == nil {
		return nil, errors.New("pdf: no page tree in the canvas output")
	}
	var pageIDs []int
	for _, r := range reRef.FindAllSubmatch(km[1], -1) {
		id, _ := strconv.Atoi(string(r[1]))
		pageIDs = append(pageIDs, id)
	}
	if len(pageIDs) != pages {
		return nil, fmt.Errorf("pdf: the canvas wrote %d pages, the layout has %d", len(pageIDs), pages)
	}

	next := size
	alloc := func() int { id := next; next++; return id }
	infoID := alloc()
	metaID := alloc()

	// outline tree
	root := &outlineNode{}
	stack := []*outlineNode{root}
	for _, mk := range marks {
		lvl := max(mk.level, 1)
		for len(stack) > 1 && stack[len(stack)-1].mark.level >= lvl {
			stack = stack[:len(stack)-1]
		}
		parent := stack[len(stack)-1]
		n := &outlineNode{mark: mk, parent: parent}
		n.mark.level = lvl
		parent.children = append(parent.children, n)
		stack = append(stack, n)
	}
	var number func(n *outlineNode)
	number = func(n *outlineNode) {
		for _, c := range n.children {
			c.id = alloc()
			number(c)
		}
	}
	if len(marks) > 0 {
		root.id = alloc()
		number(root)
	}

	type obj struct {
		id   int
		body []byte
	}
	var objs []obj
	add := func(id int, body string) { objs = append(objs, obj{id, []byte(body)}) }

	// catalog (replaces object 1)
	var cat strings.Builder
	cat.WriteString("<< /Type /Catalog /Pages 2 0 R")
	if root.id > 0 {
		fmt.Fprintf(&cat, " /Outlines %d 0 R /PageMode /UseOutlines", root.id)
	}
	fmt.Fprintf(&cat, " /Metadata %d 0 R /Lang %s /ViewerPreferences << /DisplayDocTitle true >> >>", metaID, pdfString(w.lang))
	add(1, cat.String())

	// outline items
	var count func(n *outlineNode) int
	count = func(n *outlineNode) int {
		c := len(n.children)
		for _, k := range n.children {
			c += count(k)
		}
		return c
	}
	var emitNode func(n *outlineNode)
	emitNode = func(n *outlineNode) {
		for i, c := range n.children {
			var b strings.Builder
			fmt.Fprintf(&b, "<< /Title %s /Parent %d 0 R", pdfText(c.mark.title), n.id)
			if i > 0 {
				fmt.Fprintf(&b, " /Prev %d 0 R", n.children[i-1].id)
			}
			if i+1 < len(n.children) {
				fmt.Fprintf(&b, " /Next %d 0 R", n.children[i+1].id)
			}
			if len(c.children) > 0 {
				fmt.Fprintf(&b, " /First %d 0 R /Last %d 0 R /Count %d", c.children[0].id, c.children[len(c.children)-1].id, count(c))
			}
			y := pageH - c.mark.y + 6
			fmt.Fprintf(&b, " /Dest [%d 0 R /XYZ 0 %s null] >>", pageIDs[c.mark.page], num(y))
			add(c.id, b.String())
			emitNode(c)
		}
	}
	if root.id > 0 {
		add(root.id, fmt.Sprintf("<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>",
			root.children[0].id, root.children[len(root.children)-1].id, count(root)))
		emitNode(root)
	}

	// document information and XMP
	meta := w.d.Meta
	creator := w.opts.Creator
	if creator == "" {
		creator = "dossier"
	}
	const producer = "dossier (github.com/signintech/gopdf)"
	var info strings.Builder
	info.WriteString("<<")
	if meta.Title != "" {
		fmt.Fprintf(&info, " /Title %s", pdfText(meta.Title))
	}
	if meta.Author != "" {
		fmt.Fprintf(&info, " /Author %s", pdfText(meta.Author))
	}
	if meta.Subject != "" {
		fmt.Fprintf(&info, " /Subject %s", pdfText(meta.Subject))
	}
	if len(meta.Keywords) > 0 {
		fmt.Fprintf(&info, " /Keywords %s", pdfText(strings.Join(meta.Keywords, ", ")))
	}
	fmt.Fprintf(&info, " /Creator %s /Producer %s", pdfText(creator), pdfText(producer))
	if !w.created.IsZero() {
		d := pdfDate(w.created)
		fmt.Fprintf(&info, " /CreationDate %s /ModDate %s", d, d)
	}
	info.WriteString(" >>")
	add(infoID, info.String())

	// the /ID and the XMP document id come from the content and the metadata
	h := sha256.New()
	h.Write(raw)
	for _, o := range objs {
		h.Write(o.body)
	}
	sum := h.Sum(nil)
	id := hex.EncodeToString(sum[:16])
	uuid := fmt.Sprintf("%s-%s-%s-%s-%s", id[0:8], id[8:12], id[12:16], id[16:20], id[20:32])
	xmp := w.xmp(creator, producer, uuid)
	add(metaID, fmt.Sprintf("<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n%s\nendstream", len(xmp), xmp))

	// write the update
	var out bytes.Buffer
	out.Grow(len(raw) + 4096 + 200*len(objs))
	out.Write(raw)
	if !bytes.HasSuffix(raw, []byte("\n")) {
		out.WriteByte('\n')
	}
	offsets := map[int]int{}
	for _, o := range objs {
		offsets[o.id] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n", o.id)
		out.Write(o.body)
		out.WriteString("\nendobj\n")
	}
	xref := out.Len()
	out.WriteString("xref\n0 1\n0000000000 65535 f \n")
	// subsections of consecutive ids
	ids := make([]int, 0, len(objs))
	for _, o := range objs {
		ids = append(ids, o.id)
	}
	sortInts(ids)
	for i := 0; i < len(ids); {
		j := i
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 {
			j++
		}
		fmt.Fprintf(&out, "%d %d\n", ids[i], j-i+1)
		for k := i; k <= j; k++ {
			fmt.Fprintf(&out, "%010d 00000 n \n", offsets[ids[k]])
		}
		i = j + 1
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R /ID [<%s> <%s>] /Prev %d >>\nstartxref\n%d\n%%%%EOF\n",
		next, infoID, id, id, prevXref, xref)
	return out.Bytes(), nil
}

func (w *writer) xmp(creator, producer, uuid string) string {
	meta := w.d.Meta
	e := html.EscapeString
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">` + "\n")
	b.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">` + "\n")
	b.WriteString("<dc:format>application/pdf</dc:format>\n")
	if meta.Title != "" {
		fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li><rdf:li xml:lang=\"%s\">%s</rdf:li></rdf:Alt></dc:title>\n", e(meta.Title), w.lang, e(meta.Title))
	}
	if meta.Author != "" {
		fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", e(meta.Author))
	}
	if meta.Subject != "" {
		fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", e(meta.Subject))
	}
	if len(meta.Keywords) > 0 {
		b.WriteString("<dc:subject><rdf:Bag>")
		for _, k := range meta.Keywords {
			fmt.Fprintf(&b, "<rdf:li>%s</rdf:li>", e(k))
		}
		b.WriteString("</rdf:Bag></dc:subject>\n")
		fmt.Fprintf(&b, "<pdf:Keywords>%s</pdf:Keywords>\n", e(strings.Join(meta.Keywords, ", ")))
	}
	fmt.Fprintf(&b, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", w.lang)
	fmt.Fprintf(&b, "<pdf:Producer>%s</pdf:Producer>\n<xmp:CreatorTool>%s</xmp:CreatorTool>\n", e(producer), e(creator))
	if !w.created.IsZero() {
		d := w.created.UTC().Format("2006-01-02T15:04:05Z")
		fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n<xmp:MetadataDate>%s</xmp:MetadataDate>\n", d, d, d)
	}
	fmt.Fprintf(&b, "<xmpMM:DocumentID>uuid:%s</xmpMM:DocumentID>\n<xmpMM:InstanceID>uuid:%s</xmpMM:InstanceID>\n", uuid, uuid)
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>")
	return b.String()
}

// pdfText encodes a text string as UTF-16BE with a byte order mark, in hex.
func pdfText(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// pdfString encodes an ASCII string as a literal string.
func pdfString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	return "(" + r.Replace(s) + ")"
}

func pdfDate(t time.Time) string {
	return "(D:" + t.UTC().Format("20060102150405") + "+00'00')"
}

func num(f float64) string {
	return strconv.FormatFloat(float64(int64(f*100+0.5))/100, 'f', -1, 64)
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}
