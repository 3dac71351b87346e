package report

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/pscore/dossier/internal/yamlnode"
)

// NamePattern is what a report name may be: it names the folder and the output files.
var NamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// Scaffold returns the files of a new report definition of a kind (file name →
// content): a commented report.yaml with every field of the kind, and a first section
// in each language. The definition loads as it is; what must be filled in is marked
// TODO.
func Scaffold(kind, name, date string, langs []string) (map[string]string, error) {
	if !slices.Contains(Kinds, kind) {
		return nil, fmt.Errorf("unknown kind %q%s: use %s", kind, yamlnode.Suggest(kind, Kinds), strings.Join(Kinds, ", "))
	}
	if !NamePattern.MatchString(name) {
		return nil, fmt.Errorf("report name %q: use lower-case letters, digits and dashes (it names the folder and the PDFs), e.g. upr-dprk", name)
	}
	if len(langs) == 0 {
		langs = DefaultLanguages
	}
	text := func(indent, what string) string {
		var b strings.Builder
		for _, l := range langs {
			fmt.Fprintf(&b, "%s%s: TODO %s (%s)\n", indent, l, what, l)
		}
		return b.String()
	}
	flow := func(what string) string {
		parts := make([]string, len(langs))
		for i, l := range langs {
			parts[i] = fmt.Sprintf("%s: TODO %s", l, what)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	var y strings.Builder
	fmt.Fprintf(&y, "# Report definition (reports/README.md). Fill in every TODO, then run\n#   dossier check %s\n", name)
	fmt.Fprintf(&y, "kind: %s\ntitle:\n%s", kind, text("  ", "title"))
	fmt.Fprintf(&y, "state: KP                    # State under review / concerned (ISO 3166-1 alpha-2)\n")
	fmt.Fprintf(&y, "date: %s             # date of the filing (also the PDF creation date)\n", date)
	fmt.Fprintf(&y, "languages: [%s]\n", strings.Join(langs, ", "))
	fmt.Fprintf(&y, "organisation:\n  name:\n%s  status: special             # general | special | roster | none\n  description:                # activities and date of establishment\n%s",
		text("    ", "organisation name"), text("    ", "description of the organisation"))
	switch kind {
	case KindUPR:
		y.WriteString("# co-submitters:              # a joint submission (upr.submission: joint)\n#   - name: {en: …, fr: …, ko: …}\n#     status: special\n")
	case KindHRC:
		y.WriteString("# co-submitters:              # co-sponsors in consultative status\n#   - name: {en: …, fr: …, ko: …}\n#     status: general\n")
	}
	fmt.Fprintf(&y, "keywords:\n")
	for _, l := range langs {
		fmt.Fprintf(&y, "  %s: [TODO key word]\n", l)
	}
	consent := "public"
	if kind == KindSPCom {
		consent = "confidential"
	}
	fmt.Fprintf(&y, "draw:                         # which testimonies the filing may draw on (all optional)\n  consent: %s\n  # period: {from: 2009, to: 2024}\n  # acts: [torture, forced-repatriation]\n  # places: [North Hamgyong, CN]\n  # testimonies: [PSC-2019-0042]\n", consent)
	fmt.Fprintf(&y, "recommendations:\n  - %s\n", flow("recommendation"))
	switch kind {
	case KindUPR:
		y.WriteString("upr:\n  session: 47                 # UPR Working Group session\n  cycle: 5\n  review: 2029-05             # month of the review\n  submission: individual      # individual (2,815 words) | joint (5,630)\n")
	case KindHRC:
		fmt.Fprintf(&y, "hrc:\n  session: 61\n  agenda-item: 4\n  agenda-title:\n%s  segment: %s\n  # supporters: [{en: …, fr: …, ko: …}]   # organisations without status\n",
			text("    ", "title of the agenda item"), flow("segment"))
	case KindSPCom:
		fmt.Fprintf(&y, "sp:\n  mandates:\n    - %s\n  urgent: false\n  case: PSC-2019-0042          # TODO the testimony the communication is about\n  victim: A                   # the person ref in that testimony\n  consent:\n%s  steps-taken:\n%s  confidential:\n%s",
			flow("mandate"), text("    ", "how and when the victim consented"), text("    ", "steps taken at home"), text("    ", "what must stay confidential"))
	case KindSPIn:
		fmt.Fprintf(&y, "call:\n  title:\n%s  mandate:\n%s  deadline: %s\n  publish: true               # may the answer be published on the OHCHR website?\n  questions:                  # in the call's order; answered by q1.LANG.md, q2.LANG.md …\n    - %s\n",
			text("    ", "title of the call"), text("    ", "mandate"), date, flow("question 1"))
	}
	files := map[string]string{"report.yaml": y.String()}
	section := "01-introduction"
	if kind == KindSPIn {
		section = "q1"
	}
	for _, l := range langs {
		files[section+"."+l+".md"] = fmt.Sprintf("# TODO heading (%s)\n\nTODO text (%s). Calls such as {{ count \"cases\" }} insert generated content; see reports/README.md.\n", l, l)
	}
	return files, nil
}
