package yamlnode

import (
	"strings"
	"testing"
)

// Bomb is a "billion laughs" YAML document: nine levels of nine aliases, a few hundred
// bytes that stand for 9^8 strings. Parsers of files a project may override use it.
func Bomb(key string) string {
	var b strings.Builder
	b.WriteString("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= 8; i++ {
		p := "*l" + string(rune('0'+i-1))
		b.WriteString("l" + string(rune('0'+i)) + ": &l" + string(rune('0'+i)) + " [" + strings.Repeat(p+", ", 8) + p + "]\n")
	}
	b.WriteString(key + ": {note: *l8}\n")
	return b.String()
}

func TestOnStopEndsFlattenOfABomb(t *testing.T) {
	data := []byte(Bomb("meta"))
	r := &Reader{Path: "bomb.yaml"}
	r.LimitAliases(AliasBudget(data))
	var got string
	func() {
		defer OnStop(func() { got = "stopped" })
		root := r.Root(data)
		for _, kv := range r.Map(root, "bomb", nil) {
			r.Flatten(kv.Value)
		}
	}()
	if got != "stopped" || !strings.Contains(r.Diags.Err().Error(), "alias bomb") {
		t.Errorf("a billion laughs was flattened: %q %v", got, r.Diags)
	}
}
