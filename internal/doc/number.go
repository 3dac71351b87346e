package doc

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Numbering holds the numbers a document's writers print, computed once by [Numbers]
// so that every writer numbers alike.
type Numbering struct {
	// Heading gives "I.", "A.", "1." for numbered headings of levels 1–3.
	Heading map[*Heading]string
	// Para gives "1.", "2." … for numbered paragraphs, consecutive through the body and
	// afresh in each annex.
	Para map[*Paragraph]string
	// Footnote gives 1, 2 … in reading order through the whole document, to the notes
	// without a Mark.
	Footnote map[*Footnote]int
	// Mark gives "*", "**" … to the notes with a Mark: the mark repeated as many times
	// as there are notes with that mark up to this one.
	Mark  map[*Footnote]string
	marks map[string]int
	// Annex gives the Roman ordinal of each annex ("I", "II"); writers localise
	// "Annex" around it unless the annex has a Label.
	Annex map[*Annex]string
}

// Numbers numbers the headings, paragraphs, footnotes and annexes of d.
func Numbers(d *Document) *Numbering {
	n := &Numbering{
		Heading:  map[*Heading]string{},
		Para:     map[*Paragraph]string{},
		Footnote: map[*Footnote]int{},
		Mark:     map[*Footnote]string{},
		marks:    map[string]int{},
		Annex:    map[*Annex]string{},
	}
	var c counter
	annexes := 0
	var walk func(bs []Block, c *counter)
	walk = func(bs []Block, c *counter) {
		for _, b := range bs {
			switch x := b.(type) {
			case *Heading:
				n.footnotes(x.Text)
				if x.Unnumbered || x.Level < 1 || x.Level > 3 {
					continue
				}
				c.level[x.Level-1]++
				for l := x.Level; l < 3; l++ {
					c.level[l] = 0
				}
				if x.Number != "" {
					n.Heading[x] = x.Number
					continue
				}
				v := c.level[x.Level-1]
				switch x.Level {
				case 1:
					n.Heading[x] = Roman(v) + "."
				case 2:
					n.Heading[x] = Alpha(v, true) + "."
				case 3:
					n.Heading[x] = strconv.Itoa(v) + "."
				}
			case *Paragraph:
				if x.Numbered {
					c.para++
					if x.Number != "" {
						n.Para[x] = x.Number
					} else {
						n.Para[x] = strconv.Itoa(c.para) + "."
					}
				}
				n.footnotes(x.Content)
			case *List:
				n.list(x)
			case *Table:
				n.footnotes(x.Caption)
				for _, r := range append(append([]*Row{}, x.Header...), x.Rows...) {
					for _, cell := range r.Cells {
						n.footnotes(cell.Content)
					}
				}
			case *Chart:
				n.footnotes(x.Caption)
			case *Cover:
				n.footnotes(x.Title)
				n.footnotes(x.Subtitle)
				n.footnotes(x.Submitter)
				walk(x.Summary, c)
			case *Quote:
				walk(x.Blocks, c)
			case *Annex:
				annexes++
				n.Annex[x] = Roman(annexes)
				n.footnotes(x.Title)
				var ac counter
				walk(x.Blocks, &ac)
			}
		}
	}
	walk(d.Blocks, &c)
	return n
}

type counter struct {
	level [3]int
	para  int
}

func (n *Numbering) list(l *List) {
	for _, it := range l.Items {
		n.footnotes(it.Content)
		if it.Sub != nil {
			n.list(it.Sub)
		}
	}
}

func (n *Numbering) footnotes(content []Inline) {
	for _, in := range content {
		switch x := in.(type) {
		case *Footnote:
			if x.Mark != "" {
				if _, ok := n.Mark[x]; !ok {
					n.marks[x.Mark]++
					n.Mark[x] = strings.Repeat(x.Mark, n.marks[x.Mark])
				}
			} else if _, ok := n.Footnote[x]; !ok {
				n.Footnote[x] = len(n.Footnote) + 1
			}
			n.footnotes(x.Content)
		case *Emph:
			n.footnotes(x.Content)
		case *Strong:
			n.footnotes(x.Content)
		case *Link:
			n.footnotes(x.Content)
		case *CaseRef:
			n.footnotes(x.Content)
		}
	}
}

// Label returns what marks footnote f where it is cited and at its text: its symbol
// ("*", "**") or its number ("1", "2").
func (n *Numbering) Label(f *Footnote) string {
	if m, ok := n.Mark[f]; ok {
		return m
	}
	return strconv.Itoa(n.Footnote[f])
}

// ListLabel returns the label of item i (0-based) of a list of the given style at the
// given depth (0 for a top-level list): "(a)", "(ii)", "3.", "•". ListAuto labels (a),
// then (i), then a., then a dash below.
func ListLabel(style ListStyle, depth, i int) string {
	if style == ListAuto {
		switch depth {
		case 0:
			style = ListAlpha
		case 1:
			style = ListRoman
		case 2:
			return Alpha(i+1, false) + "."
		default:
			return "–"
		}
	}
	switch style {
	case ListAlpha:
		return "(" + Alpha(i+1, false) + ")"
	case ListRoman:
		return "(" + strings.ToLower(Roman(i+1)) + ")"
	case ListDecimal:
		return strconv.Itoa(i+1) + "."
	default:
		if depth == 0 {
			return "•"
		}
		return "–"
	}
}

// Roman returns n (≥ 1) in upper-case Roman numerals.
func Roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// Alpha returns n (≥ 1) as letters: a … z, aa, ab … (upper case if upper).
func Alpha(n int, upper bool) string {
	if n <= 0 {
		return strconv.Itoa(n)
	}
	base := byte('a')
	if upper {
		base = 'A'
	}
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{base + byte(n%26)}, b...)
		n /= 26
	}
	return string(b)
}

// Validate checks what writers rely on: heading levels of at least 1, charts with as
// many labels as values and no negative or non-finite value, anchors that are unique,
// and internal links and case references whose anchors exist. It returns all problems
// joined.
func Validate(d *Document) error {
	anchors := map[string]int{}
	var targets []string
	var errs []error
	addAnchor := func(a string) {
		if a != "" {
			anchors[a]++
		}
	}
	var inl func([]Inline)
	inl = func(content []Inline) {
		for _, in := range content {
			switch x := in.(type) {
			case *Emph:
				inl(x.Content)
			case *Strong:
				inl(x.Content)
			case *Link:
				if strings.HasPrefix(x.Href, "#") {
					targets = append(targets, x.Href[1:])
				} else if x.Href == "" {
					errs = append(errs, errors.New("link with an empty target"))
				}
				inl(x.Content)
			case *Footnote:
				for _, r := range x.Mark {
					if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r) {
						errs = append(errs, fmt.Errorf("footnote mark %q: a mark is a symbol (*, †), not letters, figures or spaces", x.Mark))
						break
					}
				}
				inl(x.Content)
			case *CaseRef:
				if x.Anchor != "" {
					targets = append(targets, x.Anchor)
				}
				inl(x.Content)
			}
		}
	}
	var list func(*List)
	list = func(l *List) {
		addAnchor(l.Anchor)
		for _, it := range l.Items {
			addAnchor(it.Anchor)
			inl(it.Content)
			if it.Sub != nil {
				list(it.Sub)
			}
		}
	}
	var walk func([]Block)
	walk = func(bs []Block) {
		for _, b := range bs {
			switch x := b.(type) {
			case nil:
				errs = append(errs, errors.New("nil block"))
			case *Heading:
				if x.Level < 1 {
					errs = append(errs, fmt.Errorf("heading %q: level %d (must be 1 or more)", PlainText(x.Text), x.Level))
				}
				addAnchor(x.Anchor)
				inl(x.Text)
			case *Paragraph:
				addAnchor(x.Anchor)
				inl(x.Content)
			case *List:
				list(x)
			case *Table:
				addAnchor(x.Anchor)
				inl(x.Caption)
				for _, r := range append(append([]*Row{}, x.Header...), x.Rows...) {
					addAnchor(r.Anchor)
					for _, c := range r.Cells {
						inl(c.Content)
					}
				}
			case *Chart:
				addAnchor(x.Anchor)
				if len(x.Labels) != len(x.Values) {
					errs = append(errs, fmt.Errorf("chart %q: %d labels for %d values", x.Title, len(x.Labels), len(x.Values)))
				}
				for i, v := range x.Values {
					if v < 0 || v != v || v > 1e300 {
						errs = append(errs, fmt.Errorf("chart %q: value %d is %v (must be a finite number ≥ 0)", x.Title, i+1, v))
					}
				}
				inl(x.Caption)
			case *Cover:
				inl(x.Title)
				inl(x.Subtitle)
				inl(x.Submitter)
				walk(x.Summary)
			case *Annex:
				addAnchor(x.Anchor)
				inl(x.Title)
				walk(x.Blocks)
			case *Quote:
				walk(x.Blocks)
			}
		}
	}
	walk(d.Blocks)
	for a, n := range anchors {
		if n > 1 {
			errs = append(errs, fmt.Errorf("anchor %q is defined %d times", a, n))
		}
	}
	for _, t := range targets {
		if anchors[t] == 0 {
			errs = append(errs, fmt.Errorf("link to #%s, which no block has as its anchor", t))
		}
	}
	sortErrs(errs)
	return errors.Join(errs...)
}

func sortErrs(errs []error) {
	// insertion sort by message: few errors, and map order must not leak into output
	for i := 1; i < len(errs); i++ {
		for j := i; j > 0 && errs[j].Error() < errs[j-1].Error(); j-- {
			errs[j], errs[j-1] = errs[j-1], errs[j]
		}
	}
}
