package archmap

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	psl "github.com/archlint/archlint/internal/prismaschema"
	"github.com/archlint/archlint/internal/report"
)

// Options are the renderers' inputs besides the Report. The zero value renders a plain, ungrouped map
// with Prisma client accessors as model names.
type Options struct {
	// Color adds ANSI colours to the text format. The CLI sets it only for a terminal (--no-color, NO_COLOR).
	Color bool
	// Apps are the repository's Next.js apps; with more than one, endpoints are grouped by app.
	Apps []App
	// Schemas are the Prisma schemas; they turn client accessors (report.Endpoint.Models: "project") into
	// model names ("Project") and are what ERD draws.
	Schemas []Schema
}

// App is a Next.js app of the repository.
type App struct {
	// Dir is the app's directory relative to the repository root ("" for the root).
	Dir string
	// Name is its package.json name, or "".
	Name string
}

// Schema is one Prisma schema (a single file or a folder schema).
type Schema struct {
	// Name identifies it in headings: the file ("prisma/schema.prisma") or the folder ("prisma/schema/").
	Name   string
	Schema *psl.Schema
}

// Control is a protection the map has a column for.
type Control struct {
	// Key is the key of report.Endpoint.Controls.
	Key string
	// Title is the column's name in Markdown and the summary; Header in the text table.
	Title, Header string
}

// Controls are the map's control columns, in order.
var Controls = []Control{
	{Key: "auth", Title: "Auth", Header: "AUTH"},
	{Key: "validation", Title: "Validation", Header: "VALIDATION"},
	{Key: "rateLimit", Title: "Rate limit", Header: "RATE LIMIT"},
	{Key: "errorHandling", Title: "Error handling", Header: "ERRORS"},
}

// Statuses of report.ControlStatus, in the order summaries list them.
var statusOrder = []string{"missing", "partial", "unknown", "present", "public", "n/a"}

// row is one endpoint as the map shows it.
type row struct {
	ep       *report.Endpoint
	index    int    // in Report.Endpoints
	method   string // "GET", "GET, POST", "ANY"
	endpoint string // URL path, action name "name()", or the middleware file's stem
	kind     string // "route", "pages-api", "action", "middleware"
	location string // path:line
	models   []string
}

// group is the rows of one app; title is "" when the map is not grouped.
type group struct {
	title string
	dir   string
	rows  []row
}

// groups sorts the report's endpoints into apps (when there are several) and, within an app, in map order:
// middleware first, then route handlers and API routes by URL and method, then Server Actions by file and
// line.
func groups(r *report.Report, opt Options) []group {
	apps := append([]App(nil), opt.Apps...)
	sort.Slice(apps, func(i, j int) bool { return apps[i].Dir < apps[j].Dir })
	grouped := len(apps) > 1
	var gs []group
	index := map[string]int{}
	if grouped {
		for _, a := range apps {
			title := a.Dir
			if title == "" {
				title = "."
			}
			if a.Name != "" && a.Name != path.Base(a.Dir) {
				title += " (" + a.Name + ")"
			}
			index[a.Dir] = len(gs)
			gs = append(gs, group{title: title, dir: a.Dir})
		}
	} else {
		gs = append(gs, group{})
	}
	names := modelNames(opt.Schemas)
	var other []row
	for i := range r.Endpoints {
		ep := &r.Endpoints[i]
		rw := newRow(ep, names)
		rw.index = i
		if !grouped {
			gs[0].rows = append(gs[0].rows, rw)
			continue
		}
		best := -1
		for _, a := range apps {
			if under(ep.Location.Path, a.Dir) && (best < 0 || len(a.Dir) > len(gs[best].dir)) {
				best = index[a.Dir]
			}
		}
		if best < 0 {
			other = append(other, rw)
			continue
		}
		gs[best].rows = append(gs[best].rows, rw)
	}
	if len(other) > 0 {
		gs = append(gs, group{title: "outside any app", rows: other})
	}
	out := gs[:0]
	for _, g := range gs {
		if len(g.rows) == 0 && grouped {
			continue
		}
		sort.SliceStable(g.rows, func(i, j int) bool { return lessRow(&g.rows[i], &g.rows[j]) })
		out = append(out, g)
	}
	return out
}

func under(p, dir string) bool {
	return dir == "" || p == dir || strings.HasPrefix(p, dir+"/")
}

func newRow(ep *report.Endpoint, names map[string]string) row {
	rw := row{ep: ep, kind: ep.Kind, location: fmt.Sprintf("%s:%d", ep.Location.Path, ep.Location.Range.Start.Line)}
	var ms []string
	for _, m := range ep.Methods {
		if m == "*" {
			m = "ANY"
		}
		ms = append(ms, m)
	}
	rw.method = strings.Join(ms, ", ")
	switch ep.Kind {
	case "server-action":
		rw.kind = "action"
		rw.endpoint = ep.Name + "()"
	case "middleware":
		stem := path.Base(ep.Location.Path)
		rw.endpoint = strings.TrimSuffix(stem, path.Ext(stem))
		if rw.method == "" {
			rw.method = "ANY"
		}
	default:
		rw.endpoint = ep.URLPath
		if rw.endpoint == "" {
			rw.endpoint = ep.Name
		}
	}
	for _, m := range ep.Models {
		if n, ok := names[m]; ok {
			m = n
		}
		rw.models = append(rw.models, m)
	}
	return rw
}

// modelNames maps Prisma client accessors to model names (the first schema that has one wins).
func modelNames(schemas []Schema) map[string]string {
	out := map[string]string{}
	for _, s := range schemas {
		if s.Schema == nil {
			continue
		}
		for _, m := range s.Schema.Models {
			if m.Kind != psl.ModelBlock || m.Name == "" {
				continue
			}
			if _, ok := out[m.ClientName()]; !ok {
				out[m.ClientName()] = m.Name
			}
		}
	}
	return out
}

func kindRank(k string) int {
	switch k {
	case "middleware":
		return 0
	case "route", "pages-api":
		return 1
	case "server-action":
		return 2
	}
	return 3
}

var methodRanks = map[string]int{"GET": 0, "HEAD": 1, "POST": 2, "PUT": 3, "PATCH": 4, "DELETE": 5, "OPTIONS": 6, "*": 8}

func methodRank(ms []string) (int, string) {
	if len(ms) == 0 {
		return 9, ""
	}
	if r, ok := methodRanks[ms[0]]; ok {
		return r, ms[0]
	}
	return 7, ms[0]
}

func lessRow(a, b *row) bool {
	x, y := a.ep, b.ep
	if ka, kb := kindRank(x.Kind), kindRank(y.Kind); ka != kb {
		return ka < kb
	}
	if kindRank(x.Kind) == 1 {
		if x.URLPath != y.URLPath {
			return x.URLPath < y.URLPath
		}
		ra, ma := methodRank(x.Methods)
		rb, mb := methodRank(y.Methods)
		if ra != rb {
			return ra < rb
		}
		if ma != mb {
			return ma < mb
		}
		if x.Kind != y.Kind {
			return x.Kind < y.Kind
		}
	}
	if x.Location.Path != y.Location.Path {
		return x.Location.Path < y.Location.Path
	}
	if x.Location.Range.Start.Offset != y.Location.Range.Start.Offset {
		return x.Location.Range.Start.Offset < y.Location.Range.Start.Offset
	}
	return x.Name < y.Name
}

// filePathNote matches a parenthesised source path in a How text ("requireUser (lib/auth.ts)"): the text
// table and the flowchart leave it out, the evidence's location is in the JSON.
var filePathNote = regexp.MustCompile(` \([^()\s]*\.(?:[cm]?[jt]sx?)\)`)

// shortHow drops file paths from a How text.
func shortHow(s string) string {
	return filePathNote.ReplaceAllString(s, "")
}

// truncate shortens s to at most n runes, cutting at a space when one is near the end, and marks the cut
// with "…".
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)
	cut := n - 1
	for i := cut; i > n*2/3; i-- {
		if rs[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(rs[:cut]), " ,;:(→") + "…"
}

// sanitize replaces control characters, which a hostile repository could put in file names or code that
// ends up in How texts, so that no output can move the cursor or start a terminal escape.
func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return '\ufffd'
		}
		return r
	}, s)
}

// counts are the totals of the summary lines.
type counts struct {
	endpoints int
	kinds     map[string]int
	// status[control][status] counts endpoints; a control no endpoint has is absent.
	status map[string]map[string]int
}

func count(r *report.Report) counts {
	c := counts{kinds: map[string]int{}, status: map[string]map[string]int{}}
	for _, ep := range r.Endpoints {
		c.endpoints++
		c.kinds[ep.Kind]++
		for _, ctl := range Controls {
			cs, ok := ep.Controls[ctl.Key]
			if !ok {
				continue
			}
			if c.status[ctl.Key] == nil {
				c.status[ctl.Key] = map[string]int{}
			}
			c.status[ctl.Key][cs.Status]++
		}
	}
	return c
}

// kindPhrases name the endpoint kinds in summaries, singular and plural, in summary order.
var kindPhrases = []struct{ kind, one, many string }{
	{"route", "route handler", "route handlers"},
	{"pages-api", "Pages API route", "Pages API routes"},
	{"server-action", "Server Action", "Server Actions"},
	{"middleware", "middleware", "middleware"},
}

// kindSummary is "8 route handlers, 1 Server Action"; unknown kinds follow by name.
func (c counts) kindSummary() string {
	var parts []string
	seen := map[string]bool{}
	for _, k := range kindPhrases {
		seen[k.kind] = true
		switch n := c.kinds[k.kind]; n {
		case 0:
		case 1:
			parts = append(parts, "1 "+k.one)
		default:
			parts = append(parts, fmt.Sprintf("%d %s", n, k.many))
		}
	}
	var rest []string
	for k := range c.kinds {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		parts = append(parts, fmt.Sprintf("%d %s", c.kinds[k], k))
	}
	return strings.Join(parts, ", ")
}

// statuses returns the control's statuses with their counts in summary order (unknown statuses last, by
// name).
func (c counts) statuses(control string) []statusCount {
	m := c.status[control]
	var out []statusCount
	seen := map[string]bool{}
	for _, s := range statusOrder {
		seen[s] = true
		if m[s] > 0 {
			out = append(out, statusCount{s, m[s]})
		}
	}
	var rest []string
	for s := range m {
		if !seen[s] {
			rest = append(rest, s)
		}
	}
	sort.Strings(rest)
	for _, s := range rest {
		out = append(out, statusCount{s, m[s]})
	}
	return out
}

type statusCount struct {
	status string
	n      int
}

// notAssessed returns the titles of the controls no endpoint has, in column order.
func (c counts) notAssessed() []string {
	var out []string
	for _, ctl := range Controls {
		if c.status[ctl.Key] == nil {
			out = append(out, strings.ToLower(ctl.Title))
		}
	}
	return out
}

// plural returns "1 endpoint" or "n endpoints".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
