package prbot

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/archlint/archlint/internal/gitdiff"
	"github.com/archlint/archlint/internal/report"
)

// Endpoint inventories are built by hand: the endpoint model fills report.Endpoints.

func endpoint(kind, path, name, url string, line int, controls map[string]string) report.Endpoint {
	e := report.Endpoint{Kind: kind, URLPath: url, Name: name, Location: report.Location{Path: path,
		Range: report.Range{Start: report.Position{Line: line, Column: 1}, End: report.Position{Line: line, Column: 10}}},
		Controls: map[string]report.ControlStatus{}}
	if kind == "route" {
		e.Methods = []string{name}
	}
	for k, v := range controls {
		st, how, _ := strings.Cut(v, ":")
		e.Controls[k] = report.ControlStatus{Status: st, How: how}
	}
	return e
}

var (
	epUsersGET  = endpoint("route", "app/api/users/route.ts", "GET", "/api/users", 3, map[string]string{"auth": "present:requireUser (lib/auth.ts)", "validation": "n/a", "rateLimit": "missing", "errorHandling": "present:try/catch"})
	epUsersPOST = endpoint("route", "app/api/users/route.ts", "POST", "/api/users", 20, map[string]string{"auth": "missing", "validation": "missing", "rateLimit": "missing", "errorHandling": "missing"})
	epAction    = endpoint("server-action", "app/admin/actions.ts", "deleteUser", "", 5, map[string]string{"auth": "present:session check", "validation": "partial:zod for id only"})
	epLegacy    = endpoint("pages-api", "pages/api/legacy.ts", "default", "/api/legacy", 1, map[string]string{"auth": "public:webhook with signature"})
	epOrders    = endpoint("route", "app/api/orders/route.ts", "GET", "/api/orders", 4, map[string]string{"auth": "present:middleware matcher /api/:path*"})
)

// endpointDiff: app/api/users/route.ts is new; app/admin/actions.ts has an added line 9 (not the export);
// pages/api/legacy.ts and app/api/orders/route.ts are untouched.
var endpointDiff = func() *gitdiff.Diff {
	var b strings.Builder
	b.WriteString("diff --git a/app/api/users/route.ts b/app/api/users/route.ts\nnew file mode 100644\n--- /dev/null\n+++ b/app/api/users/route.ts\n@@ -0,0 +1,30 @@\n")
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&b, "+l%d\n", i)
	}
	b.WriteString("diff --git a/app/admin/actions.ts b/app/admin/actions.ts\n--- a/app/admin/actions.ts\n+++ b/app/admin/actions.ts\n@@ -7,3 +7,4 @@\n a\n b\n+c\n d\n")
	d, err := gitdiff.Parse(strings.NewReader(b.String()))
	if err != nil {
		panic(err)
	}
	return d
}()

func changes(cs []EndpointChange) []string {
	var out []string
	for _, c := range cs {
		s := endpointLabel(&c.Endpoint) + " " + c.Change
		if c.Detail != "" {
			s += " (" + c.Detail + ")"
		}
		out = append(out, s)
	}
	return out
}

func TestEndpointChangesFromDiff(t *testing.T) {
	head := []report.Endpoint{epAction, epUsersGET, epUsersPOST, epLegacy}
	got := changes(EndpointChanges(head, nil, false, endpointDiff))
	want := []string{"action deleteUser changed (code changed)", "GET /api/users added", "POST /api/users added"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("changes = %q, want %q", got, want)
	}
	if got := EndpointChanges(head, nil, false, nil); len(got) != 0 {
		t.Errorf("without diff or base: %q", changes(got))
	}
}

func TestEndpointChangesFromBase(t *testing.T) {
	weaker := epOrders
	weaker.Controls = map[string]report.ControlStatus{"auth": {Status: "missing"}}
	base := []report.Endpoint{epAction, epOrders, epLegacy}
	head := []report.Endpoint{epAction, weaker, epUsersGET}
	got := changes(EndpointChanges(head, base, true, endpointDiff))
	want := []string{
		"action deleteUser changed (code changed)",
		"GET /api/orders changed (Auth: present → missing)",
		"GET /api/users added",
		"default /api/legacy removed",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("changes = %q, want %q", got, want)
	}
}

// The summary shows the endpoints the pull request adds or changes, with their controls.
func TestSummaryEndpoints(t *testing.T) {
	h := newHarness(t)
	rep := newReport(fReports)
	rep.Endpoints = []report.Endpoint{epUsersGET, epUsersPOST, epLegacy}
	base := []report.Endpoint{epLegacy}
	h.run(rep, func(o *Options) { o.EndpointsKnown, o.BaseEndpoints, o.HaveBase = true, base, true })
	s := h.summaries()[0].GetBody()
	for _, want := range []string{
		"#### Endpoints added or changed",
		"| Endpoint | Change | Auth | Validation | Rate limit | Error handling |",
		"| `POST /api/users` ([app/api/users/route.ts](https://github.example/acme/shop/blob/" + headSHA + "/app/api/users/route.ts#L20)) | added | ❌ missing | ❌ missing | ❌ missing | ❌ missing |",
		"| `GET /api/users` ([app/api/users/route.ts](https://github.example/acme/shop/blob/" + headSHA + "/app/api/users/route.ts#L3)) | added | ✅ present: requireUser (lib/auth.ts) | n/a | ❌ missing | ✅ present: try/catch |",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "legacy") {
		t.Errorf("unchanged endpoint listed:\n%s", s)
	}
	// A pull request that only adds endpoints, without findings, still gets a summary.
	h2 := newHarness(t)
	rep2 := newReport()
	rep2.Endpoints = []report.Endpoint{epUsersGET}
	out := h2.run(rep2, func(o *Options) { o.EndpointsKnown = true })
	if out.Summary != "created" || !strings.Contains(h2.summaries()[0].GetBody(), "No findings in this pull request.") {
		t.Errorf("outcome %+v", out)
	}
	// SARIF input carries no inventory: no section.
	h3 := newHarness(t)
	h3.run(rep)
	if strings.Contains(h3.summaries()[0].GetBody(), "Endpoints") {
		t.Error("endpoint section without an inventory")
	}
}
