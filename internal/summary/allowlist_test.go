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
		{`^[\w.-]+$`, true}, // a dot inside a class is a dot
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
