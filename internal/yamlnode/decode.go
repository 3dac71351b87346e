package yamlnode

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/pscore/dossier/internal/diag"
)

// Decode reads the first YAML document of data into a node tree. A file without one
// (empty, or only comments) returns io.EOF.
func Decode(data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		return nil, err
	}
	return &doc, nil
}

// DecodeOptional decodes a file that may well be empty (waivers, sealed identifiers)
// and returns its top-level node: nil for a file without one (empty, or only comments),
// and nil with a diagnostic at 1:1 in yaml.v3's own words for one that is not YAML.
func DecodeOptional(path string, data []byte) (*yaml.Node, diag.List) {
	doc, err := Decode(data)
	switch {
	case errors.Is(err, io.EOF):
		return nil, nil
	case err != nil:
		var d diag.List
		d.Errorf(path, 1, 1, "not valid YAML: %v", err)
		return nil, d
	case len(doc.Content) == 0:
		return nil, nil
	}
	return doc.Content[0], nil
}

var yamlLinePattern = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Problem splits a yaml.v3 error into the problem and the 1-based line it names, 0 when
// it names none (yaml.v3 gives no column, and not always a line).
func Problem(err error) (problem string, line int) {
	msg := err.Error()
	if m := yamlLinePattern.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		return m[2], line
	}
	return strings.TrimPrefix(msg, "yaml: "), 0
}

// Syntax records the yaml.v3 error err of data where the problem is (see Locate).
func (r *Reader) Syntax(data []byte, err error) {
	l, c, msg := Locate(data, err)
	r.ErrorAt(l, c, "%s", msg)
}

// Root decodes a file that must be one mapping (a reference file) and returns that
// mapping; nil, after saying why, when the file is empty, not YAML or not a mapping.
func (r *Reader) Root(data []byte) *yaml.Node {
	doc, err := Decode(data)
	switch {
	case errors.Is(err, io.EOF):
		r.ErrorAt(1, 1, "file is empty")
	case err != nil:
		r.Syntax(data, err)
	case doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || r.Resolve(doc.Content[0]).Kind != yaml.MappingNode:
		r.ErrorAt(1, 1, "expected a mapping at the top of the file")
	default:
		return r.Resolve(doc.Content[0])
	}
	return nil
}
