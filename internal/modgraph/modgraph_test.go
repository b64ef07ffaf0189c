package modgraph

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/archlint/archlint/internal/discover"
	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/project"
	"github.com/archlint/archlint/internal/resolve"
	"github.com/archlint/archlint/internal/syntax"
)

// discoverFixture copies testdata/<name> into a fresh directory that is its own git root (so that paths are
// relative to the fixture) and runs discovery on it.
func discoverFixture(t testing.TB, name string) *discover.Repo {
	t.Helper()
	files := map[string]string{}
	src := filepath.Join("testdata", name)
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		files[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return discoverFiles(t, files)
}

// discoverFiles writes files (slash-separated path to content) into a fresh git root and runs discovery.
func discoverFiles(t testing.TB, files map[string]string) *discover.Repo {
	t.Helper()
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for p, content := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	target, err := discover.Locate([]string{root})
	if err != nil {
		t.Fatal(err)
	}
	repo, err := discover.Discover(target, discover.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return repo
}

// parseAll returns a project of every source file of the fixture except those in skip, so that a test
// controls which modules are parsed independently of the loader.
func parseAll(t testing.TB, name string, skip ...string) *project.Project {
	t.Helper()
	return parseRepo(t, discoverFixture(t, name), skip...)
}

// parseRepo is parseAll for a discovered repository.
func parseRepo(t testing.TB, repo *discover.Repo, skip ...string) *project.Project {
	t.Helper()
	p := &project.Project{Repo: repo, Files: map[string]*jsmodel.File{}, Resolver: resolve.New(repo)}
	skipped := map[string]bool{}
	for _, s := range skip {
		skipped[s] = true
	}
	parser := syntax.NewParser()
	defer parser.Close()
	for _, f := range repo.Files {
		lang, ok := syntax.LangForPath(f.Path)
		if !f.Kind.IsSource() || !ok || skipped[f.Path] {
			continue
		}
		src, err := repo.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		tree, err := parser.Parse(src, lang)
		if err != nil {
			t.Fatal(err)
		}
		p.Files[f.Path] = jsmodel.Build(f.Path, tree)
	}
	return p
}

// describe renders a symbol compactly: "local src/lib/x.ts:name", "local src/lib/x.ts:*" (namespace),
// "local src/lib/x.ts:default=<expr kind>", "external next-auth:getServerSession", "unresolved".
func describe(s Symbol) string {
	switch s.Kind {
	case Local:
		name := s.Name
		if s.Namespace {
			name = "*"
		}
		if s.Expr != syntax.None {
			name += "=" + s.File.Tree.Kind(s.Expr).String()
		} else if !s.Namespace {
			if _, ok := s.File.Bindings[s.Name]; !ok {
				name += " (no binding!)"
			}
		}
		return "local " + s.File.Path + ":" + name
	case External:
		mod := s.Package
		if s.Subpath != "" {
			mod += "/" + s.Subpath
		}
		name := s.Name
		if s.Namespace {
			name = "*"
		}
		return "external " + mod + ":" + name
	}
	if s.Name != "" {
		return "unresolved " + s.Name
	}
	return "unresolved"
}

func TestLocalAndImports(t *testing.T) {
	g := New(parseAll(t, "app"))
	route := g.File("src/app/api/admin/route.ts")
	legacy := g.File("src/pages/api/legacy.js")
	if route == nil || legacy == nil {
		t.Fatal("fixture files not parsed")
	}
	cases := []struct {
		file *jsmodel.File
		name string
		want string
	}{
		// `export *` two levels deep: lib/index.ts → lib/auth/index.ts → lib/auth/admin.ts.
		{route, "requireAdmin", "local src/lib/auth/admin.ts:requireAdmin"},
		// `export { requireAdmin as requireStaff }` of an imported name.
		{route, "requireStaff", "local src/lib/auth/admin.ts:requireAdmin"},
		// `export { checkRole as hasRole } from`.
		{route, "hasRole", "local src/lib/authz.ts:checkRole"},
		// `export { default as getSession } from` and a default import of a default-exported function.
		{route, "sessionViaBarrel", "local src/lib/session.ts:getSession"},
		{route, "getSession", "local src/lib/session.ts:getSession"},
		// `export * as authz from`.
		{route, "authz", "local src/lib/authz.ts:*"},
		{route, "guards", "local src/lib/guards.ts:*"},
		// Names leaving the project.
		{route, "getServerSession", "external next-auth:getServerSession"},
		{route, "NextAuth", "external next-auth:default"},
		{route, "serverSession", "external next-auth:getServerSession"},
		// Not found in any project module of the barrel: the package's `export *`.
		{route, "currentUser", "external @clerk/nextjs/server:currentUser"},
		// Re-export cycles terminate.
		{route, "ping", "unresolved ping"},
		{route, "loop", "unresolved loop"},
		// `export default ident` and an anonymous default export.
		{route, "handler", "local src/lib/handler.ts:handler"},
		{route, "onboard", "local src/lib/anon.ts:default=function_expression"},
		// An export that does not exist; a name that is not module-level; a local declaration.
		{route, "unknownThing", "unresolved unknownThing"},
		{route, "session", "unresolved session"},
		{route, "GET", "local src/app/api/admin/route.ts:GET"},
		// CommonJS.
		{legacy, "tokens", "local src/lib/tokens.js:*"},
		{legacy, "verify", "local src/lib/legacy.js:verify"},
		{legacy, "isValid", "local src/lib/legacy.js:verify"},
		{legacy, "jwt", "external jsonwebtoken:*"},
		{legacy, "legacyDefault", "local src/lib/tokens.js:*"},
		{g.File("src/lib/legacy.js"), "jwtVerify", "external jsonwebtoken:verify"},
		{g.File("src/lib/legacy.js"), "decode", "external jsonwebtoken:decode"},
		// Generated code that is not in the repository: the name is kept.
		{g.File("src/lib/db.ts"), "PrismaClient", "unresolved PrismaClient"},
		{g.File("src/lib/db.ts"), "prisma", "local src/lib/db.ts:prisma"},
	}
	for _, c := range cases {
		if got := describe(g.Local(c.file, c.name)); got != c.want {
			t.Errorf("Local(%s, %s) = %s, want %s", c.file.Path, c.name, got, c.want)
		}
	}
}

func TestExportAndMember(t *testing.T) {
	g := New(parseAll(t, "app"))
	barrel := g.File("src/lib/index.ts")
	cases := []struct {
		got, want string
	}{
		{describe(g.Export(barrel, "requireUser")), "local src/lib/auth/user.ts:requireUser"},
		// `export *` never re-exports "default"; the barrel has no default export.
		{describe(g.Export(barrel, "default")), "unresolved default"},
		{describe(g.Export(g.File("src/lib/auth/user.ts"), "default")), "local src/lib/auth/user.ts:requireUser"},
		// Type-only exports are not values.
		{describe(g.Export(barrel, "Role")), "unresolved Role"},
		// Found through the cycle from the other side.
		{describe(g.Export(g.File("src/lib/cycle-b.ts"), "pong")), "local src/lib/cycle-a.ts:pong"},
		// Namespaces.
		{describe(g.Member(g.Export(barrel, "authz"), "checkRole")), "local src/lib/authz.ts:checkRole"},
		{describe(g.Member(g.Local(g.File("src/app/api/admin/route.ts"), "guards"), "requireOwner")), "local src/lib/guards.ts:requireOwner"},
		{describe(g.Member(g.Local(g.File("src/app/api/admin/route.ts"), "guards"), "requireUser")), "local src/lib/auth/user.ts:requireUser"},
		{describe(g.Member(g.Local(g.File("src/pages/api/legacy.js"), "tokens"), "issue")), "local src/lib/tokens.js:issue=function_expression"},
		{describe(g.Member(g.Local(g.File("src/pages/api/legacy.js"), "jwt"), "sign")), "external jsonwebtoken:sign"},
		{describe(g.Export(g.File("src/lib/legacy.js"), "version")), "local src/lib/legacy.js:version=string"},
		// Member of something that is not a namespace.
		{describe(g.Member(g.Export(barrel, "requireUser"), "length")), "unresolved length"},
		{describe(g.Member(Symbol{}, "x")), "unresolved x"},
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("case %d: got %s, want %s", i, c.got, c.want)
		}
	}
}

func TestResolveImport(t *testing.T) {
	g := New(parseAll(t, "app"))
	route := g.File("src/app/api/admin/route.ts")
	var got []string
	for i := range route.Imports {
		imp := &route.Imports[i]
		got = append(got, fmt.Sprintf("%s %s", imp.Local, describe(g.ResolveImport(route, imp))))
	}
	want := []string{
		"requireAdmin local src/lib/auth/admin.ts:requireAdmin",
		"requireStaff local src/lib/auth/admin.ts:requireAdmin",
		"hasRole local src/lib/authz.ts:checkRole",
		"sessionViaBarrel local src/lib/session.ts:getSession",
		"authz local src/lib/authz.ts:*",
		"serverSession external next-auth:getServerSession",
		"currentUser external @clerk/nextjs/server:currentUser",
		"getSession local src/lib/session.ts:getSession",
		"guards local src/lib/guards.ts:*",
		"getServerSession external next-auth:getServerSession",
		"NextAuth external next-auth:default",
		"ping unresolved ping",
		"loop unresolved loop",
		"handler local src/lib/handler.ts:handler",
		"onboard local src/lib/anon.ts:default=function_expression",
		"Role unresolved Role",
		"unknownThing unresolved unknownThing",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("imports:\n got %q\nwant %q", got, want)
	}
}

func TestUnparsedModule(t *testing.T) {
	// lib/auth/admin.ts is not parsed (as when only type imports reach a module): names through it are
	// dead ends, while the rest of the barrel still resolves.
	g := New(parseAll(t, "app", "src/lib/auth/admin.ts"))
	route := g.File("src/app/api/admin/route.ts")
	if got := describe(g.Local(route, "requireAdmin")); got != "unresolved requireAdmin" {
		t.Errorf("requireAdmin = %s, want unresolved", got)
	}
	if got := describe(g.Local(route, "hasRole")); got != "local src/lib/authz.ts:checkRole" {
		t.Errorf("hasRole = %s", got)
	}
}

func TestDeterministic(t *testing.T) {
	p := parseAll(t, "app")
	first := describe(New(p).Local(p.Files["src/app/api/admin/route.ts"], "currentUser"))
	for i := 0; i < 20; i++ {
		if got := describe(New(p).Local(p.Files["src/app/api/admin/route.ts"], "currentUser")); got != first {
			t.Fatalf("run %d: %s, first run %s", i, got, first)
		}
	}
}

func TestDepthCap(t *testing.T) {
	// A chain of `export *` longer than maxDepth ends Unresolved, and the package star export at its head
	// is not taken as a guess, since the end of the chain was never looked into.
	files := map[string]string{"package.json": `{"name": "deep", "dependencies": {"next": "15.1.0"}}`}
	const n = maxDepth + 5
	for i := 0; i < n; i++ {
		files[fmt.Sprintf("lib/m%d.ts", i)] = fmt.Sprintf("export * from \"./m%d\";\n", i+1)
	}
	files["lib/m0.ts"] += "export * from \"@acme/sdk\";\n"
	files[fmt.Sprintf("lib/m%d.ts", n)] = "export function deep() {}\n"
	g := New(parseRepo(t, discoverFiles(t, files)))
	if got := describe(g.Export(g.File("lib/m0.ts"), "deep")); got != "unresolved deep" {
		t.Errorf("Export(m0, deep) = %s, want unresolved", got)
	}
	if got := describe(g.Export(g.File(fmt.Sprintf("lib/m%d.ts", n-10)), "deep")); got != fmt.Sprintf("local lib/m%d.ts:deep", n) {
		t.Errorf("a shorter chain: %s", got)
	}
}
