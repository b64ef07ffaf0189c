package prismaschema

import (
	"unicode"
	"unicode/utf8"
)

// tokenKind is the kind of a lexical token.
type tokenKind uint8

const (
	tokEOF     tokenKind = iota
	tokNewline           // "\n", "\r\n" or a lone "\r"
	tokComment           // "//…" up to the end of the line
	tokIdent             // identifier or dotted path: User, db.VarChar
	tokNumber            // -3, 1.5
	tokString            // "…", possibly unterminated (the scanner reports it)
	tokAt                // @
	tokAtAt              // @@
	tokLParen
	tokRParen
	tokLBracket
	tokRBracket
	tokLBrace
	tokRBrace
	tokComma
	tokColon
	tokEquals
	tokQuestion
	tokBang
	tokIllegal // one character (or one invalid byte) that PSL has no use for
)

var punctNames = [...]string{tokAt: "'@'", tokAtAt: "'@@'", tokLParen: "'('", tokRParen: "')'",
	tokLBracket: "'['", tokRBracket: "']'", tokLBrace: "'{'", tokRBrace: "'}'", tokComma: "','",
	tokColon: "':'", tokEquals: "'='", tokQuestion: "'?'", tokBang: "'!'"}

var punctKinds = [128]tokenKind{'(': tokLParen, ')': tokRParen, '[': tokLBracket, ']': tokRBracket,
	'{': tokLBrace, '}': tokRBrace, ',': tokComma, ':': tokColon, '=': tokEquals, '?': tokQuestion, '!': tokBang}

// token is a kind and a byte range of the source.
type token struct {
	kind       tokenKind
	start, end int32 // Parse rejects sources of 2 GiB and more
}

// scanner produces the tokens of a source one at a time. Whitespace (spaces, tabs, other Unicode space
// separators, U+FEFF) separates tokens and is dropped. After the end of the source it returns tokEOF
// forever.
type scanner struct {
	src []byte
	off int
	// unterminated is called for each unterminated string literal.
	unterminated func(start, end int32)
}

func (s *scanner) scan() token {
	src := s.src
	i := s.off
	for i < len(src) {
		c := src[i]
		start := i
		kind := tokIllegal
		switch {
		case c == ' ' || c == '\t' || c == '\v' || c == '\f':
			i++
			continue
		case c == '\n':
			kind, i = tokNewline, i+1
		case c == '\r':
			kind, i = tokNewline, i+1
			if i < len(src) && src[i] == '\n' {
				i++
			}
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			kind = tokComment
			for i < len(src) && src[i] != '\n' && src[i] != '\r' {
				i++
			}
		case c == '"':
			var closed bool
			kind = tokString
			if i, closed = scanString(src, i); !closed {
				s.unterminated(int32(start), int32(i))
			}
		case c == '-' && i+1 < len(src) && isDigit(src[i+1]), isDigit(c):
			kind, i = tokNumber, scanNumber(src, i)
			if i < len(src) && isIdentByte(src[i]) && c != '-' {
				kind, i = tokIdent, scanIdent(src, i) // "2fa": a name that starts with digits
			}
		case isIdentByte(c) && c != '-':
			kind, i = tokIdent, scanIdent(src, i)
		case c == '@':
			kind, i = tokAt, i+1
			if i < len(src) && src[i] == '@' {
				kind, i = tokAtAt, i+1
			}
		case c < utf8.RuneSelf:
			if k := punctKinds[c]; k != 0 {
				kind = k
			}
			i++
		default:
			r, size := utf8.DecodeRune(src[i:])
			i += size
			if r == '\uFEFF' || unicode.Is(unicode.Zs, r) {
				continue
			}
		}
		s.off = i
		return token{kind, int32(start), int32(i)}
	}
	s.off = i
	return token{tokEOF, int32(len(src)), int32(len(src))}
}

// scanString returns the offset after the string literal starting at src[i] == '"': after the closing
// quote, or at the end of the line (or file) when the string is unterminated (closed is then false).
func scanString(src []byte, i int) (end int, closed bool) {
	for i++; i < len(src); i++ {
		switch src[i] {
		case '\\':
			if i+1 < len(src) && src[i+1] != '\n' && src[i+1] != '\r' {
				i++
			}
		case '"':
			return i + 1, true
		case '\n', '\r':
			return i, false
		}
	}
	return i, false
}

func scanNumber(src []byte, i int) int {
	if src[i] == '-' {
		i++
	}
	for i < len(src) && isDigit(src[i]) {
		i++
	}
	if i+1 < len(src) && src[i] == '.' && isDigit(src[i+1]) {
		for i++; i < len(src) && isDigit(src[i]); i++ {
		}
	}
	return i
}

// scanIdent scans an identifier (letters, digits, '_' and '-') and any ".name" continuations.
func scanIdent(src []byte, i int) int {
	for i < len(src) {
		if isIdentByte(src[i]) {
			i++
		} else if src[i] == '.' && i+1 < len(src) && isIdentByte(src[i+1]) && src[i+1] != '-' {
			i += 2
		} else {
			break
		}
	}
	return i
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isIdentByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || isDigit(c) || c == '_' || c == '-'
}
