package report

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/pscore/dossier/internal/diag"
	"github.com/pscore/dossier/internal/testimony"
	"github.com/pscore/dossier/internal/yamlnode"
)

// File is the name of a definition file in a report folder.
const File = "report.yaml"

// sectionPattern matches section file names: NAME.LANG.md.
var (
	sectionPattern  = regexp.MustCompile(`^(.+)\.([a-z]{2})\.md$`)
	questionPattern = regexp.MustCompile(`^q(\d+)(?:[-_.].*)?$`)
)

// IsReportDir reports whether dir holds a report definition.
func IsReportDir(dir string) bool {
	st, err := os.Stat(filepath.Join(dir, File))
	return err == nil && st.Mode().IsRegular()
}

// Find returns the report folders under dir (folders holding a report.yaml), sorted.
func Find(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && IsReportDir(filepath.Join(dir, e.Name())) {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out, nil
}

// Load reads the definition in dir: report.yaml and its sections. Every problem is
// collected; the report is nil only when report.yaml could not be read at all.
func Load(dir string, o Options) (*Report, diag.List) {
	path := filepath.Join(dir, File)
	var d diag.List
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			d.Errorf(dir, 0, 0, "not a report definition: no %s in this folder (run `dossier new report --kind KIND NAME`)", File)
		} else {
			d.Errorf(path, 0, 0, "%v", err)
		}
		return nil, d
	}
	r, d := Parse(path, data, o)
	if r == nil {
		return nil, d
	}
	r.Dir = dir
	r.Name = filepath.Base(filepath.Clean(dir))
	d = append(d, r.loadSections(&o)...)
	d = append(d, r.checkTodos(data, &o)...)
	if o.Corpus != nil {
		d = append(d, r.CheckTestimonies(o.Corpus)...)
	}
	d.Sort()
	return r, d
}

// loadSections discovers the section files of the report folder.
func (r *Report) loadSections(o *Options) diag.List {
	var d diag.List
	entries, err := os.ReadDir(r.Dir)
	if err != nil {
		d.Errorf(r.Dir, 0, 0, "%v", err)
		return d
	}
	byName := map[string]*Section{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".md") || strings.HasPrefix(name, ".") {
			continue
		}
		path := filepath.Join(r.Dir, name)
		m := sectionPattern.FindStringSubmatch(name)
		if m == nil {
			if !strings.EqualFold(name, "README.md") {
				d.Warnf(path, 0, 0, "not a section and ignored: name sections NAME.LANG.md, e.g. 01-introduction.en.md")
			}
			continue
		}
		base, lang := m[1], m[2]
		if !r.HasLanguage(lang) {
			if !slices.Contains(o.languages(), lang) && (o.Vocab == nil || !slices.Contains(o.Vocab.Languages, lang)) {
				d.Warnf(path, 0, 0, "ignored: %q is not a language code%s", lang, yamlnode.Suggest(lang, o.languages()))
			}
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			d.Errorf(path, 0, 0, "%v", err)
			continue
		}
		s := byName[base]
		if s == nil {
			s = &Section{Name: base, Files: map[string]*SectionFile{}}
			if r.Kind == KindSPIn {
				if qm := questionPattern.FindStringSubmatch(base); qm != nil {
					s.Question, _ = strconv.Atoi(qm[1])
				}
			}
			byName[base] = s
			r.Sections = append(r.Sections, s)
		}
		s.Files[lang] = &SectionFile{Path: path, Lang: lang, Source: data}
	}
	sort.Slice(r.Sections, func(i, j int) bool { return r.Sections[i].Name < r.Sections[j].Name })
	for _, s := range r.Sections {
		var have []string
		for _, l := range r.Languages {
			if s.Files[l] != nil {
				have = append(have, l)
			}
		}
		for _, l := range r.Languages {
			if s.Files[l] != nil || !o.built(l) {
				continue
			}
			path := filepath.Join(r.Dir, s.Name+"."+l+".md")
			msg := fmt.Sprintf("missing translation: section %s has no %s file (it exists in %s)", s.Name, l, strings.Join(have, ", "))
			if o.Draft {
				d.Warnf(path, 0, 0, "%s; the draft shows a marker", msg)
			} else {
				d.Errorf(path, 0, 0, "%s; translate it, or build with --draft", msg)
			}
		}
	}
	if len(r.Sections) == 0 && r.Kind != KindSPCom {
		d.Errorf(r.Path, 0, 0, "no sections: write the text in files NAME.LANG.md beside report.yaml (01-introduction.en.md …)")
	}
	if r.Kind == KindSPIn && r.Call != nil {
		answered := map[int]bool{}
		for _, s := range r.Sections {
			if s.Question == 0 {
				continue
			}
			if s.Question > len(r.Call.Questions) {
				for _, l := range r.Languages {
					if f := s.Files[l]; f != nil {
						d.Errorf(f.Path, 0, 0, "answers question %d, but the call has %d question(s) (call.questions in report.yaml)", s.Question, len(r.Call.Questions))
						break
					}
				}
				continue
			}
			answered[s.Question] = true
		}
		for i, q := range r.Call.Questions {
			if !answered[i+1] {
				d.Errorf(r.Path, q.Pos.Line, q.Pos.Col, "question %d has no answer: write q%d.LANG.md (or q%d-NAME.LANG.md) in every language", i+1, i+1, i+1)
			}
		}
	}
	return d
}

// CheckTestimonies checks the testimonies the definition names against a corpus: they
// must exist, and their consent must allow this kind of filing. Internal testimonies are
// refused everywhere.
func (r *Report) CheckTestimonies(c *testimony.Corpus) diag.List {
	var d diag.List
	check := func(ref Ref, what, max string) *testimony.Testimony {
		t := c.Get(ref.ID)
		if t == nil {
			d.Errorf(r.Path, ref.Pos.Line, ref.Pos.Col, "%s: testimony %s does not exist%s", what, ref.ID, suggestID(ref.ID, c))
			return nil
		}
		switch {
		case t.Source.Consent == testimony.ConsentInternal:
			d.Errorf(r.Path, ref.Pos.Line, ref.Pos.Col, "%s: testimony %s is internal: internal testimonies never leave the organisation", what, ref.ID)
			return nil
		case !ConsentAllows(max, t.Source.Consent):
			if MaxConsent(r.Kind) == testimony.ConsentConfidential {
				d.Errorf(r.Path, ref.Pos.Line, ref.Pos.Col, "%s: testimony %s is %s, but draw.consent allows only %s testimonies (set draw.consent: confidential to send it through this confidential channel)", what, ref.ID, t.Source.Consent, max)
			} else {
				d.Errorf(r.Path, ref.Pos.Line, ref.Pos.Col, "%s: testimony %s is %s: a %s is published and may draw only on public testimonies", what, ref.ID, t.Source.Consent, r.Kind)
			}
			return nil
		}
		return t
	}
	for _, ref := range r.Draw.Testimonies {
		check(ref, "draw.testimonies", r.MaxConsent())
	}
	if r.SP != nil && r.SP.Case.ID != "" {
		// The case is named explicitly: the kind's own ceiling applies to it.
		if t := check(r.SP.Case, "sp.case", MaxConsent(r.Kind)); t != nil && r.SP.Victim != "" && t.Person(r.SP.Victim) == nil {
			refs := make([]string, len(t.Persons))
			for i, per := range t.Persons {
				refs[i] = per.Ref
			}
			d.Errorf(r.Path, r.SP.VictimPos.Line, r.SP.VictimPos.Col, "sp.victim: %s has no person %q (persons: %s)", t.ID, r.SP.Victim, strings.Join(refs, ", "))
		}
	}
	return d
}

func suggestID(id string, c *testimony.Corpus) string {
	ids := make([]string, len(c.Testimonies))
	for i, t := range c.Testimonies {
		ids[i] = t.ID
	}
	return yamlnode.Suggest(id, ids)
}
