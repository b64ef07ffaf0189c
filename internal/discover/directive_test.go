package discover

import (
	"bytes"
	"testing"
)

func TestModuleDirective(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"single quotes", "'use server'\nexport async function a() {}", UseServer},
		{"double quotes with semicolon", `"use server"; export async function a() {}`, UseServer},
		{"use client", "'use client'\n\nexport default function C() {}", UseClient},
		{"CRLF", "'use server'\r\nexport async function a() {}\r\n", UseServer},
		{"BOM", "\ufeff'use server'\nexport const x = 1", UseServer},
		{"BOM and CRLF", "\ufeff\r\n\r\n\"use server\";\r\n", UseServer},
		{"line comment first", "// actions for the form\n'use server'\n", UseServer},
		{"block comment first", "/**\n * Actions.\n */\n\"use server\"\n", UseServer},
		{"comment on the same line", "'use server' // all exports are actions\nexport {}", UseServer},
		{"block comment after", "'use server' /* x */;\n", UseServer},
		{"shebang", "#!/usr/bin/env node\n'use server'\n", UseServer},
		{"BOM and shebang", "\ufeff#!/usr/bin/env node\r\n'use client'\r\n", UseClient},
		{"after use strict", `"use strict"; "use server"; export {}`, UseServer},
		{"after use strict, ASI", "'use strict'\n'use server'\n", UseServer},
		{"after another directive", "'use cache'\n'use client'\n", UseClient},
		{"first of two wins", "'use client'\n'use server'\n", UseClient},
		{"end of file", "'use server'", UseServer},
		{"leading whitespace", " \t\n  'use server'", UseServer},
		{"NBSP and line separator", "\u00a0\u2028'use server'", UseServer},
		{"inside a function", "export async function a() {\n  'use server'\n}\n", ""},
		{"after an import", "import x from 'y'\n'use server'\n", ""},
		{"after a statement", "const a = 1;\n'use server'\n", ""},
		{"template literal", "`use server`\n", ""},
		{"member access", "'use server'.length\n", ""},
		{"concatenation on the next line", "'use server'\n+ x\n", ""},
		{"call on the next line", "'use server'\n(x)\n", ""},
		{"comma", "'use server', x\n", ""},
		{"escape sequence", `'use\x20server'` + "\n", ""},
		{"other text", "'use servers'\n", ""},
		{"capitalised", "'Use server'\n", ""},
		{"only a comment", "// 'use server'\n", ""},
		{"in a block comment", "/* 'use server' */\n", ""},
		{"unterminated comment", "/* 'use server'\n", ""},
		{"unterminated string", "'use server\n", ""},
		{"empty", "", ""},
		{"after a non-directive string prologue ends", "'use strict'.length\n'use server'\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ModuleDirective([]byte(tt.src)); got != tt.want {
				t.Errorf("ModuleDirective(%q) = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
}

func FuzzModuleDirective(f *testing.F) {
	for _, s := range []string{
		"'use server'\n", "\ufeff#!x\r\n/* a */ \"use strict\"; 'use client'", "'use server", "/*", "'a'\n.b",
		"\u2028'use server'", "'\\'use server'",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		got := ModuleDirective(src)
		if got != "" && got != UseServer && got != UseClient {
			t.Fatalf("ModuleDirective = %q", got)
		}
		if got != "" && !bytes.Contains(src, []byte(got)) {
			t.Fatalf("ModuleDirective = %q, but the text does not contain it", got)
		}
	})
}
