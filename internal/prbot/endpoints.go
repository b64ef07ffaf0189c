package prbot

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/archlint/archlint/internal/gitdiff"
	"github.com/archlint/archlint/internal/report"
)

// The endpoint section of the summary: which endpoints (route handlers, Pages API routes, Server Actions,
// middleware) the pull request adds or changes, and what protects them. The inventory comes from the
// analysis (report.Endpoints); the base's inventory, when the bot analysed the base too, tells added from
// changed precisely and shows how the controls changed. Without it the diff decides: an endpoint in an
// added file, or exported on an added line, is added; one in a file with added lines is changed.

// EndpointChange is an endpoint the pull request adds, changes or removes.
type EndpointChange struct {
	Endpoint report.Endpoint
	// Change is "added", "changed" or "removed".
	Change string
	// Detail says what changed ("auth: missing → present", "code changed").
	Detail string
}

// controlOrder is the order of the controls' columns.
var controlOrder = []struct{ key, title string }{
	{"auth", "Auth"}, {"validation", "Validation"}, {"rateLimit", "Rate limit"}, {"errorHandling", "Error handling"},
}

func endpointKey(e *report.Endpoint) string {
	return e.Kind + "\x00" + e.Location.Path + "\x00" + e.Name + "\x00" + e.URLPath
}

// EndpointChanges compares the head's endpoint inventory with the base's (haveBase) and the diff d (nil
// when unknown) and returns the endpoints the change adds, changes or removes, in inventory order, removed
// ones last.
func EndpointChanges(head, base []report.Endpoint, haveBase bool, d *gitdiff.Diff) []EndpointChange {
	var out []EndpointChange
	before := map[string]*report.Endpoint{}
	for i := range base {
		before[endpointKey(&base[i])] = &base[i]
	}
	seen := map[string]bool{}
	for _, e := range head {
		key := endpointKey(&e)
		seen[key] = true
		f := d.File(e.Location.Path)
		codeChanged := f != nil && f.Status != gitdiff.Deleted && f.AddedLines() > 0
		if haveBase {
			old, ok := before[key]
			switch {
			case !ok:
				out = append(out, EndpointChange{Endpoint: e, Change: "added"})
			case controlsDiffer(old, &e) != "":
				out = append(out, EndpointChange{Endpoint: e, Change: "changed", Detail: controlsDiffer(old, &e)})
			case codeChanged:
				out = append(out, EndpointChange{Endpoint: e, Change: "changed", Detail: "code changed"})
			}
			continue
		}
		switch {
		case f == nil:
		case f.Status == gitdiff.Added || f.IsAdded(e.Location.Range.Start.Line):
			out = append(out, EndpointChange{Endpoint: e, Change: "added"})
		case codeChanged:
			out = append(out, EndpointChange{Endpoint: e, Change: "changed", Detail: "code changed"})
		}
	}
	if haveBase {
		for _, e := range base {
			if !seen[endpointKey(&e)] {
				out = append(out, EndpointChange{Endpoint: e, Change: "removed"})
			}
		}
	}
	return out
}

// controlsDiffer describes how the controls, models or sensitive operations of an endpoint changed, or
// returns "".
func controlsDiffer(old, cur *report.Endpoint) string {
	var parts []string
	keys := map[string]bool{}
	for k := range old.Controls {
		keys[k] = true
	}
	for k := range cur.Controls {
		keys[k] = true
	}
	var sorted []string
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Slice(sorted, func(i, j int) bool {
		return controlRank(sorted[i]) < controlRank(sorted[j]) || controlRank(sorted[i]) == controlRank(sorted[j]) && sorted[i] < sorted[j]
	})
	for _, k := range sorted {
		a, b := old.Controls[k].Status, cur.Controls[k].Status
		if a != b {
			parts = append(parts, fmt.Sprintf("%s: %s → %s", controlTitle(k), orNone(a), orNone(b)))
		}
	}
	if !reflect.DeepEqual(old.Methods, cur.Methods) {
		parts = append(parts, fmt.Sprintf("methods: %s → %s", orNone(strings.Join(old.Methods, ",")), orNone(strings.Join(cur.Methods, ","))))
	}
	if !reflect.DeepEqual(old.Models, cur.Models) {
		parts = append(parts, "models changed")
	}
	if !reflect.DeepEqual(old.Sensitive, cur.Sensitive) {
		parts = append(parts, "sensitive operations changed")
	}
	return strings.Join(parts, "; ")
}

func controlRank(k string) int {
	for i, c := range controlOrder {
		if c.key == k {
			return i
		}
	}
	return len(controlOrder)
}

func controlTitle(k string) string {
	for _, c := range controlOrder {
		if c.key == k {
			return c.title
		}
	}
	return k
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// endpointLabel names an endpoint the way a reader looks for it: "GET /api/users/[id]", "action
// deleteUser", "middleware".
func endpointLabel(e *report.Endpoint) string {
	switch e.Kind {
	case "server-action":
		return "action " + e.Name
	case "middleware":
		return "middleware"
	}
	methods := strings.Join(e.Methods, ",")
	if methods == "" {
		methods = e.Name
	}
	if e.URLPath == "" {
		return methods
	}
	return methods + " " + e.URLPath
}

var statusIcon = map[string]string{"present": "✅", "missing": "❌", "partial": "⚠️", "public": "🌐", "n/a": "—", "unknown": "❔"}

func controlCell(c report.ControlStatus, ok bool) string {
	if !ok || c.Status == "" {
		return "—"
	}
	cell := c.Status
	if icon := statusIcon[c.Status]; icon != "" && c.Status != "n/a" {
		cell = icon + " " + c.Status
	}
	if how := strings.TrimSpace(c.How); how != "" {
		if r := []rune(how); len(r) > 80 {
			how = string(r[:79]) + "…"
		}
		cell += ": " + escapeMarkdown(how)
	}
	return cell
}

func writeEndpoints(b *strings.Builder, changes []EndpointChange, ctx *Context) {
	fmt.Fprintf(b, "\n#### Endpoints added or changed\n\n| Endpoint | Change | %s |\n| --- | --- |%s\n",
		joinTitles(), strings.Repeat(" --- |", len(controlOrder)))
	for _, c := range changes {
		e := c.Endpoint
		label := fmt.Sprintf("%s ([%s](%s))", code(endpointLabel(&e)), escapeMarkdown(e.Location.Path), ctx.FileURL(e.Location.Path, e.Location.Range.Start.Line))
		if c.Change == "removed" {
			label = fmt.Sprintf("%s (%s)", code(endpointLabel(&e)), escapeMarkdown(e.Location.Path))
		}
		change := c.Change
		if c.Detail != "" {
			change += ": " + escapeMarkdown(c.Detail)
		}
		cells := make([]string, len(controlOrder))
		for i, ctl := range controlOrder {
			if c.Change == "removed" {
				cells[i] = "—"
				continue
			}
			st, ok := e.Controls[ctl.key]
			cells[i] = controlCell(st, ok)
		}
		fmt.Fprintf(b, "| %s | %s | %s |\n", label, change, strings.Join(cells, " | "))
	}
}

func joinTitles() string {
	t := make([]string, len(controlOrder))
	for i, c := range controlOrder {
		t[i] = c.title
	}
	return strings.Join(t, " | ")
}
