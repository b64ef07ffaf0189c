package sarif

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"sort"
	"strings"

	gosarif "github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/archlint/archlint/internal/fingerprint"
	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/rules"
)

// Reading SARIF back. `archlint github review --sarif FILE` takes the findings a previous step wrote
// (`archlint --format sarif`, possibly with --new-from-merge-base) instead of analysing again. Read turns
// such a log into a report.Report with what the review needs: rule, severity, message, repository-relative
// path and region, related locations, the fingerprints, and the suppressed and baselined marks.
//
// It accepts what Write produces and, leniently, other tools' SARIF: a missing result level falls back to
// the rule's defaultConfiguration, then to "warning"; a missing archlintFingerprint/v1 is recomputed from
// rule, path and message; absolute file: URIs are made relative to originalUriBaseIds["%SRCROOT%"].
// A suppression with status "accepted" (or no status) marks the finding suppressed, as reviewdog reads it.

// Read parses a SARIF 2.1.0 log into a Report. The report's Rules are the catalog rules the log names
// (rules it does not know are left out); its findings are sorted.
func Read(r io.Reader) (*report.Report, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	log, err := gosarif.FromBytes(b)
	if err != nil {
		return nil, fmt.Errorf("sarif: not a SARIF log: %w", err)
	}
	if log.Version != string(gosarif.Version210) {
		return nil, fmt.Errorf("sarif: version %q, want 2.1.0", log.Version)
	}
	rep := &report.Report{ExecutionSuccessful: true}
	known := map[string]bool{}
	for ri, run := range log.Runs {
		if run == nil || run.Tool.Driver == nil {
			return nil, fmt.Errorf("sarif: run %d has no tool.driver", ri)
		}
		d := run.Tool.Driver
		if rep.Tool.Name == "" {
			rep.Tool = report.Tool{Name: d.Name, Version: deref(d.Version), InformationURI: deref(d.InformationURI)}
		}
		for _, rd := range d.Rules {
			if rd == nil || known[rd.ID] {
				continue
			}
			if rule := rules.Lookup(rd.ID); rule != nil && rule.ID == rd.ID {
				known[rd.ID] = true
				rep.Rules = append(rep.Rules, rule)
			}
		}
		srcRoot := ""
		if base := run.OriginalUriBaseIDs[SrcRoot]; base != nil && base.URI != nil {
			srcRoot = *base.URI
			if rep.RootURI == "" {
				rep.RootURI = srcRoot
			}
		}
		for _, inv := range run.Invocations {
			if inv != nil && inv.ExecutionSuccessful != nil && !*inv.ExecutionSuccessful {
				rep.ExecutionSuccessful = false
			}
		}
		for i, res := range run.Results {
			f, err := readResult(res, d, srcRoot)
			if err != nil {
				return nil, fmt.Errorf("sarif: run %d, result %d: %w", ri, i, err)
			}
			rep.Findings = append(rep.Findings, f)
		}
	}
	sort.Slice(rep.Rules, func(i, j int) bool { return rep.Rules[i].ID < rep.Rules[j].ID })
	report.SortFindings(rep.Findings)
	return rep, nil
}

// ReadFile reads the SARIF log at path (see Read).
func ReadFile(path string) (*report.Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(f)
}

func readResult(res *gosarif.Result, d *gosarif.ToolComponent, srcRoot string) (report.Finding, error) {
	var f report.Finding
	if res == nil {
		return f, fmt.Errorf("null result")
	}
	var rd *gosarif.ReportingDescriptor
	if res.RuleIndex != nil && int(*res.RuleIndex) < len(d.Rules) {
		rd = d.Rules[*res.RuleIndex]
	}
	switch {
	case res.RuleID != nil:
		f.RuleID = *res.RuleID
	case res.Rule != nil && res.Rule.Id != nil:
		f.RuleID = *res.Rule.Id
	case rd != nil:
		f.RuleID = rd.ID
	default:
		return f, fmt.Errorf("no ruleId")
	}
	if rd == nil || rd.ID != f.RuleID {
		rd = nil
		for _, r := range d.Rules {
			if r != nil && r.ID == f.RuleID {
				rd = r
				break
			}
		}
	}
	lvl := deref(res.Level)
	if lvl == "" && rd != nil && rd.DefaultConfiguration != nil {
		lvl = rd.DefaultConfiguration.Level
	}
	f.Severity = severityOf(lvl)
	f.Message = strings.TrimSpace(deref(res.Message.Text))
	if f.Message == "" {
		f.Message = strings.TrimSpace(deref(res.Message.Markdown))
	}
	if len(res.Locations) == 0 || res.Locations[0] == nil || res.Locations[0].PhysicalLocation == nil {
		return f, fmt.Errorf("rule %s: no physical location", f.RuleID)
	}
	loc, err := readLocation(res.Locations[0], srcRoot)
	if err != nil {
		return f, fmt.Errorf("rule %s: %w", f.RuleID, err)
	}
	f.Location = loc
	for _, rl := range res.RelatedLocations {
		if rl == nil || rl.PhysicalLocation == nil {
			continue
		}
		l, err := readLocation(rl, srcRoot)
		if err != nil {
			continue // a related location we cannot place is only context
		}
		f.Related = append(f.Related, l)
	}
	if v, ok := res.PartialFingerprints[fingerprint.KeyName].(string); ok {
		f.Fingerprint = v
	} else {
		f.Fingerprint = fingerprint.Key(f.RuleID, f.Location.Path, fingerprint.NormalizeCode(f.Message))
	}
	if v, ok := res.PartialFingerprints[LineHashName].(string); ok {
		f.LineHash = v
	}
	for _, s := range res.Suppressions {
		if s == nil {
			continue
		}
		if st := deref(s.Status); st == "" || st == "accepted" {
			f.Suppression = &report.Suppression{Kind: s.Kind, Justification: deref(s.Justification)}
			break
		}
	}
	if v, ok := res.Properties[BaselinedProperty].(bool); ok && v {
		f.Baselined = true
	}
	return f, nil
}

func readLocation(l *gosarif.Location, srcRoot string) (report.Location, error) {
	var out report.Location
	pl := l.PhysicalLocation
	if pl.ArtifactLocation == nil || pl.ArtifactLocation.URI == nil {
		return out, fmt.Errorf("location without a URI")
	}
	p, err := uriPath(*pl.ArtifactLocation.URI, srcRoot)
	if err != nil {
		return out, err
	}
	out.Path = p
	if l.Message != nil {
		out.Message = deref(l.Message.Text)
	}
	rg := pl.Region
	if rg == nil || rg.StartLine == nil {
		out.Range = report.Range{Start: report.Position{Line: 1, Column: 1}, End: report.Position{Line: 1, Column: 2}}
		return out, nil
	}
	sl := *rg.StartLine
	sc := 1
	if rg.StartColumn != nil {
		sc = *rg.StartColumn
	}
	el := sl
	if rg.EndLine != nil && *rg.EndLine >= sl {
		el = *rg.EndLine
	}
	ec := sc + 1
	if rg.EndColumn != nil {
		ec = *rg.EndColumn
	} else if el > sl {
		ec = 2 // end column unknown: at least the first character of the last line
	}
	out.Range = report.Range{Start: report.Position{Line: sl, Column: sc}, End: report.Position{Line: el, Column: ec}}
	return out, nil
}

// uriPath turns an artifact URI into a repository-relative, unencoded path.
func uriPath(uri, srcRoot string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil {
		return "", fmt.Errorf("invalid URI %q: %v", uri, err)
	}
	if u.Scheme != "" {
		if u.Scheme != "file" {
			return "", fmt.Errorf("URI %q is not a file", uri)
		}
		root, err := url.Parse(srcRoot)
		if srcRoot == "" || err != nil || !strings.HasPrefix(u.Path, strings.TrimSuffix(root.Path, "/")+"/") {
			return "", fmt.Errorf("absolute URI %q is not under %%SRCROOT%% %q", uri, srcRoot)
		}
		return strings.TrimPrefix(u.Path, strings.TrimSuffix(root.Path, "/")+"/"), nil
	}
	p := strings.TrimPrefix(u.Path, "./")
	if p == "" || strings.HasPrefix(p, "/") {
		return "", fmt.Errorf("URI %q is not a relative file path", uri)
	}
	return p, nil
}

func severityOf(level string) rules.Severity {
	switch level {
	case "error":
		return rules.Error
	case "note", "none":
		return rules.Note
	}
	return rules.Warning
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
