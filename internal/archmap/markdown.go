package archmap

import (
	"bufio"
	"fmt"
	"github.com/archlint/archlint/internal/mdtext"
	"io"
	"strings"

	"github.com/archlint/archlint/internal/report"
)

// Markdown quirks (GitHub-flavoured): a "|" inside a table cell ends the cell even inside a code span
// unless it is written "\|" (GitHub then shows a bare "|", in code spans too); other punctuation ([, ], *,
// _, <, &, ~) would start links, emphasis, HTML, entities or strikethrough in plain text, so it is
// backslash-escaped there; a code span that contains backticks needs a longer backtick fence; a line break
// would end the table row.

// Markdown writes the map as GitHub-flavoured Markdown for a pull-request comment or a docs page: a
// "## Endpoint map" heading, one table per app (under a "###" heading when Options.Apps has several) with
// the columns Method, Endpoint, Kind, the controls, Models and Location, then the legend and counts. How
// texts are complete (Markdown wraps); every cell is escaped.
func Markdown(w io.Writer, r *report.Report, opt Options) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("## Endpoint map\n\n")
	if len(r.Endpoints) == 0 {
		bw.WriteString("No endpoints found (route handlers, Pages API routes, Server Actions, middleware).\n")
		return bw.Flush()
	}
	head := "| Method | Endpoint | Kind |"
	sep := "|---|---|---|"
	for _, c := range Controls {
		head += " " + c.Title + " |"
		sep += "---|"
	}
	head += " Models | Location |\n"
	sep += "---|---|\n"
	for _, g := range groups(r, opt) {
		if g.title != "" {
			fmt.Fprintf(bw, "### %s\n\n", mdText(g.title))
		}
		bw.WriteString(head)
		bw.WriteString(sep)
		for _, rw := range g.rows {
			cells := []string{mdCode(rw.method), mdCode(rw.endpoint), rw.kind}
			for _, c := range Controls {
				cs, ok := rw.ep.Controls[c.Key]
				cells = append(cells, mdCell(cs, ok))
			}
			cells = append(cells, mdText(strings.Join(rw.models, ", ")), mdCode(rw.location))
			bw.WriteString("| " + strings.Join(cells, " | ") + " |\n")
		}
		bw.WriteString("\n")
	}
	c := count(r)
	bw.WriteString("✅ found · ❌ needed, not found · 🌐 public by design (reason given) · n/a: no sensitive operation · ❔ handler not analysed · — not assessed\n\n")
	fmt.Fprintf(bw, "**%s**: %s.", plural(c.endpoints, "endpoint", "endpoints"), c.kindSummary())
	for _, ctl := range Controls {
		ss := c.statuses(ctl.Key)
		if len(ss) == 0 {
			continue
		}
		var parts []string
		for _, s := range ss {
			p := fmt.Sprintf("%d %s", s.n, s.status)
			if s.status == "missing" {
				p = "**" + p + "**"
			}
			parts = append(parts, p)
		}
		fmt.Fprintf(bw, " %s: %s.", ctl.Title, strings.Join(parts, ", "))
	}
	if na := c.notAssessed(); len(na) > 0 {
		fmt.Fprintf(bw, " Not assessed yet: %s.", strings.Join(na, ", "))
	}
	bw.WriteString("\n")
	return bw.Flush()
}

// mdCell renders a control status with an emoji marker and the complete How text.
func mdCell(cs report.ControlStatus, ok bool) string {
	if !ok {
		return "—"
	}
	how := mdText(shortHow(cs.How))
	with := func(prefix string) string {
		if how == "" {
			return strings.TrimRight(prefix, ": ")
		}
		return prefix + how
	}
	switch cs.Status {
	case "present":
		return with("✅ ")
	case "missing":
		return with("❌ **missing**: ")
	case "public":
		return with("🌐 public: ")
	case "partial":
		return with("⚠️ partial: ")
	case "unknown":
		return with("❔ unknown: ")
	case "n/a":
		return "n/a"
	}
	return with(mdText(cs.Status) + ": ")
}

// mdSpecial are the characters escaped in plain Markdown text: those that start code, emphasis, links
// (with [ and ] escaped, parentheses are plain), HTML, entities and strikethrough, and the cell separator.
const mdSpecial = "\\`*_[]<>|~&"

// mdText escapes s for a table cell: Markdown punctuation gets a backslash, "|" too, line breaks become
// spaces.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range sanitizeLine(s) {
		if strings.ContainsRune(mdSpecial, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdCode renders s as a code span for a table cell: a fence longer than any backtick run in s, "|"
// escaped.
func mdCode(s string) string {
	if s == "" {
		return ""
	}
	s = sanitizeLine(s)
	fence, spaced := mdtext.Fence(s)
	pad := ""
	if spaced {
		pad = " "
	}
	return fence + pad + strings.ReplaceAll(s, "|", "\\|") + pad + fence
}

// sanitizeLine is sanitize for one-line formats: control characters (line breaks included) become spaces.
func sanitizeLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return ' '
		}
		return r
	}, s)
}
