// Package pdf writes a document (internal/doc) as a UN-style PDF on A4: serif body
// with hanging paragraph numbers, sans-serif headings in the UN hierarchy, justified
// paragraphs broken as a whole with Korean and French line breaking
// (internal/linebreak), footnotes at the foot of the page that cites them (a note too
// long for it continues on the next), symbol-marked notes (* on a title), tables that
// repeat their header across pages (a row taller than half a page continues under
// it), vector bar charts, vertical or horizontal, a running header cut to the line, an
// optional per-page mark, a localised footer, clickable internal and external links,
// bookmarks for every heading and full metadata. Nothing is drawn below the body: a
// block too tall for any page is an error naming it.
//
// github.com/signintech/gopdf is used only as a canvas: text at x,y, TrueType
// subsetting with ToUnicode maps, lines, rectangles and link annotations. Layout is done
// here before anything is drawn, so pages are written in order and never revisited.
// Streams are compressed afterwards with one pooled writer (compress.go), not by gopdf.
// A finishing pass appends a PDF incremental update with what gopdf gets wrong or
// lacks: a correct outline tree (/Count, /Parent, /Prev, /Next), an indirect /Info, an
// XMP metadata stream, /Lang, and an /ID derived from the content.
//
// Output is byte-identical for identical input: nothing reads the clock or depends on
// map order.
package pdf

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/pscore/dossier/internal/doc"
	"github.com/pscore/dossier/internal/fonts"
)

// Options are the choices of the caller; the zero value is a plain document in the
// document's language.
type Options struct {
	// Lang overrides the document's language (en, fr, ko) for typography, the footer
	// and metadata.
	Lang string
	// Header is the running header set at the top of every page but a cover page;
	// empty uses the cover's symbol, else the title.
	Header string
	// Mark is set prominently at the top of every page, e.g. "CONFIDENTIAL".
	Mark string
	// Created overrides the document's creation date. When both are zero, the date is
	// taken from SOURCE_DATE_EPOCH, else no date is written: the clock is never read.
	Created time.Time
	// Localize returns the message with the given id ("pdf.page_of" with Page and
	// Total, "pdf.annex" with Number, "pdf.united_nations") in the document language, or
	// "" to use the built-in text.
	Localize func(id string, data map[string]any) string
	// Creator names the application in the metadata; default "dossier".
	Creator string
	// BodySize is the size of the body text in points for Latin editions (en, fr);
	// headings, notes and tables keep their proportions to it. Zero keeps the design's
	// 11 points; a Korean edition keeps its own.
	BodySize float64
}

// Result is a rendered PDF.
type Result struct {
	PDF   []byte
	Pages int
}

// Render lays out d and returns the PDF. A character that no embedded font has is an
// error (*fonts.MissingError) naming it and where it is, never a blank.
func Render(d *doc.Document, opts Options) (*Result, error) {
	if err := doc.Validate(d); err != nil {
		return nil, fmt.Errorf("invalid document: %w", err)
	}
	lang := opts.Lang
	if lang == "" {
		lang = d.Meta.Lang
	}
	switch lang {
	case "en", "fr", "ko":
	case "":
		lang = "en"
	default:
		return nil, fmt.Errorf("language %q is not one of en, fr, ko", lang)
	}
	created := opts.Created
	if created.IsZero() {
		created = d.Meta.Created
	}
	if created.IsZero() {
		if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
			sec, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
			if err != nil {
				return nil, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", s)
			}
			created = time.Unix(sec, 0).UTC()
		}
	}
	w := &writer{d: d, opts: opts, lang: lang, m: metricsFor(lang).scaled(lang, opts.BodySize), num: doc.Numbers(d),
		used: map[*fonts.Face]*runeSet{}, created: created}
	if err := w.layout(); err != nil {
		return nil, err
	}
	pages, err := w.paginate()
	if err != nil {
		return nil, err
	}
	raw, marks, err := w.emit(pages)
	if err != nil {
		return nil, err
	}
	out, err := w.finish(raw, marks, len(pages))
	if err != nil {
		return nil, err
	}
	return &Result{PDF: out, Pages: len(pages)}, nil
}

type writer struct {
	d       *doc.Document
	opts    Options
	lang    string
	m       metrics
	num     *doc.Numbering
	created time.Time

	where string // the block being laid out, for messages
	err   error  // first error of generated text
	boxes []box
	used  map[*fonts.Face]*runeSet
	notes map[*doc.Footnote][]box

	hasCover bool

	// scratch of the total-fit line breaker
	fitBuf  []float64
	fitPrev []int
}

// runeSet records the characters set in a face (for the subset tag).
type runeSet struct {
	bmp  [0x10000 / 64]uint64
	more map[rune]bool
}

func (w *writer) use(f *fonts.Face, r rune) {
	s := w.used[f]
	if s == nil {
		s = &runeSet{}
		w.used[f] = s
	}
	if r < 0x10000 {
		s.bmp[r/64] |= 1 << (r % 64)
		return
	}
	if s.more == nil {
		s.more = map[rune]bool{}
	}
	s.more[r] = true
}

func (w *writer) layout() error {
	for _, b := range w.d.Blocks {
		if _, ok := b.(*doc.Cover); ok {
			w.hasCover = true
		}
		break
	}
	if err := w.blocks(w.d.Blocks, blockCtx{}); err != nil {
		return err
	}
	if w.err != nil {
		return w.err
	}
	// footnotes, each set once
	w.notes = map[*doc.Footnote][]box{}
	for i := range w.boxes {
		for _, n := range w.boxes[i].notes {
			if _, ok := w.notes[n]; ok {
				continue
			}
			w.where = "footnote " + w.num.Label(n)
			runs := w.flatten(n.Content, runStyle{style: serif, size: w.m.note, color: black})
			bs, err := w.setRuns(runs, paraOpts{x: colX + noteIndent, width: colW - noteIndent, size: w.m.note, lead: w.leadFor(runs, w.m.note, w.m.noteLead), justify: true})
			if err != nil {
				return err
			}
			num := w.num.Label(n)
			if n.Mark != "" {
				bs[0].ops = append(bs[0].ops, w.textOp(num, serif, w.m.note, black, colX, baseline(w.m.noteLead, w.m.note))...)
			} else {
				bs[0].ops = append(bs[0].ops, w.textOp(num, serif, w.m.note*0.8, black, colX, baseline(w.m.noteLead, w.m.note)-w.m.note*0.3)...)
			}
			bs[len(bs)-1].h += 2
			w.notes[n] = bs
		}
	}
	return w.err
}

// str returns a localised fixed string.
func (w *writer) str(id string, data map[string]any) string {
	if w.opts.Localize != nil {
		if s := w.opts.Localize(id, data); s != "" {
			return s
		}
	}
	s := builtin[w.lang][id]
	if s == "" {
		s = builtin["en"][id]
	}
	for k, v := range data {
		s = strings.ReplaceAll(s, "{{."+k+"}}", fmt.Sprint(v))
	}
	return s
}

// builtin are the fixed strings used when no Localize function is given; the
// project's i18n/active.*.toml files carry the same messages.
var builtin = map[string]map[string]string{
	"en": {"pdf.page_of": "Page {{.Page}} of {{.Total}}", "pdf.annex": "Annex {{.Number}}", "pdf.united_nations": "United Nations"},
	"fr": {"pdf.page_of": "Page {{.Page}} sur {{.Total}}", "pdf.annex": "Annexe {{.Number}}", "pdf.united_nations": "Nations Unies"},
	"ko": {"pdf.page_of": "{{.Total}}쪽 중 {{.Page}}쪽", "pdf.annex": "부속서 {{.Number}}", "pdf.united_nations": "국제연합"},
}
