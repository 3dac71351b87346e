package diag

import "testing"

func TestPosition(t *testing.T) {
	text := "ab\n증인 é\n\nx"
	for _, c := range []struct{ off, line, col int }{
		{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {6, 2, 2}, {10, 2, 4}, {13, 3, 1}, {14, 4, 1}, {15, 4, 2},
		{-5, 1, 1}, {99, 4, 2},
	} {
		l, col := Position(text, c.off)
		if l != c.line || col != c.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", c.off, l, col, c.line, c.col)
		}
		l, col = NewLines([]byte(text)).Position(c.off)
		if l != c.line || col != c.col {
			t.Errorf("Lines.Position(%d) = %d:%d, want %d:%d", c.off, l, col, c.line, c.col)
		}
	}
}
