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

	diags *[]Diagnostic
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
