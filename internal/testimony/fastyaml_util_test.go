package testimony

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

type yamlNode = yaml.Node

func nodeString(n *yaml.Node) string {
	return fmt.Sprintf("kind=%d tag=%s style=%d %d:%d %q", n.Kind, n.Tag, n.Style, n.Line, n.Column, truncate(n.Value, 60))
}
