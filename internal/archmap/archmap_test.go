package archmap

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	psl "github.com/archlint/archlint/internal/prismaschema"
	"github.com/archlint/archlint/internal/report"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

func loc(path string, line, offset int) report.Location {
	return report.Location{Path: path, Range: report.Range{
		Start: report.Position{Line: line, Column: 3, Offset: offset},
		End:   report.Position{Line: line, Column: 9, Offset: offset + 6},
	}}
}

// sampleReport is a hand-made inventory of two apps that covers every endpoint kind, every control status,
// a control no endpoint has, and text that needs escaping in every format (| [ ] " ` # < > and a control
// character). Its endpoints are deliberately out of map order.
func sampleReport() *report.Report {
	guard := report.ControlStatus{Status: "present", How: "next-auth getServerSession (via requireUser (apps/web/lib/auth.ts))",
		Locations: []report.Location{loc("apps/web/lib/auth.ts", 13, 480)}}
	return &report.Report{
		Tool: report.Tool{Name: "archlint", Version: "0.0.0-test", InformationURI: "https://github.com/archlint/archlint"},
		Endpoints: []report.Endpoint{
			{Kind: "server-action", Methods: []string{"POST"}, Name: "inviteMember", Location: loc("apps/web/app/dashboard/actions.ts", 9, 256),
				Controls: map[string]report.ControlStatus{
					"auth":       {Status: "missing", How: "guarded on some paths only (getSession (via requireTeam (apps/web/lib/team.ts)))"},
					"validation": {Status: "present", How: "zod schema inviteSchema.parse"},
					"rateLimit":  {Status: "missing"},
				},
				Models: []string{"membership", "user"}, Sensitive: []string{"a Prisma create", "an email send (Resend)"}},
			{Kind: "route", URLPath: "/api/projects/[id]", Methods: []string{"PATCH"}, Name: "PATCH", Location: loc("apps/web/app/api/projects/[id]/route.ts", 5, 203),
				Controls: map[string]report.ControlStatus{"auth": {Status: "missing"}, "validation": {Status: "missing"}, "rateLimit": {Status: "n/a"}},
				Models:   []string{"project"}, Sensitive: []string{"a Prisma update"}},
			{Kind: "route", URLPath: "/api/projects/[id]", Methods: []string{"DELETE"}, Name: "DELETE", Location: loc("apps/web/app/api/projects/[id]/route.ts", 16, 600),
				Controls: map[string]report.ControlStatus{"auth": {Status: "partial", How: "role check on some branches | admin only"}},
				Models:   []string{"auditLog", "membership", "project", "task", "user", "webhookDelivery"}},
			{Kind: "route", URLPath: "/api/projects", Methods: []string{"POST"}, Name: "POST", Location: loc("apps/web/app/api/projects/route.ts", 14, 457),
				Controls: map[string]report.ControlStatus{"auth": guard, "validation": {Status: "present", How: `schema "Project" | z.object([...])`}},
				Models:   []string{"project"}},
			{Kind: "route", URLPath: "/api/projects", Methods: []string{"GET"}, Name: "GET", Location: loc("apps/web/app/api/projects/route.ts", 8, 254),
				Controls: map[string]report.ControlStatus{"auth": guard}},
			{Kind: "middleware", Name: "middleware", Location: loc("apps/web/middleware.ts", 1, 9),
				Controls: map[string]report.ControlStatus{"auth": {Status: "unknown", How: "handled by next-auth middleware"}}},
			{Kind: "route", URLPath: "/api/auth/[...nextauth]", Methods: []string{"GET"}, Name: "GET", Location: loc("apps/web/app/api/auth/[...nextauth]/route.ts", 6, 136),
				Controls: map[string]report.ControlStatus{"auth": {Status: "public", How: "authentication library handler (NextAuth handler)"}}},
			{Kind: "route", URLPath: "/api/webhooks/stripe", Methods: []string{"POST"}, Name: "POST", Location: loc("apps/web/app/api/webhooks/stripe/route.ts", 5, 182),
				Controls: map[string]report.ControlStatus{"auth": {Status: "public", How: "webhook with verified signature: Stripe constructEvent"}},
				Models:   []string{"subscription"}},
			{Kind: "pages-api", URLPath: "/api/health|check", Methods: []string{"*"}, Name: "default", Location: loc("apps/admin/pages/api/health|check.ts", 3, 86),
				Controls: map[string]report.ControlStatus{"auth": {Status: "n/a", How: "no sensitive operation"}}},
			{Kind: "route", URLPath: "/api/`raw`/[#tag]", Methods: []string{"GET"}, Name: "GET", Location: loc("apps/admin/app/api/`raw`/[#tag]/route.ts", 2, 40),
				Controls: map[string]report.ControlStatus{"auth": {Status: "present", How: "custom guard <withAdmin> & \"x\"\x1b[31m"}}},
			{Kind: "route", URLPath: "/api/legacy", Methods: []string{"GET"}, Name: "GET", Location: loc("scripts/api/legacy/route.ts", 1, 0),
				Controls: map[string]report.ControlStatus{"auth": {Status: "reviewed", How: "a status this version does not know"}}},
		},
	}
}

// sampleSchema gives the models of sampleReport their names (auditLog → AuditLog) except webhookDelivery,
// which stays an accessor.
func sampleSchema(t *testing.T) []Schema {
	t.Helper()
	src := `model User {
  id    String @id
  email String @unique
}
model Project {
  id      String @id
  ownerId String
  owner   User   @relation(fields: [ownerId], references: [id])
}
model Membership { id String @id }
model Task { id String @id }
model AuditLog { id String @id }
model Subscription { id String @id }
`
	f := psl.Parse("apps/web/prisma/schema.prisma", []byte(src))
	if len(f.Diagnostics) > 0 {
		t.Fatalf("schema does not parse: %+v", f.Diagnostics)
	}
	return []Schema{{Name: "apps/web/prisma/schema.prisma", Schema: psl.Build(f)}}
}

func sampleOptions(t *testing.T) Options {
	return Options{Apps: []App{{Dir: "apps/web", Name: "@acme/web"}, {Dir: "apps/admin", Name: "admin"}}, Schemas: sampleSchema(t)}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/archmap -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file; run go test ./internal/archmap -update and review the diff\ngot:\n%s", path, got)
	}
}

type renderer func(io.Writer, *report.Report, Options) error

func render(t *testing.T, f renderer, r *report.Report, opt Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := f(&b, r, opt); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestGolden renders the sample inventory in every format; the goldens are what a reviewer reads.
func TestGolden(t *testing.T) {
	single := Options{Apps: []App{{Dir: "apps/web"}}, Schemas: sampleSchema(t)}
	webOnly := &report.Report{Tool: sampleReport().Tool}
	for _, ep := range sampleReport().Endpoints {
		if strings.HasPrefix(ep.Location.Path, "apps/web/") {
			webOnly.Endpoints = append(webOnly.Endpoints, ep)
		}
	}
	colored := sampleOptions(t)
	colored.Color = true
	cases := []struct {
		name string
		f    renderer
		r    *report.Report
		opt  Options
	}{
		{"map.txt", Text, sampleReport(), sampleOptions(t)},
		{"map-color.txt", Text, sampleReport(), colored},
		{"map-single-app.txt", Text, webOnly, single},
		{"map-no-schema.txt", Text, webOnly, Options{}},
		{"map.md", Markdown, sampleReport(), sampleOptions(t)},
		{"map.mmd", Mermaid, sampleReport(), sampleOptions(t)},
		{"map-single-app.mmd", Mermaid, webOnly, single},
		{"map.json", JSON, sampleReport(), sampleOptions(t)},
		{"empty.txt", Text, &report.Report{}, Options{}},
		{"empty.md", Markdown, &report.Report{}, Options{}},
		{"empty.mmd", Mermaid, &report.Report{}, Options{}},
		{"empty.json", JSON, &report.Report{}, Options{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			golden(t, c.name, render(t, c.f, c.r, c.opt))
		})
	}
}

func TestGoldenERD(t *testing.T) {
	schemas := append(sampleSchema(t), Schema{Name: "packages/db/prisma/schema/", Schema: psl.Build(psl.Parse("packages/db/prisma/schema/a.prisma", []byte("model Account {\n  id Int @id\n}\n")))})
	for _, md := range []bool{false, true} {
		name := "erd.mmd"
		if md {
			name = "erd.md"
		}
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := ERD(&b, schemas, md); err != nil {
				t.Fatal(err)
			}
			golden(t, name, b.String())
		})
	}
}

// TestDeterministic: the output does not depend on the order of Report.Endpoints or of Options.Apps.
func TestDeterministic(t *testing.T) {
	for name, f := range map[string]renderer{"text": Text, "markdown": Markdown, "mermaid": Mermaid, "json": JSON} {
		a := render(t, f, sampleReport(), sampleOptions(t))
		r := sampleReport()
		for i, j := 0, len(r.Endpoints)-1; i < j; i, j = i+1, j-1 {
			r.Endpoints[i], r.Endpoints[j] = r.Endpoints[j], r.Endpoints[i]
		}
		opt := sampleOptions(t)
		opt.Apps[0], opt.Apps[1] = opt.Apps[1], opt.Apps[0]
		if b := render(t, f, r, opt); a != b {
			t.Errorf("%s: output depends on input order\n%s\n---\n%s", name, a, b)
		}
	}
}

// TestTextRows asserts on the rows a reader relies on, independently of the golden file.
func TestTextRows(t *testing.T) {
	out := render(t, Text, sampleReport(), sampleOptions(t))
	lines := strings.Split(out, "\n")
	find := func(sub string) string {
		t.Helper()
		for _, l := range lines {
			if strings.Contains(l, sub) {
				return l
			}
		}
		t.Fatalf("no line contains %q:\n%s", sub, out)
		return ""
	}
	fields := func(l string) []string { return regexp.MustCompile(`\s{2,}`).Split(strings.TrimSpace(l), -1) }
	if got, want := fields(find("/api/projects/[id]/route.ts:5")), []string{"PATCH", "/api/projects/[id]", "route", "MISSING", "MISSING", "n/a", "—", "Project", "apps/web/app/api/projects/[id]/route.ts:5"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("PATCH row = %q, want %q", got, want)
	}
	if l := find("/api/projects/route.ts:14"); !strings.Contains(l, "✓ next-auth getServerSession (via requireUser)  ") || strings.Contains(l, "lib/auth.ts") {
		t.Errorf("POST row: want the guard without its file path: %q", l)
	}
	if l := find("route.ts:16"); !strings.Contains(l, "  AuditLog, Membership, +4  ") {
		t.Errorf("DELETE row: want a shortened model list: %q", l)
	}
	if f := fields(find("actions.ts:9")); len(f) != 9 || f[0] != "POST" || f[1] != "inviteMember()" || f[2] != "action" ||
		!strings.HasPrefix(f[3], "MISSING: guarded on some paths only (getSession") || !strings.HasSuffix(f[3], "…") || f[7] != "Membership, User" {
		t.Errorf("action row: %q", f)
	}
	if strings.Contains(out, "\x1b") {
		t.Errorf("escape sequence in plain text output:\n%q", out)
	}
	// Rows keep map order: middleware, then URLs (GET before POST, PATCH before DELETE), then actions.
	order := []string{"middleware.ts:1", "/api/auth/[...nextauth]/route.ts:6", "projects/route.ts:8", "projects/route.ts:14", "[id]/route.ts:5", "[id]/route.ts:16", "stripe/route.ts:5", "actions.ts:9"}
	last := -1
	for _, o := range order {
		i := strings.Index(out, o)
		if i < last {
			t.Errorf("%s is out of order", o)
		}
		last = i
	}
	for _, want := range []string{
		"11 endpoints: 8 route handlers, 1 Pages API route, 1 Server Action, 1 middleware\n",
		"auth: 2 missing, 1 partial, 1 unknown, 3 present, 2 public, 1 n/a, 1 reviewed\n",
		"validation: 1 missing, 2 present\n",
		"not assessed yet: error handling\n",
		"\napps/admin\n", "\napps/web (@acme/web)\n", "\noutside any app\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
}

// TestMarkdownEscaping: every table row has exactly the table's number of cells, whatever the text holds.
func TestMarkdownEscaping(t *testing.T) {
	out := render(t, Markdown, sampleReport(), sampleOptions(t))
	unescapedPipe := regexp.MustCompile(`(^|[^\\])\|`)
	rows := 0
	for _, l := range strings.Split(out, "\n") {
		if !strings.HasPrefix(l, "| ") {
			continue
		}
		rows++
		if n := len(unescapedPipe.FindAllString(l, -1)); n != 10 {
			t.Errorf("row has %d cell separators, want 10: %s", n, l)
		}
	}
	if rows != 11+3 { // 11 endpoints, 3 header rows
		t.Errorf("%d table rows, want 14", rows)
	}
	for _, want := range []string{"`/api/health\\|check`", "`` /api/`raw`/[#tag] ``", `schema "Project" \| z.object(\[...\])`, "custom guard \\<withAdmin\\> \\& \"x\" \\[31m"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Error("control character in Markdown output")
	}
}

// mermaidNode is a node definition: id, an opening shape, a double-quoted label, the closing shape, and
// an optional class.
var (
	mermaidNode  = regexp.MustCompile(`^  ([A-Za-z][A-Za-z0-9_]*)(\[\(|\(\[|\{\{|\[)"([^"]*)"(\)\]|\]\)|\}\}|\])(:::[a-z]+)?$`)
	mermaidEdge  = regexp.MustCompile(`^  ([A-Za-z][A-Za-z0-9_]*) -{2,3}> ([A-Za-z][A-Za-z0-9_]*)$`)
	mermaidGroup = regexp.MustCompile(`^  subgraph ([A-Za-z][A-Za-z0-9_]*)\["([^"]*)"\]$`)
	entityCode   = regexp.MustCompile(`#([0-9]+|[a-z]+);`)
)

// TestMermaidWellFormed parses the flowchart lightly: every line is a known statement, every node an
// edge names is defined once, and no label holds a character Mermaid would read as syntax.
func TestMermaidWellFormed(t *testing.T) {
	for _, single := range []bool{false, true} {
		opt := sampleOptions(t)
		if single {
			opt.Apps = nil
		}
		out := render(t, Mermaid, sampleReport(), opt)
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if lines[0] != "flowchart LR" {
			t.Fatalf("first line %q", lines[0])
		}
		defined := map[string]string{}
		var edges [][2]string
		depth := 0
		for _, l := range lines[1:] {
			var label string
			switch m := mermaidNode.FindStringSubmatch(l); {
			case m != nil:
				if _, dup := defined[m[1]]; dup {
					t.Errorf("node %s defined twice", m[1])
				}
				defined[m[1]], label = m[5], m[3]
			case mermaidEdge.MatchString(l):
				m := mermaidEdge.FindStringSubmatch(l)
				edges = append(edges, [2]string{m[1], m[2]})
			case mermaidGroup.MatchString(l):
				depth++
				label = mermaidGroup.FindStringSubmatch(l)[2]
			case l == "  end":
				depth--
			case strings.HasPrefix(l, "  %% "), strings.HasPrefix(l, "  classDef "):
			default:
				t.Errorf("unexpected line %q", l)
			}
			if bare := entityCode.ReplaceAllString(label, ""); strings.ContainsAny(bare, "[](){}|\"<>`;#&\x1b") {
				t.Errorf("unescaped character in label %q", label)
			}
		}
		if depth != 0 {
			t.Errorf("unbalanced subgraphs: %d", depth)
		}
		if single && strings.Contains(out, "subgraph") {
			t.Error("subgraph without several apps")
		}
		if len(edges) == 0 {
			t.Fatal("no edges")
		}
		for _, e := range edges {
			for _, id := range e {
				if _, ok := defined[id]; !ok {
					t.Errorf("edge %s --> %s names undefined node %s", e[0], e[1], id)
				}
			}
		}
		for _, want := range []string{
			`  ep_PATCH_api_projects_id["⚠ PATCH /api/projects/#91;id#93;"]:::missing`,
			`  ep_POST_api_projects --> g_next_auth_getServerSession_via_requireUser`,
			`  ep_POST_api_projects ---> m_Project`,
			`  ep_POST_api_webhooks_stripe --> p_public_webhook_with_verified_signature_Stripe_constructEvent`,
			`  m_webhookDelivery[("webhookDelivery")]:::model`,
			`  classDef missing `,
		} {
			if !strings.Contains(out, want+"\n") && !strings.Contains(out, want) {
				t.Errorf("missing %q in\n%s", want, out)
			}
		}
	}
}

func TestJSON(t *testing.T) {
	out := render(t, JSON, sampleReport(), sampleOptions(t))
	var doc struct {
		SchemaVersion int `json:"schemaVersion"`
		Endpoints     []struct {
			Kind     string `json:"kind"`
			URLPath  string `json:"urlPath"`
			Methods  []string
			App      string `json:"app"`
			Models   []string
			Location struct {
				Path  string `json:"path"`
				Range struct {
					Start struct{ Line int }
				}
			}
			Controls map[string]struct {
				Status    string
				How       string
				Locations []struct{ Path string }
			}
		}
		Summary struct {
			Endpoints int
			Kinds     map[string]int
			Controls  map[string]map[string]int
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.SchemaVersion != 1 || len(doc.Endpoints) != 11 || doc.Summary.Endpoints != 11 {
		t.Fatalf("schemaVersion %d, %d endpoints, summary %d", doc.SchemaVersion, len(doc.Endpoints), doc.Summary.Endpoints)
	}
	first := doc.Endpoints[0] // apps/admin comes first, its route before its Pages API route by URL
	if first.App != "apps/admin" || first.URLPath != "/api/`raw`/[#tag]" {
		t.Errorf("first endpoint %+v", first)
	}
	var post *struct{ auth, path string }
	for _, e := range doc.Endpoints {
		if e.URLPath == "/api/projects" && e.Methods[0] == "POST" {
			a := e.Controls["auth"]
			if len(a.Locations) != 1 || a.Locations[0].Path != "apps/web/lib/auth.ts" || !strings.Contains(a.How, "(apps/web/lib/auth.ts)") {
				t.Errorf("POST /api/projects auth = %+v; want the full How and the evidence location", a)
			}
			if e.App != "apps/web" || e.Models[0] != "project" || e.Location.Range.Start.Line != 14 {
				t.Errorf("POST /api/projects = %+v", e)
			}
			post = &struct{ auth, path string }{a.Status, e.Location.Path}
		}
	}
	if post == nil || post.auth != "present" {
		t.Errorf("POST /api/projects: %+v", post)
	}
	if got := doc.Summary.Controls["auth"]["missing"]; got != 2 {
		t.Errorf("summary auth missing = %d", got)
	}
	if _, ok := doc.Summary.Controls["errorHandling"]; ok {
		t.Error("summary counts a control no endpoint has")
	}
	if doc.Summary.Kinds["server-action"] != 1 || doc.Summary.Kinds["route"] != 8 {
		t.Errorf("kinds %v", doc.Summary.Kinds)
	}
}

func TestTruncate(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"public: authentication library handler (NextAuth handler)", 40, "public: authentication library handler…"},
		{"averyveryverylongwordwithoutspaces", 10, "averyvery…"},
		{"✓ ünïcödé wörds everywhere", 12, "✓ ünïcödé…"},
	} {
		if got := truncate(c.in, c.n); got != c.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
		if n := len([]rune(truncate(c.in, c.n))); n > c.n {
			t.Errorf("truncate(%q, %d) has %d runes", c.in, c.n, n)
		}
	}
}

func TestShortHow(t *testing.T) {
	for in, want := range map[string]string{
		"next-auth getServerSession (via requireUser (lib/auth.ts))":           "next-auth getServerSession (via requireUser)",
		"getSession (via a (x/a.tsx) → b (y/b.mjs))":                           "getSession (via a → b)",
		"authentication library handler (NextAuth handler)":                    "authentication library handler (NextAuth handler)",
		"webhook with verified signature: Stripe constructEvent":               "webhook with verified signature: Stripe constructEvent",
		"middleware matcher (/api/:path*) (apps/web/src/middleware.config.ts)": "middleware matcher (/api/:path*)",
	} {
		if got := shortHow(in); got != want {
			t.Errorf("shortHow(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIDs(t *testing.T) {
	ids := idSet{}
	got := []string{ids.id("ep_", "GET /api/a-b"), ids.id("ep_", "GET /api/a_b"), ids.id("ep_", "GET /api/a b"), ids.id("ep_", "GET /api/a_b_2"), ids.id("m_", "Ünïcode")}
	want := []string{"ep_GET_api_a_b", "ep_GET_api_a_b_2", "ep_GET_api_a_b_3", "ep_GET_api_a_b_2_2", "m_n_code"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("ids = %q, want %q", got, want)
	}
}
