package leak

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/yamlnode"
)

// WaiverFile is the name of a waiver file: one at the project root applies to every
// output, one in a report's folder (reports/<name>/waivers.yaml) to that report's.
const WaiverFile = "waivers.yaml"

// Waiver says that a pattern hit is not an identifier: an organisation's public phone
// number or address, a historical date next to the word "born". It names the exact text,
// optionally where (a part of the location, such as "upr-dprk.en.pdf" or "footnote"),
// why, and who decided. Waived hits are logged in the build output and the manifest.
//
//	waivers:
//	  - text: "+41 22 917 9000"
//	    where: upr-dprk            # optional: only hits whose location contains this
//	    kind: phone                # optional: rrn | phone | email | birth-date
//	    reason: OHCHR switchboard, a public number
//	    by: staff-03
//
// A waiver never covers a sealed value or text of a testimony without consent, and a
// waiver file must not contain a sealed value at all.
type Waiver struct {
	Text   string `json:"text"`
	Where  string `json:"where,omitempty"`
	Kind   string `json:"kind,omitempty"`
	Reason string `json:"reason"`
	By     string `json:"by"`
	// File, Line and Col locate the waiver.
	File      string `json:"file"`
	Line, Col int    `json:"-"`
}

// Pos returns file:line of the waiver.
func (w *Waiver) Pos() string {
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d", w.File, w.Line)
	}
	return w.File
}

var waiverKinds = map[string]HitKind{
	"rrn":        HitRRN,
	"phone":      HitPhone,
	"email":      HitEmail,
	"birth-date": HitBirthDate,
}

// ParseWaivers reads a waiver file. An empty file, or one with an empty list, is fine.
func ParseWaivers(path string, data []byte) ([]Waiver, diag.List) {
	top, d := yamlnode.DecodeOptional(path, data)
	if top == nil {
		return nil, d
	}
	if top.Kind != yaml.MappingNode {
		d.Errorf(path, top.Line, top.Column, "a waiver file is a mapping with a list under waivers:")
		return nil, d
	}
	var list *yaml.Node
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		if k.Value != "waivers" {
			d.Errorf(path, k.Line, k.Column, "unknown key %q: a waiver file holds only waivers:", k.Value)
			continue
		}
		list = v
	}
	if list == nil || list.Tag == "!!null" {
		return nil, d
	}
	if list.Kind != yaml.SequenceNode {
		d.Errorf(path, list.Line, list.Column, "waivers: is a list of {text, reason, by}")
		return nil, d
	}
	var out []Waiver
	for _, item := range list.Content {
		if item.Kind != yaml.MappingNode {
			d.Errorf(path, item.Line, item.Column, "a waiver is a mapping with text, reason and by")
			continue
		}
		w := Waiver{File: path, Line: item.Line, Col: item.Column}
		ok := true
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := item.Content[i], item.Content[i+1]
			if v.Kind != yaml.ScalarNode {
				d.Errorf(path, v.Line, v.Column, "%s: expected text", k.Value)
				ok = false
				continue
			}
			switch k.Value {
			case "text":
				w.Text = v.Value
			case "where":
				w.Where = v.Value
			case "kind":
				if _, known := waiverKinds[v.Value]; !known {
					d.Errorf(path, v.Line, v.Column, "kind %q: a waiver covers rrn, phone, email or birth-date hits (sealed values and consent can never be waived)", v.Value)
					ok = false
				}
				w.Kind = v.Value
			case "reason":
				w.Reason = v.Value
			case "by":
				w.By = v.Value
			default:
				d.Errorf(path, k.Line, k.Column, "unknown key %q: a waiver has text, where, kind, reason and by", k.Value)
				ok = false
			}
		}
		for _, req := range []struct{ name, val string }{{"text", w.Text}, {"reason", w.Reason}, {"by", w.By}} {
			if strings.TrimSpace(req.val) == "" {
				d.Errorf(path, item.Line, item.Column, "waiver without %s: a waiver says what it covers (text), why (reason) and who decided (by)", req.name)
				ok = false
			}
		}
		if ok {
			out = append(out, w)
		}
	}
	return out, d
}

// covers reports whether the waiver covers the hit.
func (w *Waiver) covers(h *Hit) bool {
	if !h.Kind.Waivable() {
		return false
	}
	if w.Kind != "" && waiverKinds[w.Kind] != h.Kind {
		return false
	}
	if w.Where != "" && !strings.Contains(h.Where, w.Where) {
		return false
	}
	return strings.EqualFold(Plain(w.Text), Plain(h.Text))
}

// ApplyWaivers splits hits into those that still stop the build and those a waiver
// covers (with Waiver set). scanner, when not nil, is the one the hits came from: a
// waiver whose text holds a sealed value is an error (the waiver file itself would leak
// it), and so is a waiver that matches the text of a sealed or consent hit. See
// [UnusedWaivers] for the waivers that covered nothing.
func ApplyWaivers(hits []Hit, waivers []Waiver, scanner *Scanner) (blocking, waived []Hit, d diag.List) {
	bad := make([]bool, len(waivers))
	for i := range waivers {
		w := &waivers[i]
		if scanner != nil {
			for _, h := range scanner.ScanText(Text{Where: w.Pos(), Text: w.Text}) {
				if h.Kind == HitSealed {
					d.Errorf(w.File, w.Line, w.Col, "this waiver's text contains a %s: remove it from %s — a sealed value can never be waived, and must not be written in a waiver file", h.Secret.Label(), w.File)
					bad[i] = true
					break
				}
			}
		}
	}
	for _, h := range hits {
		h := h
		if !h.Kind.Waivable() {
			for i := range waivers {
				w := &waivers[i]
				if !bad[i] && strings.EqualFold(Plain(w.Text), Plain(h.Text)) && (w.Where == "" || strings.Contains(h.Where, w.Where)) {
					d.Errorf(w.File, w.Line, w.Col, "this waiver would cover a %s at %s: only identifier patterns can be waived", h.Kind, h.Where)
					bad[i] = true
				}
			}
			blocking = append(blocking, h)
			continue
		}
		var cover *Waiver
		for i := range waivers {
			if !bad[i] && waivers[i].covers(&h) {
				cover = &waivers[i]
				break
			}
		}
		if cover == nil {
			blocking = append(blocking, h)
			continue
		}
		h.Waiver = cover
		waived = append(waived, h)
	}
	return blocking, waived, d
}

// UnusedWaivers returns the waivers that cover none of the waived hits (of every output
// of a build), so that stale ones can be reported and cleaned up.
func UnusedWaivers(waivers []Waiver, waived []Hit) []Waiver {
	var out []Waiver
	for _, w := range waivers {
		used := false
		for _, h := range waived {
			if h.Waiver != nil && h.Waiver.File == w.File && h.Waiver.Line == w.Line && h.Waiver.Col == w.Col {
				used = true
				break
			}
		}
		if !used {
			out = append(out, w)
		}
	}
	return out
}
