package matcher

import (
	"fmt"
	"strings"
	"testing"
)

// matcherConfig builds a config from matcher entries written as TypeScript expressions.
func matcherConfig(t testing.TB, entries ...string) *Config {
	t.Helper()
	c, ps := configOf(t, fmt.Sprintf("export const config = { matcher: [%s] }", strings.Join(entries, ", ")))
	if len(ps) > 0 {
		t.Fatalf("problems: %v", ps)
	}
	return c
}

const (
	// Next.js's documented "everything but API and static assets" matcher.
	nextDocsMatcher = `'/((?!api|_next/static|_next/image|favicon.ico).*)'`
	// Clerk's generated default (first entry of clerkMiddleware's recommended config).
	clerkAssetsMatcher = `'/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)'`
	clerkAPIMatcher    = `'/(api|trpc)(.*)'`
)

func TestCovers(t *testing.T) {
	tests := []struct {
		name    string
		entries []string
		route   string
		want    Coverage
	}{
		// `/dashboard/:path*`: the repeated group with its "/" prefix is optional, so the bare prefix matches.
		{"path* bare", []string{`"/dashboard/:path*"`}, "/dashboard", All},
		{"path* deep", []string{`"/dashboard/:path*"`}, "/dashboard/a/b", All},
		{"path* dynamic", []string{`"/dashboard/:path*"`}, "/dashboard/[id]/settings", All},
		{"path* other", []string{`"/dashboard/:path*"`}, "/api/x", None},
		// No "/" between "dashboard" and "x": the literal text must be followed by the group or the end.
		{"path* longer word", []string{`"/dashboard/:path*"`}, "/dashboardx", None},
		{"api path*", []string{`"/api/:path*"`}, "/api/x", All},
		{"api path* dynamic", []string{`"/api/:path*"`}, "/api/users/[id]", All},
		{"api path* catch-all", []string{`"/api/:path*"`}, "/api/auth/[...nextauth]", All},
		{"api path* root", []string{`"/api/:path*"`}, "/", None},
		// The negative lookahead applies right after the first "/": any path starting with "api" is excluded.
		{"docs matcher api", []string{nextDocsMatcher}, "/api/users/[id]", None},
		{"docs matcher page", []string{nextDocsMatcher}, "/settings", All},
		{"docs matcher root", []string{nextDocsMatcher}, "/", All},
		{"docs matcher prefix word", []string{nextDocsMatcher}, "/apiary", None},
		// A top-level dynamic segment can take the value "api" (a sample word from the lookahead).
		{"docs matcher top dynamic", []string{nextDocsMatcher}, "/[slug]", Partial},
		{"docs matcher nested dynamic", []string{nextDocsMatcher}, "/blog/[slug]", All},
		// Clerk's API matcher: "/" is the group's prefix, (.*) takes the rest, so "/apix" matches too.
		{"clerk api", []string{clerkAPIMatcher}, "/api/x", All},
		{"clerk trpc", []string{clerkAPIMatcher}, "/trpc/[trpc]", All},
		{"clerk api prefix", []string{clerkAPIMatcher}, "/apix", All},
		{"clerk api page", []string{clerkAPIMatcher}, "/dashboard", None},
		// Clerk's asset exclusion: a dot followed by a listed extension anywhere after the first "/".
		{"clerk assets api", []string{clerkAssetsMatcher}, "/api/x", All},
		{"clerk assets png", []string{clerkAssetsMatcher}, "/logo.png", None},
		// js(?!on): ".json" is not excluded, ".js" is.
		{"clerk assets json", []string{clerkAssetsMatcher}, "/data.json", All},
		{"clerk assets js", []string{clerkAssetsMatcher}, "/app.js", None},
		// The sample "x.png" for [id] is excluded: /api/users/x.png bypasses the middleware.
		{"clerk assets dynamic", []string{clerkAssetsMatcher}, "/api/users/[id]", Partial},
		{"clerk both dynamic", []string{clerkAssetsMatcher, clerkAPIMatcher}, "/api/users/[id]", All},
		{"clerk both page", []string{clerkAssetsMatcher, clerkAPIMatcher}, "/files/[name]", Partial},
		{"clerk both _next", []string{clerkAssetsMatcher, clerkAPIMatcher}, "/_next/static/x", None},
		// :id(\d+) accepts "1" but not "abc".
		{"digits dynamic", []string{`"/api/users/:id(\\d+)"`}, "/api/users/[id]", Partial},
		{"digits static", []string{`"/api/users/:id(\\d+)"`}, "/api/users/42", All},
		{"digits static letters", []string{`"/api/users/:id(\\d+)"`}, "/api/users/me", None},
		// :lang? is an optional group including its "/" prefix.
		{"optional bare", []string{`"/:lang?/about"`}, "/about", All},
		{"optional given", []string{`"/:lang?/about"`}, "/en/about", All},
		{"optional dynamic", []string{`"/:lang?/about"`}, "/[lang]/about", All},
		{"optional two", []string{`"/:lang?/about"`}, "/a/b/about", None},
		// [[...slug]] includes the empty case /docs, which :path+ does not match.
		{"optional catch-all star", []string{`"/docs/:path*"`}, "/docs/[[...slug]]", All},
		{"optional catch-all plus", []string{`"/docs/:path+"`}, "/docs/[[...slug]]", Partial},
		{"catch-all plus", []string{`"/docs/:path+"`}, "/docs/[...slug]", All},
		// A param default pattern stops at "/": a catch-all is only partly covered by one segment.
		{"single param catch-all", []string{`"/docs/:slug"`}, "/docs/[...slug]", Partial},
		{"dot exclusion", []string{`"/((?!api|_next/static|_next/image|static|.*\\.).*)"`}, "/p/[id]", Partial},
		{"dot exclusion static", []string{`"/((?!api|_next/static|_next/image|static|.*\\.).*)"`}, "/p/abc", All},
		// Next.js builds its RegExp without the "i" flag: matching is case-sensitive.
		{"case", []string{`"/dashboard/:path*"`}, "/Dashboard", None},
		{"non-ascii route", []string{`"/caf%C3%A9"`}, "/café", All},
		{"has", []string{`{ source: "/api/:path*", has: [{ type: "header", key: "authorization" }] }`}, "/api/x", Conditional},
		{"missing", []string{`{ source: "/((?!_next).*)", missing: [{ type: "header", key: "next-router-prefetch" }, { type: "header", key: "purpose", value: "prefetch" }] }`}, "/settings", Conditional},
		{"conditional elsewhere", []string{`{ source: "/api/:path*", has: [{ type: "cookie", key: "s" }] }`}, "/dashboard", None},
		{"empty has is unconditional", []string{`{ source: "/api/:path*", has: [] }`}, "/api/x", All},
		// One route, two matchers: the unconditional one covers /api/admin only.
		{"cond plus uncond", []string{`{ source: "/api/:path*", has: [{ type: "query", key: "k" }] }`, `"/api/admin"`}, "/api/[x]", Conditional},
		{"cond and none", []string{`{ source: "/api/:id(\\d+)", has: [{ type: "query", key: "k" }] }`}, "/api/[x]", Partial},
		{"empty matcher list", []string{}, "/api/x", None},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c *Config
			if len(tt.entries) == 0 {
				c, _ = configOf(t, "export const config = { matcher: [] }")
			} else {
				c = matcherConfig(t, tt.entries...)
			}
			if got := c.Covers(tt.route); got != tt.want {
				t.Errorf("%s.Covers(%q) = %v, want %v", c, tt.route, got, tt.want)
			}
		})
	}
}

func TestCoversScopes(t *testing.T) {
	all, _ := configOf(t, `export function middleware() {}`)
	unknown, _ := configOf(t, `export const config = { matcher: build() }`)
	for _, r := range []string{"/", "/api/x", "/api/users/[id]"} {
		if got := all.Covers(r); got != All {
			t.Errorf("no config: Covers(%q) = %v", r, got)
		}
		if got := unknown.Covers(r); got != Unknown {
			t.Errorf("unknown matcher: Covers(%q) = %v", r, got)
		}
	}
	// An unknown entry leaves paths the known entries match decided, the rest unknown.
	partly, _ := configOf(t, "const A = '/admin/:path*';\nexport const config = { matcher: [A, '/api/:path*'] }")
	if got := partly.Covers("/api/x"); got != All {
		t.Errorf("known entry: %v", got)
	}
	if got := partly.Covers("/dashboard"); got != Unknown {
		t.Errorf("path only an unknown entry could match: %v", got)
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		entries []string
		path    string
		want    Coverage
	}{
		// Non-strict path-to-regexp: one trailing delimiter is accepted.
		{[]string{`"/dashboard"`}, "/dashboard/", All},
		{[]string{`"/dashboard"`}, "/dashboard//", None},
		{[]string{`"/api/:path*"`}, "/api/", All},
		{[]string{`"/api/:path*"`}, "/api/a/", All},
		// Next.js appends an optional ".json" (its /_next/data normalisation) and accepts
		// /_next/data/<build>/… in front.
		{[]string{`"/dashboard"`}, "/dashboard.json", All},
		{[]string{`"/dashboard"`}, "/_next/data/build-id/dashboard.json", All},
		// For "/", an optional /index or /index.json.
		{[]string{`"/"`}, "/", All},
		{[]string{`"/"`}, "/index", All},
		{[]string{`"/"`}, "/x", None},
		// An unescaped "." in a pattern is any character.
		{[]string{`"/((?!favicon.ico).*)"`}, "/faviconXico", None},
		{[]string{`{ source: "/x", missing: [{ type: "header", key: "h" }] }`}, "/x", Conditional},
	}
	for _, tt := range tests {
		c := matcherConfig(t, tt.entries...)
		if got := c.Match(tt.path); got != tt.want {
			t.Errorf("%s.Match(%q) = %v, want %v", c, tt.path, got, tt.want)
		}
		if got := c.Matches(tt.path); got != (tt.want == All) {
			t.Errorf("%s.Matches(%q) = %v", c, tt.path, got)
		}
	}
}

func TestSamplePaths(t *testing.T) {
	got := SamplePaths("/docs/[[...slug]]", []string{"_next/static", "png"})
	for _, want := range []string{"/docs", "/docs/a/b", "/docs/a/b/c.d", "/docs/_next/static", "/docs/png", "/docs/x.png", "/docs/%20x"} {
		found := false
		for _, p := range got {
			found = found || p == want
		}
		if !found {
			t.Errorf("SamplePaths lacks %q: %q", want, got)
		}
	}
	if got := SamplePaths("/", nil); len(got) != 1 || got[0] != "/" {
		t.Errorf("root = %q", got)
	}
	if got := SamplePaths("/a b/ü", nil); len(got) != 1 || got[0] != "/a%20b/%C3%BC" {
		t.Errorf("encoded = %q", got)
	}
	// Unsafe words are not used as segment values.
	for _, p := range SamplePaths("/[x]", []string{"a?b", "..", "%zz", "ok"}) {
		if strings.ContainsAny(p, "?") || p == "/.." || strings.Contains(p, "%zz") {
			t.Errorf("unsafe sample %q", p)
		}
	}
}

func TestCoverageString(t *testing.T) {
	got := []string{}
	for _, c := range []Coverage{Unknown, None, Partial, Conditional, All} {
		got = append(got, c.String())
	}
	if strings.Join(got, " ") != "unknown none partial conditional all" {
		t.Fatal(got)
	}
}

// A matcher whose nested lookaheads exhaust the step budget is unknown, not a hang and not a guess.
func TestCoversBudget(t *testing.T) {
	c := matcherConfig(t, `"/((?:(?=(?=(?=a*)a*)a*)a)*b)"`)
	route := "/" + strings.Repeat("a", 3000)
	if got := c.Covers(route); got != Unknown {
		t.Fatalf("Covers = %v, want unknown", got)
	}
	if got := c.Match(route); got != Unknown {
		t.Fatalf("Match = %v, want unknown", got)
	}
	if got := c.Covers("/b"); got != All {
		t.Fatalf("short path: %v", got)
	}
}

func BenchmarkCovers(b *testing.B) {
	c := matcherConfig(b, clerkAssetsMatcher, clerkAPIMatcher)
	for i := 0; i < b.N; i++ {
		c.Covers("/api/users/[id]/posts/[...rest]")
	}
}
