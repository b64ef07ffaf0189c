// Package analyzers is archlint's analysis framework, modelled on golang.org/x/tools/go/analysis.
//
// An Analyzer is a value: a name, its documentation, the catalog rules it may report, the analyzers whose
// results it needs, and a Run function. Shared work (the endpoint model, the Prisma schema) is itself an
// analyzer whose result others reach through Pass.ResultOf. The driver (Run) executes analyzers in
// dependency order over a loaded project, recovers a panicking analyzer into a notification, converts
// diagnostics (byte offsets) into findings (lines, UTF-16 columns, fingerprints) and returns the Report.
//
// Analyzers never print, read flags or open files other than through the Project; the concrete analyzers
// live in sub-packages and are listed by analyzers/suite.
package analyzers

import (
	"fmt"

	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/project"
	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/internal/syntax"
	"github.com/archlint/archlint/rules"
)

// Analyzer describes one analysis.
type Analyzer struct {
	// Name is a short lower-case identifier, unique among analyzers.
	Name string
	// Doc says what the analyzer does, in one paragraph.
	Doc string
	// Rules are the catalog rules the analyzer may report. Reporting any other rule is a programming error.
	Rules []*rules.Rule
	// Requires are analyzers that must run first; their results are in Pass.ResultOf.
	Requires []*Analyzer
	// Run performs the analysis. Its result, if any, is handed to analyzers that require this one.
	Run func(*Pass) (any, error)
}

func (a *Analyzer) String() string { return a.Name }

// Pass is what an analyzer's Run receives.
type Pass struct {
	Analyzer *Analyzer
	Project  *project.Project
	// ResultOf holds the results of the analyzers in Requires.
	ResultOf map[*Analyzer]any
	// Enabled reports whether a rule is enabled; analyzers may skip work for disabled rules.
	Enabled func(*rules.Rule) bool
	// Settings are the user's declarations (custom guards, public endpoints).
	Settings *Settings

	diags     *[]Diagnostic
	notes     *[]report.Notification
	endpoints *[]report.Endpoint
	loc       *locator
}

// AddEndpoints adds entries to the report's endpoint inventory (the endpoint model analyzer does this).
func (p *Pass) AddEndpoints(eps ...report.Endpoint) {
	if p.endpoints != nil {
		*p.endpoints = append(*p.endpoints, eps...)
	}
}

// SetEndpointControl records the status of a control ("validation", "rateLimit", "errorHandling") on the
// i-th endpoint of the inventory (the order of the endpoint model, analyzers/endpointmodel).
func (p *Pass) SetEndpointControl(i int, control string, cs report.ControlStatus) {
	if p.endpoints == nil || i < 0 || i >= len(*p.endpoints) {
		return
	}
	e := &(*p.endpoints)[i]
	if e.Controls == nil {
		e.Controls = map[string]report.ControlStatus{}
	}
	e.Controls[control] = cs
}

// Location converts a byte range of a project file into a report location (lines, UTF-16 columns).
func (p *Pass) Location(path string, start, end int, msg string) report.Location {
	if p.loc == nil {
		p.loc = newLocator(p.Project)
	}
	return p.loc.info(path).location(path, start, end, msg)
}

// Related is a secondary location of a diagnostic.
type Related struct {
	Path       string
	Start, End int
	Message    string
}

// Diagnostic is a problem an analyzer found, located by byte offsets.
type Diagnostic struct {
	Rule *rules.Rule
	// Path is the repository-relative file; Start and End are byte offsets in it.
	Path       string
	Start, End int
	// Message names the concrete thing, what is wrong and why it matters, in one sentence.
	Message string
	Related []Related
	// Key is the rule-specific, line-independent part of the fingerprint. When empty, the driver uses the
	// whitespace-free source text of the range.
	Key string
	// Severity overrides the rule's default severity when non-zero.
	Severity rules.Severity
}

// Report records a diagnostic. It panics when the rule is not among the analyzer's declared Rules, which
// keeps the catalog and the analyzers honest.
func (p *Pass) Report(d Diagnostic) {
	ok := false
	for _, r := range p.Analyzer.Rules {
		if r == d.Rule {
			ok = true
			break
		}
	}
	if !ok {
		panic(fmt.Sprintf("analyzer %s reported rule %v it does not declare", p.Analyzer.Name, d.Rule))
	}
	if p.Enabled != nil && !p.Enabled(d.Rule) {
		return
	}
	*p.diags = append(*p.diags, d)
}

// Notify records a notification about the run itself (a schema file that does not parse, an input the
// analyzer could not understand): something the user should know that is not a finding about their code.
// Notifications are not filtered by the enabled rules; the driver adds them to the Report.
func (p *Pass) Notify(n report.Notification) {
	if p.notes != nil {
		*p.notes = append(*p.notes, n)
	}
}

// NodeDiagnostic returns a diagnostic for rule located at node n of file f.
func NodeDiagnostic(rule *rules.Rule, f *jsmodel.File, n syntax.NodeID, msg string) Diagnostic {
	nd := f.Tree.Nodes[n]
	return Diagnostic{Rule: rule, Path: f.Path, Start: int(nd.Start), End: int(nd.End), Message: msg}
}

// NodeRelated returns a related location at node n of file f.
func NodeRelated(f *jsmodel.File, n syntax.NodeID, msg string) Related {
	nd := f.Tree.Nodes[n]
	return Related{Path: f.Path, Start: int(nd.Start), End: int(nd.End), Message: msg}
}

// Control is one of the protections the guard engine recognises on an endpoint.
type Control string

// The controls.
const (
	ControlAuth          Control = "auth"
	ControlValidation    Control = "validation"
	ControlRateLimit     Control = "rateLimit"
	ControlErrorHandling Control = "errorHandling"
)

// Settings are user declarations that analyzers honour. They come from configuration; analyzers never
// read configuration themselves.
type Settings struct {
	// Guards are functions the user declares to provide controls, recognised wherever they are called or
	// used as wrappers, as if the engine had derived it from their bodies.
	Guards []GuardSpec
	// Public declares endpoints public by design, with a reason.
	Public []PublicSpec
}

// GuardSpec declares a function that provides controls.
type GuardSpec struct {
	// From is the import specifier the function is imported from, as written in code ("@/lib/session",
	// "@acme/auth"); Name is its exported name ("requireUser", or "default").
	From, Name string
	// Provides lists the controls the function provides.
	Provides []Control
	// Wrapper is true when the function is a higher-order wrapper (withAuth(handler)) whose returned
	// handler runs the guard before the wrapped one.
	Wrapper bool
}

// PublicSpec declares endpoints public by design. Exactly one of URL and File is set.
type PublicSpec struct {
	// URL is a URL path pattern ("/api/health", "/api/public/**"; dynamic segments as in the file system,
	// "/api/share/[id]").
	URL string
	// File is a glob of endpoint files ("app/api/webhooks/**").
	File string
	// Reason says why the endpoints are public; it is required and shown in the map.
	Reason string
}
