package matcher

import (
	"fmt"
	"strings"
)

// This file is a port of path-to-regexp 6.3.0 (`parse` and `tokensToRegexp`), the version Next.js bundles
// as next/dist/compiled/path-to-regexp and that Clerk vendors in @clerk/shared. It produces the regular
// expression *source* exactly as the JavaScript library does; jsregex.go then compiles that source with
// JavaScript semantics. Keeping the intermediate string makes the port checkable against the library's
// documented outputs (see pathtoregexp_test.go).
//
// Differences between the 6.x releases that matter for old lockfiles (Next.js ≤ 14.1 and Clerk v4 shipped
// 6.1–6.2):
//   - 6.3.0 builds a parameter's default pattern as `(?:(?!<prev text>)[^\/#\?])+?` when the text before
//     it is not a delimiter (`/:a-:b`), where 6.2 used `[^\/#\?]+?`; and it rejects two parameters with no
//     text between them (`/:a:b`).
//   - 6.3.0 throws "Can not repeat ... without a prefix and suffix" for `(x)*` / `:x+` with no prefix;
//     6.2 compiled it to `((?:x)*)`. Next.js catches that error and retries with prefix "/"
//     (route-pattern-normalizer.ts, normalizeTokensForRegexp); ptrOptions.normalizeRepeat does the same.
// Only 6.3.0 is modelled.

// ptrToken is a path-to-regexp token: literal text, or a key (parameter or unnamed pattern group).
type ptrToken struct {
	isText bool
	text   string
	// name is the parameter name, or the decimal index of an unnamed group; "" for a `{...}` group
	// without a name or pattern.
	name     string
	prefix   string
	suffix   string
	pattern  string
	modifier string
}

type ptrLexKind uint8

const (
	lexOpen ptrLexKind = iota + 1
	lexClose
	lexPattern
	lexName
	lexChar
	lexEscaped
	lexModifier
	lexEnd
)

var ptrLexNames = [...]string{lexOpen: "OPEN", lexClose: "CLOSE", lexPattern: "PATTERN", lexName: "NAME",
	lexChar: "CHAR", lexEscaped: "ESCAPED_CHAR", lexModifier: "MODIFIER", lexEnd: "END"}

type ptrLex struct {
	kind  ptrLexKind
	index int
	value string
}

// ptrLexer tokenizes like path-to-regexp's lexer. It works on UTF-16 code units in JavaScript; working on
// runes differs only in the error indexes for non-BMP characters.
func ptrLexer(s string) ([]ptrLex, error) {
	str := []rune(s)
	var out []ptrLex
	i := 0
	for i < len(str) {
		c := str[i]
		switch {
		case c == '*' || c == '+' || c == '?':
			out = append(out, ptrLex{lexModifier, i, string(c)})
			i++
		case c == '\\':
			// `\` at the very end yields an ESCAPED_CHAR with an empty value, as str[i++] is undefined.
			v := ""
			if i+1 < len(str) {
				v = string(str[i+1])
			}
			out = append(out, ptrLex{lexEscaped, i, v})
			i += 2
		case c == '{':
			out = append(out, ptrLex{lexOpen, i, "{"})
			i++
		case c == '}':
			out = append(out, ptrLex{lexClose, i, "}"})
			i++
		case c == ':':
			j := i + 1
			for j < len(str) && (str[j] >= '0' && str[j] <= '9' || str[j] >= 'A' && str[j] <= 'Z' ||
				str[j] >= 'a' && str[j] <= 'z' || str[j] == '_') {
				j++
			}
			if j == i+1 {
				return nil, fmt.Errorf("missing parameter name at %d", i)
			}
			out = append(out, ptrLex{lexName, i, string(str[i+1 : j])})
			i = j
		case c == '(':
			count := 1
			var pat strings.Builder
			j := i + 1
			if j < len(str) && str[j] == '?' {
				return nil, fmt.Errorf("pattern cannot start with \"?\" at %d", j)
			}
			for j < len(str) {
				if str[j] == '\\' {
					pat.WriteRune('\\')
					if j+1 < len(str) {
						pat.WriteRune(str[j+1])
					}
					j += 2
					continue
				}
				if str[j] == ')' {
					count--
					if count == 0 {
						j++
						break
					}
				} else if str[j] == '(' {
					count++
					if j+1 >= len(str) || str[j+1] != '?' {
						return nil, fmt.Errorf("capturing groups are not allowed at %d", j)
					}
				}
				pat.WriteRune(str[j])
				j++
			}
			if count != 0 {
				return nil, fmt.Errorf("unbalanced pattern at %d", i)
			}
			if pat.Len() == 0 {
				return nil, fmt.Errorf("missing pattern at %d", i)
			}
			out = append(out, ptrLex{lexPattern, i, pat.String()})
			i = j
		default:
			out = append(out, ptrLex{lexChar, i, string(c)})
			i++
		}
	}
	out = append(out, ptrLex{lexEnd, i, ""})
	return out, nil
}

const ptrDelimiter = "/#?"

// ptrParse is path-to-regexp 6.3.0's parse with default options (prefixes "./", delimiter "/#?").
func ptrParse(s string) ([]ptrToken, error) {
	lex, err := ptrLexer(s)
	if err != nil {
		return nil, err
	}
	var result []ptrToken
	key := 0
	i := 0
	path := ""
	try := func(k ptrLexKind) (string, bool) {
		if i < len(lex) && lex[i].kind == k {
			i++
			return lex[i-1].value, true
		}
		return "", false
	}
	// truthy mirrors JavaScript's `tryConsume(...) || ...`: an empty string (an escaped end of input) is
	// falsy.
	truthy := func(k ptrLexKind) string {
		v, _ := try(k)
		return v
	}
	consumeText := func() string {
		var b strings.Builder
		for {
			v := truthy(lexChar)
			if v == "" {
				v = truthy(lexEscaped)
			}
			if v == "" {
				return b.String()
			}
			b.WriteString(v)
		}
	}
	isSafe := func(v string) bool { return strings.ContainsAny(v, ptrDelimiter) }
	defaultPattern := "[^" + escapeString(ptrDelimiter) + "]+?"
	safePattern := func(prefix string) (string, error) {
		prevText := prefix
		var prev *ptrToken
		if len(result) > 0 {
			prev = &result[len(result)-1]
			if prevText == "" && prev.isText {
				prevText = prev.text
			}
		}
		if prev != nil && prevText == "" {
			return "", fmt.Errorf("must have text between two parameters, missing text after %q", prev.name)
		}
		if prevText == "" || isSafe(prevText) {
			return defaultPattern, nil
		}
		return "(?:(?!" + escapeString(prevText) + ")[^" + escapeString(ptrDelimiter) + "])+?", nil
	}

	for i < len(lex) {
		char := truthy(lexChar)
		name := truthy(lexName)
		pattern := truthy(lexPattern)
		if name != "" || pattern != "" {
			prefix := char
			// "./".indexOf("") is 0 in JavaScript too: an empty prefix counts as a prefix.
			if !strings.Contains("./", prefix) {
				path += prefix
				prefix = ""
			}
			if path != "" {
				result = append(result, ptrToken{isText: true, text: path})
				path = ""
			}
			tok := ptrToken{name: name, prefix: prefix, pattern: pattern}
			if name == "" {
				tok.name = fmt.Sprint(key)
				key++
			}
			if pattern == "" {
				p, err := safePattern(prefix)
				if err != nil {
					return nil, err
				}
				tok.pattern = p
			}
			tok.modifier = truthy(lexModifier)
			result = append(result, tok)
			continue
		}
		value := char
		if value == "" {
			value = truthy(lexEscaped)
		}
		if value != "" {
			path += value
			continue
		}
		if path != "" {
			result = append(result, ptrToken{isText: true, text: path})
			path = ""
		}
		if _, ok := try(lexOpen); ok {
			prefix := consumeText()
			name := truthy(lexName)
			pattern := truthy(lexPattern)
			suffix := consumeText()
			if _, ok := try(lexClose); !ok {
				return nil, ptrUnexpected(lex, i, lexClose)
			}
			tok := ptrToken{name: name, prefix: prefix, suffix: suffix, pattern: pattern}
			if name == "" && pattern != "" {
				tok.name = fmt.Sprint(key)
				key++
			}
			if name != "" && pattern == "" {
				p, err := safePattern(prefix)
				if err != nil {
					return nil, err
				}
				tok.pattern = p
			}
			tok.modifier = truthy(lexModifier)
			result = append(result, tok)
			continue
		}
		if _, ok := try(lexEnd); !ok {
			return nil, ptrUnexpected(lex, i, lexEnd)
		}
	}
	return result, nil
}

func ptrUnexpected(lex []ptrLex, i int, want ptrLexKind) error {
	return fmt.Errorf("unexpected %s at %d, expected %s", ptrLexNames[lex[i].kind], lex[i].index, ptrLexNames[want])
}

// escapeString is path-to-regexp's escapeString: it backslash-escapes .+*?=^!:${}()[]|/\ .
func escapeString(s string) string {
	var b strings.Builder
	for _, c := range s {
		if strings.ContainsRune(".+*?=^!:${}()[]|/\\", c) {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// ptrOptions are the tokensToRegexp options archlint needs; the zero value is the library's default
// (strict false, start true, end true, delimiter "/#?", endsWith "").
type ptrOptions struct {
	// normalizeRepeat applies Next.js's normalizeTokensForRegexp: when 6.3.0 refuses a repeated token
	// without prefix and suffix, retry with prefix "/".
	normalizeRepeat bool
}

var errRepeatWithoutPrefix = fmt.Errorf("can not repeat without a prefix and suffix")

// ptrTokensToRegexp is tokensToRegexp: it returns the regular expression source (the library also sets the
// "i" flag, which callers decide on separately: Next.js drops it, Clerk keeps it).
func ptrTokensToRegexp(tokens []ptrToken, opts ptrOptions) (string, error) {
	src, err := ptrTokensToRegexpOnce(tokens)
	if err == errRepeatWithoutPrefix && opts.normalizeRepeat {
		norm := make([]ptrToken, len(tokens))
		copy(norm, tokens)
		for i := range norm {
			t := &norm[i]
			if !t.isText && (t.modifier == "*" || t.modifier == "+") && t.prefix == "" && t.suffix == "" {
				t.prefix = "/"
			}
		}
		return ptrTokensToRegexpOnce(norm)
	}
	return src, err
}

func ptrTokensToRegexpOnce(tokens []ptrToken) (string, error) {
	delimiterRe := "[" + escapeString(ptrDelimiter) + "]"
	var route strings.Builder
	route.WriteString("^")
	for _, t := range tokens {
		if t.isText {
			route.WriteString(escapeString(t.text))
			continue
		}
		prefix, suffix := escapeString(t.prefix), escapeString(t.suffix)
		if t.pattern == "" {
			fmt.Fprintf(&route, "(?:%s%s)%s", prefix, suffix, t.modifier)
			continue
		}
		if prefix != "" || suffix != "" {
			if t.modifier == "+" || t.modifier == "*" {
				mod := ""
				if t.modifier == "*" {
					mod = "?"
				}
				fmt.Fprintf(&route, "(?:%s((?:%s)(?:%s%s(?:%s))*)%s)%s", prefix, t.pattern, suffix, prefix, t.pattern, suffix, mod)
			} else {
				fmt.Fprintf(&route, "(?:%s(%s)%s)%s", prefix, t.pattern, suffix, t.modifier)
			}
			continue
		}
		if t.modifier == "+" || t.modifier == "*" {
			return "", errRepeatWithoutPrefix
		}
		fmt.Fprintf(&route, "(%s)%s", t.pattern, t.modifier)
	}
	route.WriteString(delimiterRe + "?$")
	return route.String(), nil
}

// ptrSource parses a path-to-regexp string and returns its regular expression source.
func ptrSource(s string, opts ptrOptions) (string, error) {
	toks, err := ptrParse(s)
	if err != nil {
		return "", err
	}
	return ptrTokensToRegexp(toks, opts)
}
