package diag

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Position turns a byte offset in text into the 1-based line and column (counted in
// characters, as editors and the YAML library count them) that diagnostics print. An
// offset outside text is taken as its nearest end.
func Position(text string, off int) (line, col int) {
	off = min(max(off, 0), len(text))
	start := strings.LastIndexByte(text[:off], '\n') + 1
	return 1 + strings.Count(text[:start], "\n"), 1 + utf8.RuneCountInString(text[start:off])
}

// Lines answers Position for many offsets in one text, by binary search over its line
// starts instead of a count from the beginning each time.
type Lines struct {
	src    []byte
	starts []int
}

// NewLines indexes the line starts of src.
func NewLines(src []byte) *Lines {
	ls := &Lines{src: src, starts: []int{0}}
	for i, c := range src {
		if c == '\n' {
			ls.starts = append(ls.starts, i+1)
		}
	}
	return ls
}

// Position is [Position] for an offset in the indexed text.
func (ls *Lines) Position(off int) (line, col int) {
	off = min(max(off, 0), len(ls.src))
	i := sort.Search(len(ls.starts), func(i int) bool { return ls.starts[i] > off }) - 1
	return i + 1, utf8.RuneCount(ls.src[ls.starts[i]:off]) + 1
}
