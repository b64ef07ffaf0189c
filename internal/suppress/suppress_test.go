package suppress_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/archlint/archlint/internal/analysistest"
	"github.com/archlint/archlint/internal/engine"
	"github.com/archlint/archlint/internal/processors"
	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/internal/suppress"
	"github.com/archlint/archlint/rules"
)

// today is the date the fixtures' expiries are compared with.
var today = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// checked are the rules the fixture's want comments describe; other rules (auth, …) may fire on the same
// code and are not this package's business.
func checked(id string) bool {
	return id == rules.RawSQLInjection.ID || id == rules.FloatForMoney.ID || strings.HasPrefix(id, "meta/")
}

// analyse runs the engine with the suppression processor over dir and returns the report and the prefix of
// dir's files in finding paths.
func analyse(t *testing.T, dir string, opt suppress.Options) (*report.Report, string) {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := engine.Analyze(engine.Options{Paths: []string{abs},
		Processors: func(res *engine.Result) ([]processors.Processor, error) {
			return []processors.Processor{suppress.Processor(res.Project, opt)}, nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	prefix, _ := filepath.Rel(res.Target.Base, abs)
	prefix = filepath.ToSlash(prefix) + "/"
	if prefix == "./" {
		prefix = ""
	}
	return res.Report, prefix
}

// checkWants compares the findings that are not suppressed with the fixture's want comments.
func checkWants(t *testing.T, dir string, rep *report.Report, prefix string) {
	t.Helper()
	abs, _ := filepath.Abs(dir)
	exps, err := analysistest.ParseExpectations(abs)
	if err != nil {
		t.Fatal(err)
	}
	met := make([]bool, len(exps))
	var problems []string
	for _, f := range rep.Findings {
		if f.Suppression != nil || !checked(f.RuleID) {
			continue
		}
		path := strings.TrimPrefix(f.Location.Path, prefix)
		line := f.Location.Range.Start.Line
		ok := false
		for i, e := range exps {
			if !met[i] && e.Path == path && e.Line == line && e.Rule == f.RuleID && e.Re.MatchString(f.Message) {
				met[i], ok = true, true
				break
			}
		}
		if !ok {
			problems = append(problems, fmt.Sprintf("%s:%d: unexpected %s: %s", path, line, f.RuleID, f.Message))
		}
	}
	for i, e := range exps {
		if !met[i] {
			problems = append(problems, fmt.Sprintf("%s:%d: expected %s matching %q, got none", e.Path, e.Line, e.Rule, e.Re))
		}
	}
	sort.Strings(problems)
	for _, p := range problems {
		t.Error(p)
	}
}

// suppressed lists the suppressed findings of the checked rules as "path:line rule | justification @ line".
func suppressed(rep *report.Report, prefix string) []string {
	var out []string
	for _, f := range rep.Findings {
		if f.Suppression == nil || !checked(f.RuleID) {
			continue
		}
		s := f.Suppression
		out = append(out, fmt.Sprintf("%s:%d %s | %s | %s @ %d", strings.TrimPrefix(f.Location.Path, prefix), f.Location.Range.Start.Line,
			f.RuleID, s.Kind, s.Justification, s.Location.Range.Start.Line))
	}
	sort.Strings(out)
	return out
}

const fixture = "../../testdata/fixtures/adoption-suppress"

// TestFixture covers every directive form and failure mode (T-SUP): the want comments describe what is
// still reported (findings whose directive failed, and the meta findings about directives), the list
// below what was suppressed and with which reason.
func TestFixture(t *testing.T) {
	rep, prefix := analyse(t, fixture, suppress.Options{Today: today})
	checkWants(t, fixture, rep, prefix)

	want := []string{
		"app/api/blocks/route.ts:13 security/raw-sql-injection | inSource | a block left open runs to the end of the file @ 12",
		"app/api/blocks/route.ts:6 security/raw-sql-injection | inSource | legacy reporting queries, rewritten in PLAT-1234 @ 5",
		"app/api/blocks/route.ts:7 security/raw-sql-injection | inSource | legacy reporting queries, rewritten in PLAT-1234 @ 5",
		"app/api/lines/route.ts:11 security/raw-sql-injection | inSource | glob over the category: the whole security family @ 10",
		"app/api/lines/route.ts:18 security/raw-sql-injection | inSource | two IDs, only the first is needed here @ 17",
		"app/api/lines/route.ts:23 security/raw-sql-injection | inSource | allow-list lands next quarter (until 2999-12-31) @ 22",
		"app/api/lines/route.ts:8 security/raw-sql-injection | inSource | q is checked against an allow-list upstream @ 7",
		"app/api/lines/route.ts:9 security/raw-sql-injection | inSource | trailing form, reviewed by the data team @ 9",
		"app/report/actions.ts:10 security/raw-sql-injection | inSource | internal reporting module, inputs are enum-checked @ 4",
		"app/report/actions.ts:14 security/raw-sql-injection | inSource | internal reporting module, inputs are enum-checked @ 4",
		"app/report/page.tsx:13 security/raw-sql-injection | inSource | JSX form of the directive, reviewed @ 12",
		"prisma/schema.prisma:10 prisma/float-for-money | inSource | mirrors the payment provider's float amounts @ 10",
		"prisma/schema.prisma:9 prisma/float-for-money | inSource | legacy column, migrated to Decimal in BILL-88 @ 8",
	}
	got := suppressed(rep, prefix)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("suppressed findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Meta findings are complete findings: a fingerprint, a line hash, the source line, and a severity (an
	// expired directive is a warning, a malformed one an error).
	for _, f := range rep.Findings {
		if !strings.HasPrefix(f.RuleID, "meta/") {
			continue
		}
		if len(f.Fingerprint) != 16 || f.LineHash == "" || f.SourceLine == "" {
			t.Errorf("%s:%d: incomplete meta finding %+v", f.Location.Path, f.Location.Range.Start.Line, f)
		}
		wantSev := rules.Lookup(f.RuleID).Severity
		if strings.Contains(f.Message, "expired") {
			wantSev = rules.Warning
		}
		if f.Severity != wantSev {
			t.Errorf("%s: severity %s, want %s", f.Message, f.Severity, wantSev)
		}
	}
}

// TestExpiryBoundary: a directive applies through its until day and is reported from the next day on.
func TestExpiryBoundary(t *testing.T) {
	dir := writeApp(t, map[string]string{"app/api/x/route.ts": `import { prisma } from "../../../lib/db";
export async function GET(request: Request) {
  const q = new URL(request.url).searchParams.get("q") ?? "";
  // archlint-disable-next-line security/raw-sql-injection -- until 2026-06-01: allow-list lands in May
  return Response.json(await prisma.$queryRawUnsafe("SELECT " + q));
}
`})
	for _, tc := range []struct {
		day     time.Time
		expired bool
	}{
		{time.Date(2026, 6, 1, 23, 59, 0, 0, time.UTC), false},
		{time.Date(2026, 6, 2, 0, 0, 0, 0, time.UTC), true},
	} {
		rep, _ := analyse(t, dir, suppress.Options{Today: tc.day})
		var sup, meta int
		for _, f := range rep.Findings {
			if f.RuleID == rules.RawSQLInjection.ID && f.Suppression != nil {
				sup++
			}
			if f.RuleID == rules.InvalidSuppression.ID {
				meta++
			}
		}
		if tc.expired != (sup == 0) || tc.expired != (meta == 1) {
			t.Errorf("%s: %d suppressed, %d invalid-suppression findings; expired = %v", tc.day.Format(time.DateOnly), sup, meta, tc.expired)
		}
	}
}

// TestMinReasonLengthAndInactiveRules: the reason length is configurable; a directive naming a rule that
// is not active (off, or excluded for the file) is not reported as unused.
func TestMinReasonLengthAndInactiveRules(t *testing.T) {
	dir := writeApp(t, map[string]string{"app/api/x/route.ts": `import { prisma } from "../../../lib/db";
export async function GET(request: Request) {
  const q = new URL(request.url).searchParams.get("q") ?? "";
  // archlint-disable-next-line security/raw-sql-injection -- reviewed
  const a = await prisma.$queryRawUnsafe("SELECT " + q);
  // archlint-disable-next-line prisma/float-for-money -- the rule is off in this test's configuration
  return Response.json(a);
}
`})
	rep, _ := analyse(t, dir, suppress.Options{Today: today, MinReasonLength: 8,
		Active: func(id, path string) bool { return id != rules.FloatForMoney.ID }})
	for _, f := range rep.Findings {
		switch {
		case f.RuleID == rules.RawSQLInjection.ID && f.Suppression == nil:
			t.Errorf("not suppressed with an 8-character reason and MinReasonLength 8: %s", f.Message)
		case strings.HasPrefix(f.RuleID, "meta/"):
			t.Errorf("unexpected %s: %s", f.RuleID, f.Message)
		}
	}
	rep, _ = analyse(t, dir, suppress.Options{Today: today})
	var invalid, unused int
	for _, f := range rep.Findings {
		switch f.RuleID {
		case rules.InvalidSuppression.ID:
			invalid++
		case rules.UnusedSuppression.ID:
			unused++
		}
	}
	if invalid != 1 || unused != 1 {
		t.Errorf("default options: %d invalid (want 1: 'reviewed' is too short), %d unused (want 1: float-for-money)", invalid, unused)
	}
}

// TestSkippedFilesAndDisabledMetaRules: directives in skipped files are ignored; meta rules that are not
// enabled are not reported.
func TestSkippedFilesAndDisabledMetaRules(t *testing.T) {
	rep, prefix := analyse(t, fixture, suppress.Options{Today: today, Skip: func(p string) bool { return true }})
	for _, f := range rep.Findings {
		if f.Suppression != nil || strings.HasPrefix(f.RuleID, "meta/") {
			t.Fatalf("skipped files still processed: %s %s", strings.TrimPrefix(f.Location.Path, prefix), f.RuleID)
		}
	}
	abs, _ := filepath.Abs(fixture)
	var enabled []*rules.Rule
	for _, r := range rules.All() {
		if r.Category() != "meta" {
			enabled = append(enabled, r)
		}
	}
	res, err := engine.Analyze(engine.Options{Paths: []string{abs}, Rules: enabled,
		Processors: func(res *engine.Result) ([]processors.Processor, error) {
			return []processors.Processor{suppress.Processor(res.Project, suppress.Options{Today: today})}, nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range res.Report.Findings {
		if strings.HasPrefix(f.RuleID, "meta/") {
			t.Errorf("meta rule reported although disabled: %s", f.Message)
		}
		if f.Suppression != nil {
			n++
		}
	}
	if n == 0 {
		t.Error("suppressions must still apply when the meta rules are off")
	}
}

// TestMetaExamplesSuppress makes the catalog's good examples for the meta rules meaningful: each hides a
// real finding, so "the meta rule stays silent" is not vacuous.
func TestMetaExamplesSuppress(t *testing.T) {
	for _, r := range suppress.Rules {
		for _, ex := range r.Examples() {
			if ex.Bad {
				continue
			}
			files := map[string]string{}
			for _, f := range ex.Files {
				files[f.Path] = f.Content
			}
			rep, _ := analyse(t, writeApp(t, files), suppress.Options{Today: today})
			n := 0
			for _, f := range rep.Findings {
				if f.Suppression != nil {
					n++
				}
				if f.Suppression == nil && !strings.HasPrefix(f.RuleID, "auth/") && f.RuleID != "errors/unhandled-error" {
					t.Errorf("%s good example %q: visible finding %s: %s", r.ID, ex.Title, f.RuleID, f.Message)
				}
			}
			if n == 0 {
				t.Errorf("%s good example %q suppresses nothing", r.ID, ex.Title)
			}
		}
	}
}

// writeApp writes a minimal Next.js app with lib/db.ts and the given files.
func writeApp(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	all := map[string]string{
		"package.json": `{"name":"x","private":true,"dependencies":{"next":"15.1.0","@prisma/client":"6.1.0"}}`,
		"lib/db.ts":    "import { PrismaClient } from \"@prisma/client\";\nexport const prisma = new PrismaClient();\n",
	}
	for k, v := range files {
		all[k] = v
	}
	for p, c := range all {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
