package testimony

import (
	"fmt"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

type yamlNode = yaml.Node

func nodeString(n *yaml.Node) string {
	return fmt.Sprintf("kind=%d tag=%s style=%d %d:%d %q", n.Kind, n.Tag, n.Style, n.Line, n.Column, truncate(n.Value, 60))
}

// sameTree reports whether two node trees are equal in what the parser reads: kind,
// tag, style, value, position, anchors and aliases — not comments.
func sameTree(a, b *yaml.Node) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Kind != b.Kind || a.Tag != b.Tag || a.Style != b.Style || a.Value != b.Value ||
		a.Line != b.Line || a.Column != b.Column || a.Anchor != b.Anchor || (a.Alias == nil) != (b.Alias == nil) ||
		len(a.Content) != len(b.Content) {
		return false
	}
	for i := range a.Content {
		if !sameTree(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

// truncate cuts s to n characters, for test failure messages.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
