// Package analysistest runs analyzers over fixture apps whose files state the expected findings in
// comments, in the style of golang.org/x/tools/go/analysis/analysistest.
//
// An expectation is a comment containing `want` followed by one or more quoted patterns
// `"rule-id: regexp"`:
//
//	await prisma.$queryRawUnsafe(q) // want "security/raw-sql-injection: runs 'q'"
//	{/* want "auth/action-missing-auth: deleteUser" */}
//
// A trailing comment applies to its own line. A comment alone on its line applies to the next line that
// is not itself such a comment (useful inside JSX or before a multi-line expression). The regexp is matched
// against the finding's message. Every finding must match an expectation on its start line and every
// expectation must be matched by exactly one finding; anything else fails the test with both sides named.
// Prisma schemas use `// want` too.
package analysistest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/archlint/archlint/analyzers"
	"github.com/archlint/archlint/internal/engine"
	"github.com/archlint/archlint/internal/report"
)

// Expectation is one `want` pattern.
type Expectation struct {
	Path string // relative to the fixture dir
	Line int
	Rule string
	Re   *regexp.Regexp
	met  bool
}

var wantRe = regexp.MustCompile(`(?://|/\*)\s*want\s+((?:"(?:[^"\\]|\\.)*"\s*)+)`)
var quotedRe = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// ParseExpectations reads the expectations of every file under dir.
func ParseExpectations(dir string) ([]*Expectation, error) {
	var out []*Expectation
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "node_modules" {
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(p) {
		case ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".prisma":
		default:
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
		var pending []*Expectation // from comment-only lines, waiting for the next code line
		for i, line := range lines {
			m := wantRe.FindStringSubmatchIndex(line)
			if m == nil {
				for _, e := range pending {
					e.Line = i + 1
				}
				out = append(out, pending...)
				pending = nil
				continue
			}
			exps, err := parsePatterns(line[m[2]:m[3]])
			if err != nil {
				return fmt.Errorf("%s:%d: %v", rel, i+1, err)
			}
			for _, e := range exps {
				e.Path = rel
			}
			before := strings.TrimSpace(line[:m[0]])
			if before == "" || before == "{" {
				pending = append(pending, exps...)
				continue
			}
			for _, e := range exps {
				e.Line = i + 1
			}
			out = append(out, exps...)
			for _, e := range pending {
				e.Line = i + 1
			}
			out = append(out, pending...)
			pending = nil
		}
		if len(pending) > 0 {
			return fmt.Errorf("%s: want comment at end of file applies to no line", rel)
		}
		return nil
	})
	return out, err
}

func parsePatterns(s string) ([]*Expectation, error) {
	var out []*Expectation
	for _, q := range quotedRe.FindAllString(s, -1) {
		// The pattern is taken verbatim (so regexp escapes such as \$ need no doubling); only \" is unescaped.
		text := strings.ReplaceAll(q[1:len(q)-1], `\"`, `"`)
		rule, pattern, ok := strings.Cut(text, ":")
		if !ok || !strings.Contains(rule, "/") {
			return nil, fmt.Errorf("want %q must be \"rule-id: regexp\"", text)
		}
		re, err := regexp.Compile(strings.TrimSpace(pattern))
		if err != nil {
			return nil, fmt.Errorf("want %q: %v", text, err)
		}
		out = append(out, &Expectation{Rule: strings.TrimSpace(rule), Re: re})
	}
	return out, nil
}

// Run analyses the fixture app at dir with the analyzers (all analyzers when none are given) and checks
// the findings against the want comments. Findings of rules that no analyzer given reports are ignored, so
// a fixture can be run with one analyzer at a time. It returns the report for further assertions.
func Run(t testing.TB, dir string, as ...*analyzers.Analyzer) *report.Report {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	exps, err := ParseExpectations(abs)
	if err != nil {
		t.Fatal(err)
	}
	opt := engine.Options{Paths: []string{abs}}
	if len(as) > 0 {
		opt.Analyzers = as
	}
	res, err := engine.Analyze(opt)
	if err != nil {
		t.Fatalf("analysing %s: %v", dir, err)
	}
	// Finding paths are relative to the repository root; expectations to the fixture dir.
	prefix, err := filepath.Rel(res.Target.Base, abs)
	if err != nil {
		t.Fatal(err)
	}
	prefix = filepath.ToSlash(prefix)
	if prefix == "." {
		prefix = ""
	} else {
		prefix += "/"
	}
	reported := map[string]bool{}
	for _, a := range opt.Analyzers {
		for _, r := range a.Rules {
			reported[r.ID] = true
		}
	}
	var problems []string
	for _, f := range res.Report.Findings {
		if opt.Analyzers != nil && !reported[f.RuleID] {
			continue
		}
		path := strings.TrimPrefix(f.Location.Path, prefix)
		line := f.Location.Range.Start.Line
		matched := false
		for _, e := range exps {
			if !e.met && e.Path == path && e.Line == line && e.Rule == f.RuleID && e.Re.MatchString(f.Message) {
				e.met, matched = true, true
				break
			}
		}
		if !matched {
			problems = append(problems, fmt.Sprintf("%s:%d:%d: unexpected finding %s: %s", path, line, f.Location.Range.Start.Column, f.RuleID, f.Message))
		}
	}
	for _, e := range exps {
		if !e.met && (opt.Analyzers == nil || reported[e.Rule]) {
			problems = append(problems, fmt.Sprintf("%s:%d: expected %s matching %q, got none", e.Path, e.Line, e.Rule, e.Re))
		}
	}
	sort.Strings(problems)
	for _, p := range problems {
		t.Error(p)
	}
	return res.Report
}
