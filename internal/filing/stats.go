package filing

import (
	"sort"
	"strconv"
	"strings"

	"github.com/pscore/dossier/internal/doc"
	"github.com/pscore/dossier/internal/report"
)

// Statistics are counts of acts (one kind of violation suffered by one person at one
// event, coded or inferred) over the events a report draws on. They are the same
// counts in every language; only the labels change.
var statNames = []string{"acts-by-type", "acts-by-year", "acts-by-province", "acts-by-perpetrator"}

type statRow struct {
	Key string
	N   int
}

// statRows counts the acts of the selection by the statistic's key, once per report.
func (rc *reportCtx) statRows(name string) []statRow {
	if rows, ok := rc.stats[name]; ok {
		return rows
	}
	counts := map[string]int{}
	for _, cs := range rc.sel.Cases {
		for _, ec := range cs.Events {
			e := ec.E
			for _, a := range uniqueActs(ec.Class.Acts) {
				var key string
				switch name {
				case "acts-by-type":
					key = a.Type
				case "acts-by-year":
					if !e.Date.IsZero() {
						key = strconv.Itoa(e.Date.Year)
					}
				case "acts-by-province":
					if e.Place.Admin1 != "" || e.Place.Country != "" {
						key = e.Place.Admin1 + "|" + e.Place.Country
					}
				case "acts-by-perpetrator":
					key = a.Perpetrator
				}
				counts[key]++
			}
		}
	}
	rows := make([]statRow, 0, len(counts))
	for k, n := range counts {
		rows = append(rows, statRow{k, n})
	}
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if (a.Key == "") != (b.Key == "") {
			return b.Key == "" // unknown last
		}
		if name == "acts-by-year" {
			return a.Key < b.Key
		}
		if a.N != b.N {
			return a.N > b.N
		}
		return a.Key < b.Key
	})
	if rc.stats == nil {
		rc.stats = map[string][]statRow{}
	}
	rc.stats[name] = rows
	return rows
}

func (x *ed) statLabel(name, key string) string {
	if key == "" {
		return x.msg("filing.stats.unknown", nil)
	}
	v := x.rc.b.Vocab
	switch name {
	case "acts-by-type":
		if v != nil && v.Act(key) != nil {
			return v.Act(key).Label.In(x.lang)
		}
	case "acts-by-perpetrator":
		if v != nil && v.Perpetrator(key) != nil {
			return v.Perpetrator(key).Label.In(x.lang)
		}
	case "acts-by-province":
		admin1, country, _ := strings.Cut(key, "|")
		pl := x.rc.b.Places
		switch {
		case admin1 == "":
			return pl.CountryShort(country, x.lang)
		case country != "" && country != x.rc.r.State:
			return pl.Admin1(admin1, x.lang) + " (" + pl.CountryShort(country, x.lang) + ")"
		}
		return pl.Admin1(admin1, x.lang)
	}
	return key
}

// caption says where the numbers come from: how many testimonies and events, over
// which years.
func (x *ed) caption() []doc.Inline {
	sel := x.rc.sel
	lo, hi := 0, 0
	for _, cs := range sel.Cases {
		for _, ec := range cs.Events {
			y := ec.E.Date.Year
			if y == 0 {
				continue
			}
			if lo == 0 || y < lo {
				lo = y
			}
			if y > hi {
				hi = y
			}
		}
	}
	period := strconv.Itoa(lo) + "–" + strconv.Itoa(hi)
	if lo == hi {
		period = strconv.Itoa(lo)
	}
	return doc.T(x.msg("filing.stats.source", map[string]any{
		"Org":    x.tr(x.rc.r.Organisation.Name),
		"Cases":  FormatNumber(len(sel.Cases), x.lang),
		"Events": FormatNumber(sel.Events(), x.lang),
		"Period": period,
	}))
}

// statBlock writes {{ chart NAME }} or {{ table NAME }}.
func (x *ed) statBlock(s *scanned, c *call) []doc.Block {
	name := c.Args[0]
	if !has(statNames, name) {
		x.errorAt(s, c, 0, "{{ %s %q }}: unknown statistic%s; use %s", c.Name, name, report.Suggest(name, statNames), strings.Join(statNames, ", "))
		return nil
	}
	x.useAll()
	rows := x.rc.statRows(name)
	title := x.msg("filing.stats."+name, nil)
	if len(rows) == 0 {
		x.e.Diags.Warnf(s.file.Path, c.Line, c.Col, "{{ %s %q }}: no act is recorded in the testimonies this report draws on; the %s is left out", c.Name, name, c.Name)
		return nil
	}
	if c.Name == "chart" {
		ch := &doc.Chart{Title: title, Unit: x.msg("filing.stats.unit", nil), Caption: x.caption()}
		for _, r := range rows {
			ch.Labels = append(ch.Labels, x.statLabel(name, r.Key))
			ch.Values = append(ch.Values, float64(r.N))
		}
		return []doc.Block{ch}
	}
	cell := func(s string) *doc.Cell { return &doc.Cell{Content: doc.T(s)} }
	t := &doc.Table{
		Caption: doc.T(title),
		Header:  []*doc.Row{{Cells: []*doc.Cell{cell(x.msg("filing.stats.col."+name, nil)), cell(x.msg("filing.stats.acts", nil))}}},
		Align:   []doc.Align{doc.AlignLeft, doc.AlignRight},
		Widths:  []float64{4, 1},
	}
	total := 0
	for _, r := range rows {
		t.Rows = append(t.Rows, &doc.Row{Cells: []*doc.Cell{cell(x.statLabel(name, r.Key)), cell(FormatNumber(r.N, x.lang))}})
		total += r.N
	}
	t.Rows = append(t.Rows, &doc.Row{Cells: []*doc.Cell{
		{Content: []doc.Inline{&doc.Strong{Content: doc.T(x.msg("filing.stats.total", nil))}}},
		{Content: []doc.Inline{&doc.Strong{Content: doc.T(FormatNumber(total, x.lang))}}},
	}})
	return []doc.Block{t, &doc.Paragraph{Content: x.caption()}}
}
