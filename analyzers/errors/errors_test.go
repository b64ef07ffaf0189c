package errors_test

import (
	"strings"
	"testing"

	"github.com/archlint/archlint/analyzers"
	"github.com/archlint/archlint/analyzers/errors"
	"github.com/archlint/archlint/internal/analysistest"
	"github.com/archlint/archlint/internal/engine"
)

func TestUnhandled(t *testing.T) {
	analysistest.Run(t, "../../testdata/fixtures/errors-unhandled", errors.Analyzer)
}

func TestActions(t *testing.T) {
	analysistest.Run(t, "../../testdata/fixtures/errors-actions", errors.Analyzer)
}

func TestLeaks(t *testing.T) {
	analysistest.Run(t, "../../testdata/fixtures/errors-leak", errors.Analyzer)
}

func TestNavigation(t *testing.T) {
	analysistest.Run(t, "../../testdata/fixtures/errors-navigation", errors.Analyzer)
}

// TestInventory checks the errorHandling control the analyzer records on each endpoint.
func TestInventory(t *testing.T) {
	rep := analysistest.Run(t, "../../testdata/fixtures/errors-unhandled", errors.Analyzer)
	want := map[string][2]string{ // "<url> <name>" → status, how (prefix)
		"/api/wrapped POST":            {"present", "wrapper withErrors"},
		"/api/wrapped-composed DELETE": {"present", "wrapper withAuthAndErrors"},
		"/api/handled POST":            {"present", "try/catch in handler"},
		"/api/helper-catches GET":      {"present", "caught inside the helpers it calls"},
		"/api/catch-method POST":       {"present", "try/catch in handler"},
		"/api/partial PATCH":           {"partial", "try/catch in handler, but a Prisma count ('prisma.todo.count') runs outside it"},
		"/api/todos GET":               {"missing", "a Prisma findMany ('prisma.todo.findMany') has no error handling"},
		"/api/no-ops GET":              {"n/a", "no fallible operation"},
		"/api/fire-and-forget POST":    {"n/a", "no fallible operation"},
		"/api/shared GET":              {"n/a", "no fallible operation"},
		"/api/upload default":          {"missing", "a Prisma create ('prisma.upload.create') has no error handling"},
	}
	seen := map[string]bool{}
	for _, ep := range rep.Endpoints {
		k := ep.URLPath + " " + ep.Name
		w, ok := want[k]
		if !ok {
			continue
		}
		seen[k] = true
		cs := ep.Controls["errorHandling"]
		if cs.Status != w[0] || !strings.HasPrefix(cs.How, w[1]) {
			t.Errorf("%s: errorHandling = %s %q, want %s %q", k, cs.Status, cs.How, w[0], w[1])
		}
	}
	for k := range want {
		if !seen[k] {
			t.Errorf("%s: endpoint not in the inventory", k)
		}
	}
}

// TestDeclaredWrapper checks that a wrapper declared in configuration as providing error handling counts,
// although its body shows no try/catch.
func TestDeclaredWrapper(t *testing.T) {
	res, err := engine.Analyze(engine.Options{
		Paths:     []string{"../../testdata/fixtures/errors-unhandled"},
		Analyzers: []*analyzers.Analyzer{errors.Analyzer},
		Settings: analyzers.Settings{Guards: []analyzers.GuardSpec{
			{From: "@/lib/api", Name: "withLogging", Provides: []analyzers.Control{analyzers.ControlErrorHandling}},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Report.Findings {
		if strings.Contains(f.Location.Path, "wrapped-nocatch") {
			t.Errorf("unexpected finding on a handler wrapped by a declared wrapper: %s", f.Message)
		}
	}
	for _, ep := range res.Report.Endpoints {
		if ep.URLPath == "/api/wrapped-nocatch" {
			if cs := ep.Controls["errorHandling"]; cs.Status != "present" || cs.How != "wrapper withLogging (declared in configuration)" {
				t.Errorf("errorHandling = %s %q", cs.Status, cs.How)
			}
			return
		}
	}
	t.Error("/api/wrapped-nocatch not in the inventory")
}
