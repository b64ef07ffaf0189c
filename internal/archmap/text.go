package archmap

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/archlint/archlint/internal/report"
)

// ANSI styles of the text table.
const (
	ansiReset     = "\x1b[0m"
	ansiBold      = "\x1b[1m"
	ansiDim       = "\x1b[2m"
	ansiUnderline = "\x1b[4m"
	ansiRed       = "\x1b[31m"
	ansiGreen     = "\x1b[32m"
	ansiYellow    = "\x1b[33m"
	ansiCyan      = "\x1b[36m"
)

// Widths of the truncated columns, in runes: the auth evidence is worth more room than the other controls;
// URLs and locations are never cut (they identify the endpoint).
const (
	authWidth    = 56
	controlWidth = 28
	modelsWidth  = 32
)

// textLegend explains the cell markers; it is printed under the table.
const textLegend = "Legend: ✓ found · MISSING needed, not found · public: by design (reason) · n/a: no sensitive operation · ?: handler not analysed · —: not assessed"

// Text writes the map as an aligned table for a terminal:
//
//	METHOD  ENDPOINT            KIND   AUTH                     VALIDATION  RATE LIMIT  ERRORS  MODELS   LOCATION
//	PATCH   /api/projects/[id]  route  MISSING                  —           —           —       Project  app/api/projects/[id]/route.ts:5
//
// one row per endpoint (grouped under a title per app when Options.Apps has several), then a legend and
// the counts: endpoints by kind and, per control, endpoints by status. Long How texts and model lists are
// cut with "…"; source paths are left out of How texts (they are in the JSON). With Options.Color, MISSING
// is red, found controls green, public ones cyan, unknown ones yellow and "—" dim.
func Text(w io.Writer, r *report.Report, opt Options) error {
	bw := bufio.NewWriter(w)
	if len(r.Endpoints) == 0 {
		bw.WriteString("No endpoints found (route handlers, Pages API routes, Server Actions, middleware).\n")
		return bw.Flush()
	}
	header := []cell{{text: "METHOD"}, {text: "ENDPOINT"}, {text: "KIND"}}
	for _, c := range Controls {
		header = append(header, cell{text: c.Header})
	}
	header = append(header, cell{text: "MODELS"}, cell{text: "LOCATION"})
	for i := range header {
		header[i].style = ansiBold
	}
	gs := groups(r, opt)
	type line struct {
		title string
		cells []cell
	}
	var lines []line
	for _, g := range gs {
		if g.title != "" {
			lines = append(lines, line{title: g.title})
		}
		for _, rw := range g.rows {
			cells := []cell{{text: rw.method}, {text: rw.endpoint}, {text: rw.kind}}
			for _, c := range Controls {
				width := controlWidth
				if c.Key == "auth" {
					width = authWidth
				}
				cs, ok := rw.ep.Controls[c.Key]
				cells = append(cells, textCell(cs, ok, width))
			}
			cells = append(cells, cell{text: modelList(rw.models, modelsWidth)}, cell{text: rw.location})
			lines = append(lines, line{cells: cells})
		}
	}
	widths := make([]int, len(header))
	measure := func(cs []cell) {
		for i, c := range cs {
			widths[i] = max(widths[i], utf8.RuneCountInString(sanitize(c.text)))
		}
	}
	measure(header)
	for _, l := range lines {
		measure(l.cells)
	}
	st := styler{opt.Color}
	writeRow := func(cs []cell) {
		var b strings.Builder
		for i, c := range cs {
			t := sanitize(c.text)
			pad := ""
			if i < len(cs)-1 {
				pad = strings.Repeat(" ", widths[i]-utf8.RuneCountInString(t)+2)
			}
			b.WriteString(st.s(c.style, t) + pad)
		}
		bw.WriteString(strings.TrimRight(b.String(), " ") + "\n")
	}
	writeRow(header)
	for _, l := range lines {
		if l.title != "" {
			bw.WriteString("\n")
			bw.WriteString(st.s(ansiBold+ansiUnderline, sanitize(l.title)) + "\n")
			continue
		}
		writeRow(l.cells)
	}
	c := count(r)
	fmt.Fprintf(bw, "\n%s\n", st.s(ansiDim, textLegend))
	fmt.Fprintf(bw, "%s: %s\n", plural(c.endpoints, "endpoint", "endpoints"), c.kindSummary())
	for _, ctl := range Controls {
		ss := c.statuses(ctl.Key)
		if len(ss) == 0 {
			continue
		}
		var parts []string
		for _, s := range ss {
			p := fmt.Sprintf("%d %s", s.n, s.status)
			if s.status == "missing" {
				p = st.s(ansiBold+ansiRed, p)
			}
			parts = append(parts, p)
		}
		fmt.Fprintf(bw, "%s: %s\n", strings.ToLower(ctl.Title), strings.Join(parts, ", "))
	}
	if na := c.notAssessed(); len(na) > 0 {
		fmt.Fprintf(bw, "not assessed yet: %s\n", strings.Join(na, ", "))
	}
	return bw.Flush()
}

// cell is a table cell: its text and the ANSI style it gets with colour.
type cell struct {
	text  string
	style string
}

// textCell renders a control status: "✓ how", "MISSING", "public: reason", "n/a", "? reason", "—".
func textCell(cs report.ControlStatus, ok bool, width int) cell {
	if !ok {
		return cell{text: "—", style: ansiDim}
	}
	how := shortHow(cs.How)
	with := func(prefix string) string {
		if how == "" {
			return strings.TrimRight(prefix, ": ")
		}
		return prefix + how
	}
	var c cell
	switch cs.Status {
	case "present":
		c = cell{text: with("✓ "), style: ansiGreen}
	case "missing":
		c = cell{text: with("MISSING: "), style: ansiBold + ansiRed}
	case "public":
		c = cell{text: with("public: "), style: ansiCyan}
	case "partial":
		c = cell{text: with("partial: "), style: ansiYellow}
	case "unknown":
		c = cell{text: with("? "), style: ansiYellow}
	case "n/a":
		c = cell{text: "n/a", style: ansiDim}
	default:
		c = cell{text: with(cs.Status + ": ")}
	}
	c.text = truncate(c.text, width)
	return c
}

// modelList joins model names, ending in "+N" when the rest would not fit in width runes.
func modelList(ms []string, width int) string {
	if len(ms) == 0 {
		return ""
	}
	s := ms[0]
	for i := 1; i < len(ms); i++ {
		more := fmt.Sprintf(", +%d", len(ms)-i)
		if i == len(ms)-1 {
			more = ""
		}
		if utf8.RuneCountInString(s+", "+ms[i]+more) > width {
			return s + fmt.Sprintf(", +%d", len(ms)-i)
		}
		s += ", " + ms[i]
	}
	return s
}

// styler applies ANSI styles when colour is on.
type styler struct{ color bool }

func (st styler) s(style, text string) string {
	if !st.color || style == "" || text == "" {
		return text
	}
	return style + text + ansiReset
}
