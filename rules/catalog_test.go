package rules_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/archlint/archlint/analyzers/suite"
	"github.com/archlint/archlint/internal/engine"
	"github.com/archlint/archlint/internal/processors"
	"github.com/archlint/archlint/internal/suppress"
	"github.com/archlint/archlint/rules"
)

var idRe = regexp.MustCompile(`^[a-z]+(-[a-z]+)*/[a-z0-9]+(-[a-z0-9]+)*$`)
var nameRe = regexp.MustCompile(`^[A-Z][A-Za-z0-9]+$`)

func TestCatalogMetadata(t *testing.T) {
	seen := map[string]string{}
	names := map[string]bool{}
	for _, r := range rules.All() {
		if !idRe.MatchString(r.ID) {
			t.Errorf("%s: ID must be category/name in kebab case", r.ID)
		}
		for _, id := range append([]string{r.ID}, r.Aliases...) {
			if prev, ok := seen[id]; ok {
				t.Errorf("ID %s used by %s and %s", id, prev, r.ID)
			}
			seen[id] = r.ID
		}
		if !nameRe.MatchString(r.Name) || names[r.Name] {
			t.Errorf("%s: Name %q must be unique PascalCase", r.ID, r.Name)
		}
		names[r.Name] = true
		if r.Title == "" || len(r.Title) > 60 || strings.HasSuffix(r.Title, ".") || strings.ToUpper(r.Title[:1]) != r.Title[:1] {
			t.Errorf("%s: title %q must be sentence case, at most 60 characters, without a trailing period", r.ID, r.Title)
		}
		if r.Severity < rules.Note || r.Severity > rules.Error {
			t.Errorf("%s: invalid severity", r.ID)
		}
		if len(r.Tags) == 0 || len(r.SARIFTags()) > 10 {
			t.Errorf("%s: needs 1 to 10 tags", r.ID)
		}
		switch r.Precision {
		case "very-high", "high", "medium", "low":
		default:
			t.Errorf("%s: precision %q", r.ID, r.Precision)
		}
		hasSecurityTag := false
		for _, tag := range r.Tags {
			hasSecurityTag = hasSecurityTag || tag == "security"
		}
		if hasSecurityTag != (r.SecuritySeverity != "") {
			t.Errorf("%s: security rules (tag security) and only they carry a security-severity", r.ID)
		}
		if r.Summary() == "" || len(r.Summary()) > 1024 {
			t.Errorf("%s: summary must be 1 to 1024 characters", r.ID)
		}
		var bad, good int
		for _, ex := range r.Examples() {
			if ex.Bad {
				bad++
			} else {
				good++
			}
		}
		if bad == 0 || good == 0 {
			t.Errorf("%s: needs at least one Bad and one Good example (has %d, %d)", r.ID, bad, good)
		}
	}
}

func TestRetiredIDsNotReused(t *testing.T) {
	for _, id := range rules.Retired {
		if r := rules.Lookup(id); r != nil {
			t.Errorf("retired ID %s is used again by %s", id, r.ID)
		}
	}
}

func TestEveryRuleHasAnAnalyzer(t *testing.T) {
	reported := map[*rules.Rule]bool{}
	// The meta rules describe suppression directives; the suppression processor reports them.
	for _, r := range suppress.Rules {
		reported[r] = true
	}
	for _, a := range suite.All() {
		for _, r := range a.Rules {
			reported[r] = true
		}
	}
	for _, r := range rules.All() {
		if !reported[r] {
			t.Errorf("%s: no analyzer reports it", r.ID)
		}
	}
}

// TestExamples runs every rule's examples through the whole engine: bad examples must make the rule fire,
// good examples must leave it silent.
func TestExamples(t *testing.T) {
	for _, r := range rules.All() {
		for i, ex := range r.Examples() {
			name := r.ID + "/good"
			if ex.Bad {
				name = r.ID + "/bad"
			}
			t.Run(name, func(t *testing.T) {
				dir := writeExample(t, ex)
				// Suppressions run as in the CLI, so that the meta rules' examples execute too.
				res, err := engine.Analyze(engine.Options{Paths: []string{dir},
					Processors: func(res *engine.Result) ([]processors.Processor, error) {
						return []processors.Processor{suppress.Processor(res.Project, suppress.Options{})}, nil
					}})
				if err != nil {
					t.Fatal(err)
				}
				var hits []string
				for _, f := range res.Report.Findings {
					if f.RuleID == r.ID {
						hits = append(hits, f.Location.Path+": "+f.Message)
					}
				}
				if ex.Bad && len(hits) == 0 {
					t.Errorf("example %d (%s): rule did not fire", i, ex.Title)
				}
				if !ex.Bad && len(hits) > 0 {
					t.Errorf("example %d (%s): rule fired on a good example: %v", i, ex.Title, hits)
				}
			})
		}
	}
}

// writeExample materialises an example as a minimal Next.js app. A package.json is added unless the
// example has one.
func writeExample(t *testing.T, ex rules.Example) string {
	dir := t.TempDir()
	files := map[string]string{}
	for _, f := range ex.Files {
		files[f.Path] = f.Content
	}
	if _, ok := files["package.json"]; !ok {
		files["package.json"] = `{"name":"example","private":true,"dependencies":{"next":"15.1.0","@prisma/client":"6.1.0"}}`
	}
	for p, c := range files {
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
