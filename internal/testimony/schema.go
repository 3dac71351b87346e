package testimony

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/pscore/dossier"
	"github.com/pscore/dossier/internal/vocab"
)

// schemaEnum is one controlled vocabulary as the JSON Schema lists it: the codes, and
// the hover text for each (nil when the schema gives none).
type schemaEnum struct {
	Enum         []string `json:"enum"`
	Descriptions []string `json:"enumDescriptions,omitempty"`
}

var languageLabels = map[string]string{
	"ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fr": "French",
	"ja": "Japanese", "ko": "Korean", "ru": "Russian", "zh": "Chinese",
}

// schemaEnums returns the vocabularies of v under the names of the schema's definitions.
// Descriptions of relations, consents and sexes are the schema's own (the spec's words),
// kept when the codes are those of the schema.
func schemaEnums(v *vocab.Vocabulary) map[string]schemaEnum {
	acts := schemaEnum{}
	for _, a := range v.Acts {
		acts.Enum = append(acts.Enum, a.Code)
		d := a.Description.In("en")
		if d == "" {
			d = a.Label.In("en")
		}
		acts.Descriptions = append(acts.Descriptions, d)
	}
	perps := schemaEnum{}
	for _, p := range v.Perpetrators {
		perps.Enum = append(perps.Enum, p.Code)
		state := "non-state"
		if p.State != "" {
			state = p.State
		}
		perps.Descriptions = append(perps.Descriptions, fmt.Sprintf("%s (%s)", p.Label.In("en"), state))
	}
	langs := schemaEnum{Enum: v.Languages}
	for _, l := range v.Languages {
		name, ok := languageLabels[l]
		if !ok {
			name = l
		}
		langs.Descriptions = append(langs.Descriptions, name)
	}
	return map[string]schemaEnum{
		"actType":     acts,
		"perpetrator": perps,
		"language":    langs,
		"relation":    {Enum: v.Relations},
		"consent":     {Enum: v.Consents},
		"sex":         {Enum: v.Sexes},
	}
}

// Schema returns the JSON Schema of the testimony format with the vocabularies of v: the
// embedded file as it is when v is the default vocabulary, else the same schema with v's
// codes.
func Schema(v *vocab.Vocabulary) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(dossier.TestimonySchema, &doc); err != nil {
		return nil, fmt.Errorf("embedded schema: %v", err)
	}
	defs, _ := doc["definitions"].(map[string]any)
	changed := false
	for name, want := range schemaEnums(v) {
		def, ok := defs[name].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("embedded schema: no definition %q", name)
		}
		var have schemaEnum
		raw, _ := json.Marshal(def)
		_ = json.Unmarshal(raw, &have)
		if slices.Equal(have.Enum, want.Enum) && (want.Descriptions == nil || slices.Equal(have.Descriptions, want.Descriptions)) {
			continue
		}
		changed = true
		def["enum"] = want.Enum
		if want.Descriptions != nil {
			def["enumDescriptions"] = want.Descriptions
		} else {
			delete(def, "enumDescriptions") // the schema's words were for other codes
		}
	}
	if !changed {
		return dossier.TestimonySchema, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
