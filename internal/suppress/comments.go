package suppress

import "strings"

// span is a comment's byte range.
type span struct{ start, end int }

// lang is the comment syntax of a file the parser did not keep.
type lang int

const (
	langNone   lang = iota
	langJS          // //, /* */; strings '…', "…", `…` with ${…}
	langPrisma      // // and ///; strings "…"
)

// langOf returns the comment syntax for a path, by extension.
func langOf(p string) lang {
	i := strings.LastIndexByte(p, '.')
	if i < 0 {
		return langNone
	}
	switch p[i:] {
	case ".prisma":
		return langPrisma
	case ".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs":
		return langJS
	}
	return langNone
}

// scanComments returns the comments of a file that was not parsed, with a small lexer that skips strings so
// that "// archlint-…" inside a string is not taken for a directive. For JavaScript it does not recognise
// regular expression literals (a directive-like text inside a regex is still safe: it must start a
// comment, and a regex containing "//" is rare); parsed files use the parser's comment spans instead.
func scanComments(src []byte, l lang) []span {
	var out []span
	// braces counts open "${" in template literals: a '}' at depth 0 of an interpolation resumes the
	// template.
	var tmpl []int
	depth := 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			j := i + 2
			for j < len(src) && src[j] != '\n' && src[j] != '\r' {
				j++
			}
			out = append(out, span{i, j})
			i = j - 1
		case l == langJS && c == '/' && i+1 < len(src) && src[i+1] == '*':
			j := strings.Index(string(src[i+2:]), "*/")
			end := len(src)
			if j >= 0 {
				end = i + 2 + j + 2
			}
			out = append(out, span{i, end})
			i = end - 1
		case c == '"' || l == langJS && c == '\'':
			i = skipString(src, i, c)
		case l == langJS && c == '`':
			i = skipTemplate(src, i+1, &tmpl, depth)
		case l == langJS && c == '{':
			depth++
		case l == langJS && c == '}':
			if n := len(tmpl); n > 0 && tmpl[n-1] == depth {
				tmpl = tmpl[:n-1]
				i = skipTemplate(src, i+1, &tmpl, depth)
				continue
			}
			depth--
		}
	}
	return out
}

// skipString returns the offset of the closing quote of the string opened at i (or of the line end).
func skipString(src []byte, i int, q byte) int {
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case q, '\n':
			return j
		}
	}
	return len(src)
}

// skipTemplate skips template-literal text from i to its closing backtick and returns its offset, or stops
// at "${" (recording the brace depth to return to) and returns the offset of the '{'.
func skipTemplate(src []byte, i int, tmpl *[]int, depth int) int {
	for j := i; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case '`':
			return j
		case '$':
			if j+1 < len(src) && src[j+1] == '{' {
				*tmpl = append(*tmpl, depth)
				return j + 1 // the '{' is not counted: the matching '}' resumes the template
			}
		}
	}
	return len(src)
}

// leadingEnd returns the offset of the first code in a file: what comes after the leading comments, a
// hashbang and (for JavaScript) the directive prologue ('use client', 'use server'). A file-level directive
// must end at or before it.
func leadingEnd(src []byte, comments []span, l lang) int {
	i, ci := 0, 0
	if strings.HasPrefix(string(src), "\uFEFF") {
		i = 3
	}
	if l == langJS && strings.HasPrefix(string(src[i:]), "#!") {
		for i < len(src) && src[i] != '\n' {
			i++
		}
	}
	for i < len(src) {
		switch c := src[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' && l == langJS:
			i++
		case c == '/':
			for ci < len(comments) && comments[ci].start < i {
				ci++
			}
			if ci < len(comments) && comments[ci].start == i {
				i = comments[ci].end
				continue
			}
			return i
		case l == langJS && (c == '\'' || c == '"'):
			// A directive is a string statement alone on its line: 'use client'; — not 'a'.length.
			j := skipString(src, i, c)
			if j >= len(src) || src[j] != c {
				return i
			}
			k := j + 1
			for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
				k++
			}
			if k < len(src) && src[k] == ';' {
				k++
			}
			for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
				k++
			}
			if k < len(src) && src[k] != '\n' && src[k] != '\r' && src[k] != '/' {
				return i
			}
			i = k
		default:
			return i
		}
	}
	return len(src)
}
