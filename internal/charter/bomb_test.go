package charter

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// A project may override reference/charters.yaml; a "billion laughs" file (nine levels
// of nine aliases, 9^8 strings in a few hundred bytes) must be refused at once, not
// expanded by the reader of free-text fields.
func TestParseRefusesAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: x\nmeta:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= 8; i++ {
		p := fmt.Sprintf("*l%d", i-1)
		fmt.Fprintf(&b, "  l%d: &l%d [%s%s]\n", i, i, strings.Repeat(p+", ", 8), p)
	}
	b.WriteString("conditions:\n  victim-child: *l8\n")
	done := make(chan string, 1)
	go func() {
		_, d := Parse("charters.yaml", []byte(b.String()), nil)
		done <- fmt.Sprint(d)
	}()
	select {
	case got := <-done:
		if !strings.Contains(got, "alias bomb") {
			t.Errorf("diagnostics = %s", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Parse is still expanding an alias bomb after 10 s")
	}
}
