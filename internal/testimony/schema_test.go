package testimony

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/pscore/dossier"
	"github.com/pscore/dossier/internal/vocab"
)

// The JSON Schema (schema/testimony.schema.json) is what editors check as researchers
// type; the parser is what `dossier validate` checks. These tests keep them in step:
// the schema's vocabularies are the vocabulary's, its keys are the parser's, and the
// files the parser accepts the schema accepts (and it refuses the usual mistakes).

func loadSchema(t testing.TB) map[string]any {
	t.Helper()
	var s map[string]any
	if err := json.Unmarshal(dossier.TestimonySchema, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSchemaVocabulary: (a) the enums of the schema are the vocabulary's codes, with the
// vocabulary's descriptions as hover text.
func TestSchemaVocabulary(t *testing.T) {
	defs := loadSchema(t)["definitions"].(map[string]any)
	for name, want := range schemaEnums(testVocab(t)) {
		raw, _ := json.Marshal(defs[name])
		var have schemaEnum
		if err := json.Unmarshal(raw, &have); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(have.Enum, want.Enum) {
			t.Errorf("definitions.%s.enum = %v, the vocabulary has %v", name, have.Enum, want.Enum)
		}
		if want.Descriptions != nil && !slices.Equal(have.Descriptions, want.Descriptions) {
			t.Errorf("definitions.%s.enumDescriptions = %q, want %q", name, have.Descriptions, want.Descriptions)
		}
		if have.Descriptions != nil && len(have.Descriptions) != len(have.Enum) {
			t.Errorf("definitions.%s: %d descriptions for %d codes", name, len(have.Descriptions), len(have.Enum))
		}
	}
	// The instruments of article references are the parser's.
	pat := defs["article"].(map[string]any)["pattern"].(string)
	if want := "^(" + strings.Join(Instruments, "|") + ")-"; !strings.HasPrefix(pat, want) {
		t.Errorf("article pattern %q does not start with %q", pat, want)
	}
}

// TestSchemaKeys: (b) every mapping of the format has in the schema exactly the keys the
// parser knows and requires, and refuses others.
func TestSchemaKeys(t *testing.T) {
	s := loadSchema(t)
	defs := s["definitions"].(map[string]any)
	where := map[string]map[string]any{"testimony": s}
	for name := range Mappings {
		if name != "testimony" {
			where[name], _ = defs[name].(map[string]any)
		}
	}
	for name, keys := range Mappings {
		obj := where[name]
		if obj == nil {
			t.Errorf("no definitions.%s in the schema", name)
			continue
		}
		props := sortedKeys(obj["properties"].(map[string]any))
		if want := sorted(keys.Known); !slices.Equal(props, want) {
			t.Errorf("%s: schema properties %v, the parser knows %v", name, props, want)
		}
		var req []string
		for _, r := range asList(obj["required"]) {
			req = append(req, r.(string))
		}
		if want := sorted(keys.Required); !slices.Equal(sorted(req), want) {
			t.Errorf("%s: schema requires %v, the parser %v", name, sorted(req), want)
		}
		if obj["additionalProperties"] != false {
			t.Errorf("%s: the schema must refuse unknown keys (additionalProperties: false)", name)
		}
	}
	// No object of the schema escapes this check.
	for name, d := range defs {
		if _, ok := d.(map[string]any)["properties"]; ok && where[name] == nil {
			t.Errorf("definitions.%s has properties but is not a mapping the parser knows", name)
		}
	}
	// The patterns the parser matches by hand are the schema's.
	props := s["properties"].(map[string]any)
	checkPattern(t, "id", props["id"], IsID, "PSC-2019-0042", "DEV-2014-001", "AB-2019-12345", "A-2019-001", "PSC-19-001", "PSC-2019-01", "psc-2019-001", "PSC-2019-123456")
	checkPattern(t, "ref", defs["ref"], isRef, "A", "C1", "1", "a-b_c", "-A", "A B", strings.Repeat("a", 33))
	event := defs["event"].(map[string]any)["properties"].(map[string]any)
	checkPattern(t, "event id", event["id"], isEventID, "e1", "E_2", "1e", "e 1")
	place := defs["place"].(map[string]any)["properties"].(map[string]any)
	checkPattern(t, "country", place["country"], isCountry, "KP", "kp", "KOR", "K")
}

func checkPattern(t *testing.T, what string, def any, match func(string) bool, samples ...string) {
	t.Helper()
	re := regexp.MustCompile(def.(map[string]any)["pattern"].(string))
	for _, s := range samples {
		if re.MatchString(s) != match(s) {
			t.Errorf("%s %q: schema pattern says %v, parser %v", what, s, re.MatchString(s), match(s))
		}
	}
}

func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	sort.Strings(out)
	return out
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

// TestSchemaAcceptsCorpus: (c) every testimony the parser accepts — the sample corpus,
// the good fixture, generated-looking variants — the schema accepts; and the schema
// refuses the mistakes an editor can catch.
func TestSchemaAcceptsCorpus(t *testing.T) {
	s := loadSchema(t)
	files, _ := filepath.Glob("../../testimonies/*.yaml")
	files = append(files, "testdata/good/PSC-2019-001.yaml")
	if len(files) < 41 {
		t.Fatalf("%d files", len(files))
	}
	for _, f := range files {
		if errs := validateFile(t, s, f); len(errs) > 0 {
			t.Errorf("%s: %s", f, strings.Join(errs, "; "))
		}
	}
	refused := map[string]string{
		"unknown-key":              "/source: unknown key \"langauge\"",
		"unknown-top-level-key":    ": unknown key \"notes\"",
		"missing-required":         "/source: missing \"consent\"",
		"unknown-consent":          "/source/consent: \"secret\" is not one of",
		"unknown-language":         "/source/language: \"kr\" is not one of",
		"unknown-act":              "/events/0/acts/0/type: \"arbitrary-detension\" is not one of",
		"unknown-perpetrator":      "/events/0/acts/0/perpetrator: \"police\" is not one of",
		"malformed-id":             "/id: \"PSC-19-1\" does not match",
		"geo-out-of-range":         "/events/0/place/geo/0: 129.99 is above 90",
		"bad-month":                "/events/0/date: \"2011-13\" does not match",
		"timestamp-date":           "/events/0/date: \"2011-05-03T10:00\" does not match",
		"full-birth-date":          "/persons/0/born: \"1985-04-12\" does not match",
		"wrong-type-list":          "/persons: a object, not array",
		"empty-account":            "/events/0/account/en: \"\" does not match",
		"no-account-text":          "/events/0/account: fewer than 1 properties",
		"schema-version":           "/schema: 2 is not 1",
		"unknown-account-language": "/events/0/account: key \"english\": \"english\" is not one of",
		"country-code":             "/events/0/place/country: \"North Korea\" does not match",
		"bad-article":              "/events/0/review/add/0: \"ICCPR 9\" does not match",
	}
	for c, want := range refused {
		f, _ := filepath.Glob(filepath.Join("testdata", "bad", c, "*.yaml"))
		errs := validateFile(t, s, f[0])
		if !slices.ContainsFunc(errs, func(e string) bool { return strings.HasPrefix(e, want) }) {
			t.Errorf("%s: the schema says %q, want %q", c, errs, want)
		}
	}
}

func validateFile(t *testing.T, s map[string]any, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	v := &schemaValidator{root: s}
	v.check(s, instance(n.Content[0]), "")
	return v.errs
}

// instance turns YAML into the JSON value a YAML language server sees: YAML 1.2 core
// schema, so 2011-05-03 is a string and 1985 a number.
func instance(n *yaml.Node) any {
	switch n.Kind {
	case yaml.AliasNode:
		return instance(n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = instance(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			l = append(l, instance(c))
		}
		return l
	}
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool":
		return n.Value == "true" || n.Value == "True" || n.Value == "TRUE"
	case "!!int", "!!float":
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil {
			return n.Value
		}
		return f
	}
	return n.Value
}

// schemaValidator checks the draft-07 keywords the testimony schema uses, and fails on
// any other, so that no constraint is skipped unnoticed.
type schemaValidator struct {
	root map[string]any
	errs []string
}

var annotations = map[string]bool{"$schema": true, "$id": true, "title": true, "description": true, "enumDescriptions": true, "definitions": true}

func (v *schemaValidator) fail(at, format string, args ...any) {
	v.errs = append(v.errs, at+": "+fmt.Sprintf(format, args...))
}

func typeOf(x any) string {
	switch x := x.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case float64:
		if x == float64(int64(x)) {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}

func (v *schemaValidator) check(s map[string]any, x any, at string) {
	keys := sortedKeys(s)
	for _, k := range keys {
		kw := s[k]
		switch k {
		case "$ref":
			name := strings.TrimPrefix(kw.(string), "#/definitions/")
			v.check(v.root["definitions"].(map[string]any)[name].(map[string]any), x, at)
		case "allOf":
			for _, sub := range kw.([]any) {
				v.check(sub.(map[string]any), x, at)
			}
		case "type":
			types := []string{}
			if s, ok := kw.(string); ok {
				types = append(types, s)
			} else {
				for _, t := range kw.([]any) {
					types = append(types, t.(string))
				}
			}
			got := typeOf(x)
			if !slices.Contains(types, got) && !(got == "integer" && slices.Contains(types, "number")) {
				v.fail(at, "a %s, not %s", got, strings.Join(types, " or "))
			}
		case "enum":
			if !slices.Contains(kw.([]any), x) {
				v.fail(at, "%q is not one of %v", x, kw)
			}
		case "const":
			if x != kw {
				v.fail(at, "%v is not %v", x, kw)
			}
		case "pattern":
			if s, ok := x.(string); ok && !regexp.MustCompile(kw.(string)).MatchString(s) {
				v.fail(at, "%q does not match %s", s, kw)
			}
		case "minimum":
			if f, ok := x.(float64); ok && f < kw.(float64) {
				v.fail(at, "%v is below %v", f, kw)
			}
		case "maximum":
			if f, ok := x.(float64); ok && f > kw.(float64) {
				v.fail(at, "%v is above %v", f, kw)
			}
		case "minItems", "maxItems":
			if l, ok := x.([]any); ok && (k == "minItems" && len(l) < int(kw.(float64)) || k == "maxItems" && len(l) > int(kw.(float64))) {
				v.fail(at, "%d items (%s %v)", len(l), k, kw)
			}
		case "items":
			l, ok := x.([]any)
			if !ok {
				break
			}
			if tuple, ok := kw.([]any); ok {
				for i, sub := range tuple {
					if i < len(l) {
						v.check(sub.(map[string]any), l[i], fmt.Sprintf("%s/%d", at, i))
					}
				}
				if s["additionalItems"] == false && len(l) > len(tuple) {
					v.fail(at, "%d items, at most %d", len(l), len(tuple))
				}
				break
			}
			for i, item := range l {
				v.check(kw.(map[string]any), item, fmt.Sprintf("%s/%d", at, i))
			}
		case "additionalItems":
			// with items
		case "required":
			if m, ok := x.(map[string]any); ok {
				for _, r := range kw.([]any) {
					if _, ok := m[r.(string)]; !ok {
						v.fail(at, "missing %q", r)
					}
				}
			}
		case "properties":
			if m, ok := x.(map[string]any); ok {
				for _, name := range sortedKeys(m) {
					if sub, ok := kw.(map[string]any)[name]; ok {
						v.check(sub.(map[string]any), m[name], at+"/"+name)
					}
				}
			}
		case "additionalProperties":
			m, ok := x.(map[string]any)
			if !ok {
				break
			}
			props, _ := s["properties"].(map[string]any)
			for _, name := range sortedKeys(m) {
				if _, known := props[name]; known {
					continue
				}
				if kw == false {
					v.fail(at, "unknown key %q", name)
				} else if sub, ok := kw.(map[string]any); ok {
					v.check(sub, m[name], at+"/"+name)
				}
			}
		case "propertyNames":
			if m, ok := x.(map[string]any); ok {
				for _, name := range sortedKeys(m) {
					sub := &schemaValidator{root: v.root}
					sub.check(kw.(map[string]any), name, at)
					for _, e := range sub.errs {
						v.errs = append(v.errs, strings.Replace(e, ": ", fmt.Sprintf(": key %q: ", name), 1))
					}
				}
			}
		case "minProperties":
			if m, ok := x.(map[string]any); ok && len(m) < int(kw.(float64)) {
				v.fail(at, "fewer than %v properties", kw)
			}
		default:
			if !annotations[k] {
				panic("schema keyword not checked by the test validator: " + k)
			}
		}
	}
}

// TestSchemaFor: a project's own vocabulary goes into the schema `dossier schema` prints;
// the default vocabulary gives the file as it is.
func TestSchemaFor(t *testing.T) {
	v := testVocab(t)
	out, err := Schema(v)
	if err != nil || string(out) != string(dossier.TestimonySchema) {
		t.Fatalf("default vocabulary: %v", err)
	}
	data, err := os.ReadFile("../../reference/vocabulary.yaml")
	if err != nil {
		t.Fatal(err)
	}
	extended := strings.Replace(string(data), "relations: [victim, eyewitness, relative, hearsay]", "relations: [victim, eyewitness, relative, hearsay, document]", 1)
	extended = strings.Replace(extended, "  - code: family-separation\n", "  - code: organ-harvesting\n    label: {en: Organ harvesting}\n  - code: family-separation\n", 1)
	v2, err := vocab.Parse("extended", []byte(extended))
	if err != nil {
		t.Fatal(err)
	}
	out, err = Schema(v2)
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(out, &s); err != nil {
		t.Fatal(err)
	}
	defs := s["definitions"].(map[string]any)
	rel := defs["relation"].(map[string]any)
	act := defs["actType"].(map[string]any)
	if !slices.Contains(rel["enum"].([]any), any("document")) || rel["enumDescriptions"] != nil ||
		!slices.Contains(act["enum"].([]any), any("organ-harvesting")) || !slices.Contains(act["enumDescriptions"].([]any), any("Organ harvesting")) {
		t.Errorf("extended vocabulary not in the schema: %v %v", rel, act["enum"])
	}
	if defs["consent"].(map[string]any)["enumDescriptions"] == nil {
		t.Error("unchanged consent lost its descriptions")
	}
}
