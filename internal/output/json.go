package output

import (
	"encoding/json"
	"io"

	"github.com/archlint/archlint/internal/report"
)

// The json format is a public interface with its own types, so that a change to report's structs cannot
// change it by accident. It is documented in docs/json-format.md and described by the JSON Schema
// docs/schemas/archlint-report.v1.json; the tests validate the output against that schema.
//
// Compatibility: members may be added within a schema version (consumers must ignore members they do not
// know); removing, renaming or changing the meaning of one bumps JSONSchemaVersion.

// JSONSchemaVersion is the value of "schemaVersion".
const JSONSchemaVersion = 1

// JSONSchemaURI is the "$schema" of the output: where the JSON Schema of this version is published.
const JSONSchemaURI = "https://github.com/archlint/archlint/blob/main/docs/schemas/archlint-report.v1.json"

// JSONReport is the top-level object of the json format.
type JSONReport struct {
	Schema        string   `json:"$schema"`
	SchemaVersion int      `json:"schemaVersion"`
	Tool          JSONTool `json:"tool"`
	// ExecutionSuccessful is false when the analysis itself failed (not when it found problems).
	ExecutionSuccessful bool               `json:"executionSuccessful"`
	Findings            []JSONFinding      `json:"findings"`
	Notifications       []JSONNotification `json:"notifications"`
	Stats               JSONStats          `json:"stats"`
	// Endpoints is the endpoint inventory: route handlers, API routes, Server Actions and middleware.
	Endpoints []JSONEndpoint `json:"endpoints"`
}

// JSONEndpoint is one entry of the endpoint inventory.
type JSONEndpoint struct {
	Kind     string                 `json:"kind"`
	URLPath  string                 `json:"urlPath,omitempty"`
	Methods  []string               `json:"methods,omitempty"`
	Name     string                 `json:"name"`
	Location JSONLocation           `json:"location"`
	Controls map[string]JSONControl `json:"controls"`
	Models   []string               `json:"models,omitempty"`
	// Sensitive lists the kinds of sensitive operations the endpoint performs.
	Sensitive []string `json:"sensitive,omitempty"`
}

// JSONControl is the status of one control on an endpoint.
type JSONControl struct {
	Status    string         `json:"status"`
	How       string         `json:"how,omitempty"`
	Locations []JSONLocation `json:"locations,omitempty"`
}

// JSONTool describes archlint.
type JSONTool struct {
	Name           string `json:"name"`
	Version        string `json:"version"`
	InformationURI string `json:"informationUri"`
}

// JSONFinding is one finding. Suppressed and baselined findings are included and marked.
type JSONFinding struct {
	Rule     string         `json:"rule"`
	Severity string         `json:"severity"`
	Message  string         `json:"message"`
	Path     string         `json:"path"`
	Range    JSONRange      `json:"range"`
	Related  []JSONLocation `json:"related"`
	// Fingerprint is archlintFingerprint/v1, stable when lines move.
	Fingerprint string           `json:"fingerprint"`
	HelpURI     string           `json:"helpUri,omitempty"`
	Suppression *JSONSuppression `json:"suppression,omitempty"`
	Baselined   bool             `json:"baselined,omitempty"`
}

// JSONRange is a half-open range: end is just after the last character.
type JSONRange struct {
	Start JSONPosition `json:"start"`
	End   JSONPosition `json:"end"`
}

// JSONPosition is a place in a file: 1-based line, 1-based column in UTF-16 code units, 0-based byte
// offset.
type JSONPosition struct {
	Line   int `json:"line"`
	Column int `json:"column"`
	Offset int `json:"offset"`
}

// JSONLocation is a range in a file with an optional explanation.
type JSONLocation struct {
	Path    string    `json:"path"`
	Range   JSONRange `json:"range"`
	Message string    `json:"message,omitempty"`
}

// JSONSuppression says why a finding is not reported.
type JSONSuppression struct {
	Kind          string        `json:"kind"`
	Justification string        `json:"justification"`
	Location      *JSONLocation `json:"location,omitempty"`
}

// JSONNotification is a message about the run itself.
type JSONNotification struct {
	ID       string        `json:"id"`
	Level    string        `json:"level"`
	Message  string        `json:"message"`
	Path     string        `json:"path,omitempty"`
	Position *JSONPosition `json:"position,omitempty"`
}

// JSONStats are counts about the run; they hold no timings, so the output is deterministic.
type JSONStats struct {
	Apps         int   `json:"apps"`
	FilesSeen    int   `json:"filesSeen"`
	FilesParsed  int   `json:"filesParsed"`
	BytesParsed  int64 `json:"bytesParsed"`
	FilesSkipped int   `json:"filesSkipped"`
	Endpoints    int   `json:"endpoints"`
	// Errors, Warnings and Notes count the findings that are neither suppressed nor baselined.
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Notes    int `json:"notes"`
	// Suppressed counts suppressed findings; Baselined counts baselined findings that are not suppressed.
	Suppressed int `json:"suppressed"`
	Baselined  int `json:"baselined"`
}

// WriteJSON writes r in the json format: one object, two-space indented, not HTML-escaped, ending in a
// newline. Findings are in report order (path, line, column, rule, message), notifications in
// report.SortNotifications order.
func WriteJSON(w io.Writer, r *report.Report) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(NewJSONReport(r))
}

// NewJSONReport converts r to the json format's types.
func NewJSONReport(r *report.Report) *JSONReport {
	out := &JSONReport{
		Schema:              JSONSchemaURI,
		SchemaVersion:       JSONSchemaVersion,
		Tool:                JSONTool{Name: r.Tool.Name, Version: r.Tool.Version, InformationURI: r.Tool.InformationURI},
		ExecutionSuccessful: r.ExecutionSuccessful,
		Findings:            []JSONFinding{},
		Notifications:       []JSONNotification{},
	}
	fs := append([]report.Finding(nil), r.Findings...)
	report.SortFindings(fs)
	for _, f := range fs {
		jf := JSONFinding{
			Rule:        f.RuleID,
			Severity:    f.Severity.String(),
			Message:     f.Message,
			Path:        f.Location.Path,
			Range:       jsonRange(f.Location.Range),
			Related:     []JSONLocation{},
			Fingerprint: f.Fingerprint,
			Baselined:   f.Baselined,
		}
		if rule := r.Rule(f.RuleID); rule != nil {
			jf.HelpURI = rule.HelpURI()
		}
		for _, l := range f.Related {
			jf.Related = append(jf.Related, jsonLocation(l))
		}
		if s := f.Suppression; s != nil {
			js := &JSONSuppression{Kind: s.Kind, Justification: s.Justification}
			if s.Location != nil {
				l := jsonLocation(*s.Location)
				js.Location = &l
			}
			jf.Suppression = js
		}
		out.Findings = append(out.Findings, jf)
	}
	out.Endpoints = []JSONEndpoint{}
	for _, e := range r.Endpoints {
		je := JSONEndpoint{Kind: e.Kind, URLPath: e.URLPath, Methods: e.Methods, Name: e.Name,
			Location: jsonLocation(e.Location), Controls: map[string]JSONControl{}, Models: e.Models, Sensitive: e.Sensitive}
		for k, c := range e.Controls {
			jc := JSONControl{Status: c.Status, How: c.How}
			for _, l := range c.Locations {
				jc.Locations = append(jc.Locations, jsonLocation(l))
			}
			je.Controls[k] = jc
		}
		out.Endpoints = append(out.Endpoints, je)
	}
	ns := append([]report.Notification(nil), r.Notifications...)
	report.SortNotifications(ns)
	for _, n := range ns {
		jn := JSONNotification{ID: n.ID, Level: n.Level.String(), Message: n.Message, Path: n.Path}
		if n.Position != nil {
			p := jsonPosition(*n.Position)
			jn.Position = &p
		}
		out.Notifications = append(out.Notifications, jn)
	}
	errs, warns, notes := r.Counts()
	suppressed, baselined := hiddenCounts(r)
	s := r.Stats
	out.Stats = JSONStats{
		Apps: s.Apps, FilesSeen: s.FilesSeen, FilesParsed: s.FilesParsed, BytesParsed: s.BytesParsed,
		FilesSkipped: s.FilesSkipped, Endpoints: s.Endpoints,
		Errors: errs, Warnings: warns, Notes: notes, Suppressed: suppressed, Baselined: baselined,
	}
	return out
}

func jsonPosition(p report.Position) JSONPosition {
	return JSONPosition{Line: p.Line, Column: p.Column, Offset: p.Offset}
}

func jsonRange(rg report.Range) JSONRange {
	return JSONRange{Start: jsonPosition(rg.Start), End: jsonPosition(rg.End)}
}

func jsonLocation(l report.Location) JSONLocation {
	return JSONLocation{Path: l.Path, Range: jsonRange(l.Range), Message: l.Message}
}
