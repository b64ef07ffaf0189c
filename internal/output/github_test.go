package output

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/rules"
)

// T-GHCMD: workflow commands (PR-31, PR-32) and the job summary.

func writeGitHub(t *testing.T, r *report.Report) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteGitHub(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func writeStepSummary(t *testing.T, r *report.Report) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteStepSummary(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestGitHubGolden(t *testing.T) {
	checkGolden(t, "github.golden", []byte(writeGitHub(t, sampleReport(t))))
	checkGolden(t, "step-summary.md", []byte(writeStepSummary(t, sampleReport(t))))
}

func TestGitHubAnnotations(t *testing.T) {
	out := writeGitHub(t, sampleReport(t))
	want := "::error file=app/api/users/route.ts,line=5,col=22,endLine=5,endColumn=45,title=security/test-sql::" +
		"prisma.$queryRawUnsafe is called with a template literal that interpolates 'email'.\n" +
		"::warning file=app/[id]/Cart.tsx,line=2,col=1,endLine=2,endColumn=38,title=arch/test-boundary::" +
		"Client component 'Cart' imports <ServerThing> & co. from '@/lib/server/db'.\n" +
		"::notice file=app/[id]/Cart.tsx,line=5,col=52,endLine=5,endColumn=61,title=perf/test-note::" +
		"Client component 'Cart' reads 'db.name' | renders it.\n" +
		// A multi-line range: no col/endColumn.
		"::notice file=lib/server/db.ts,line=2,endLine=4,title=perf/test-note::A Prisma client is created at import time.\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	if strings.Contains(out, "Suppressed finding") || strings.Contains(out, "Baselined finding") {
		t.Error("hidden findings annotated")
	}
}

func TestGitHubEscaping(t *testing.T) {
	tests := []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"100%", "100%25", "100%25"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"a\nb::error::x", "a%0Ab::error::x", "a%0Ab%3A%3Aerror%3A%3Ax"},
		{"app/a,b:c.ts", "app/a,b:c.ts", "app/a%2Cb%3Ac.ts"},
		{"%0A", "%250A", "%250A"},
	}
	for _, tt := range tests {
		if got := escapeData(tt.in); got != tt.data {
			t.Errorf("escapeData(%q) = %q, want %q", tt.in, got, tt.data)
		}
		if got := escapeProperty(tt.in); got != tt.prop {
			t.Errorf("escapeProperty(%q) = %q, want %q", tt.in, got, tt.prop)
		}
	}
	// In a whole annotation: a message with a newline cannot start a second command.
	r := sampleReport(t)
	r.Findings = r.Findings[:1]
	r.Findings[0].Message = "100% bad\n::error::injected"
	r.Findings[0].Location.Path = "app/a,b:c/route.ts"
	out := writeGitHub(t, r)
	if strings.Count(out, "\n") != 1 || !strings.Contains(out, "file=app/a%2Cb%3Ac/route.ts,") ||
		!strings.HasSuffix(out, "::100%25 bad%0A::error::injected\n") {
		t.Errorf("escaped annotation: %q", out)
	}
}

func manyFindings(t *testing.T, errs, warns, notes int) *report.Report {
	sql, boundary, note := testRules(t)
	r := sampleReport(t)
	r.Findings = nil
	add := func(rule *rules.Rule, n int) {
		for i := 0; i < n; i++ {
			r.Findings = append(r.Findings, report.Finding{
				RuleID: rule.ID, Severity: rule.Severity, Message: fmt.Sprintf("%s %d", rule.Severity, i),
				Location: report.Location{Path: fmt.Sprintf("app/f%02d.ts", i), Range: report.Range{
					Start: report.Position{Line: 1, Column: 1}, End: report.Position{Line: 1, Column: 2}}},
				Fingerprint: fmt.Sprintf("%016x", i),
			})
		}
	}
	add(note, notes)
	add(boundary, warns)
	add(sql, errs)
	report.SortFindings(r.Findings)
	return r
}

func TestGitHubLimits(t *testing.T) {
	out := writeGitHub(t, manyFindings(t, 12, 15, 3))
	count := func(prefix string) int {
		return strings.Count(out, "\n"+prefix) + boolInt(strings.HasPrefix(out, prefix))
	}
	if e, w, n := count("::error "), count("::warning "), count("::notice file="); e != 10 || w != 10 || n != 3 {
		t.Errorf("%d errors, %d warnings, %d notices annotated; want 10, 10, 3", e, w, n)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if last := lines[len(lines)-1]; last != "::notice::archlint: 7 more findings, see the job summary" {
		t.Errorf("last line %q", last)
	}
	// Errors come first, and within a level the report order.
	if !strings.HasPrefix(lines[0], "::error file=app/f00.ts,") || !strings.HasPrefix(lines[10], "::warning file=app/f00.ts,") {
		t.Errorf("order: %q ... %q", lines[0], lines[10])
	}
	// Exactly at the limits there is no extra notice.
	if out := writeGitHub(t, manyFindings(t, 10, 10, 10)); strings.Contains(out, "more finding") {
		t.Error("notice without findings left out")
	}
	if out := writeGitHub(t, manyFindings(t, 11, 0, 0)); !strings.HasSuffix(out, "::notice::archlint: 1 more finding, see the job summary\n") {
		t.Errorf("singular notice: %q", out)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestStepSummary(t *testing.T) {
	out := writeStepSummary(t, sampleReport(t))
	for _, want := range []string{
		"**1 error, 1 warning, 2 notes** · 1 suppressed · 1 baselined\n",
		"| Severity | Rule | Location | Message |\n| --- | --- | --- | --- |\n",
		"| error | `security/test-sql` | `app/api/users/route.ts:5:22` | prisma.$queryRawUnsafe is called with a template literal that interpolates 'email'. |\n",
		// Markdown and HTML are escaped, and "|" cannot end the cell.
		"| Client component 'Cart' imports \\<ServerThing\\> \\& co. from '@/lib/server/db'. |\n",
		"| Client component 'Cart' reads 'db.name' \\| renders it. |\n",
	} {
		if !strings.Contains(strings.ReplaceAll(out, "\\$", "$"), want) {
			t.Errorf("summary lacks %q\n%s", want, out)
		}
	}
	// The table lists only visible findings, errors first.
	if strings.Contains(out, "Suppressed finding") || strings.Index(out, "| error |") > strings.Index(out, "| warning |") {
		t.Errorf("table content or order wrong:\n%s", out)
	}
	empty := sampleReport(t)
	empty.Findings = nil
	if got := writeStepSummary(t, empty); got != "## archlint\n\n**0 errors, 0 warnings, 0 notes**\n\nNo findings.\n" {
		t.Errorf("empty summary %q", got)
	}
}

func TestStepSummaryCap(t *testing.T) {
	r := manyFindings(t, 0, 9000, 0)
	long := strings.Repeat("x", 150)
	for i := range r.Findings {
		r.Findings[i].Message = long
	}
	out := writeStepSummary(t, r)
	if len(out) > MaxStepSummaryBytes {
		t.Fatalf("summary is %d bytes, limit %d", len(out), MaxStepSummaryBytes)
	}
	rows := strings.Count(out, "\n| warning |")
	if rows == 0 || rows == 9000 {
		t.Fatalf("%d rows", rows)
	}
	want := fmt.Sprintf("\n%d more findings not shown: the job summary is limited to 1 MiB.", 9000-rows)
	if !strings.Contains(out, want) {
		t.Errorf("summary lacks %q", want)
	}
}

func TestMarkdownCells(t *testing.T) {
	for in, want := range map[string]string{
		"a|b":             `a\|b`,
		"<b>x</b>":        `\<b\>x\</b\>`,
		"*x* _y_ `z`":     "\\*x\\* \\_y\\_ \\`z\\`",
		"[t](http://x)":   `\[t\](http://x)`,
		"line\nbreak":     "line break",
		"$x$ ~~s~~ \\ &a": `\$x\$ \~\~s\~\~ \\ \&a`,
	} {
		if got := markdownText(in); got != want {
			t.Errorf("markdownText(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"app/[id]/page.tsx:1:2": "`app/[id]/page.tsx:1:2`",
		"a|b":                   "`a\\|b`",
		"a`b":                   "`` a`b ``",
	} {
		if got := codeSpan(in); got != want {
			t.Errorf("codeSpan(%q) = %q, want %q", in, got, want)
		}
	}
}
