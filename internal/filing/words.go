package filing

import (
	"strings"
	"unicode"

	"github.com/pscore/dossier/internal/doc"
)

// CountWords counts the words of a text the way Microsoft Word does, which is how the
// UN secretariat checks word limits:
//
//   - a word is a run of characters between white space (any Unicode white space,
//     including the no-break and narrow no-break spaces of French typography);
//   - a run counts when it holds at least one letter, digit or symbol, so "real-time",
//     "don't", "1,500", "A/HRC/58/NGO/12", "http://…", "and/or" and "word—word" are
//     one word each, and "&", "%", "§" or "$" standing alone are words, as in Word;
//   - a run made of punctuation only is not a word: a spaced dash " – ", French « » and
//     the spaced ; : ! ? of French typography do not count;
//   - Chinese and Japanese characters (Han, Hiragana, Katakana) count one word each,
//     as Word counts East Asian characters; Korean, which is written with spaces
//     between words (eojeol), is counted by white space like English.
//
// Where Word's behaviour is unclear (a lone dash between spaces is counted by some
// versions), the rule errs towards fewer words only for marks that are punctuation in
// every script; everything else counts.
func CountWords(s string) int {
	n := 0
	inWord, counted := false, false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u200b':
			inWord, counted = false, false
			continue
		case isEastAsian(r):
			// each ideograph or kana is a word of its own; it also ends any run
			n++
			inWord, counted = true, true
			continue
		}
		if !inWord {
			inWord, counted = true, false
		}
		if !counted && (unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsSymbol(r) || strings.ContainsRune(wordMarks, r)) {
			n++
			counted = true
		}
	}
	return n
}

// wordMarks are punctuation characters (Unicode category Po) that Word counts as a word
// when they stand alone, unlike sentence punctuation, dashes, quotes and brackets.
const wordMarks = "&%#@§¶†‡‰"

func isEastAsian(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

// Words is the word count of an edition, by part.
type Words struct {
	// Body counts the cover's text lines, headings, paragraphs, lists, quotations,
	// tables and code: everything a reader reads, outside notes and annexes.
	Body int
	// Notes counts footnote and endnote text.
	Notes int
	// Annexes counts the annexes, which no UN limit includes.
	Annexes int
}

// Counted is what a word limit applies to: body and notes, annexes excluded.
func (w Words) Counted() int { return w.Body + w.Notes }

// CountDocument counts the words of a document: what it prints, not its metadata
// (title, author and keywords recorded in the file but not on the page), not the
// labels drawn inside charts (Word does not count the text of a chart either), and not
// generated numbers (paragraph, list and note numbers, page numbers), which Word leaves
// out too. Inline runs are joined as they read ("**bold**word" is one word, a line
// break separates), case references count as the text they show.
func CountDocument(d *doc.Document) Words {
	var w Words
	for _, b := range d.Blocks {
		n := countText(b)
		for _, f := range footnotes(b) {
			if _, annex := b.(*doc.Annex); annex {
				n += CountWords(doc.PlainText(f.Content))
			} else {
				w.Notes += CountWords(doc.PlainText(f.Content))
			}
		}
		if _, annex := b.(*doc.Annex); annex {
			w.Annexes += n
		} else {
			w.Body += n
		}
	}
	return w
}

// countText counts the words of a block's text, notes left out.
func countText(b doc.Block) int {
	n := 0
	text := func(content []doc.Inline) { n += CountWords(doc.PlainText(content)) }
	switch v := b.(type) {
	case *doc.Cover:
		for _, s := range append([]string{v.Organ, v.Symbol, v.Distribution, v.Date, v.Original}, v.Session...) {
			n += CountWords(s)
		}
		text(v.Title)
		text(v.Subtitle)
		text(v.Submitter)
		for _, sb := range v.Summary {
			n += countText(sb)
		}
	case *doc.Heading:
		text(v.Text)
	case *doc.Paragraph:
		text(v.Content)
	case *doc.List:
		var list func(*doc.List)
		list = func(l *doc.List) {
			for _, it := range l.Items {
				text(it.Content)
				if it.Sub != nil {
					list(it.Sub)
				}
			}
		}
		list(v)
	case *doc.Table:
		text(v.Caption)
		for _, r := range append(append([]*doc.Row{}, v.Header...), v.Rows...) {
			for _, c := range r.Cells {
				text(c.Content)
			}
		}
	case *doc.Chart:
		text(v.Caption) // set under the chart as text; the drawing's labels are not counted
	case *doc.Quote:
		for _, qb := range v.Blocks {
			n += countText(qb)
		}
	case *doc.Code:
		n += CountWords(v.Text)
	case *doc.Annex:
		n += CountWords(v.Label)
		text(v.Title)
		for _, ab := range v.Blocks {
			n += countText(ab)
		}
	}
	return n
}
