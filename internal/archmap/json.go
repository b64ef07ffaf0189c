package archmap

import (
	"encoding/json"
	"io"

	"github.com/archlint/archlint/internal/output"
	"github.com/archlint/archlint/internal/report"
)

// The map's JSON document is a public interface, documented in docs/map.md. Its endpoints are those of
// the check command's json format (output.JSONEndpoint, docs/json-format.md) plus the app they belong to.
//
// Compatibility: members may be added within a schema version (consumers must ignore members they do not
// know); removing, renaming or changing the meaning of one bumps JSONSchemaVersion.

// JSONSchemaVersion is the value of "schemaVersion" in the map's JSON document.
const JSONSchemaVersion = 1

// JSONMap is the map's JSON document.
type JSONMap struct {
	SchemaVersion int             `json:"schemaVersion"`
	Tool          output.JSONTool `json:"tool"`
	// Endpoints are in map order (apps, then middleware, routes by URL and method, Server Actions by file).
	Endpoints []JSONEndpoint `json:"endpoints"`
	Summary   JSONSummary    `json:"summary"`
}

// JSONEndpoint is an endpoint of the check command's json format with the app it belongs to.
type JSONEndpoint struct {
	output.JSONEndpoint
	// App is the directory of the app the endpoint belongs to ("." for an app at the repository root);
	// absent when the apps are not known.
	App string `json:"app,omitempty"`
}

// JSONSummary counts the endpoints.
type JSONSummary struct {
	Endpoints int `json:"endpoints"`
	// Kinds counts endpoints by kind ("route", "pages-api", "server-action", "middleware").
	Kinds map[string]int `json:"kinds"`
	// Controls counts, per assessed control ("auth", …), endpoints by status ("missing", "present", …). A
	// control no endpoint has been assessed for is absent.
	Controls map[string]map[string]int `json:"controls"`
}

// JSON writes the map as one JSON object, two-space indented, not HTML-escaped, ending in a newline.
func JSON(w io.Writer, r *report.Report, opt Options) error {
	out := JSONMap{
		SchemaVersion: JSONSchemaVersion,
		Tool:          output.JSONTool{Name: r.Tool.Name, Version: r.Tool.Version, InformationURI: r.Tool.InformationURI},
		Endpoints:     []JSONEndpoint{},
	}
	// The check command's conversion, in report order; the map's order picks from it.
	converted := output.NewJSONReport(&report.Report{Endpoints: r.Endpoints}).Endpoints
	for _, g := range groups(r, opt) {
		for _, rw := range g.rows {
			je := JSONEndpoint{JSONEndpoint: converted[rw.index]}
			if len(opt.Apps) > 0 {
				je.App = appOf(rw.ep.Location.Path, opt.Apps)
			}
			out.Endpoints = append(out.Endpoints, je)
		}
	}
	c := count(r)
	out.Summary = JSONSummary{Endpoints: c.endpoints, Kinds: c.kinds, Controls: c.status}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// appOf returns the directory of the innermost app containing p ("." for the root), or "".
func appOf(p string, apps []App) string {
	best, found := "", false
	for _, a := range apps {
		if under(p, a.Dir) && (!found || len(a.Dir) > len(best)) {
			best, found = a.Dir, true
		}
	}
	if found && best == "" {
		return "."
	}
	return best
}
