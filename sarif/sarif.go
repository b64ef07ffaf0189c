package sarif

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	gosarif "github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/archlint/archlint/internal/fingerprint"
	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/rules"
)

// Names and limits written into or enforced on every SARIF file.
const (
	// ToolName is driver.name. It must never change: GitHub treats a new name as a new tool and orphans
	// every existing alert (SARIF-03).
	ToolName = "archlint"
	// SchemaURI is the $schema of every file (SARIF-01).
	SchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
	// SrcRoot is the uriBaseId of every artifact location (SARIF-13).
	SrcRoot = "%SRCROOT%"
	// DefaultInformationURI is driver.informationUri when the Report names none.
	DefaultInformationURI = "https://github.com/archlint/archlint"
	// DefaultMaxResults is how many results a file holds when Options.MaxResults is 0: GitHub displays only
	// the first 5,000 of a run (SARIF-02b).
	DefaultMaxResults = 5000
	// GitHubMaxResults is GitHub's hard limit of results per run; larger uploads are rejected.
	GitHubMaxResults = 25000
	// BaselinedProperty is the result property set to true on findings that match the baseline (BASE-06).
	BaselinedProperty = "archlintBaselined"
	// LineHashName is GitHub's fixed partialFingerprints name for the line hash (FP-01).
	LineHashName = "primaryLocationLineHash"
	// TruncatedNotificationID is the descriptor id of the notification added when results are cut.
	TruncatedNotificationID = "sarif-results-truncated"

	maxDescription = 1024 // GitHub's limit for shortDescription and fullDescription (SARIF-06)
	maxRelated     = 10   // related locations per result (SARIF-12)
)

// Options are the SARIF-specific choices of one run. The zero value is what GitHub code scanning wants.
type Options struct {
	// Category, when set, is written as automationDetails.id = Category + "/" (SARIF-17). Leave it empty
	// to let upload-sarif's category input decide.
	Category string
	// SrcRootURI overrides Report.RootURI as the value of originalUriBaseIds["%SRCROOT%"] (SARIF-18), for
	// SARIF produced in one place (a container at /src) and read in another. "none" omits
	// originalUriBaseIds; so does an empty Report.RootURI.
	SrcRootURI string
	// IncludeSuppressed writes suppressed findings too, each with a suppressions entry, and gives every
	// other result an empty suppressions array (SARIF-19). GitHub ignores suppressions, so the default
	// leaves suppressed findings out.
	IncludeSuppressed bool
	// MaxResults caps the number of results: 0 means DefaultMaxResults, a negative value means no cap.
	// Findings are ordered error, warning, note and then by place before the cut, and a warning
	// notification says how many were left out. GitHub rejects runs with more than GitHubMaxResults.
	MaxResults int
}

// Write writes r to w as SARIF 2.1.0: two-space indented, not HTML-escaped, ending in a newline. It returns
// an error, and writes nothing, when r breaks an invariant GitHub relies on (a finding whose rule is not in
// r.Rules, a rule without help, an absolute path, an empty message, an invalid severity, ...).
func Write(w io.Writer, r *report.Report, opt Options) error {
	b, err := Marshal(r, opt)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// WriteFile writes r as SARIF to path with os.WriteFile, which truncates an existing file. (go-sarif's own
// WriteFile does not: overwriting a longer file leaves invalid JSON behind, GOSARIF-06.)
func WriteFile(path string, r *report.Report, opt Options) error {
	b, err := Marshal(r, opt)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// Marshal returns the bytes Write would write.
func Marshal(r *report.Report, opt Options) ([]byte, error) {
	log, emitted, err := build(r, opt)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return nil, fmt.Errorf("sarif: encoding: %w", err)
	}
	raw := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	if opt.IncludeSuppressed {
		// Must run on the encoded log: go-sarif cannot express "suppressions": [] (GOSARIF-12).
		if raw, err = spliceSuppressions(raw, emitted); err != nil {
			return nil, err
		}
	}
	var out bytes.Buffer
	if err := json.Indent(&out, raw, "", "  "); err != nil {
		return nil, fmt.Errorf("sarif: indenting: %w", err)
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// build assembles the go-sarif log. It returns the findings written as results, in result order.
func build(r *report.Report, opt Options) (*gosarif.Report, []report.Finding, error) {
	log, err := gosarif.New(gosarif.Version210)
	if err != nil {
		return nil, nil, err
	}
	log.Schema = SchemaURI

	infoURI := r.Tool.InformationURI
	if infoURI == "" {
		infoURI = DefaultInformationURI
	}
	run := gosarif.NewRunWithInformationURI(ToolName, infoURI)
	if v := r.Tool.Version; v != "" {
		run.Tool.Driver.WithVersion(v)
		if sv := strings.TrimPrefix(v, "v"); semver.MatchString(sv) {
			run.Tool.Driver.SemanticVersion = &sv
		}
	}

	// 1. Every enabled rule, sorted by id, before any result (SARIF-04, GOSARIF-03).
	index, err := addRules(run, r.Rules)
	if err != nil {
		return nil, nil, err
	}

	// 2. Results, most severe first, cut at the limit (SARIF-02b).
	findings := selectFindings(r.Findings, opt.IncludeSuppressed)
	notifications := append([]report.Notification(nil), r.Notifications...)
	report.SortNotifications(notifications)
	if limit := resultLimit(opt.MaxResults); limit >= 0 && len(findings) > limit {
		notifications = append(notifications, report.Notification{
			ID:    TruncatedNotificationID,
			Level: rules.Warning,
			Message: fmt.Sprintf("Only the first %d of %d results are included, ordered by severity; %d were left out.",
				limit, len(findings), len(findings)-limit),
		})
		findings = findings[:limit]
	}
	for i := range findings {
		res, err := result(&findings[i], index)
		if err != nil {
			return nil, nil, err
		}
		run.Results = append(run.Results, res)
	}

	// 3. Run-level properties.
	run.WithColumnKind("utf16CodeUnits")
	if base := srcRoot(r.RootURI, opt.SrcRootURI); base != "" {
		run.WithOriginalUriBaseIds(map[string]*gosarif.ArtifactLocation{SrcRoot: gosarif.NewSimpleArtifactLocation(base)})
	}
	if opt.Category != "" {
		id := opt.Category
		if !strings.HasSuffix(id, "/") {
			id += "/"
		}
		run.WithAutomationDetails(gosarif.NewRunAutomationDetails().WithID(id))
	}
	// AddInvocation sets executionSuccessful; NewInvocation would leave it null (GOSARIF-09).
	inv := run.AddInvocation(r.ExecutionSuccessful)
	for _, n := range notifications {
		gn, err := notification(&n)
		if err != nil {
			return nil, nil, err
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, gn)
	}

	log.AddRun(run)
	return log, findings, nil
}

// semver matches a SemVer 2.0 version without a leading "v" (semanticVersion, SARIF-03).
var semver = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

func resultLimit(max int) int {
	switch {
	case max == 0:
		return DefaultMaxResults
	case max < 0:
		return -1
	}
	return max
}

// srcRoot returns the originalUriBaseIds value, with the trailing slash SARIF requires, or "".
func srcRoot(rootURI, override string) string {
	base := rootURI
	if override != "" {
		base = override
	}
	if base == "" || base == "none" {
		return ""
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base
}

// selectFindings returns the findings to write, in result order: error, warning, note, and within a
// severity the report order (path, line, column, rule, message).
func selectFindings(all []report.Finding, includeSuppressed bool) []report.Finding {
	fs := make([]report.Finding, 0, len(all))
	for _, f := range all {
		if f.Suppression != nil && !includeSuppressed {
			continue
		}
		fs = append(fs, f)
	}
	report.SortFindings(fs)
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Severity > fs[j].Severity })
	return fs
}

// addRules registers the rules sorted by id and returns each id's index in driver.rules.
func addRules(run *gosarif.Run, rs []*rules.Rule) (map[string]int, error) {
	sorted := append([]*rules.Rule(nil), rs...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	index := make(map[string]int, len(sorted))
	for _, rule := range sorted {
		if rule.ID == "" {
			return nil, fmt.Errorf("sarif: a rule has an empty id")
		}
		if _, dup := index[rule.ID]; dup {
			return nil, fmt.Errorf("sarif: rule %s is listed twice", rule.ID)
		}
		lvl, err := level(rule.Severity)
		if err != nil {
			return nil, fmt.Errorf("sarif: rule %s: %w", rule.ID, err)
		}
		short, full, text, md := strings.TrimSpace(rule.Title), strings.TrimSpace(rule.Summary()),
			strings.TrimSpace(rule.HelpText()), strings.TrimSpace(rule.Help())
		if short == "" || full == "" || text == "" || md == "" {
			return nil, fmt.Errorf("sarif: rule %s needs a title, a summary and help (GitHub requires them)", rule.ID)
		}
		d := gosarif.NewRule(rule.ID).
			WithDescription(truncate(short, maxDescription)).
			WithFullDescription(gosarif.NewMultiformatMessageString(truncate(full, maxDescription))).
			WithHelp(&gosarif.MultiformatMessageString{Text: &text, Markdown: &md}).
			WithHelpURI(rule.HelpURI()).
			WithDefaultConfiguration(gosarif.NewReportingConfiguration().WithLevel(lvl))
		if rule.Name != "" {
			d.WithName(rule.Name)
		}
		// WithProperties: the descriptor's own Properties field shadows the embedded PropertyBag in JSON,
		// and PropertyBag.Add panics on a nil map (GOSARIF-08).
		d.WithProperties(ruleProperties(rule))
		index[rule.ID] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, d)
	}
	return index, nil
}

// ruleProperties returns the GitHub-specific rule properties (SARIF-08, SARIF-09).
func ruleProperties(rule *rules.Rule) gosarif.Properties {
	p := gosarif.Properties{}
	if tags := rule.SARIFTags(); len(tags) > 0 {
		p["tags"] = tags
	}
	if rule.Precision != "" {
		p["precision"] = rule.Precision
	}
	if rule.SecuritySeverity != "" {
		// A string, and only on security rules: its presence makes GitHub show a security alert.
		p["security-severity"] = rule.SecuritySeverity
	} else {
		p["problem.severity"] = problemSeverity(rule.Severity)
	}
	return p
}

func problemSeverity(s rules.Severity) string {
	if s == rules.Note {
		return "recommendation"
	}
	return s.String()
}

// level maps a severity to a SARIF level (SARIF-07).
func level(s rules.Severity) (string, error) {
	switch s {
	case rules.Error, rules.Warning, rules.Note:
		return s.String(), nil
	}
	return "", fmt.Errorf("invalid severity %d", int(s))
}

func result(f *report.Finding, index map[string]int) (*gosarif.Result, error) {
	idx, ok := index[f.RuleID]
	if !ok {
		return nil, fmt.Errorf("sarif: finding at %s reports rule %q, which is not among the report's rules", f.Location.Path, f.RuleID)
	}
	lvl, err := level(f.Severity)
	if err != nil {
		return nil, fmt.Errorf("sarif: finding %s at %s: %w", f.RuleID, f.Location.Path, err)
	}
	msg := sentence(f.Message)
	if msg == "" {
		return nil, fmt.Errorf("sarif: finding %s at %s has an empty message", f.RuleID, f.Location.Path)
	}
	loc, err := location(&f.Location)
	if err != nil {
		return nil, fmt.Errorf("sarif: finding %s: %w", f.RuleID, err)
	}
	res := gosarif.NewRuleResult(f.RuleID).
		WithRuleIndex(idx).
		WithLevel(lvl).
		WithMessage(gosarif.NewTextMessage(msg)).
		WithLocations([]*gosarif.Location{loc})
	related := f.Related
	if len(related) > maxRelated {
		related = related[:maxRelated]
	}
	for i := range related {
		rl, err := location(&related[i])
		if err != nil {
			return nil, fmt.Errorf("sarif: finding %s at %s, related location: %w", f.RuleID, f.Location.Path, err)
		}
		text := strings.TrimSpace(related[i].Message)
		if text == "" {
			text = "Related location."
		}
		res.AddRelatedLocation(rl.WithId(i + 1).WithDescriptionText(text))
	}
	// WithPartialFingerPrints: SetPartialFingerPrint panics on a fresh result (GOSARIF-08).
	fps := map[string]interface{}{}
	if f.LineHash != "" {
		fps[LineHashName] = f.LineHash
	}
	if f.Fingerprint != "" {
		fps[fingerprint.KeyName] = f.Fingerprint
	}
	if len(fps) > 0 {
		res.WithPartialFingerPrints(fps)
	}
	if f.Baselined {
		res.PropertyBag.Properties = gosarif.Properties{BaselinedProperty: true}
	}
	return res, nil
}

// location builds a location with a percent-encoded, %SRCROOT%-relative URI and a full region.
func location(l *report.Location) (*gosarif.Location, error) {
	uri, err := PathURI(l.Path)
	if err != nil {
		return nil, err
	}
	sl, sc, el, ec := region(l.Range)
	return gosarif.NewLocationWithPhysicalLocation(gosarif.NewPhysicalLocation().
		WithArtifactLocation(gosarif.NewSimpleArtifactLocation(uri).WithUriBaseId(SrcRoot)).
		WithRegion(gosarif.NewRegion().WithStartLine(sl).WithStartColumn(sc).WithEndLine(el).WithEndColumn(ec))), nil
}

// region returns the four region numbers SARIF-14 requires. A range without a start (a file-level
// finding) is anchored at line 1, columns 1-2; a missing end is one column after the start; an end before
// the start collapses to the start.
func region(rg report.Range) (sl, sc, el, ec int) {
	sl, sc = max(rg.Start.Line, 1), max(rg.Start.Column, 1)
	el, ec = rg.End.Line, rg.End.Column
	switch {
	case el == 0:
		el, ec = sl, sc+1
	case el < sl || (el == sl && ec < sc):
		el, ec = sl, sc
	case ec < 1:
		ec = 1
	}
	return sl, sc, el, ec
}

// sentence trims s and makes it end with a period (SARIF-11).
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s != "" && !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// truncate shortens s to at most n characters, ending with an ellipsis when cut.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

func notification(n *report.Notification) (*gosarif.Notification, error) {
	lvl, err := level(n.Level)
	if err != nil {
		return nil, fmt.Errorf("sarif: notification %s: %w", n.ID, err)
	}
	msg := sentence(n.Message)
	if msg == "" {
		return nil, fmt.Errorf("sarif: notification %s has an empty message", n.ID)
	}
	gn := gosarif.NewNotification().WithLevel(lvl).WithTextMessage(msg)
	if n.ID != "" {
		gn.WithDescriptor(gosarif.NewReportingDescriptorReference().WithId(n.ID))
	}
	if n.Path != "" {
		uri, err := PathURI(n.Path)
		if err != nil {
			return nil, fmt.Errorf("sarif: notification %s: %w", n.ID, err)
		}
		pl := gosarif.NewPhysicalLocation().
			WithArtifactLocation(gosarif.NewSimpleArtifactLocation(uri).WithUriBaseId(SrcRoot))
		if p := n.Position; p != nil && p.Line > 0 {
			pl.WithRegion(gosarif.NewRegion().WithStartLine(p.Line).WithStartColumn(max(p.Column, 1)))
		}
		gn.WithLocations([]*gosarif.Location{gosarif.NewLocationWithPhysicalLocation(pl)})
	}
	return gn, nil
}
