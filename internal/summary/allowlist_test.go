package summary

import "testing"

func TestStrictPattern(t *testing.T) {
	for _, c := range []struct {
		re   string
		want bool
	}{
		{`^[a-z0-9-]+$`, true},
		{`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$`, true},
		{`^(json|csv)$`, true},
		{`^\d{4}-\d{2}$`, true},
		{`^[\w.-]+$`, false}, // a dot in a class lets ".." through
		{`^[a-zA-Z0-9_-]+$`, true},
		{`^[\w-]{1,64}$`, true},
		{`^[\w./-]+$`, false},
		{`^[ -~]+$`, false},
		{`^\p{L}+$`, false},
		{`^[a-z\s]+$`, false},
		{`^[0-z]+$`, false}, // a range across kinds takes punctuation
		{`^.+$`, false},
		{`^[^/]+$`, false},
		{`^\S+$`, false},
		{`^a|b$`, false}, // (^a)|(b$): neither end is anchored for the whole
		{`[a-z]+`, false},
		{`^[a-z]+`, false},
		{`^[a-z]+\$`, false}, // an escaped dollar is a character, not the end
		{`^[a-z`, false},
	} {
		if got := strictPattern(c.re); got != c.want {
			t.Errorf("strictPattern(%q) = %v, want %v", c.re, got, c.want)
		}
	}
}
