// Package fonts holds the typefaces embedded in the dossier binary and chooses, for each
// character, the face that has it: Liberation Serif, Sans and Mono (the
// github.com/go-fonts/liberation module) for Latin script, NanumMyeongjo and NanumGothic
// (Debian's fonts-nanum, committed unmodified under nanum/ with their SIL OFL licence)
// for Hangul. One paragraph can so mix scripts.
//
// A character that no embedded face has is an error naming it (see [MissingError]):
// PDF libraries silently print a blank for a missing glyph, which would drop an accent
// or a syllable from a testimony.
//
// Each face is parsed once per process and shared; a Face is safe for concurrent use.
package fonts

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"

	"github.com/go-fonts/liberation/liberationmonoregular"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansbolditalic"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
)

var (
	//go:embed nanum/NanumMyeongjo.ttf
	nanumMyeongjo []byte
	//go:embed nanum/NanumMyeongjoBold.ttf
	nanumMyeongjoBold []byte
	//go:embed nanum/NanumGothic.ttf
	nanumGothic []byte
	//go:embed nanum/NanumGothicBold.ttf
	nanumGothicBold []byte
)

// Style is a typographic style: a family (serif, sans, mono) with weight and slant.
type Style int

const (
	Serif Style = iota
	SerifBold
	SerifItalic
	SerifBoldItalic
	Sans
	SansBold
	SansItalic
	SansBoldItalic
	Mono
	numStyles
)

// Bold returns the bold variant of s (mono has none and stays as it is).
func (s Style) Bold() Style {
	switch s {
	case Serif, SerifItalic, Sans, SansItalic:
		return s + 1
	}
	return s
}

// Italic returns the italic variant of s.
func (s Style) Italic() Style {
	switch s {
	case Serif, SerifBold, Sans, SansBold:
		return s + 2
	}
	return s
}

// Face is one embedded TrueType face with the metrics layout needs.
type Face struct {
	// Name is the PostScript-like name, e.g. "LiberationSerif-Bold"; writers use it as
	// the base of the PDF font name.
	Name string
	// Data is the TrueType file, unmodified.
	Data []byte
	// UnitsPerEm, Ascent and Descent (negative) are in font units.
	UnitsPerEm int
	Ascent     int
	Descent    int

	once sync.Once
	err  error
	bmp  []uint16 // advance width by BMP code point; noGlyph when absent
	cmap12
	advances []uint16
}

const noGlyph = 0xFFFF

type faceDef struct {
	name string
	data func() []byte
}

var faceDefs = [...]faceDef{
	{"LiberationSerif-Regular", func() []byte { return liberationserifregular.TTF }},
	{"LiberationSerif-Bold", func() []byte { return liberationserifbold.TTF }},
	{"LiberationSerif-Italic", func() []byte { return liberationserifitalic.TTF }},
	{"LiberationSerif-BoldItalic", func() []byte { return liberationserifbolditalic.TTF }},
	{"LiberationSans-Regular", func() []byte { return liberationsansregular.TTF }},
	{"LiberationSans-Bold", func() []byte { return liberationsansbold.TTF }},
	{"LiberationSans-Italic", func() []byte { return liberationsansitalic.TTF }},
	{"LiberationSans-BoldItalic", func() []byte { return liberationsansbolditalic.TTF }},
	{"LiberationMono-Regular", func() []byte { return liberationmonoregular.TTF }},
	{"NanumMyeongjo", func() []byte { return nanumMyeongjo }},
	{"NanumMyeongjoBold", func() []byte { return nanumMyeongjoBold }},
	{"NanumGothic", func() []byte { return nanumGothic }},
	{"NanumGothicBold", func() []byte { return nanumGothicBold }},
}

const (
	libSerif = iota
	libSerifBold
	libSerifItalic
	libSerifBoldItalic
	libSans
	libSansBold
	libSansItalic
	libSansBoldItalic
	libMono
	nanumM
	nanumMB
	nanumG
	nanumGB
	numFaces
)

var faces [numFaces]*Face

func init() {
	for i, d := range faceDefs {
		faces[i] = &Face{Name: d.name, Data: d.data()}
	}
}

// fallback lists, per style, the faces tried in order. Latin faces come first so that
// Latin letters, digits and punctuation are set in Liberation even in Korean text;
// Hangul, which Liberation lacks, falls to the Nanum face of the same family and weight.
var fallback = [numStyles][]int{
	Serif:           {libSerif, nanumM, libSans, nanumG},
	SerifBold:       {libSerifBold, nanumMB, libSansBold, nanumGB},
	SerifItalic:     {libSerifItalic, nanumM, libSerif, libSans, nanumG},
	SerifBoldItalic: {libSerifBoldItalic, nanumMB, libSerifBold, libSansBold, nanumGB},
	Sans:            {libSans, nanumG, libSerif, nanumM},
	SansBold:        {libSansBold, nanumGB, libSerifBold, nanumMB},
	SansItalic:      {libSansItalic, nanumG, libSans, libSerif, nanumM},
	SansBoldItalic:  {libSansBoldItalic, nanumGB, libSansBold, libSerifBold, nanumMB},
	Mono:            {libMono, nanumG, libSans, libSerif, nanumM},
}

// Faces returns every embedded face, in a fixed order.
func Faces() []*Face { return faces[:] }

// For returns the face of style s that has r, or nil when no embedded face has it.
func For(s Style, r rune) *Face {
	for _, i := range fallback[s] {
		f := faces[i]
		if f.load() == nil && f.Has(r) {
			return f
		}
	}
	return nil
}

// Check returns a *MissingError for the first character of text that no face of style
// s has; where says where the text is (for the message).
func Check(s Style, text, where string) error {
	for _, r := range text {
		if For(s, r) == nil {
			return &MissingError{Rune: r, Where: where}
		}
	}
	return nil
}

// MissingError is a character that no embedded face can print.
type MissingError struct {
	Rune  rune
	Where string
}

func (e *MissingError) Error() string {
	s := fmt.Sprintf("no embedded font has the character U+%04X %q", e.Rune, string(e.Rune))
	if e.Where != "" {
		s += " (" + e.Where + ")"
	}
	return s
}

// Load parses the face (once per process) and reports whether it is usable.
func (f *Face) Load() error { return f.load() }

func (f *Face) load() error {
	f.once.Do(func() { f.err = f.parse() })
	return f.err
}

// Has reports whether the face has a glyph for r.
func (f *Face) Has(r rune) bool {
	if f.load() != nil {
		return false
	}
	if r < 0x10000 {
		return f.bmp[r] != noGlyph
	}
	return f.lookup12(r) != 0
}

// Advance returns the advance width of r in em (0 when the face lacks r).
func (f *Face) Advance(r rune) float64 {
	if f.load() != nil {
		return 0
	}
	var a uint16
	if r < 0x10000 {
		a = f.bmp[r]
		if a == noGlyph {
			return 0
		}
	} else {
		g := f.lookup12(r)
		if g == 0 {
			return 0
		}
		a = f.advance(g)
	}
	return float64(a) / float64(f.UnitsPerEm)
}

func (f *Face) advance(g uint16) uint16 {
	if int(g) < len(f.advances) {
		return f.advances[g]
	}
	if len(f.advances) == 0 {
		return 0
	}
	return f.advances[len(f.advances)-1]
}

var errFont = errors.New("malformed TrueType font")

type cmap12 struct {
	groups []group12
}

type group12 struct{ start, end, glyph uint32 }

func (c *cmap12) lookup12(r rune) uint16 {
	lo, hi := 0, len(c.groups)
	for lo < hi {
		m := (lo + hi) / 2
		g := c.groups[m]
		switch {
		case uint32(r) < g.start:
			hi = m
		case uint32(r) > g.end:
			lo = m + 1
		default:
			return uint16(g.glyph + uint32(r) - g.start)
		}
	}
	return 0
}

// parse reads head, hhea, hmtx and cmap: enough to measure text.
func (f *Face) parse() error {
	d := f.Data
	if len(d) < 12 {
		return errFont
	}
	n := int(binary.BigEndian.Uint16(d[4:]))
	tables := map[string][]byte{}
	for i := range n {
		o := 12 + 16*i
		if o+16 > len(d) {
			return errFont
		}
		tag := string(d[o : o+4])
		off := int(binary.BigEndian.Uint32(d[o+8:]))
		ln := int(binary.BigEndian.Uint32(d[o+12:]))
		if off < 0 || ln < 0 || off+ln > len(d) {
			return errFont
		}
		tables[tag] = d[off : off+ln]
	}
	head, hhea, hmtx, cmap := tables["head"], tables["hhea"], tables["hmtx"], tables["cmap"]
	if len(head) < 54 || len(hhea) < 36 || cmap == nil {
		return fmt.Errorf("%s: %w: missing tables", f.Name, errFont)
	}
	f.UnitsPerEm = int(binary.BigEndian.Uint16(head[18:]))
	f.Ascent = int(int16(binary.BigEndian.Uint16(hhea[4:])))
	f.Descent = int(int16(binary.BigEndian.Uint16(hhea[6:])))
	nh := int(binary.BigEndian.Uint16(hhea[34:]))
	if len(hmtx) < 4*nh || nh == 0 {
		return fmt.Errorf("%s: %w: short hmtx", f.Name, errFont)
	}
	f.advances = make([]uint16, nh)
	for i := range nh {
		f.advances[i] = binary.BigEndian.Uint16(hmtx[4*i:])
	}
	// choose the Unicode subtable: (3,10) format 12, else (3,1)/(0,x) format 4
	var sub4, sub12 []byte
	nt := int(binary.BigEndian.Uint16(cmap[2:]))
	for i := range nt {
		o := 4 + 8*i
		if o+8 > len(cmap) {
			return errFont
		}
		pid := binary.BigEndian.Uint16(cmap[o:])
		eid := binary.BigEndian.Uint16(cmap[o+2:])
		off := int(binary.BigEndian.Uint32(cmap[o+4:]))
		if off+4 > len(cmap) {
			continue
		}
		st := cmap[off:]
		format := binary.BigEndian.Uint16(st)
		switch {
		case format == 12 && (pid == 3 && eid == 10 || pid == 0):
			sub12 = st
		case format == 4 && (pid == 3 && eid == 1 || pid == 0):
			if sub4 == nil {
				sub4 = st
			}
		}
	}
	f.bmp = make([]uint16, 0x10000)
	for i := range f.bmp {
		f.bmp[i] = noGlyph
	}
	set := func(r uint32, g uint16) {
		if r < 0x10000 && g != 0 {
			f.bmp[r] = f.advance(g)
			if f.bmp[r] == noGlyph {
				f.bmp[r]--
			}
		}
	}
	switch {
	case sub12 != nil:
		if len(sub12) < 16 {
			return errFont
		}
		ng := int(binary.BigEndian.Uint32(sub12[12:]))
		if 16+12*ng > len(sub12) {
			return errFont
		}
		for i := range ng {
			o := 16 + 12*i
			g := group12{binary.BigEndian.Uint32(sub12[o:]), binary.BigEndian.Uint32(sub12[o+4:]), binary.BigEndian.Uint32(sub12[o+8:])}
			f.groups = append(f.groups, g)
			for r := g.start; r <= g.end && r < 0x10000; r++ {
				set(r, uint16(g.glyph+r-g.start))
			}
		}
	case sub4 != nil:
		if len(sub4) < 14 {
			return errFont
		}
		segX2 := int(binary.BigEndian.Uint16(sub4[6:]))
		if 16+4*segX2 > len(sub4) {
			return errFont
		}
		ends := sub4[14:]
		starts := sub4[16+segX2:]
		deltas := sub4[16+2*segX2:]
		ranges := sub4[16+3*segX2:]
		for s := 0; s < segX2/2; s++ {
			end := uint32(binary.BigEndian.Uint16(ends[2*s:]))
			start := uint32(binary.BigEndian.Uint16(starts[2*s:]))
			delta := binary.BigEndian.Uint16(deltas[2*s:])
			ro := int(binary.BigEndian.Uint16(ranges[2*s:]))
			for r := start; r <= end && r != 0xFFFF; r++ {
				var g uint16
				if ro == 0 {
					g = uint16(r) + delta
				} else {
					p := 16 + 3*segX2 + 2*s + ro + 2*int(r-start)
					if p+2 > len(sub4) {
						continue
					}
					g = binary.BigEndian.Uint16(sub4[p:])
					if g != 0 {
						g += delta
					}
				}
				set(r, g)
			}
		}
	default:
		return fmt.Errorf("%s: %w: no Unicode cmap", f.Name, errFont)
	}
	return nil
}

// String returns the face's name.
func (f *Face) String() string { return f.Name }
