package matcher

import (
	"testing"
	"time"
)

// FuzzMatcher feeds arbitrary pattern × path pairs through every compiler (Next.js matcher source, Clerk
// route, RegExp with and without flags) and the coverage sampler. Nothing may panic, and every call must
// end: the step budget bounds matching, maxInsts and maxNesting bound compiling.
func FuzzMatcher(f *testing.F) {
	seeds := [][2]string{
		{"/dashboard/:path*", "/dashboard/a/b"},
		{"/((?!api|_next/static|_next/image|favicon.ico).*)", "/api/users/[id]"},
		{`/((?!_next|[^?]*\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)`, "/logo.png"},
		{"/(api|trpc)(.*)", "/trpc/[trpc]"},
		{`/api/users/:id(\d+)`, "/api/users/[id]"},
		{"/:lang?/about", "/docs/[[...slug]]"},
		{"/foo{-:bar}?", "/foo-x"},
		{`^(?:(?<=(?:(?<=a*)a)*)a)*$`, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
		{`(a*)*b`, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
		{`(?i:a)\k<n>(?<n>)`, "/[...x]"},
		{"/{", "/%zz"},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pattern, path string) {
		if len(pattern) > 512 || len(path) > 512 {
			t.Skip()
		}
		start := time.Now()
		if re, _, err := compileNextSource(pattern); err == nil {
			_, _ = re.test(path, budgetOf(DefaultBudget))
			c := &Config{Scope: ScopeMatchers, Matchers: []Matcher{{Source: pattern, re: re}}}
			_ = c.Covers(path)
		}
		r := Route{Pattern: pattern}
		if r.compile() == nil {
			_ = (&RouteList{Routes: []Route{r}}).Covers(path)
		}
		for _, flags := range []string{"", "imsy"} {
			if re, err := compileJS(pattern, flags); err == nil {
				_, _ = re.test(path, budgetOf(DefaultBudget))
			}
		}
		_, _ = decodeJSString(`"` + pattern + `"`)
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("took %v", d)
		}
	})
}
