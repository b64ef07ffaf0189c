package resolve

import (
	"bytes"
	"encoding/json"
)

// tsconfig.json and jsconfig.json are JSONC, not JSON: TypeScript accepts `//` and `/* */` comments and
// trailing commas in objects and arrays, and `tsc --init` writes a file full of comments. encoding/json
// rejects all three, so the configuration is first rewritten into plain JSON by stripJSONC. The rewrite keeps
// string literals byte for byte (a `//` inside "https://…" is not a comment) and never adds anything, so it
// cannot turn invalid input into something with a different meaning; what is still invalid after it is
// rejected by encoding/json.

// utf8BOM is the byte-order mark some editors put at the start of JSON files.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// parseJSONC decodes JSON with comments and trailing commas into v.
func parseJSONC(data []byte, v any) error {
	return json.Unmarshal(stripJSONC(data), v)
}

// stripJSONC returns src without a leading byte-order mark, comments and trailing commas. Comments become a
// single space so that tokens on either side stay apart.
func stripJSONC(src []byte) []byte {
	src = bytes.TrimPrefix(src, utf8BOM)
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '"':
			j := stringEnd(src, i)
			out = append(out, src[i:j]...)
			i = j
		case c == '/' && i+1 < len(src) && (src[i+1] == '/' || src[i+1] == '*'):
			i = commentEnd(src, i)
			out = append(out, ' ')
		case c == ',':
			if k := skipTrivia(src, i+1); k < len(src) && (src[k] == '}' || src[k] == ']') {
				i++ // trailing comma
				continue
			}
			out = append(out, c)
			i++
		default:
			out = append(out, c)
			i++
		}
	}
	return out
}

// stringEnd returns the index just after the string literal starting at the quote src[i], or len(src) for
// an unterminated one.
func stringEnd(src []byte, i int) int {
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(src)
}

// commentEnd returns the index just after the comment starting at src[i] ("//" or "/*"). A line comment
// ends before its newline; an unterminated block comment runs to the end.
func commentEnd(src []byte, i int) int {
	if src[i+1] == '/' {
		if k := bytes.IndexByte(src[i+2:], '\n'); k >= 0 {
			return i + 2 + k
		}
		return len(src)
	}
	if k := bytes.Index(src[i+2:], []byte("*/")); k >= 0 {
		return i + 2 + k + 2
	}
	return len(src)
}

// skipTrivia returns the index of the first byte at or after i that is neither whitespace nor in a comment.
func skipTrivia(src []byte, i int) int {
	for i < len(src) {
		switch c := src[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '/' && i+1 < len(src) && (src[i+1] == '/' || src[i+1] == '*'):
			i = commentEnd(src, i)
		default:
			return i
		}
	}
	return i
}

// member is one key of a JSON object, in document order.
type member struct {
	Key   string
	Value json.RawMessage
}

// members returns the members of a JSON object in document order (encoding/json's maps lose it, and both
// `paths` and `exports` are order-sensitive), and false when raw is not an object.
func members(raw json.RawMessage) ([]member, bool) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, false
	}
	var out []member
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, false
		}
		key, ok := tok.(string)
		if !ok {
			return nil, false
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, false
		}
		out = append(out, member{Key: key, Value: v})
	}
	return out, true
}

// jsonKind returns the first significant byte of a JSON value: '{', '[', '"', 'n' (null), … or 0 when empty.
func jsonKind(raw json.RawMessage) byte {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return 0
	}
	return raw[0]
}
