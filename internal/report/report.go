// Package report holds the Report: what one archlint run found, in the form every writer renders.
//
// A Report is plain data. It is produced by the driver (analyzers.Run), shaped by the processors (exclude,
// scope, later config, suppressions, baseline, diff) and rendered by writers (text, json, github, sarif),
// which are pure functions of it. Nothing in this package reads files or decides what is a finding.
package report

import (
	"sort"

	"github.com/archlint/archlint/rules"
)

// Position is a place in a source file. Offset is the byte offset; Line is 1-based; Column is 1-based and
// counted in UTF-16 code units, as SARIF's columnKind "utf16CodeUnits" and GitHub annotations expect.
type Position struct {
	Offset int `json:"offset"`
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Range is a half-open range: End is the position just after the last character.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// Location is a range in a file. Path is relative to the repository root, slash-separated and not
// percent-encoded ("app/[id]/route.ts").
type Location struct {
	Path    string `json:"path"`
	Range   Range  `json:"range"`
	Message string `json:"message,omitempty"`
}

// Suppression records why a finding is not reported: an inline directive or a configuration entry.
type Suppression struct {
	// Kind is "inSource" for a comment directive, "external" for configuration.
	Kind          string    `json:"kind"`
	Justification string    `json:"justification"`
	Location      *Location `json:"location,omitempty"`
}

// Finding is one problem found in the analysed code.
type Finding struct {
	RuleID   string         `json:"rule"`
	Severity rules.Severity `json:"severity"`
	Message  string         `json:"message"`
	Location Location       `json:"location"`
	// Related are secondary locations (the sensitive call, the schema model, ...), at most 10.
	Related []Location `json:"related,omitempty"`
	// Fingerprint is archlint's line-independent fingerprint (SARIF partialFingerprints
	// "archlintFingerprint/v1"): 16 hex digits of SHA-256 over rule, path and a rule-specific key.
	Fingerprint string `json:"fingerprint"`
	// LineHash is GitHub's primaryLocationLineHash for the start line, or "" when it could not be computed
	// exactly as upload-sarif would (invalid UTF-8).
	LineHash string `json:"-"`
	// SourceLine is the text of the start line (without its line terminator), for code frames.
	SourceLine string `json:"-"`
	// Suppression is set when the finding is suppressed; such findings are hidden by default.
	Suppression *Suppression `json:"suppression,omitempty"`
	// Baselined is set when the finding matches the baseline file.
	Baselined bool `json:"baselined,omitempty"`
}

// Notification is a message about the run itself: a skipped file, a syntax error, a panicking analyzer.
// Notifications never change the exit code unless their level is Error and the analysis could not complete.
type Notification struct {
	// ID is a stable kebab-case identifier of the kind of notification ("syntax-error", "file-too-large").
	ID      string         `json:"id"`
	Level   rules.Severity `json:"level"`
	Message string         `json:"message"`
	// Path, when set, is the repository-relative file the notification is about.
	Path string `json:"path,omitempty"`
	// Position, when set, is where in Path the problem is.
	Position *Position `json:"position,omitempty"`
}

// Tool describes archlint itself.
type Tool struct {
	Name           string `json:"name"`
	Version        string `json:"version"`
	InformationURI string `json:"informationUri"`
}

// Stats are counts about the run. They are deterministic for a given input (no timings).
type Stats struct {
	// Apps is the number of Next.js apps found.
	Apps int `json:"apps"`
	// FilesSeen is the number of source files discovery found (JS/TS and Prisma).
	FilesSeen int `json:"filesSeen"`
	// FilesParsed is the number of files parsed for the analysis.
	FilesParsed int `json:"filesParsed"`
	// BytesParsed is the size of the parsed files.
	BytesParsed int64 `json:"bytesParsed"`
	// FilesSkipped is the number of files not analysed (too large, binary, unreadable, outside the root).
	FilesSkipped int `json:"filesSkipped"`
	// Endpoints is the number of endpoints (route handlers, API routes, server actions) found.
	Endpoints int `json:"endpoints"`
}

// Report is the result of one run.
type Report struct {
	Tool Tool
	// RootURI is the file: URI of the repository root with a trailing slash, used for SARIF's
	// originalUriBaseIds; writers must not print it anywhere else.
	RootURI string
	// Rules are the enabled rules, sorted by ID.
	Rules []*rules.Rule
	// Findings are sorted by SortFindings order.
	Findings      []Finding
	Notifications []Notification
	// Endpoints is the endpoint inventory, sorted by path, URL and name; empty until the endpoint model
	// runs.
	Endpoints []Endpoint
	Stats     Stats
	// ExecutionSuccessful is false when the analysis itself failed (not when it found problems).
	ExecutionSuccessful bool
}

// SortFindings sorts findings by path, line, column, rule and message (then end and fingerprint, so the
// order is total), the order every writer uses.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool { return LessFinding(&fs[i], &fs[j]) })
}

// LessFinding is the order of SortFindings: path, start, rule, message, end, fingerprint.
func LessFinding(a, b *Finding) bool {
	if a.Location.Path != b.Location.Path {
		return a.Location.Path < b.Location.Path
	}
	as, bs := a.Location.Range.Start, b.Location.Range.Start
	if as.Line != bs.Line {
		return as.Line < bs.Line
	}
	if as.Column != bs.Column {
		return as.Column < bs.Column
	}
	if a.RuleID != b.RuleID {
		return a.RuleID < b.RuleID
	}
	if a.Message != b.Message {
		return a.Message < b.Message
	}
	ae, be := a.Location.Range.End, b.Location.Range.End
	if ae.Line != be.Line {
		return ae.Line < be.Line
	}
	if ae.Column != be.Column {
		return ae.Column < be.Column
	}
	return a.Fingerprint < b.Fingerprint
}

// SortEndpoints sorts the endpoint inventory by file, URL path, then source position and name, the order
// every writer uses (documented on Report.Endpoints).
func SortEndpoints(es []Endpoint) {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := &es[i], &es[j]
		if a.Location.Path != b.Location.Path {
			return a.Location.Path < b.Location.Path
		}
		if a.URLPath != b.URLPath {
			return a.URLPath < b.URLPath
		}
		if a.Location.Range.Start.Offset != b.Location.Range.Start.Offset {
			return a.Location.Range.Start.Offset < b.Location.Range.Start.Offset
		}
		return a.Name < b.Name
	})
}

// SortNotifications sorts notifications by path, offset, ID and message.
func SortNotifications(ns []Notification) {
	sort.SliceStable(ns, func(i, j int) bool {
		a, b := &ns[i], &ns[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		ao, bo := -1, -1
		if a.Position != nil {
			ao = a.Position.Offset
		}
		if b.Position != nil {
			bo = b.Position.Offset
		}
		if ao != bo {
			return ao < bo
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		return a.Message < b.Message
	})
}

// Visible returns the findings that are neither suppressed nor baselined.
func (r *Report) Visible() []Finding {
	out := make([]Finding, 0, len(r.Findings))
	for _, f := range r.Findings {
		if f.Suppression == nil && !f.Baselined {
			out = append(out, f)
		}
	}
	return out
}

// Rule returns the enabled rule with the given ID, or nil.
func (r *Report) Rule(id string) *rules.Rule {
	i := sort.Search(len(r.Rules), func(i int) bool { return r.Rules[i].ID >= id })
	if i < len(r.Rules) && r.Rules[i].ID == id {
		return r.Rules[i]
	}
	return nil
}

// Counts returns the number of visible findings per severity.
func (r *Report) Counts() (errors, warnings, notes int) {
	for _, f := range r.Visible() {
		switch f.Severity {
		case rules.Error:
			errors++
		case rules.Warning:
			warnings++
		case rules.Note:
			notes++
		}
	}
	return
}

// Endpoint is one entry of the endpoint inventory (`archlint map`, the JSON output): an HTTP method of a
// route handler, a Pages API handler, a Server Action, or the middleware.
type Endpoint struct {
	// Kind is "route", "pages-api", "server-action" or "middleware".
	Kind string `json:"kind"`
	// URLPath is the URL path pattern ("/api/users/[id]"); for server actions, the path of the page or
	// module that defines them is not a URL, so it is "".
	URLPath string `json:"urlPath,omitempty"`
	// Methods are the HTTP methods ("GET", "POST"); Server Actions are invoked with POST.
	Methods []string `json:"methods,omitempty"`
	// Name is the exported name (the method for routes, "default" for Pages API handlers, the function name
	// for actions).
	Name string `json:"name"`
	// Location is where the endpoint is exported.
	Location Location `json:"location"`
	// Controls are the protections found, keyed by control: "auth", "validation", "rateLimit",
	// "errorHandling".
	Controls map[string]ControlStatus `json:"controls"`
	// Models are the Prisma models the endpoint reads or writes, sorted.
	Models []string `json:"models,omitempty"`
	// Sensitive lists the sensitive operations the endpoint performs ("prisma.user.update", "sends email").
	Sensitive []string `json:"sensitive,omitempty"`
}

// ControlStatus says whether an endpoint has a control and how.
type ControlStatus struct {
	// Status is "present", "missing" (How says what was found instead, if anything), "public" (not
	// needed by design, see How), "n/a" (nothing that needs the control) or "unknown" (the handler
	// could not be analysed, see How).
	Status string `json:"status"`
	// How names the evidence ("getServerSession in requireUser (lib/auth.ts)", "withWorkspace wrapper",
	// "middleware matcher /api/:path*") or, for public endpoints, the reason.
	How string `json:"how,omitempty"`
	// Locations point at the evidence.
	Locations []Location `json:"locations,omitempty"`
}
