package sarif

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/rules"
)

// comparable strips what SARIF does not carry (byte offsets, the source line) and what Write changes on
// purpose (a message gains a final period), so that a round trip can be compared.
func comparable(fs []report.Finding) []report.Finding {
	out := make([]report.Finding, len(fs))
	for i, f := range fs {
		f.SourceLine = ""
		f.Message = sentence(f.Message)
		f.Location.Range.Start.Offset, f.Location.Range.End.Offset = 0, 0
		for j := range f.Related {
			r := f.Related[j]
			r.Range.Start.Offset, r.Range.End.Offset = 0, 0
			if strings.TrimSpace(r.Message) == "" {
				r.Message = "Related location."
			}
			f.Related[j] = r
		}
		if f.Suppression != nil {
			s := *f.Suppression
			s.Location = nil
			f.Suppression = &s
		}
		out[i] = f
	}
	report.SortFindings(out)
	return out
}

// Every golden report survives Write then Read: paths (Next.js segments, spaces, non-ASCII, a colon),
// UTF-16 regions, related locations, both fingerprints, suppressions and the baselined mark.
func TestReadRoundTrip(t *testing.T) {
	for _, c := range goldenCases() {
		t.Run(c.name, func(t *testing.T) {
			rep := c.rep(t)
			opt := c.opt
			opt.MaxResults = -1
			var buf bytes.Buffer
			if err := Write(&buf, rep, opt); err != nil {
				t.Fatal(err)
			}
			got, err := Read(&buf)
			if err != nil {
				t.Fatal(err)
			}
			want := rep.Findings
			if !opt.IncludeSuppressed {
				want = nil
				for _, f := range rep.Findings {
					if f.Suppression == nil {
						want = append(want, f)
					}
				}
			}
			if g, w := comparable(got.Findings), comparable(want); !reflect.DeepEqual(g, w) {
				for i := range max(len(g), len(w)) {
					if i >= len(g) || i >= len(w) || !reflect.DeepEqual(g[i], w[i]) {
						t.Fatalf("finding %d:\n got %+v\nwant %+v", i, nth(g, i), nth(w, i))
					}
				}
			}
			if got.ExecutionSuccessful != rep.ExecutionSuccessful {
				t.Errorf("ExecutionSuccessful = %v, want %v", got.ExecutionSuccessful, rep.ExecutionSuccessful)
			}
			if got.Tool.Name != ToolName {
				t.Errorf("tool = %q", got.Tool.Name)
			}
		})
	}
}

func nth(fs []report.Finding, i int) any {
	if i < len(fs) {
		return fs[i]
	}
	return "(none)"
}

// Only catalog rules become report rules; the others are unknown to this build.
func TestReadRules(t *testing.T) {
	rep := everyRuleReport(t)
	var buf bytes.Buffer
	if err := Write(&buf, rep, Options{}); err != nil {
		t.Fatal(err)
	}
	got, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range got.Rules {
		ids = append(ids, r.ID)
	}
	var want []string
	for _, r := range rules.All() {
		want = append(want, r.ID)
	}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("rules = %v, want the catalog %v", ids, want)
	}
}

// Another tool's SARIF: no archlint fingerprint, level from the rule's default, an absolute file: URI under
// %SRCROOT%, a suppression under review (not suppressed) and an accepted one.
func TestReadForeignSARIF(t *testing.T) {
	doc := `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"other","rules":[
	  {"id":"X1","defaultConfiguration":{"level":"error"}},{"id":"X2"}]}},
	  "originalUriBaseIds":{"%SRCROOT%":{"uri":"file:///src/repo/"}},
	  "results":[
	    {"ruleId":"X1","message":{"text":"one"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"file:///src/repo/app/%5Bid%5D/page.tsx"},"region":{"startLine":3,"endLine":5}}}],
	     "suppressions":[{"kind":"external","status":"underReview"}]},
	    {"ruleIndex":1,"message":{"text":"two"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"lib/a.ts","uriBaseId":"%SRCROOT%"}}}],
	     "suppressions":[{"kind":"inSource","justification":"ok"}]}
	  ]}]}`
	got, err := Read(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Findings) != 2 {
		t.Fatalf("findings = %+v", got.Findings)
	}
	f1, f2 := got.Findings[0], got.Findings[1]
	if f1.RuleID != "X1" || f1.Severity != rules.Error || f1.Location.Path != "app/[id]/page.tsx" || f1.Suppression != nil ||
		f1.Location.Range.Start.Line != 3 || f1.Location.Range.End.Line != 5 || f1.Fingerprint == "" {
		t.Errorf("first finding = %+v", f1)
	}
	if f2.RuleID != "X2" || f2.Severity != rules.Warning || f2.Location.Path != "lib/a.ts" || f2.Suppression == nil ||
		f2.Suppression.Justification != "ok" || f2.Location.Range.Start.Line != 1 {
		t.Errorf("second finding = %+v", f2)
	}
	if len(got.Rules) != 0 {
		t.Errorf("rules = %v, want none (not in the catalog)", got.Rules)
	}
}

func TestReadRejects(t *testing.T) {
	for name, doc := range map[string]string{
		"not json":         `{`,
		"old version":      `{"version":"2.0.0","runs":[]}`,
		"no driver":        `{"version":"2.1.0","runs":[{"tool":{},"results":[]}]}`,
		"no rule":          `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x","rules":[]}},"results":[{"message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a"}}}]}]}]}`,
		"no location":      `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x","rules":[]}},"results":[{"ruleId":"r","message":{"text":"m"}}]}]}`,
		"http uri":         `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x","rules":[]}},"results":[{"ruleId":"r","message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"https://x/a"}}}]}]}]}`,
		"file outside src": `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x","rules":[]}},"results":[{"ruleId":"r","message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"file:///etc/passwd"}}}]}]}]}`,
	} {
		if _, err := Read(strings.NewReader(doc)); err == nil {
			t.Errorf("%s: Read succeeded", name)
		}
	}
}
