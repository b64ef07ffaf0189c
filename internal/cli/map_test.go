package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// The map command is driven in-process on the sample app and the auth fixture; rows are found by their
// location and split at runs of two or more spaces (the table's column gap).

const (
	sampleApp = "../../testdata/sample-app"
	authForms = "../../testdata/fixtures/auth-forms"
)

// mapRow returns the cells of the text row whose location ends in loc.
func mapRow(t *testing.T, out, loc string) []string {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if strings.HasSuffix(l, "/"+loc) || strings.HasSuffix(l, "  "+loc) {
			return regexp.MustCompile(`\s{2,}`).Split(strings.TrimSpace(l), -1)
		}
	}
	t.Fatalf("no row for %s in\n%s", loc, out)
	return nil
}

func TestMapTextSampleApp(t *testing.T) {
	code, out, errs := run(t, "map", sampleApp)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	// Columns: method, endpoint, kind, auth, validation, rate limit, errors, models, location.
	patch := mapRow(t, out, "app/api/projects/[id]/route.ts:5")
	if patch[0] != "PATCH" || patch[1] != "/api/projects/[id]" || patch[2] != "route" || patch[3] != "MISSING: nothing verifies the caller before a Prisma…" || patch[7] != "Project" {
		t.Errorf("PATCH /api/projects/[id] row = %q", patch)
	}
	post := mapRow(t, out, "app/api/projects/route.ts:14")
	if post[0] != "POST" || post[1] != "/api/projects" || post[3] != "✓ next-auth getServerSession (via requireUser)" || post[7] != "Project" {
		t.Errorf("POST /api/projects row = %q", post)
	}
	action := mapRow(t, out, "app/dashboard/actions.ts:9")
	if action[1] != "inviteMember()" || action[2] != "action" || action[3] != "MISSING: nothing verifies the caller before a Prisma…" || action[7] != "Membership" {
		t.Errorf("inviteMember row = %q", action)
	}
	if nextauth := mapRow(t, out, "app/api/auth/[...nextauth]/route.ts:6"); !strings.HasPrefix(nextauth[3], "public: authentication library handler") {
		t.Errorf("NextAuth row = %q", nextauth)
	}
	for _, want := range []string{"METHOD  ENDPOINT", "\n11 endpoints: 8 route handlers, 1 Pages API route, 1 Server Action, 1 middleware\n", "\nauth: 4 missing, "} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour on a non-terminal")
	}
}

func TestMapTextAuthForms(t *testing.T) {
	code, out, errs := run(t, "map", authForms)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	for loc, want := range map[string][]string{
		"app/api/unchecked/route.ts:5":         {"POST", "/api/unchecked", "route", "MISSING: session obtained (next-auth getServerSession)…"},
		"app/api/cron/cleanup/route.ts:3":      {"GET", "/api/cron/cleanup", "route", "✓ CRON_SECRET check"},
		"app/api/plain/route.ts:5":             {"POST", "/api/plain", "route", "✓ next-auth getServerSession (via requireUser…"},
		"app/api/hono/[[...route]]/route.ts:7": {"GET", "/api/hono/[[...route]]", "route", "? handled by a Hono app"},
		"app/dashboard/actions.ts:17":          {"POST", "deleteNote()", "action", "MISSING: nothing verifies the caller before a Prisma…"},
	} {
		if got := mapRow(t, out, loc)[:4]; !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %q, want %q", loc, got, want)
		}
	}
}

type mapDoc struct {
	SchemaVersion int `json:"schemaVersion"`
	Endpoints     []struct {
		Kind     string   `json:"kind"`
		URLPath  string   `json:"urlPath"`
		Methods  []string `json:"methods"`
		Name     string   `json:"name"`
		App      string   `json:"app"`
		Models   []string `json:"models"`
		Location struct {
			Path string `json:"path"`
		} `json:"location"`
		Controls map[string]struct {
			Status    string `json:"status"`
			How       string `json:"how"`
			Locations []struct {
				Path string `json:"path"`
			} `json:"locations"`
		} `json:"controls"`
	} `json:"endpoints"`
	Summary struct {
		Endpoints int                       `json:"endpoints"`
		Controls  map[string]map[string]int `json:"controls"`
	} `json:"summary"`
}

func runMapJSON(t *testing.T, args ...string) mapDoc {
	t.Helper()
	code, out, errs := run(t, append([]string{"map", "--format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	var d mapDoc
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return d
}

func TestMapJSON(t *testing.T) {
	d := runMapJSON(t, sampleApp)
	if d.SchemaVersion != 1 || len(d.Endpoints) != 11 || d.Summary.Endpoints != 11 || d.Summary.Controls["auth"]["missing"] != 4 {
		t.Fatalf("schemaVersion %d, %d endpoints, summary %+v", d.SchemaVersion, len(d.Endpoints), d.Summary)
	}
	if d.Endpoints[0].Kind != "middleware" {
		t.Errorf("first endpoint is %s, want the middleware", d.Endpoints[0].Kind)
	}
	found := 0
	for _, e := range d.Endpoints {
		if !strings.HasSuffix(e.App, "sample-app") && e.App != "." {
			t.Errorf("%s %s: app %q", e.Kind, e.URLPath, e.App)
		}
		switch {
		case e.URLPath == "/api/projects/[id]" && e.Methods[0] == "PATCH":
			found++
			if a := e.Controls["auth"]; a.Status != "missing" || !reflect.DeepEqual(e.Models, []string{"Project"}) {
				t.Errorf("PATCH /api/projects/[id]: %+v, models %v", a, e.Models)
			}
		case e.URLPath == "/api/projects" && e.Methods[0] == "GET":
			// A read touches its model too; models are named as the schema names them.
			found++
			if !reflect.DeepEqual(e.Models, []string{"Project"}) {
				t.Errorf("GET /api/projects: models %v", e.Models)
			}
		case e.URLPath == "/api/projects" && e.Methods[0] == "POST":
			found++
			a := e.Controls["auth"]
			if a.Status != "present" || !strings.Contains(a.How, "requireUser") || len(a.Locations) == 0 || !strings.HasSuffix(a.Locations[0].Path, "lib/auth.ts") {
				t.Errorf("POST /api/projects auth: %+v", a)
			}
		}
	}
	if found != 3 {
		t.Errorf("found %d of the 3 endpoints looked for", found)
	}
}

// TestMapScopeAndExclude: paths narrow the map like check's findings, --exclude drops endpoints.
func TestMapScopeAndExclude(t *testing.T) {
	d := runMapJSON(t, sampleApp+"/app/api/projects")
	if len(d.Endpoints) != 4 {
		t.Errorf("scoped to app/api/projects: %d endpoints, want 4", len(d.Endpoints))
	}
	for _, e := range d.Endpoints {
		if !strings.HasPrefix(e.URLPath, "/api/projects") {
			t.Errorf("out of scope: %s", e.URLPath)
		}
	}
	d = runMapJSON(t, "--exclude", "**/projects/**", "--exclude", "**/middleware.ts", sampleApp)
	if len(d.Endpoints) != 6 || d.Summary.Endpoints != 6 {
		t.Errorf("with --exclude: %d endpoints (summary %d), want 6", len(d.Endpoints), d.Summary.Endpoints)
	}
	for _, e := range d.Endpoints {
		if strings.Contains(e.Location.Path, "/projects/") || e.Kind == "middleware" {
			t.Errorf("excluded endpoint listed: %s", e.Location.Path)
		}
	}
}

// TestMapConfig: public endpoints declared in the configuration show as public, with the reason.
func TestMapConfig(t *testing.T) {
	dir := writeApp(t, "", map[string]string{
		"app/api/feed/route.ts": "import { prisma } from \"../../../lib/db\";\n\nexport async function POST() {\n  await prisma.item.create({ data: {} });\n  return Response.json({});\n}\n",
		"archlint.yaml":         isolating + "public:\n  - url: /api/feed\n    reason: an open write API for the kiosk\n",
	})
	_, out, _ := run(t, "map", dir)
	if row := mapRow(t, out, "app/api/feed/route.ts:3"); !strings.HasPrefix(row[3], "public: an open write API for the kiosk") {
		t.Errorf("feed row = %q", row)
	}
	_, out, _ = run(t, "map", "--no-config", dir)
	if row := mapRow(t, out, "app/api/feed/route.ts:3"); !strings.HasPrefix(row[3], "MISSING") {
		t.Errorf("--no-config: feed row = %q", row)
	}
}

func TestMapMarkdown(t *testing.T) {
	code, out, _ := run(t, "map", "--format", "markdown", sampleApp)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		"| Method | Endpoint | Kind | Auth | Validation | Rate limit | Error handling | Models | Location |\n",
		"| `PATCH` | `/api/projects/[id]` | route | ❌ **missing**: nothing verifies the caller before a Prisma update |",
		"| `POST` | `/api/projects` | route | ✅ next-auth getServerSession (via requireUser) |",
		"**11 endpoints**",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
}

// TestMapMermaid parses the flowchart of the sample app lightly: every node an edge names is defined, and
// labels hold no bracket, parenthesis, pipe or quote that Mermaid would read as syntax.
func TestMapMermaid(t *testing.T) {
	code, out, _ := run(t, "map", "--format", "mermaid", sampleApp)
	if code != 0 || !strings.HasPrefix(out, "flowchart LR\n") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	node := regexp.MustCompile(`^  (\w+)(?:\[\(|\(\[|\{\{|\[)"([^"]*)"(?:\)\]|\]\)|\}\}|\])(?::::(\w+))?$`)
	edge := regexp.MustCompile(`^  (\w+) -{2,3}> (\w+)$`)
	defined := map[string]string{}
	var edges [][]string
	for _, l := range strings.Split(out, "\n")[1:] {
		if m := node.FindStringSubmatch(l); m != nil {
			defined[m[1]] = m[3]
			if bare := regexp.MustCompile(`#(\d+|[a-z]+);`).ReplaceAllString(m[2], ""); strings.ContainsAny(bare, `[](){}|"#`) {
				t.Errorf("unescaped label %q", m[2])
			}
		} else if m := edge.FindStringSubmatch(l); m != nil {
			edges = append(edges, m[1:])
		}
	}
	for _, e := range edges {
		for _, id := range e {
			if _, ok := defined[id]; !ok {
				t.Errorf("edge %v names undefined node %s", e, id)
			}
		}
	}
	for id, class := range map[string]string{
		"ep_PATCH_api_projects_id": "missing", "ep_POST_api_projects": "endpoint", "ep_GET_api_auth_nextauth": "public",
		"g_next_auth_getServerSession_via_requireUser": "guard", "m_Project": "model",
	} {
		if defined[id] != class {
			t.Errorf("node %s: class %q, want %q", id, defined[id], class)
		}
	}
	for _, want := range []string{"  ep_POST_api_projects --> g_next_auth_getServerSession_via_requireUser\n", "  ep_PATCH_api_projects_id ---> m_Project\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q", want)
		}
	}
}

func TestMapERD(t *testing.T) {
	code, out, errs := run(t, "map", "--erd", sampleApp)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	for _, want := range []string{"erDiagram\n    %% Prisma schema ", "prisma/schema.prisma\n", "    User ||--o{ Project : \"owner\"\n", "        String stripeCustomerId UK\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if !strings.HasPrefix(out, "erDiagram\n") || strings.Contains(out, "METHOD") {
		t.Errorf("--erd prints the diagram only:\n%s", out)
	}
	_, md, _ := run(t, "map", "--erd", "--format", "markdown", sampleApp)
	if !strings.HasPrefix(md, "## Prisma schema `") || !strings.Contains(md, "```mermaid\nerDiagram\n") || !strings.HasSuffix(md, "```\n") {
		t.Errorf("--erd --format markdown:\n%s", md)
	}
}

func TestMapOutputFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "map.md")
	code, out, errs := run(t, "map", "--format", "markdown", "--output", path, sampleApp)
	if code != 0 || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, out, errs)
	}
	b, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(b, []byte("## Endpoint map\n")) {
		t.Errorf("%s: %v\n%s", path, err, b)
	}
}

func TestMapColor(t *testing.T) {
	runTTY := func(env map[string]string, args ...string) string {
		var out, errb bytes.Buffer
		code := Run(args, Streams{In: strings.NewReader(""), Out: &out, Err: &errb, Getenv: func(k string) string { return env[k] }, OutIsTerminal: true})
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		return out.String()
	}
	if out := runTTY(nil, "map", sampleApp); !strings.Contains(out, "\x1b[1m\x1b[31mMISSING: nothing verifies") {
		t.Errorf("no colour on a terminal:\n%q", out)
	}
	if out := runTTY(map[string]string{"NO_COLOR": "1"}, "map", sampleApp); strings.Contains(out, "\x1b[") {
		t.Error("colour despite NO_COLOR")
	}
	if out := runTTY(nil, "map", "--no-color", sampleApp); strings.Contains(out, "\x1b[") {
		t.Error("colour despite --no-color")
	}
}

func TestMapUsageErrors(t *testing.T) {
	noSchema := writeApp(t, "", map[string]string{"app/api/x/route.ts": "export async function GET() { return Response.json({}); }\n"})
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"map", "--format", "sarif", sampleApp}, `invalid --format "sarif" (want one of text, json, markdown, mermaid)`},
		{[]string{"map", "--erd", "--format", "json", sampleApp}, "--erd prints Mermaid"},
		{[]string{"map", "--exclude", "[", sampleApp}, "--exclude"},
		{[]string{"map", "--bogus", sampleApp}, "unknown flag: --bogus"},
		{[]string{"map", filepath.Join(t.TempDir(), "missing")}, "invalid input"},
		{[]string{"map", "--erd", noSchema}, "no Prisma schema found"},
		{[]string{"map", "--config", "nope.yaml", "--no-config", sampleApp}, "cannot be used together"},
	} {
		code, out, errs := run(t, c.args...)
		if code != 2 || out != "" || !strings.Contains(errs, c.msg) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and %q", c.args, code, out, errs, c.msg)
		}
	}
}

// TestMapFlags: flags map one to one onto MapOptions.
func TestMapFlags(t *testing.T) {
	var got *MapOptions
	cmd := newMapCmd(Streams{}, func(o *MapOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--format", "mermaid", "-o", "out.mmd", "--erd", "--exclude", "a/**", "--exclude", "b/**", "--no-color", "--config", "c.yaml", "p1", "p2"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	want := &MapOptions{Paths: []string{"p1", "p2"}, Format: "mermaid", Output: "out.mmd", ERD: true, Exclude: []string{"a/**", "b/**"}, NoColor: true, Config: "c.yaml"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("options = %+v\nwant      %+v", got, want)
	}
}
