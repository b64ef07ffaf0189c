package sarif

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/sarif")

const goldenDir = "../testdata/sarif"

// goldenCase is one T-SARIF-golden case: a report, options, and the golden file it must render to.
type goldenCase struct {
	name string
	opt  Options
	rep  func(t testing.TB) *report.Report
}

func goldenCases() []goldenCase {
	return []goldenCase{
		{name: "empty", rep: baseReport},
		{name: "one-finding", rep: func(t testing.TB) *report.Report {
			r := baseReport(t)
			sql, _, _ := testRules(t)
			r.Findings = []report.Finding{at(t, sql, routeSrc, "prisma.$queryRawUnsafe(",
				"prisma.$queryRawUnsafe is called with a template literal that interpolates 'email'")}
			return r
		}},
		{name: "every-rule", rep: everyRuleReport},
		{name: "nextjs-paths", rep: nextjsPathsReport},
		{name: "unicode-columns", rep: unicodeReport},
		{name: "full", opt: Options{Category: "apps/web", SrcRootURI: "file:///src/"}, rep: fullReport},
		{name: "suppressed", opt: Options{IncludeSuppressed: true}, rep: suppressedReport},
		{name: "srcroot-none", opt: Options{SrcRootURI: "none"}, rep: func(t testing.TB) *report.Report {
			r := baseReport(t)
			_, boundary, _ := testRules(t)
			r.Findings = []report.Finding{at(t, boundary, clientSrc, `import { db } from "@/lib/server/db";`,
				"Client component 'Cart' imports the server-only module '@/lib/server/db'.")}
			return r
		}},
		{name: "truncated", opt: Options{MaxResults: 2}, rep: func(t testing.TB) *report.Report {
			r := baseReport(t)
			sql, boundary, note := testRules(t)
			r.Findings = []report.Finding{
				at(t, note, dbSrc, `export const db`, "Module 'lib/server/db.ts' creates a client at import time."),
				at(t, boundary, clientSrc, `import { db }`, "Client component 'Cart' imports 'db'."),
				at(t, sql, routeSrc, "prisma.$queryRawUnsafe(", "Unsafe raw query."),
				at(t, boundary, clientSrc, `{db.name}`, "Client component 'Cart' reads 'db.name'."),
			}
			report.SortFindings(r.Findings)
			return r
		}},
	}
}

// everyRuleReport has every catalog rule enabled and one finding per rule, on the first line of the first
// file of the rule's first bad example.
func everyRuleReport(t testing.TB) *report.Report {
	r := baseReport(t)
	r.Rules = rules.All()
	for _, rule := range r.Rules {
		var file *rules.ExampleFile
		for _, ex := range rule.Examples() {
			if ex.Bad && len(ex.Files) > 0 {
				file = &ex.Files[0]
				break
			}
		}
		if file == nil {
			t.Fatalf("rule %s has no bad example", rule.ID)
		}
		src := source{file.Path, file.Content}
		first, _, _ := bytes.Cut([]byte(file.Content), []byte("\n"))
		r.Findings = append(r.Findings, at(t, rule, src, string(first), rule.Title+" in '"+file.Path+"'"))
	}
	report.SortFindings(r.Findings)
	return r
}

// nextjsPathPaths are file names Next.js apps really have, most of them illegal in a URI as they are.
var nextjsPaths = []string{
	"app/[id]/page.tsx",
	"app/[...slug]/page.tsx",
	"app/[[...opt]]/page.tsx",
	"app/(shop)/@modal/(.)photo/page.tsx",
	"app/my dir/#x%.tsx",
	"app/über/página/日本.tsx",
	"app/a+b;c?d/page.tsx",
	"c:d/page.tsx",
}

func nextjsPathsReport(t testing.TB) *report.Report {
	r := baseReport(t)
	_, boundary, _ := testRules(t)
	for _, p := range nextjsPaths {
		src := source{p, "'use client';\nimport { db } from \"@/lib/server/db\";\n"}
		r.Findings = append(r.Findings, at(t, boundary, src, `import { db } from "@/lib/server/db";`,
			"Client component in '"+p+"' imports the server-only module '@/lib/server/db'."))
	}
	report.SortFindings(r.Findings)
	return r
}

// unicodeSrc has an emoji (two UTF-16 units, four UTF-8 bytes) and CJK characters (one unit, three bytes)
// before the finding, CRLF line endings and a BOM.
var unicodeSrc = source{"app/api/emoji/route.ts", "\ufeffimport { prisma } from \"@/lib/db\";\r\n" +
	"export const GET = async () => { const label = \"😀 日本\"; return prisma.$queryRawUnsafe(label); };\r\n"}

func unicodeReport(t testing.TB) *report.Report {
	r := baseReport(t)
	sql, _, _ := testRules(t)
	r.Findings = []report.Finding{at(t, sql, unicodeSrc, "prisma.$queryRawUnsafe(label)",
		"prisma.$queryRawUnsafe is called with the variable 'label'.")}
	return r
}

func fullReport(t testing.TB) *report.Report {
	r := baseReport(t)
	r.Tool.Version = "dev"
	r.ExecutionSuccessful = false
	sql, boundary, note := testRules(t)
	f1 := at(t, boundary, clientSrc, `import { db } from "@/lib/server/db";`,
		"Client component 'Cart' imports <ServerThing> & co. from '@/lib/server/db'")
	f1.Related = []report.Location{
		loc(t, dbSrc, `import "server-only";`, "'lib/server/db.ts' is marked server-only here"),
		loc(t, clientSrc, `'use client';`, ""),
	}
	f2 := at(t, sql, routeSrc, "prisma.$queryRawUnsafe(", "prisma.$queryRawUnsafe is called with a template literal that interpolates 'email'.")
	f2.Baselined = true
	f3 := at(t, note, dbSrc, "export const db", "Module 'lib/server/db.ts' creates a client at import time.")
	f3.LineHash = "" // as the driver leaves it for a file that is not valid UTF-8
	r.Findings = []report.Finding{f1, f2, f3}
	report.SortFindings(r.Findings)
	r.Notifications = []report.Notification{
		{ID: "syntax-error", Level: rules.Error, Message: "Unexpected token '<'; the file was not analysed", Path: "app/broken/page.tsx",
			Position: &report.Position{Offset: 40, Line: 3, Column: 7}},
		{ID: "file-too-large", Level: rules.Warning, Message: "File is larger than 1 MiB and was skipped.", Path: "public/vendor.js"},
		{ID: "analyzer-panic", Level: rules.Note, Message: "Analyzer 'boundaries' stopped early."},
	}
	return r
}

func suppressedReport(t testing.TB) *report.Report {
	r := baseReport(t)
	sql, boundary, note := testRules(t)
	f1 := at(t, boundary, clientSrc, `import { db } from "@/lib/server/db";`, "Client component 'Cart' imports 'db'.")
	dir := loc(t, clientSrc, `'use client';`, "")
	f1.Suppression = &report.Suppression{Kind: "inSource", Justification: "db only exposes a name constant", Location: &dir}
	f2 := at(t, sql, routeSrc, "prisma.$queryRawUnsafe(", "Unsafe raw query.")
	f3 := at(t, note, dbSrc, "export const db", "Module creates a client at import time.")
	f3.Suppression = &report.Suppression{Kind: "external", Justification: "accepted in archlint.yaml"}
	r.Findings = []report.Finding{f1, f2, f3}
	report.SortFindings(r.Findings)
	return r
}

// srcRootPattern finds the value of originalUriBaseIds["%SRCROOT%"], which depends on where a repository
// was checked out.
var srcRootPattern = regexp.MustCompile(`("%SRCROOT%": \{\s*"uri": )"[^"]*"`)

// normalizeSrcRoot replaces the %SRCROOT% base URI with a fixed value before goldens are compared.
func normalizeSrcRoot(b []byte) []byte {
	return srcRootPattern.ReplaceAll(b, []byte(`${1}"file:///SRCROOT/"`))
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenCases() {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Marshal(tc.rep(t), tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			got = normalizeSrcRoot(got)
			path := filepath.Join(goldenDir, tc.name+".sarif")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./sarif -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file; run go test ./sarif -update and review the diff\n%s", path, firstDiff(got, want))
			}
		})
	}
}

// goldenFiles returns every golden SARIF file, for the schema and GitHub checks.
func goldenFiles(t *testing.T) map[string][]byte {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(goldenDir, "*.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < len(goldenCases()) {
		t.Fatalf("found %d golden files, want at least %d", len(paths), len(goldenCases()))
	}
	out := map[string][]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = b
	}
	return out
}

func firstDiff(got, want []byte) string {
	gl, wl := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w []byte
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if !bytes.Equal(g, w) {
			return "line " + itoa(i+1) + ":\n got: " + string(g) + "\nwant: " + string(w)
		}
	}
	return ""
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

func TestGoldenSpecifics(t *testing.T) {
	// Facts the goldens encode that a reviewer might not check by eye.
	t.Run("nextjs-paths", func(t *testing.T) {
		b, err := Marshal(nextjsPathsReport(t), Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{
			`"uri": "app/%5Bid%5D/page.tsx"`,
			`"uri": "app/%5B...slug%5D/page.tsx"`,
			`"uri": "app/%5B%5B...opt%5D%5D/page.tsx"`,
			`"uri": "app/(shop)/@modal/(.)photo/page.tsx"`,
			`"uri": "app/my%20dir/%23x%25.tsx"`,
			`"uri": "app/%C3%BCber/p%C3%A1gina/%E6%97%A5%E6%9C%AC.tsx"`,
			`"uri": "app/a%2Bb%3Bc%3Fd/page.tsx"`,
			`"uri": "./c:d/page.tsx"`,
		} {
			if !bytes.Contains(b, []byte(want)) {
				t.Errorf("output lacks %s", want)
			}
		}
	})
	t.Run("every-rule", func(t *testing.T) {
		b, err := Marshal(everyRuleReport(t), Options{})
		if err != nil {
			t.Fatal(err)
		}
		d := decode(t, b)
		all := rules.All()
		if got := len(d.Runs[0].Tool.Driver.Rules); got != len(all) || len(d.Runs[0].Results) != len(all) {
			t.Errorf("%d rules and %d results, want %d of each", got, len(d.Runs[0].Results), len(all))
		}
		for i, rule := range all {
			if d.Runs[0].Tool.Driver.Rules[i].ID != rule.ID {
				t.Errorf("rules[%d] = %s, want %s", i, d.Runs[0].Tool.Driver.Rules[i].ID, rule.ID)
			}
		}
	})
	t.Run("unicode-columns", func(t *testing.T) {
		var log struct {
			Runs []struct {
				Results []struct {
					Locations []struct {
						PhysicalLocation struct {
							Region map[string]int `json:"region"`
						} `json:"physicalLocation"`
					} `json:"locations"`
				} `json:"results"`
			} `json:"runs"`
		}
		b, err := Marshal(unicodeReport(t), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &log); err != nil {
			t.Fatal(err)
		}
		// Line 2: `export const GET = async () => { const label = "` is 48 units, then 😀 (2 units, 4 bytes),
		// " 日本" (3 units, 7 bytes), `"; return ` (10): the call starts at UTF-16 column 64, byte column 70.
		got := log.Runs[0].Results[0].Locations[0].PhysicalLocation.Region
		want := map[string]int{"startLine": 2, "startColumn": 64, "endLine": 2, "endColumn": 64 + len("prisma.$queryRawUnsafe(label)")}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("region %s = %d, want %d (region %v)", k, got[k], v, got)
			}
		}
	})
}
