package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/archlint/archlint/internal/config"
)

// copyDir copies a fixture to a temporary directory, so that init can write at its root.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestInitMonorepo runs init on a fixture monorepo: two apps with different auth libraries, a workspace
// auth package, a helper the guard engine recognises and helpers it cannot classify.
func TestInitMonorepo(t *testing.T) {
	dir := copyDir(t, "../../testdata/fixtures/adoption-init")
	code, out, errs := run(t, "init", dir)
	cfgPath := filepath.Join(dir, "archlint.yaml")
	if code != 0 || out != "" || !strings.HasPrefix(errs, "archlint: wrote "+cfgPath+"\n") {
		t.Fatalf("init: exit %d\n%s%s", code, out, errs)
	}
	data, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for _, want := range []string{
		"# yaml-language-server: $schema=" + config.SchemaURL + "\n",
		"\nversion: 1\n",
		"\nfailOn: error\n",
		"#   authentication: @clerk/nextjs (apps/admin), jose (packages/auth), next-auth (apps/web)\n",
		"#   input validation: zod (apps/web)\n",
		"#   rate limiting: @upstash/ratelimit (apps/web)\n",
		// Not classified by the engine: a helper whose body archlint cannot see through, a token check that
		// does not reject, and a wrapper.
		"#     - { from: \"@/lib/admin\", name: getCurrentAdmin }   # called by 1 endpoint\n",
		"#     - { from: \"@acme/auth\", name: checkWorkspaceToken }   # called by 1 endpoint\n",
		"#     - { from: \"@/lib/admin\", name: withAdminAuth, provides: [auth] }   # called by 1 endpoint\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("starter file lacks %q:\n%s", want, text)
		}
	}
	// requireUser is recognised by the guard engine (next-auth's getServerSession inside it, which
	// rejects): when the engine says so, it is listed as recognised and not offered as a guard to declare.
	if strings.Contains(text, "name: requireUser }   # called by") {
		t.Errorf("a helper the engine recognised is offered as a candidate:\n%s", text)
	}
	if m := regexp.MustCompile(`(?m)^#     (.*requireUser.*) — 1 endpoint$`).FindString(text); m == "" && strings.Contains(text, "What archlint recognised") &&
		!strings.Contains(text, "no guard on any endpoint") {
		t.Errorf("recognised evidence for requireUser missing:\n%s", text)
	}

	// The file loads, and so does it with the suggested guards uncommented.
	if _, err := config.Parse(cfgPath, data); err != nil {
		t.Fatal(err)
	}
	uncommented := uncommentGuards(text)
	c, err := config.Parse("uncommented.yaml", []byte(uncommented))
	if err != nil {
		t.Fatalf("uncommented guards do not load: %v\n%s", err, uncommented)
	}
	if len(c.Guards.Auth) != 2 || len(c.Guards.Wrappers) != 1 || c.Guards.Wrappers[0].Name != "withAdminAuth" {
		t.Errorf("uncommented guards: %+v", c.Guards)
	}

	// A configuration that changes nothing: the same findings as without it.
	_, withCfg, _ := run(t, "--format", "json", dir)
	_, without, _ := run(t, "--format", "json", "--no-config", dir)
	if withCfg != without {
		t.Error("the starter configuration changes the findings")
	}

	// Never overwritten without --force, whatever the configuration file is called.
	code, _, errs = run(t, "init", dir)
	if code != 2 || errs != "archlint: "+cfgPath+" already exists; edit it, or pass --force to replace it\nRun 'archlint --help' for usage.\n" {
		t.Errorf("second init: exit %d %q", code, errs)
	}
	if code, _, errs := run(t, "init", "--force", dir); code != 0 {
		t.Errorf("--force: exit %d %s", code, errs)
	}
	if err := os.Rename(cfgPath, filepath.Join(dir, ".archlint.yaml")); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run(t, "init", dir); code != 2 || !strings.Contains(errs, ".archlint.yaml already exists") {
		t.Errorf("init with .archlint.yaml present: exit %d %q", code, errs)
	}

	// --output elsewhere (refused when it exists), or - for standard output.
	other := filepath.Join(t.TempDir(), "x.yaml")
	if code, _, errs := run(t, "init", "--output", other, dir); code != 0 {
		t.Errorf("--output: exit %d %s", code, errs)
	}
	if code, _, errs := run(t, "init", "--output", other, dir); code != 2 || !strings.Contains(errs, "x.yaml already exists; pass --force to replace it") {
		t.Errorf("--output existing: exit %d %s", code, errs)
	}
	code, out, _ = run(t, "init", "--output", "-", dir)
	if code != 0 || !strings.HasPrefix(out, "# yaml-language-server: ") {
		t.Errorf("--output -: exit %d\n%s", code, out)
	}
}

// uncommentGuards turns the commented guards block of a starter file into configuration.
func uncommentGuards(text string) string {
	var out []string
	in := false
	for _, l := range strings.Split(text, "\n") {
		switch {
		case l == "# guards:":
			in = true
			out = append(out, "guards:")
			continue
		case in && strings.HasPrefix(l, "#   "):
			out = append(out, l[2:])
			continue
		case in:
			in = false
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// TestStarterConfig renders the guard engine's evidence and the candidates from given facts, so that the
// layout is tested apart from what the engine finds today.
func TestStarterConfig(t *testing.T) {
	f := initFacts{
		Libraries: map[string][]libraryUse{"auth": {{Name: "better-auth", Dirs: []string{"."}}}},
		Recognised: map[string][]counted{
			"auth":      {{"better-auth getSession (via getUser (lib/auth.ts))", 12}, {"middleware matcher /api/:path*", 3}},
			"rateLimit": {{"@upstash/ratelimit limit", 1}},
		},
		Candidates: []candidate{
			{From: "@/lib/guard", Name: "assertMember", Endpoints: 4},
			{From: "@/lib/api", Name: "withTeam", Wrapper: true, Endpoints: 2},
		},
		Endpoints: 20, Unauthenticated: 5,
		Findings: map[string]int{"security/raw-sql-injection": 2},
	}
	text := string(starterConfig(f))
	for _, want := range []string{
		"#   authentication: better-auth (.)\n#   No rate-limit library: if you limit requests in your own code, declare it under guards.rateLimit.\n",
		"# What archlint recognised on the 20 endpoints (nothing to declare for these):\n" +
			"#   authentication:\n" +
			"#     better-auth getSession (via getUser (lib/auth.ts)) — 12 endpoints\n" +
			"#     middleware matcher /api/:path* — 3 endpoints\n" +
			"#   rate limiting:\n" +
			"#     @upstash/ratelimit limit — 1 endpoint\n",
		"# Auth-like helpers called by the 5 endpoints whose authentication archlint could not establish;\n",
		"#     - { from: \"@/lib/guard\", name: assertMember }   # called by 4 endpoints\n",
		"#     - { from: \"@/lib/api\", name: withTeam, provides: [auth] }   # called by 2 endpoints\n",
		"# Findings when this file was written (2):\n#   security/raw-sql-injection: 2 (error)\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("starter file lacks %q:\n%s", want, text)
		}
	}
	if _, err := config.Parse("starter.yaml", []byte(text)); err != nil {
		t.Error(err)
	}
	if _, err := config.Parse("starter.yaml", []byte(uncommentGuards(text))); err != nil {
		t.Errorf("uncommented: %v", err)
	}
	if string(starterConfig(f)) != text {
		t.Error("not deterministic")
	}
}

func TestAuthLike(t *testing.T) {
	for name, want := range map[string]bool{
		"requireUser": true, "getCurrentUser": true, "withAuth": true, "authenticatedActionClient": true,
		"getServerSession": true, "hasPermission": true, "checkRoleAccess": true, "verifyToken": true,
		"isAdmin": true, "validateApiKey": true, "protectRoute": true, "getUser": true,
		"createIntegrationOAuthState": false, "getSafeOAuthCallbackError": false, "ensureStripeCustomer": false,
		"createGatewayServiceTokenResponse": false, "sendEmail": false, "userCount": false, "parseBody": false,
		"getMembershipByUserIdOrganizationId": false, "getContactAttributeKeyById": false, "withStoredIntegrationKey": false,
	} {
		if got := authLike(name); got != want {
			t.Errorf("authLike(%q) = %v, want %v", name, got, want)
		}
	}
}
