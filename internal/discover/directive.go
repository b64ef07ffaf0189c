package discover

// Module directives, without a parser.
//
// React's 'use server' and 'use client' are directives: string-literal expression statements in the
// directive prologue, the run of such statements at the very top of a module (ECMAScript §11.2.1). A
// module-level 'use server' makes every export a server action; the same string as the first statement of a
// function body makes only that function one (an "inline" action, which needs a parse to find).
//
// The scanner below recognises the prologue from raw bytes:
//   - a UTF-8 BOM, and a "#!" line at the very start, are skipped;
//   - whitespace (including CR, so CRLF files work, NBSP, U+FEFF and U+2028/2029) and // and /* */ comments
//     between statements are skipped;
//   - each statement must be a single- or double-quoted string (a template literal is not a directive),
//     ended by ";", by the end of the file, or by a line break after which the next token cannot continue an
//     expression (automatic semicolon insertion); `'use server'.length` or `"use server" + x` is no
//     directive;
//   - other directives ('use strict', 'use cache', …) may come first;
//   - the directive text must be exactly "use server" or "use client": like ECMAScript's "use strict", a
//     string containing an escape sequence never counts.
// The first of the two found wins; anything else ends the prologue.

import "bytes"

// ModuleDirective returns "use server" or "use client" when src, a JavaScript or TypeScript module, has that
// directive in its prologue, and "" otherwise.
func ModuleDirective(src []byte) string {
	n := len(src)
	i := 0
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		i = 3
	}
	if bytes.HasPrefix(src[i:], []byte("#!")) {
		for i < n && src[i] != '\n' && src[i] != '\r' {
			i++
		}
	}
	for {
		var ok bool
		if i, _, ok = skipTrivia(src, i); !ok || i >= n {
			return ""
		}
		q := src[i]
		if q != '\'' && q != '"' {
			return ""
		}
		j := i + 1
		escaped := false
		for j < n && src[j] != q {
			switch src[j] {
			case '\\':
				escaped = true
				j++
			case '\n', '\r':
				return "" // unterminated string: a syntax error, not a directive
			}
			j++
		}
		if j >= n {
			return ""
		}
		text := src[i+1 : j]
		k, newline, ok := skipTrivia(src, j+1)
		if !ok {
			return ""
		}
		switch {
		case k >= n:
		case src[k] == ';':
			k++
		case newline && !continuesExpression(src[k]):
		default:
			return "" // the string is part of a larger expression
		}
		if !escaped {
			if s := string(text); s == UseServer || s == UseClient {
				return s
			}
		}
		i = k
	}
}

// skipTrivia skips whitespace and comments from i. It reports whether a line terminator was crossed, and ok
// = false for an unterminated block comment.
func skipTrivia(src []byte, i int) (next int, newline, ok bool) {
	n := len(src)
	for i < n {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\v' || c == '\f':
			i++
		case c == '\n' || c == '\r':
			newline = true
			i++
		case c == 0xC2 && i+1 < n && src[i+1] == 0xA0: // NBSP
			i += 2
		case c == 0xEF && i+2 < n && src[i+1] == 0xBB && src[i+2] == 0xBF: // ZWNBSP (BOM)
			i += 3
		case c == 0xE2 && i+2 < n && src[i+1] == 0x80 && (src[i+2] == 0xA8 || src[i+2] == 0xA9): // LS, PS
			newline = true
			i += 3
		case c == '/' && i+1 < n && src[i+1] == '/':
			for i < n && src[i] != '\n' && src[i] != '\r' {
				i++
			}
		case c == '/' && i+1 < n && src[i+1] == '*':
			end := bytes.Index(src[i+2:], []byte("*/"))
			if end < 0 {
				return n, newline, false
			}
			body := src[i+2 : i+2+end]
			if bytes.ContainsAny(body, "\n\r") || bytes.Contains(body, []byte("\u2028")) || bytes.Contains(body, []byte("\u2029")) {
				newline = true
			}
			i += 2 + end + 2
		default:
			return i, newline, true
		}
	}
	return i, newline, true
}

// continuesExpression reports whether a token starting with c, on the line after a string literal, would
// continue the string's expression instead of starting a new statement.
func continuesExpression(c byte) bool {
	switch c {
	case '.', '[', '(', '`', '+', '-', '*', '/', '%', ',', '?', '=', '<', '>', '&', '|', '^':
		return true
	}
	return false
}
