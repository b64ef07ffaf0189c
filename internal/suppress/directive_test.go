package suppress

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseComment(t *testing.T) {
	for _, tc := range []struct {
		text             string
		kind             Kind
		patterns         []string
		reason, until    string
		problem, checked string // Problem after parsing, after check (substrings)
		expired          bool
	}{
		{text: "// archlint-disable-next-line security/raw-sql-injection -- public status endpoint", kind: NextLine,
			patterns: []string{"security/raw-sql-injection"}, reason: "public status endpoint"},
		{text: "/* archlint-disable-line security/raw-sql-injection,prisma/float-for-money --   spaced   out reason  */", kind: ThisLine,
			patterns: []string{"security/raw-sql-injection", "prisma/float-for-money"}, reason: "spaced out reason"},
		{text: "/**\n * archlint-disable-file prisma/* -- a multi-line\n * reason is collapsed\n */", kind: File,
			patterns: []string{"prisma/*"}, reason: "a multi-line * reason is collapsed"},
		{text: "// archlint-disable security/raw-sql-injection -- until 2026-12-31: migration script", kind: Disable,
			patterns: []string{"security/raw-sql-injection"}, reason: "migration script", until: "2026-12-31"},
		{text: "// archlint-disable security/raw-sql-injection -- until 2026-01-31: migration script", kind: Disable,
			patterns: []string{"security/raw-sql-injection"}, reason: "migration script", until: "2026-01-31", expired: true},
		{text: "// archlint-enable", kind: Enable},
		{text: "// archlint-enable security/raw-sql-injection", kind: Enable, patterns: []string{"security/raw-sql-injection"}},
		// A reason may contain " -- " itself: only the first separator counts.
		{text: "// archlint-disable-next-line security/raw-sql-injection -- a -- b -- c long enough", kind: NextLine,
			patterns: []string{"security/raw-sql-injection"}, reason: "a -- b -- c long enough"},
		// "--" glued to text is not the separator.
		{text: "// archlint-disable-next-line security/raw-sql-injection--no separator here", kind: NextLine,
			problem: `"security/raw-sql-injection--no separator here" is not a rule ID`},
		{text: "// archlint-disable-next-line security/raw-sql-injection --", kind: NextLine,
			patterns: []string{"security/raw-sql-injection"}, checked: "it gives no reason"},
		{text: "// archlint-disable-next-line a/b,,c/d -- reason long enough", kind: NextLine, problem: "empty rule ID"},
		{text: "// archlint-disable-next-line security/* , prisma/float-for-money -- reason long enough", kind: NextLine,
			patterns: []string{"security/*", "prisma/float-for-money"}, reason: "reason long enough"},
		{text: "// archlint-disable-next-line * -- reason long enough", kind: NextLine, patterns: []string{"*"}, reason: "reason long enough", checked: "must name a category"},
		{text: "// archlint-disable-next-line security/raw-sql-injection -- until tomorrow: reason long enough", kind: NextLine,
			patterns: []string{"security/raw-sql-injection"}, until: "tomorrow", reason: "reason long enough", checked: `invalid expiry date "tomorrow"`},
		{text: "// archlint-disable-next-line nope/x -- reason long enough", kind: NextLine, patterns: []string{"nope/x"}, reason: "reason long enough", checked: `unknown rule "nope/x"`},
		{text: "// archlint-disable-next-line nope/* -- reason long enough", kind: NextLine, patterns: []string{"nope/*"}, reason: "reason long enough", checked: `rule glob "nope/*" matches no rule (categories:`},
		{text: "// archlint-disabled security/raw-sql-injection -- reason long enough", problem: "not a known directive (did you mean archlint-disable?)"},
	} {
		d := parseComment(tc.text, 0)
		if d == nil {
			t.Errorf("%q: not parsed as a directive", tc.text)
			continue
		}
		if tc.problem != "" {
			if !strings.Contains(d.Problem, tc.problem) {
				t.Errorf("%q: problem %q, want %q", tc.text, d.Problem, tc.problem)
			}
			continue
		}
		if d.Problem != "" {
			t.Errorf("%q: unexpected problem %q", tc.text, d.Problem)
			continue
		}
		if d.Kind != tc.kind || !reflect.DeepEqual(d.Patterns, tc.patterns) || d.Reason != tc.reason || d.Until != tc.until {
			t.Errorf("%q: got kind %d %q reason %q until %q", tc.text, d.Kind, d.Patterns, d.Reason, d.Until)
		}
		d.check(10, "2026-06-01")
		if !strings.Contains(d.Problem, tc.checked) || tc.checked == "" && d.Problem != "" {
			t.Errorf("%q: problem after check %q, want %q", tc.text, d.Problem, tc.checked)
		}
		if d.Expired != tc.expired {
			t.Errorf("%q: expired = %v", tc.text, d.Expired)
		}
	}
	for _, text := range []string{"// eslint-disable-next-line", "// see archlint-disable-next-line in the docs", "/* a */", "// archlint"} {
		if d := parseComment(text, 0); d != nil {
			t.Errorf("%q parsed as a directive: %+v", text, d)
		}
	}
}

func TestScanComments(t *testing.T) {
	for _, tc := range []struct {
		src  string
		l    lang
		want []string
	}{
		{`model A { // one
  note String @default("// not a comment") /// doc
  url String @default("a\"// still a string")
}`, langPrisma, []string{"// one", "/// doc"}},
		{"const a = '// no'; /* yes */ const b = `x ${ {a: '/* no */'}.a } // no ${`/* nested no */`}` // yes\n", langJS,
			[]string{"/* yes */", "// yes"}},
		{"const a = \"unterminated\n// yes\n", langJS, []string{"// yes"}},
		{"/* never closed", langJS, []string{"/* never closed"}},
	} {
		var got []string
		for _, s := range scanComments([]byte(tc.src), tc.l) {
			got = append(got, tc.src[s.start:s.end])
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: comments %q, want %q", tc.src, got, tc.want)
		}
	}
}

func TestLeadingEnd(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want string // the text at the offset returned
	}{
		{"// a\n/* b */\n'use client';\nimport x from 'y';\n", "import x"},
		{"\uFEFF#!/usr/bin/env node\n// a\n\"use server\"\n\n'use strict'; // c\nexport {}\n", "export {}"},
		{"'a'.length; // x\n", "'a'.length"},
		{"// only comments\n", ""},
	} {
		var spans []span
		spans = scanComments([]byte(tc.src), langJS)
		got := tc.src[leadingEnd([]byte(tc.src), spans, langJS):]
		if !strings.HasPrefix(got, tc.want) {
			t.Errorf("%q: leading part ends before %q, want before %q", tc.src, got, tc.want)
		}
	}
}
