package matcher

import (
	"strings"
	"testing"
)

// Expectations are what Node.js's RegExp.prototype.test returns; the non-obvious ones say why.
func TestRegexTest(t *testing.T) {
	tests := []struct {
		pattern, flags, input string
		want                  bool
	}{
		{`abc`, "", "xabcx", true}, // test() searches
		{`^abc$`, "", "xabc", false},
		{`^a.c$`, "", "a\nc", false}, // . excludes line terminators
		{`^a.c$`, "s", "a\nc", true},
		{`^[^]$`, "", "\n", true}, // [^] is any character
		{`^[]$`, "", "a", false},  // [] is no character
		{`^a|b$`, "", "xb", true},
		{`^(?:a|b)$`, "", "xb", false},
		{`^(?!api).*$`, "", "apix", false},
		{`^(?!api).*$`, "", "xapi", true},
		{`^(?!.*\.).*$`, "", "a/b.c", false},
		{`^(?!.*\.).*$`, "", "a/bc", true},
		{`^.*(?<!\.png)$`, "", "a.png", false}, // lookbehind
		{`^.*(?<!\.png)$`, "", "a.pngx", true},
		{`^js(?!on)`, "", "json", false},
		{`^js(?!on)`, "", "js", true},
		{`^a{2,3}$`, "", "aaaa", false},
		{`^a{2,3}$`, "", "aaa", true},
		{`^a{2,}$`, "", "aaaaaa", true},
		{`^a{,2}$`, "", "a{,2}", true},  // Annex B: not a quantifier, literal
		{`^x{a}$`, "", "x{a}", true},    // literal braces
		{`^\d+$`, "", "123", true},      //
		{`^\D+$`, "", "12a", false},     //
		{`^[\w-]+$`, "", "a-b_c", true}, //
		{`^[\d-x]+$`, "", "1-x", true},  // Annex B: class escape in a range is a union with '-'
		{`^[a-c]+$`, "i", "ABC", true},
		{`^[^a-c]$`, "i", "B", false}, // negation applies after case-insensitive membership
		{`^\u017f$`, "i", "s", false}, // non-u Canonicalize never maps non-ASCII to ASCII
		{`^ABC$`, "i", "abc", true},
		{`^\bfoo\b`, "", "foo bar", true},
		{`^\Bfoo`, "", "foo", false},
		{`^\x41\u0042\0$`, "", "AB\x00", true},
		{`^\1$`, "", "\x01", true}, // no group 1: legacy octal escape
		{`^\8$`, "", "8", true},    // identity escape
		{`^\cJ$`, "", "\n", true},
		{`^\c$`, "", `\c`, true}, // \c without a letter: literal backslash then c
		{`^(a*)*$`, "", "aaaa", true},
		{`^(a*)*b$`, "", strings.Repeat("a", 60), false}, // exponential in a naive backtracker
		{`^(?=a)*a$`, "", "a", true},                     // Annex B quantified lookahead
		{`^a$`, "m", "x\na\ny", true},                    // multiline anchors
		{`^(?<name>a)b$`, "", "ab", true},
		{`\/api\/`, "", "/api/x", true},
		{`^]$`, "", "]", true},
		{`^[\b]$`, "", "\b", true},
		{`^a??b$`, "", "b", true},
	}
	for _, tt := range tests {
		r, err := compileJS(tt.pattern, tt.flags)
		if err != nil {
			t.Errorf("compileJS(%q, %q): %v", tt.pattern, tt.flags, err)
			continue
		}
		got, err := r.test(tt.input, budgetOf(DefaultBudget))
		if err != nil || got != tt.want {
			t.Errorf("/%s/%s.test(%q) = %v, %v; want %v", tt.pattern, tt.flags, tt.input, got, err, tt.want)
		}
	}
}

// Patterns JavaScript rejects, and valid ones this package does not run.
func TestRegexErrors(t *testing.T) {
	tests := []struct {
		pattern, flags string
		unsupported    bool
	}{
		{`*a`, "", false},
		{`a**`, "", false},
		{`(a`, "", false},
		{`a)`, "", false},
		{`[a`, "", false},
		{`[z-a]`, "", false},
		{`a{3,2}`, "", false},
		{`^*`, "", false},
		{`(?<=a)*`, "", false}, // lookbehinds cannot be quantified
		{`(?x)`, "", false},
		{`\`, "", false},
		{`{2}`, "", false},
		{`a`, "gg", false},
		{`a`, "q", false},
		{`(a)\1`, "", true},
		{`(?<n>a)\k<n>`, "", true},
		{`\p{L}`, "u", true},
		{`(?i:a)`, "", true},
		{strings.Repeat("(", 300) + strings.Repeat(")", 300), "", true},
		{`(a{1000}){1000}`, "", true},
	}
	for _, tt := range tests {
		_, err := compileJS(tt.pattern, tt.flags)
		if err == nil {
			t.Errorf("compileJS(%q, %q) succeeded, want an error", tt.pattern, tt.flags)
			continue
		}
		if isUnsupported(err) != tt.unsupported {
			t.Errorf("compileJS(%q, %q): %v; unsupported = %v, want %v", tt.pattern, tt.flags, err, isUnsupported(err), tt.unsupported)
		}
	}
}

func TestRegexBudget(t *testing.T) {
	// Nested lookbehinds at every position: quadratic runs per position, each charged to the budget.
	r, err := compileJS(`^(?:(?<=(?:(?<=a*)a)*)a)*$`, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.test(strings.Repeat("a", 3000), budgetOf(10000)); err != errBudget {
		t.Fatalf("err = %v, want errBudget", err)
	}
	if ok, err := r.test("aaa", budgetOf(DefaultBudget)); err != nil || !ok {
		t.Fatalf("short input: %v, %v", ok, err)
	}
}

func budgetOf(n int) *int { return &n }

func TestLiteralRuns(t *testing.T) {
	n, err := parseRegex(`(?!api|_next\/static|.*\.png$)js(?!on)[a-z]x*`, reFlags{})
	if err != nil {
		t.Fatal(err)
	}
	var runs []string
	literalRuns(n, &runs)
	got := strings.Join(runs, " ")
	if want := "api _next/static .png js on x"; got != want {
		t.Fatalf("runs = %q, want %q", got, want)
	}
}
