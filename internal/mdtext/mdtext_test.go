package mdtext

import "testing"

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"a <b> | c":        `a \<b\> \| c`,
		"line\nbreak\ttab": "line break tab",
		"{x}":              "{x}",
	} {
		if got := Escape(in, ""); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Escape("{x}", "{}"); got != `\{x\}` {
		t.Errorf("Escape with braces = %q", got)
	}
}

func TestCode(t *testing.T) {
	for in, want := range map[string]string{
		"auth/x":  "`auth/x`",
		"a`b":     "`` a`b ``",
		"a|b":     "`a\\|b`",
		" lead":   "`  lead `",
		"two\nln": "`two ln`",
	} {
		if got := Code(in); got != want {
			t.Errorf("Code(%q) = %q, want %q", in, got, want)
		}
	}
}
