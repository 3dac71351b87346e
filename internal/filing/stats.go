package filing

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/pscore/dossier/internal/doc"
	"github.com/pscore/dossier/internal/yamlnode"
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

// maxBars is the most bars a chart of vertical bars draws (years): beyond it, labels
// cannot be read on an A4 column. maxHBars is the most a chart of horizontal bars
// draws (act types, provinces, perpetrators: long labels stand left of their bars),
// the last being "Other". Tables keep every row.
const (
	maxBars  = 8
	maxHBars = 16
)

// horizontal reports whether the chart of a statistic has horizontal bars: every one
// but years, whose labels are short and whose order is time.
func horizontal(name string) bool { return name != "acts-by-year" }

type bar struct {
	label string
	n     int
}

// bars are the bars of a chart: every row when they fit; otherwise years grouped by
// five ("2005–2009"), and other keys the largest ones and "Other".
func (x *ed) bars(name string, rows []statRow) []bar {
	var out []bar
	limit := maxBars
	if horizontal(name) {
		limit = maxHBars
	}
	if len(rows) <= limit {
		for _, r := range rows {
			out = append(out, bar{x.statLabel(name, r.Key), r.N})
		}
		return out
	}
	if name == "acts-by-year" {
		var unknown int
		byStart := map[int]int{}
		var starts []int
		for _, r := range rows {
			y, err := strconv.Atoi(r.Key)
			if err != nil {
				unknown += r.N
				continue
			}
			st := y - y%5
			if _, ok := byStart[st]; !ok {
				starts = append(starts, st)
			}
			byStart[st] += r.N
		}
		sort.Ints(starts)
		for _, st := range starts {
			out = append(out, bar{strconv.Itoa(st) + "–" + strconv.Itoa(st+4), byStart[st]})
		}
		if unknown > 0 {
			out = append(out, bar{x.msg("filing.stats.unknown", nil), unknown})
		}
		return out
	}
	other := 0
	for i, r := range rows {
		if i < limit-1 {
			out = append(out, bar{x.statLabel(name, r.Key), r.N})
		} else {
			other += r.N
		}
	}
	return append(out, bar{x.msg("filing.stats.other", map[string]any{"N": len(rows) - (limit - 1)}), other})
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
	if !slices.Contains(statNames, name) {
		x.errorAt(s, c, 0, "{{ %s %q }}: unknown statistic%s; use %s", c.Name, name, yamlnode.Suggest(name, statNames), strings.Join(statNames, ", "))
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
		ch := &doc.Chart{Title: title, Unit: x.msg("filing.stats.unit", nil), Caption: x.caption(), Horizontal: horizontal(name)}
		for _, b := range x.bars(name, rows) {
			ch.Labels = append(ch.Labels, b.label)
			ch.Values = append(ch.Values, float64(b.n))
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
		{Content: x.strong(doc.T(x.msg("filing.stats.total", nil))...)},
		{Content: x.strong(doc.T(FormatNumber(total, x.lang))...)},
	}})
	return []doc.Block{t, &doc.Paragraph{Content: x.caption()}}
}
