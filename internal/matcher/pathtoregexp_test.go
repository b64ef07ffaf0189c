package matcher

import (
	"strings"
	"testing"
)

// The expected sources are derived by hand from path-to-regexp 6.3.0's parse and tokensToRegexp (default
// options: prefixes "./", delimiter "/#?", non-strict, anchored); comments walk through the less obvious
// ones.
func TestPathToRegexpSource(t *testing.T) {
	tests := []struct{ in, want string }{
		// "/" before :path is a prefix; * makes the repeated group optional, each repetition re-adds "/".
		{`/dashboard/:path*`, `^\/dashboard(?:\/((?:[^\/#\?]+?)(?:\/(?:[^\/#\?]+?))*))?[\/#\?]?$`},
		{`/files/:path+`, `^\/files(?:\/((?:[^\/#\?]+?)(?:\/(?:[^\/#\?]+?))*))[\/#\?]?$`},
		// An unnamed group after "/" takes "/" as its prefix; the second group follows text-less, without
		// prefix. Custom patterns are inserted unescaped.
		{`/(api|trpc)(.*)`, `^(?:\/(api|trpc))(.*)[\/#\?]?$`},
		{`/user/:id(\d+)`, `^\/user(?:\/(\d+))[\/#\?]?$`},
		{`/:lang?/about`, `^(?:\/([^\/#\?]+?))?\/about[\/#\?]?$`},
		// "d" is not a prefix character, so it stays text and the group has no prefix.
		{`/dashboard(.*)`, `^\/dashboard(.*)[\/#\?]?$`},
		// 6.3.0 backtrack protection: after text that is not a delimiter ("-", "."), the default pattern
		// refuses that text.
		{`/:a-:b`, `^(?:\/([^\/#\?]+?))-((?:(?!-)[^\/#\?])+?)[\/#\?]?$`},
		{`/x.:ext`, `^\/x(?:\.((?:(?!\.)[^\/#\?])+?))[\/#\?]?$`},
		{`/foo{-:bar}?`, `^\/foo(?:-((?:(?!-)[^\/#\?])+?))?[\/#\?]?$`},
		{`/a.b`, `^\/a\.b[\/#\?]?$`},
		{`/\:x`, `^\/\:x[\/#\?]?$`},
		{`/((?!api|_next).*)`, `^(?:\/((?!api|_next).*))[\/#\?]?$`},
		// Next.js's wrapping of "/" (getMiddlewareMatchers): the index group consumes the source's "/" as
		// its prefix, the optional trailing delimiter supplies it back.
		{`/:nextData(_next/data/[^/]{1,})?/(/?index|/?index\.json)?`, `^(?:\/(_next/data/[^/]{1,}))?(?:\/(/?index|/?index\.json))?[\/#\?]?$`},
		{`/:nextData(_next/data/[^/]{1,})?/api/:path*{(\.json)}?`, `^(?:\/(_next/data/[^/]{1,}))?\/api(?:\/((?:[^\/#\?]+?)(?:\/(?:[^\/#\?]+?))*))?(\.json)?[\/#\?]?$`},
	}
	for _, tt := range tests {
		got, err := ptrSource(tt.in, ptrOptions{})
		if err != nil || got != tt.want {
			t.Errorf("ptrSource(%q) = %q, %v\n want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestPathToRegexpErrors(t *testing.T) {
	tests := []struct{ in, wantErr string }{
		{`/:a:b`, "must have text between two parameters"},
		{`/api/*`, "unexpected MODIFIER at 5, expected END"},
		{`/(?!x)`, `pattern cannot start with "?" at 2`},
		{`/((x))`, "capturing groups are not allowed at 2"},
		{`/(x`, "unbalanced pattern at 1"},
		{`/:`, "missing parameter name at 1"},
		{`/()`, "missing pattern at 1"},
		{`/{:a`, "unexpected END at 4, expected CLOSE"},
		{`/foo(.*)*`, "can not repeat"},
	}
	for _, tt := range tests {
		_, err := ptrSource(tt.in, ptrOptions{})
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("ptrSource(%q) error = %v, want %q", tt.in, err, tt.wantErr)
		}
	}
}

// Next.js retries a refused repeat with prefix "/" (normalizeTokensForRegexp).
func TestPathToRegexpNormalizeRepeat(t *testing.T) {
	got, err := ptrSource(`/foo(.*)*`, ptrOptions{normalizeRepeat: true})
	want := `^\/foo(?:\/((?:.*)(?:\/(?:.*))*))?[\/#\?]?$`
	if err != nil || got != want {
		t.Fatalf("got %q, %v; want %q", got, err, want)
	}
}
