package matcher

import (
	"strings"
	"testing"

	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/syntax"
)

func parseFile(t testing.TB, path, src string) *jsmodel.File {
	t.Helper()
	lang, ok := syntax.LangForPath(path)
	if !ok {
		t.Fatalf("no grammar for %s", path)
	}
	p := syntax.NewParser()
	defer p.Close()
	tr, err := p.Parse([]byte(src), lang)
	if err != nil {
		t.Fatal(err)
	}
	return jsmodel.Build(path, tr)
}

func configOf(t testing.TB, src string) (*Config, []Problem) {
	t.Helper()
	return FromFile(parseFile(t, "middleware.ts", src))
}

func problemKinds(ps []Problem) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Kind.String())
	}
	return strings.Join(out, ",")
}

// TestFromFile checks what is read from each way of writing the config, and how exact it is.
func TestFromFile(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // Config.String()
		problems  string // problem kinds in order
	}{
		{"no config", `export default function middleware() {}`, "all", ""},
		{"config without matcher", `export const config = { runtime: "nodejs" }`, "all", ""},
		{"string", `export const config = { matcher: "/api/:path*" }`, `["/api/:path*"]`, ""},
		{"array", `export const config = { matcher: ["/a", '/b', ` + "`/c`" + `] }`, `["/a", "/b", "/c"]`, ""},
		{"string key", `export const config = { "matcher": ["/a"] }`, `["/a"]`, ""},
		{"satisfies", `export const config = { matcher: ["/a"] } satisfies MiddlewareConfig`, `["/a"]`, ""},
		{"object entry", `export const config = { matcher: [{ source: "/a", has: [{ type: "header", key: "x" }], missing: [{ type: "cookie", key: "s", value: "1" }], locale: false }] }`,
			`["/a" if has header x and missing cookie s=1]`, ""},
		// Next.js's webpack build rejects `as const` (extract-const-value.ts has no TsConstAssertion case;
		// vercel/next.js#72042); what is written is the lower bound.
		{"as const", `export const config = { matcher: ["/a"] } as const`, `["/a"] (inexact)`, "not-static"},
		{"export list", "const config = { matcher: ['/a'] }\nexport { config }", `["/a"] (inexact)`, "ignored"},
		{"export let", `export let config = { matcher: ['/a'] }`, `["/a"] (inexact)`, "ignored"},
		{"matcher identifier", "const M = ['/a', '/b'];\nexport const config = { matcher: M }", `["/a", "/b"] (inexact)`, "not-static"},
		{"config identifier", "const C = { matcher: '/a' };\nexport const config = C", `["/a"] (inexact)`, "not-static"},
		// An identifier entry in a literal array: Turbopack drops it, webpack rejects the config.
		{"entry identifier", "const A = '/admin/:path*';\nexport const config = { matcher: [A, '/api/:path*'] }", `[unknown("/admin/:path*"), "/api/:path*"]`, "not-static"},
		{"entry spread", "const A = ['/x'];\nexport const config = { matcher: [...A, '/y'] }", `[unknown("/x"), "/y"]`, "not-static"},
		{"matcher call", `export const config = { matcher: getMatchers() }`, "unknown", "not-static"},
		{"matcher import", "import { M } from './m';\nexport const config = { matcher: M }", "unknown", "not-static"},
		{"config spread", "export const config = { ...base }", "unknown", "not-static"},
		{"re-export", `export { config } from "./config"`, "unknown", "ignored"},
		{"no slash", `export const config = { matcher: ["dashboard"] }`, `[unknown("dashboard")]`, "invalid"},
		{"bad modifier", `export const config = { matcher: "/api/*" }`, `[unknown("/api/*")]`, "invalid"},
		{"bad regex", `export const config = { matcher: "/(a|b" }`, `[unknown("/(a|b")]`, "invalid"},
		{"unknown key", `export const config = { matcher: [{ source: "/a", sauce: 1 }] }`, `[unknown("/a")]`, "invalid"},
		{"locale true", `export const config = { matcher: [{ source: "/a", locale: true }] }`, `[unknown("/a")]`, "invalid"},
		{"number entry", `export const config = { matcher: [1] }`, `[unknown("")]`, "invalid"},
		{"empty", `export const config = { matcher: [] }`, `[]`, "invalid"},
		// path-to-regexp refuses a group starting with "(?" but not a nested one.
		{"backreference", `export const config = { matcher: ["/:a((?<n>y)\\k<n>)"] }`, `[unknown("/:a((?<n>y)\\k<n>)")]`, "unsupported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ps := configOf(t, tt.src)
			if got := c.String(); got != tt.want {
				t.Errorf("config = %s, want %s", got, tt.want)
			}
			if got := problemKinds(ps); got != tt.problems {
				t.Errorf("problems = %q, want %q (%v)", got, tt.problems, ps)
			}
			for _, p := range ps {
				if p.Node == syntax.None || p.Message == "" {
					t.Errorf("problem without position or message: %+v", p)
				}
			}
		})
	}
}

func TestProblemMessages(t *testing.T) {
	_, ps := configOf(t, "import { M } from './m';\nexport const config = { matcher: M }")
	if len(ps) != 1 || !strings.Contains(ps[0].Message, `the identifier M, imported from "./m"`) {
		t.Fatalf("problems = %v", ps)
	}
	_, ps = configOf(t, "const config = { matcher: ['/a'] }\nexport { config }")
	if len(ps) != 1 || !strings.Contains(ps[0].Message, "export list") || !strings.Contains(ps[0].Message, "every path") {
		t.Fatalf("problems = %v", ps)
	}
}

// JavaScript drops a backslash before a character without an escape meaning: '\.' in a string literal is
// '.', which in the matcher's regular expression is any character.
func TestStringEscapes(t *testing.T) {
	single, _ := configOf(t, `export const config = { matcher: ['/((?!api|.*\.png$).*)'] }`)
	double, _ := configOf(t, `export const config = { matcher: ['/((?!api|.*\\.png$).*)'] }`)
	if got := single.Matchers[0].Source; got != `/((?!api|.*.png$).*)` {
		t.Fatalf("single-backslash source = %q", got)
	}
	if single.Matches("/xpng") {
		t.Error("/xpng: '.*.png$' excludes it (any character before png)")
	}
	if !double.Matches("/xpng") || double.Matches("/x.png") {
		t.Error("'.*\\\\.png$' excludes only a literal .png suffix")
	}
	c, _ := configOf(t, `export const config = { matcher: ["/caf\u00e9", "\x2Fa", "/b\
c"] }`)
	if got := c.String(); got != `["/café", "/a", "/bc"]` {
		t.Fatalf("decoded = %s", got)
	}
}
